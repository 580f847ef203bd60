import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRandom } from "@clearbox/core";
import { polylineDistance, sampleBlueNoise, samplingQuality } from "../src/index.js";
import { bundledSeries, row } from "./synthetic.js";

/** Every pairwise distance, by brute force. */
function distances(series: { values: Float32Array; count: number; length: number }): Float64Array {
  const n = series.count;
  const d = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) d[i * n + j] = d[j * n + i] = polylineDistance(row(series, i), row(series, j));
  }
  return d;
}

describe("sampleBlueNoise", () => {
  const { series, outliers } = bundledSeries(600, 40, 1);
  const d = distances(series);
  const n = series.count;

  it("keeps its guarantees, checked by brute force: spacing, coverage, isolated series, exact count", () => {
    for (const count of [1, 2, 7, 30, 120, 600]) {
      const { indices, radius, coverage, isolation } = sampleBlueNoise(series, { count, seed: 3 });
      expect(indices.length).toBe(count);
      expect(new Set(indices).size).toBe(count);
      const inSample = new Uint8Array(n);
      for (const i of indices) inSample[i] = 1;
      for (let a = 0; a < count; a++) {
        for (let b = a + 1; b < count; b++) expect(d[indices[a] * n + indices[b]]).toBeGreaterThanOrEqual(radius);
      }
      for (let i = 0; i < n; i++) {
        let nearestSampled = Infinity;
        let nearestAny = Infinity;
        for (let j = 0; j < n; j++) {
          if (inSample[j]) nearestSampled = Math.min(nearestSampled, i === j ? 0 : d[i * n + j]);
          if (j !== i) nearestAny = Math.min(nearestAny, d[i * n + j]);
        }
        expect(nearestSampled).toBeLessThanOrEqual(coverage);
        if (nearestAny >= isolation) expect(inSample[i]).toBe(1);
      }
    }
  });

  it("is nested and deterministic: a smaller sample is a prefix of a larger one with the same seed", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 599 }), fc.integer({ min: 1, max: 600 }), fc.integer(), (a, b, seed) => {
        const small = sampleBlueNoise(series, { count: Math.min(a, b), seed });
        const large = sampleBlueNoise(series, { count: Math.max(a, b), seed });
        expect(Array.from(large.indices.subarray(0, small.indices.length))).toEqual(Array.from(small.indices));
        expect(sampleBlueNoise(series, { count: Math.min(a, b), seed })).toEqual(small);
      }),
      { numRuns: 25 },
    );
    expect(sampleBlueNoise(series, { ratio: 0.05, seed: 1 }).indices.length).toBe(30);
  });

  it("keeps the planted outliers where random sampling keeps about the ratio, and covers better", () => {
    const blue = sampleBlueNoise(series, { ratio: 0.05, seed: 1 });
    const blueQuality = samplingQuality(series, blue.indices, { outliers });
    expect(blueQuality.outlierRecall).toBeGreaterThanOrEqual(0.8);
    const random = createRandom(1);
    let recall = 0;
    let coverageMax = 0;
    let overdraw = 0;
    for (let trial = 0; trial < 10; trial++) {
      const chosen = random.shuffle(Array.from({ length: n }, (_, i) => i)).slice(0, 30);
      const q = samplingQuality(series, chosen, { outliers });
      recall += q.outlierRecall / 10;
      coverageMax += q.coverageMax / 10;
      overdraw += q.overdraw / 10;
    }
    expect(recall).toBeLessThan(0.3);
    expect(blueQuality.coverageMax).toBeLessThan(coverageMax);
    expect(blueQuality.overdraw).toBeLessThanOrEqual(overdraw);
  });

  it("with a radius, takes every series that nothing taken before comes within it of", () => {
    const { indices, radius } = sampleBlueNoise(series, { radius: 0.5, seed: 2 });
    expect(radius).toBe(0.5);
    const inSample = new Set(indices);
    for (let a = 0; a < indices.length; a++) {
      for (let b = a + 1; b < indices.length; b++) expect(d[indices[a] * n + indices[b]]).toBeGreaterThanOrEqual(0.5);
    }
    for (let i = 0; i < n; i++) {
      if (inSample.has(i)) continue;
      expect(indices.some((j) => d[i * n + j] < 0.5)).toBe(true);
    }
  });

  it("visits by importance when asked, and accepts nested arrays and a y scale", () => {
    const importance = Array.from({ length: n }, (_, i) => (i === 17 ? 10 : 0));
    expect(sampleBlueNoise(series, { count: 5, order: "importance", importance }).indices[0]).toBe(17);
    const nested = Array.from({ length: 50 }, (_, i) => Array.from(row(series, i)));
    const flat = sampleBlueNoise({ values: series.values.slice(0, 50 * 40), count: 50, length: 40 }, { count: 10 });
    expect(sampleBlueNoise(nested, { count: 10 }).indices).toEqual(flat.indices);
    // A linear y scale multiplies every distance: the same sample, the radius scaled.
    const scaled = sampleBlueNoise(nested, { count: 10, y: (v) => 3 * v });
    expect(scaled.indices).toEqual(flat.indices);
    expect(scaled.radius).toBeCloseTo(3 * flat.radius, 9);
  });

  it("handles duplicates and identical series, and one series", () => {
    const same = { values: new Float32Array(20 * 5).fill(1), count: 20, length: 5 };
    expect(sampleBlueNoise(same, { count: 7 }).indices.length).toBe(7);
    expect(sampleBlueNoise({ values: new Float64Array([1, 2]), count: 1, length: 2 }, { count: 1 }).radius).toBe(
      Infinity,
    );
  });

  it("rejects bad input with coded errors naming the argument", () => {
    expect(() => sampleBlueNoise([[1, 2], [1]], { count: 1 })).toThrow(
      expect.objectContaining({ code: "E_SHAPE", argument: "series[1]" }),
    );
    expect(() => sampleBlueNoise([[1], [2]], { count: 1 })).toThrow(expect.objectContaining({ code: "E_SHAPE" }));
    expect(() => sampleBlueNoise([[1, NaN]], { count: 1 })).toThrow(
      expect.objectContaining({ code: "E_NAN", argument: "series[0][1]" }),
    );
    expect(() => sampleBlueNoise([[1, Infinity]], { count: 1 })).toThrow(expect.objectContaining({ code: "E_NAN" }));
    expect(() => sampleBlueNoise([[1, 2]], { count: 2 })).toThrow(
      expect.objectContaining({ code: "E_RANGE", argument: "options.count" }),
    );
    expect(() => sampleBlueNoise([[1, 2]], { count: 0 })).toThrow(
      expect.objectContaining({ code: "E_RANGE", argument: "options.count" }),
    );
    expect(() => sampleBlueNoise([[1, 2]], { ratio: 0 })).toThrow(
      expect.objectContaining({ code: "E_RANGE", argument: "options.ratio" }),
    );
    expect(() => sampleBlueNoise([[1, 2]], { ratio: 1.5 })).toThrow(
      expect.objectContaining({ code: "E_RANGE", argument: "options.ratio" }),
    );
    expect(() => sampleBlueNoise({ values: new Float32Array(5), count: 2, length: 3 }, { count: 1 })).toThrow(
      expect.objectContaining({ code: "E_SHAPE", argument: "series.values" }),
    );
    expect(() => sampleBlueNoise([[1, 2]], {})).toThrow(expect.objectContaining({ code: "E_OPTION" }));
    expect(() => sampleBlueNoise([[1, 2]], { count: 1, ratio: 0.5 })).toThrow(
      expect.objectContaining({ code: "E_OPTION" }),
    );
    expect(() => sampleBlueNoise([[1, 2]], { cuont: 1 } as object)).toThrow(
      expect.objectContaining({ code: "E_OPTION", message: expect.stringContaining("Did you mean count?") }),
    );
  });

  it("keeps its guarantees on values far from zero with tiny differences (bounds rounded at the values' scale)", () => {
    // 10⁶ + 10⁻⁹ · x: the bounds' sums round at ~10⁻¹⁰, as large as the distances; the exact distance must decide.
    const base = bundledSeries(300, 20, 5).series;
    const values = Float64Array.from(base.values, (v) => 1e6 + 1e-9 * v);
    const series = { values, count: 300, length: 20 };
    const rows = Array.from({ length: 300 }, (_, i) => values.subarray(i * 20, (i + 1) * 20));
    const { indices, radius, coverage } = sampleBlueNoise(series, { count: 40, seed: 2 });
    expect(new Set(indices).size).toBe(40);
    for (let a = 0; a < 40; a++) {
      for (let b = a + 1; b < 40; b++) {
        expect(polylineDistance(rows[indices[a]], rows[indices[b]])).toBeGreaterThanOrEqual(radius);
      }
    }
    for (let i = 0; i < 300; i++) {
      const nearest = Math.min(...Array.from(indices, (j) => polylineDistance(rows[i], rows[j])));
      expect(nearest).toBeLessThanOrEqual(coverage);
    }
  });
});
