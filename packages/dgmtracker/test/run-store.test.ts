import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { createRunWriter, memoryStorage, openRun } from "../src/index.js";
import { directoryStorage } from "../src/node.js";

const random = (seed: number) => () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;

/** A run of `steps` steps: layer a (stats only) and b (full, 12 weights, 5 activations), drifting random walks. */
function synthetic(steps: number, seed = 7) {
  const next = random(seed);
  const walk = Array.from({ length: 12 }, () => next());
  return Array.from({ length: steps }, (_, t) => {
    walk.forEach((v, i) => (walk[i] = v + 0.05 * next() * (i === 3 ? 20 : 1)));
    return {
      step: 10 * t + 1,
      record: {
        scalars: { loss: 5 - t / 10, accuracy: t / steps },
        layers: {
          a: { weights: Array.from({ length: 6 }, next), gradients: Float32Array.from({ length: 6 }, next) },
          b: { weights: Float32Array.from(walk), activations: Array.from({ length: 5 }, next), shape: [3, 4] },
        },
      },
    };
  });
}

function written(steps = 30, chunkSteps = 7) {
  const storage = memoryStorage();
  const writer = createRunWriter(storage, { full: ["b"], chunkSteps, meta: { model: "test" } });
  const raw = synthetic(steps);
  for (const { step, record } of raw) writer.append(step, record);
  writer.close();
  return { storage, raw, run: openRun(storage) };
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("the run store", () => {
  it("refuses an unknown option key of readSeries (E_OPTION), as every options object does", () => {
    const { run } = written();
    expect(() => run.readSeries("b", "weights", { form: 3 } as never)).toThrow(
      expect.objectContaining({ code: "E_OPTION" }),
    );
    expect(run.readSeries("b", "weights", { from: 3, to: undefined }).length).toBe(27);
  });

  it("keeps steps, scalars and every layer's min / mean / max exactly", () => {
    const { raw, run } = written();
    expect(run.length).toBe(30);
    expect(Array.from(run.steps())).toEqual(raw.map((r) => r.step));
    expect(Array.from(run.scalar("loss"))).toEqual(raw.map((r) => r.record.scalars.loss));
    expect(run.manifest.meta).toEqual({ model: "test" });
    for (const [layer, kind] of [
      ["a", "weights"],
      ["a", "gradients"],
      ["b", "activations"],
    ] as const) {
      const s = run.stats(layer, kind);
      raw.forEach(({ record }, t) => {
        const values = Array.from((record.layers as Record<string, Record<string, ArrayLike<number>>>)[layer][kind]);
        expect(s.min[t]).toBe(Math.min(...values));
        expect(s.max[t]).toBe(Math.max(...values));
        expect(s.mean[t]).toBeCloseTo(values.reduce((x, y) => x + y, 0) / values.length, 12);
      });
    }
    expect(run.fullSeries()).toEqual([
      { layer: "b", kind: "weights", count: 12, shape: [3, 4] },
      { layer: "b", kind: "activations", count: 5 },
    ]);
  });

  it("keeps every series of the full layers within the stated 16-bit error", () => {
    const { raw, run } = written();
    const window = run.readSeries("b", "weights");
    expect([window.count, window.length]).toEqual([12, 30]);
    let largest = 0;
    for (let i = 0; i < 12; i++) {
      for (let c = 0; c < 30; c += 7) {
        const chunk = raw.slice(c, c + 7).map((r) => r.record.layers.b.weights[i]);
        const bound = (Math.max(...chunk) - Math.min(...chunk)) / 131070;
        largest = Math.max(largest, bound);
        chunk.forEach((v, k) => {
          expect(Math.abs(window.values[i * 30 + c + k] - v)).toBeLessThanOrEqual(
            bound * (1 + 1e-6) + 1e-7 * Math.abs(v),
          );
        });
      }
    }
    expect(window.maxError).toBeCloseTo(largest, 9);
  });

  it("reads any window of steps × subset of series as the same values as the whole", () => {
    const { run } = written(40, 6);
    const whole = run.readSeries("b", "weights");
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 40 }),
        fc.array(fc.integer({ min: 0, max: 11 }), { minLength: 1, maxLength: 15 }),
        (a, b, series) => {
          const [from, to] = [Math.min(a, b), Math.max(a, b)];
          const part = run.readSeries("b", "weights", { from, to, series });
          expect(Array.from(part.steps)).toEqual(Array.from(run.steps().subarray(from, to)));
          series.forEach((i, k) => {
            for (let t = from; t < to; t++)
              expect(part.values[k * (to - from) + t - from]).toBe(whole.values[i * 40 + t]);
          });
        },
      ),
      { numRuns: 60 },
    );
    const range = run.readSeries("b", "weights", { series: { start: 3, end: 6 }, from: 10, to: 12 });
    expect(Array.from(range.series)).toEqual([3, 4, 5]);
  });

  it("decodes into a caller's buffer when given one (the same values, no new array), and refuses one too small", () => {
    const { run } = written(40, 6);
    const into = new Float32Array(12 * 40).fill(NaN);
    const window = run.readSeries("b", "weights", { from: 4, to: 31, series: { start: 1, end: 11 }, into });
    expect(window.values.buffer).toBe(into.buffer);
    expect(window.values).toEqual(
      run.readSeries("b", "weights", { from: 4, to: 31, series: { start: 1, end: 11 } }).values,
    );
    expect(() => run.readSeries("b", "weights", { into: new Float32Array(10) })).toThrow(
      expect.objectContaining({ code: "E_SHAPE" }),
    );
  });

  it("reads the same windows from a storage without readInto (each piece read on its own)", () => {
    const { storage, run } = written(40, 6);
    const plain = openRun({
      append: storage.append,
      replace: storage.replace,
      read: storage.read,
      size: storage.size,
    });
    for (const [from, to, series] of [
      [0, 40, undefined],
      [5, 23, [11, 0, 3, 4, 5, 9]],
      [17, 18, { start: 2, end: 12 }],
    ] as const) {
      const options = { from, to, ...(series ? { series } : {}) };
      expect(plain.readSeries("b", "weights", options)).toEqual(run.readSeries("b", "weights", options));
    }
  });

  it("writes to a folder as training goes: the committed steps are readable mid-run, memory holds one chunk", () => {
    const dir = mkdtempSync(join(tmpdir(), "clearbox-run-"));
    dirs.push(dir);
    const storage = directoryStorage(dir);
    const writer = createRunWriter(storage, { full: ["b"], chunkMemory: 12 * 4 * 8 + 5 * 4 * 8 });
    const raw = synthetic(20);
    raw.slice(0, 10).forEach(({ step, record }) => writer.append(step, record));
    expect(writer.manifest().chunkSteps).toBe(8);
    expect(openRun(directoryStorage(dir)).length).toBe(8);
    raw.slice(10).forEach(({ step, record }) => writer.append(step, record));
    writer.close();
    storage.close();
    const run = openRun(directoryStorage(dir));
    expect(run.length).toBe(20);
    const fromMemory = written(20, 8).run.readSeries("b", "activations", { from: 3, to: 17 });
    expect(run.readSeries("b", "activations", { from: 3, to: 17 }).values).toEqual(fromMemory.values);
  });

  it("rejects a truncated, foreign or newer run with E_FORMAT", () => {
    const dir = mkdtempSync(join(tmpdir(), "clearbox-run-"));
    dirs.push(dir);
    const writer = createRunWriter(directoryStorage(dir), { full: ["b"], chunkSteps: 5 });
    synthetic(12).forEach(({ step, record }) => writer.append(step, record));
    writer.close();
    const open = () => openRun(directoryStorage(dir));
    expect(open().length).toBe(12);
    const manifest = readFileSync(join(dir, "run.json"), "utf8");
    const series = readFileSync(join(dir, "series-0.bin"));
    const expectFormat = (pattern: RegExp) =>
      expect(open).toThrow(expect.objectContaining({ code: "E_FORMAT", message: expect.stringMatching(pattern) }));

    truncateSync(join(dir, "series-0.bin"), series.length - 1);
    expectFormat(/series-0\.bin is truncated/);
    writeFileSync(join(dir, "series-0.bin"), series);
    truncateSync(join(dir, "stats.bin"), 40);
    expectFormat(/stats\.bin is truncated/);
    writeFileSync(join(dir, "run.json"), manifest.slice(0, 50));
    expectFormat(/not JSON/);
    writeFileSync(join(dir, "run.json"), JSON.stringify({ format: "something-else" }));
    expectFormat(/not a clearbox run/);
    writeFileSync(join(dir, "run.json"), manifest.replace('"version":1', '"version":2'));
    expectFormat(/version 2/);
    rmSync(join(dir, "run.json"));
    expectFormat(/No run\.json/);
  });

  it("rejects a chunk with a foreign header when it reads it", () => {
    const { storage } = written(14, 7);
    const files = storage.files();
    const bytes = files["series-0.bin"].slice();
    bytes[0] = 0x50; // "P": not a chunk header
    const run = openRun(memoryStorage({ ...files, "series-0.bin": bytes }));
    expect(() => run.readSeries("b", "weights", { from: 0, to: 2 })).toThrow(
      expect.objectContaining({ code: "E_FORMAT" }),
    );
    expect(run.readSeries("b", "weights", { from: 7, to: 14 }).length).toBe(7);
  });

  it("says what is wrong with a step, an option or a window", () => {
    const storage = memoryStorage();
    const writer = createRunWriter(storage, { full: ["b"], chunkSteps: 4 });
    const [first, second] = synthetic(2);
    writer.append(0, first.record);
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        return (error as { code: string }).code;
      }
      return "none";
    };
    expect(code(() => writer.append(0, second.record))).toBe("E_RANGE");
    expect(code(() => writer.append(1, { layers: { c: { weights: [1] } } }))).toBe("E_SHAPE");
    expect(code(() => writer.append(1, { layers: { b: { weights: [1, 2] } } }))).toBe("E_SHAPE");
    expect(code(() => writer.append(1, { layers: { ...second.record.layers, a: { weights: [1, NaN] } } }))).toBe(
      "E_NAN",
    );
    expect(code(() => createRunWriter(memoryStorage(), { ful: ["b"] } as never))).toBe("E_OPTION");
    writer.append(1, second.record);
    writer.close();
    expect(code(() => createRunWriter(storage))).toBe("E_OPTION");
    const run = openRun(storage);
    expect(code(() => run.readSeries("a", "weights"))).toBe("E_OPTION");
    expect(code(() => run.readSeries("b", "weights", { to: 3 }))).toBe("E_RANGE");
    expect(code(() => run.readSeries("b", "weights", { series: [12] }))).toBe("E_RANGE");
    expect(code(() => run.scalar("los"))).toBe("E_OPTION");
  });
});
