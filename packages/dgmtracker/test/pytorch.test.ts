// A real PyTorch run (test/fixtures/pytorch-run.py, Debian's python3-torch): recorded by the Python recorder in the
// run format, and saved as Hugging Face-style safetensors checkpoints. Both read here and compared with what PyTorch
// itself reported (expected.json).
import { readFileSync, writeFileSync, mkdtempSync, rmSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { memoryStorage, openRun, sampleRun } from "../src/index.js";
import { directoryStorage, importCheckpoints, openSafetensors } from "../src/node.js";

const fixtures = fileURLToPath(new URL("./fixtures/pytorch-run/", import.meta.url));
const expected = JSON.parse(readFileSync(join(fixtures, "expected.json"), "utf8")) as {
  losses: number[];
  decoderWeights: number[];
  decoderShape: number[];
};
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("a run written by PyTorch", () => {
  it("reads the Python recorder's run: loss, stats, every decoder series within the stated error", () => {
    const run = openRun(directoryStorage(join(fixtures, "run")));
    expect(run.length).toBe(40);
    expect(Array.from(run.steps())).toEqual(Array.from({ length: 40 }, (_, t) => t + 1));
    run.scalar("loss").forEach((loss, t) => expect(loss).toBeCloseTo(expected.losses[t], 5));
    expect(run.scalar("loss")[39]).toBeLessThan(run.scalar("loss")[0]);
    const last = Float32Array.from(expected.decoderWeights);
    const stats = run.stats("decoder", "weights");
    expect(stats.min[39]).toBe(Math.min(...last));
    expect(stats.max[39]).toBe(Math.max(...last));
    const window = run.readSeries("decoder", "weights", { from: 39, to: 40 });
    expect(run.fullSeries()[0]).toMatchObject({
      layer: "decoder",
      kind: "weights",
      count: 72,
      shape: expected.decoderShape,
    });
    window.values.forEach((v, i) =>
      expect(Math.abs(v - last[i])).toBeLessThanOrEqual(window.maxError * 1.000001 + 1e-7),
    );
    expect(run.stats("encoder", "activations").min[0]).toBeGreaterThanOrEqual(0); // after the ReLU
    // The analyses run on it as on a tfjs run.
    expect(sampleRun(run, "decoder", "gradients", { count: 10 }).blue.indices).toHaveLength(10);
  });

  it("reads a folder of safetensors checkpoints as weight series, with the Trainer's loss", () => {
    const storage = memoryStorage();
    const { steps, tensors, shapes } = importCheckpoints(join(fixtures, "checkpoints"), storage, {
      full: ["2.weight"],
    });
    expect(shapes["2.weight"]).toEqual(expected.decoderShape);
    expect(steps).toEqual([10, 20, 30, 40]);
    expect(tensors).toEqual(["0.weight", "0.bias", "2.weight", "2.bias"]);
    const run = openRun(storage);
    expect(Array.from(run.scalar("loss"))).toEqual([10, 20, 30, 40].map((s) => expected.losses[s - 1]));
    const window = run.readSeries("2.weight", "weights", { from: 3, to: 4 });
    window.values.forEach((v, i) =>
      expect(Math.abs(v - expected.decoderWeights[i])).toBeLessThanOrEqual(window.maxError * 1.000001 + 1e-7),
    );
    expect(run.stats("2.weight", "weights").max[3]).toBe(Math.max(...Float32Array.from(expected.decoderWeights)));
  });

  it("imports into a folder given by its path, reports progress, and stops on its signal", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "clearbox-ckpt-")), "run");
    dirs.push(dir);
    const fractions: number[] = [];
    const into = memoryStorage();
    importCheckpoints(join(fixtures, "checkpoints"), into, { onProgress: (f) => fractions.push(f) });
    expect(fractions.at(-1)).toBe(1);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    importCheckpoints(join(fixtures, "checkpoints"), dir);
    const fromPath = openRun(directoryStorage(dir));
    expect(fromPath.length).toBe(4);
    expect(Array.from(fromPath.stats("2.weight", "weights").mean)).toEqual(
      Array.from(openRun(into).stats("2.weight", "weights").mean),
    );
    expect(() => importCheckpoints(join(fixtures, "checkpoints"), dir)).toThrow(
      expect.objectContaining({ code: "E_OPTION" }), // a folder that holds a run already
    );
    const controller = new AbortController();
    controller.abort();
    expect(() =>
      importCheckpoints(join(fixtures, "checkpoints"), memoryStorage(), { signal: controller.signal }),
    ).toThrow(expect.objectContaining({ code: "E_ABORTED" }));
  });

  it("rejects a file that is not safetensors, and an empty folder", () => {
    const dir = mkdtempSync(join(tmpdir(), "clearbox-ckpt-"));
    dirs.push(dir);
    expect(() => importCheckpoints(dir, memoryStorage())).toThrow(expect.objectContaining({ code: "E_EMPTY" }));
    mkdirSync(join(dir, "checkpoint-5"));
    writeFileSync(join(dir, "checkpoint-5", "model.safetensors"), new Uint8Array([200, 0, 0, 0, 0, 0, 0, 0, 123]));
    expect(() => importCheckpoints(dir, memoryStorage())).toThrow(expect.objectContaining({ code: "E_FORMAT" }));
    const bytes = readFileSync(join(fixtures, "checkpoints", "checkpoint-10", "model.safetensors"));
    const file = openSafetensors((offset, length) => new Uint8Array(bytes.subarray(offset, offset + length)));
    expect(file.tensors["2.weight"].shape).toEqual(expected.decoderShape);
    const cut = openSafetensors(
      (offset, length) => new Uint8Array(bytes.subarray(offset, Math.min(offset + length, bytes.length - 4))),
    );
    expect(() => cut.read("2.bias")).toThrow(expect.objectContaining({ code: "E_FORMAT" }));
  });

  it("converts half and bfloat16 tensors to float32", () => {
    const header = new TextEncoder().encode(
      JSON.stringify({
        h: { dtype: "F16", shape: [3], data_offsets: [0, 6] },
        b: { dtype: "BF16", shape: [2], data_offsets: [6, 10] },
      }),
    );
    const bytes = new Uint8Array(8 + header.length + 10);
    new DataView(bytes.buffer).setBigUint64(0, BigInt(header.length), true);
    bytes.set(header, 8);
    const data = new DataView(bytes.buffer, 8 + header.length);
    [0x3c00, 0xc000, 0x3555].forEach((h, i) => data.setUint16(2 * i, h, true)); // 1, −2, ≈ 1/3
    [0x3f80, 0xc0a0].forEach((h, i) => data.setUint16(6 + 2 * i, h, true)); // 1, −5
    const file = openSafetensors((offset, length) => bytes.slice(offset, offset + length));
    expect(Array.from(file.read("h"))).toEqual([1, -2, Math.fround(0.333251953125)]);
    expect(Array.from(file.read("b"))).toEqual([1, -5]);
  });
});
