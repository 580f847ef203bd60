// The recorder and the run file: statistics and series as recorded, the file round trip within its quantisation.
import { describe, expect, it } from "vitest";
import { createRecorder } from "../src/recorder.mjs";
import { decodeRun, encodeRun } from "../src/run-file.mjs";

const random = (seed) => () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;

function recorded(steps = 40) {
  const next = random(7);
  const recorder = createRecorder({ full: "b", online: { count: 5, seed: 1 } });
  const raw = [];
  for (let t = 0; t < steps; t++) {
    const layers = {
      a: { weights: Array.from({ length: 6 }, next), gradients: Array.from({ length: 6 }, next) },
      b: { weights: Array.from({ length: 12 }, next), activations: Array.from({ length: 4 }, next) },
    };
    raw.push(layers);
    recorder.record({ loss: 10 - t / 10, layers });
  }
  return { recorder, raw, record: recorder.finish() };
}

describe("createRecorder", () => {
  it("keeps min, mean and max of every layer's statistics per step, checked against the raw values", () => {
    const { raw, record } = recorded();
    expect(record.steps).toBe(40);
    raw.forEach((layers, t) => {
      for (const [layer, kinds] of Object.entries(layers)) {
        for (const [kind, values] of Object.entries(kinds)) {
          const s = record.stats[layer][kind];
          expect(s.min[t]).toBe(Math.min(...values));
          expect(s.max[t]).toBe(Math.max(...values));
          expect(s.mean[t]).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length, 12);
        }
      }
    });
  });

  it("keeps every series of the full layer, series-major, and an online sample of its weights", () => {
    const { raw, record, recorder } = recorded();
    const { values, count, length } = record.full.weights;
    expect([count, length]).toEqual([12, 40]);
    for (let i = 0; i < count; i++)
      for (let t = 0; t < length; t++) expect(values[i * length + t]).toBeCloseTo(raw[t].b.weights[i], 6);
    expect(record.full.gradients).toBeUndefined();
    expect(recorder.onlineSample().indices).toHaveLength(5);
  });

  it("says so when a statistic is missing at a step", () => {
    const recorder = createRecorder();
    recorder.record({ loss: 1, layers: { a: { weights: [1, 2] } } });
    recorder.record({ loss: 1, layers: { a: {} } });
    expect(() => recorder.record({ loss: 1, layers: { a: { weights: [1, 2] } } })).toThrow(
      /a\.weights was not recorded at every step/,
    );
  });
});

describe("the run file", () => {
  it("round-trips a run: series within 1/65,535 of each series' range, statistics to 6 digits", () => {
    const { record, recorder } = recorded();
    const run = {
      record,
      weights: { dec1: { kernel: [[0.123456789]], bias: [1] } },
      probeCodes: [[0.5]],
      online: recorder.onlineSample(),
    };
    const { header, bytes } = encodeRun(run, { about: "test" });
    const back = decodeRun(JSON.parse(JSON.stringify(header)), bytes);
    expect(back.about).toBe("test");
    const { values, count, length } = record.full.weights;
    const decoded = back.record.full.weights.values;
    for (let i = 0; i < count; i++) {
      const row = values.subarray(i * length, (i + 1) * length);
      const range = Math.max(...row) - Math.min(...row);
      for (let t = 0; t < length; t++)
        expect(Math.abs(decoded[i * length + t] - row[t])).toBeLessThanOrEqual(range / 65535 + 1e-6);
    }
    expect(back.record.stats.a.weights.max[3]).toBeCloseTo(record.stats.a.weights.max[3], 5);
    expect(Array.from(back.online.indices)).toEqual(Array.from(run.online.indices));
    expect(back.decoder.dec1.kernel[0][0]).toBe(0.123457);
  });
});
