import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { isClearboxError } from "@clearbox/core";
// The built package, as users import it: the background storage starts dist/write-worker.js.
import { createTracker, openRun } from "@clearbox/dgmtracker";
import { directoryStorage } from "@clearbox/dgmtracker/node";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const folder = () => {
  const dir = mkdtempSync(join(tmpdir(), "clearbox-background-"));
  dirs.push(dir);
  return dir;
};

/** 23 steps of a 3 × 700 layer (full: weights and gradients) and a stats-only layer, into `store`. */
function record(store: ReturnType<typeof directoryStorage>, onStep?: (step: number) => void) {
  const tracker = createTracker({ full: ["dense"], store, chunkSteps: 5 });
  const weights = Float32Array.from({ length: 2100 }, (_, i) => Math.sin(i));
  for (let step = 0; step < 23; step++) {
    for (let i = 0; i < weights.length; i++) weights[i] += 0.01 * Math.cos(i * step) + (i === 7 ? step : 0);
    const gradients = weights.map((w, i) => w * (i % 3) - step);
    tracker.record(step, {
      scalars: { loss: 1 / (step + 1) },
      layers: { dense: { weights, gradients, shape: [3, 700] }, head: { weights: [step, -step, 2 * step] } },
    });
    onStep?.(step);
  }
  tracker.close({ done: true });
  store.close();
}

describe("directoryStorage({ background: true })", () => {
  it("writes the same bytes as the synchronous storage, file by file", () => {
    const [sync, background] = [folder(), folder()];
    record(directoryStorage(sync));
    record(directoryStorage(background, { background: true }));
    const files = readdirSync(sync).sort();
    expect(readdirSync(background).sort()).toEqual(files);
    expect(files).toContain("series-1.bin");
    for (const file of files) expect(readFileSync(join(background, file))).toEqual(readFileSync(join(sync, file)));
    const run = openRun(directoryStorage(background));
    expect(run.length).toBe(23);
    expect(run.manifest.meta).toEqual({ done: true });
  });

  it("reads what was recorded so far while recording goes on (reads wait for the writes)", () => {
    const dir = folder();
    const store = directoryStorage(dir, { background: true });
    const seen: number[] = [];
    record(store, (step) => {
      if (step % 5 === 4) seen.push(openRun(store).length); // a chunk of 5 has just been handed to the worker
    });
    expect(seen).toEqual([5, 10, 15, 20]);
  });

  it("reports a write that failed at the next read, and refuses unknown options", () => {
    const dir = folder();
    const store = directoryStorage(dir, { background: true });
    store.append("nested/missing.bin", new Uint8Array(4)); // no such sub-folder: the worker's open fails
    expect(() => store.size("run.json")).toThrow(/background.*ENOENT/);
    expect(() => store.close()).toThrow(/ENOENT/);
    let error: unknown;
    try {
      directoryStorage(folder(), { backgrond: true } as never);
    } catch (e) {
      error = e;
    }
    expect(isClearboxError(error, "E_OPTION")).toBe(true);
  });
});
