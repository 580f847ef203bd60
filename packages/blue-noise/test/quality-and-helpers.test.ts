import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  aggregateSeries,
  createOnlineSampler,
  polylineDistance,
  sampleBlueNoise,
  samplingQuality,
  timeWindow,
} from "../src/index.js";
import { nearestNeighbours } from "../src/nearest.js";
import { SeriesIndex } from "../src/series-index.js";
import { bundledSeries, row } from "./synthetic.js";

describe("polylineDistance", () => {
  it("is eq. 4-1: the mean gap between corresponding segment midpoints", () => {
    expect(polylineDistance([0, 0, 0], [1, 1, 1])).toBe(1);
    expect(polylineDistance([0, 2, 0], [0, 0, 0])).toBe(1);
    expect(polylineDistance([0, 4], [0, 0], { y: (v) => 10 * v })).toBe(20);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ min: -5, max: 5, noNaN: true })), {
          minLength: 2,
          maxLength: 12,
        }),
        (pairs) => {
          const a = pairs.map((p) => p[0]);
          const b = pairs.map((p) => p[1]);
          let sum = 0;
          for (let t = 0; t + 1 < a.length; t++) sum += Math.abs((a[t] + a[t + 1]) / 2 - (b[t] + b[t + 1]) / 2);
          expect(polylineDistance(a, b)).toBeCloseTo(sum / (a.length - 1), 9);
          expect(polylineDistance(a, b)).toBeCloseTo(polylineDistance(b, a), 12);
        },
      ),
    );
    expect(() => polylineDistance([1, 2], [1, 2, 3])).toThrow(
      expect.objectContaining({ code: "E_SHAPE", argument: "b" }),
    );
    expect(() => polylineDistance([1], [1])).toThrow(expect.objectContaining({ code: "E_SHAPE" }));
    expect(() => polylineDistance([1, NaN], [1, 2])).toThrow(
      expect.objectContaining({ code: "E_NAN", argument: "a[1]" }),
    );
  });
});

describe("the index", () => {
  it("finds every nearest neighbour that a brute-force scan finds", () => {
    const { series } = bundledSeries(300, 25, 5);
    const index = new SeriesIndex(series.values, series.count, series.length);
    const all = Int32Array.from({ length: 300 }, (_, i) => i);
    const members = all.filter((i) => i % 7 === 0);
    const fast = nearestNeighbours(index, all, members, false);
    const self = nearestNeighbours(index, all, all, true);
    for (let i = 0; i < 300; i++) {
      let best = Infinity;
      let bestAny = Infinity;
      for (const j of members) best = Math.min(best, polylineDistance(row(series, i), row(series, j)));
      for (let j = 0; j < 300; j++)
        if (j !== i) bestAny = Math.min(bestAny, polylineDistance(row(series, i), row(series, j)));
      expect(fast[i]).toBeCloseTo(best, 9);
      expect(self[i]).toBeCloseTo(bestAny, 9);
      // The lower bound never exceeds the distance.
      expect(index.lowerBound(i, (i * 13) % 300)).toBeLessThanOrEqual(index.distance(i, (i * 13) % 300) + 1e-12);
    }
  });
});

describe("nearestNeighbours on the grid path (more than 2^18 pairs)", () => {
  it("gives the exact nearest distance, never an early-exited partial sum", () => {
    const { series } = bundledSeries(3000, 40, 5);
    const index = new SeriesIndex(series.values, series.count, series.length);
    const all = Int32Array.from({ length: 3000 }, (_, i) => i);
    const members = all.filter((i) => i % 7 === 0);
    const queries = all.subarray(0, 300);
    const toMembers = nearestNeighbours(index, all, members, false);
    const toAll = nearestNeighbours(index, queries, all, true);
    let wrong = 0;
    for (let i = 0; i < 3000; i++) {
      let best = Infinity;
      for (const j of members) best = Math.min(best, polylineDistance(row(series, i), row(series, j)));
      if (Math.abs(toMembers[i] - best) > 1e-9 * Math.max(1, best)) wrong++;
      if (i >= 300) continue;
      let bestAny = Infinity;
      for (let j = 0; j < 3000; j++)
        if (j !== i) bestAny = Math.min(bestAny, polylineDistance(row(series, i), row(series, j)));
      if (Math.abs(toAll[i] - bestAny) > 1e-9 * Math.max(1, bestAny)) wrong++;
    }
    expect(wrong).toBe(0);
    // 2.2 million brute-force distances: seconds on an idle machine, more on a shared one.
  }, 180_000);
});

describe("samplingQuality", () => {
  it("agrees with brute force on spacing and coverage, and measures recall, overdraw and fidelity in range", () => {
    const { series, outliers } = bundledSeries(200, 20, 2);
    const indices = Array.from(sampleBlueNoise(series, { count: 20, seed: 1 }).indices);
    const q = samplingQuality(series, indices, { outliers });
    let minSpacing = Infinity;
    for (const a of indices)
      for (const b of indices)
        if (a < b) minSpacing = Math.min(minSpacing, polylineDistance(row(series, a), row(series, b)));
    const cover = Array.from({ length: 200 }, (_, i) =>
      Math.min(...indices.map((j) => (i === j ? 0 : polylineDistance(row(series, i), row(series, j))))),
    );
    expect(q.minSpacing).toBeCloseTo(minSpacing, 9);
    expect(q.coverageMax).toBeCloseTo(Math.max(...cover), 9);
    expect(q.coverageMean).toBeCloseTo(cover.reduce((s, v) => s + v, 0) / 200, 9);
    for (const key of ["outlierRecall", "overdraw", "densityFidelity"] as const) {
      expect(q[key]).toBeGreaterThanOrEqual(0);
      expect(q[key]).toBeLessThanOrEqual(1);
    }
    // The whole set reproduces its own density exactly and covers everything.
    const everything = samplingQuality(
      series,
      Array.from({ length: 200 }, (_, i) => i),
    );
    expect(everything.densityFidelity).toBeCloseTo(1, 12);
    expect(everything.coverageMax).toBe(0);
    expect(() => samplingQuality(series, [1, 1])).toThrow(expect.objectContaining({ code: "E_SHAPE" }));
    expect(() => samplingQuality(series, [200])).toThrow(expect.objectContaining({ code: "E_RANGE" }));
  });
});

describe("aggregateSeries", () => {
  it("reduces the chosen axes of a tensor of series, keeping time last", () => {
    // shape [2, 3, 4]: 2 × 3 series of 4 steps; value = 100 a + 10 b + t.
    const values = Float64Array.from(
      { length: 24 },
      (_, k) => 100 * Math.floor(k / 12) + 10 * (Math.floor(k / 4) % 3) + (k % 4),
    );
    const byA = aggregateSeries(values, [2, 3, 4], [1], "mean");
    expect(byA.shape).toEqual([2, 4]);
    expect(Array.from(byA.values)).toEqual([10, 11, 12, 13, 110, 111, 112, 113]);
    expect(Array.from(aggregateSeries(values, [2, 3, 4], [0], "max").values.subarray(0, 4))).toEqual([
      100, 101, 102, 103,
    ]);
    expect(Array.from(aggregateSeries(values, [2, 3, 4], [0, 1], "sum").values)).toEqual([360, 366, 372, 378]);
    expect(aggregateSeries(values, [2, 3, 4], [], "min").count).toBe(6);
    expect(aggregateSeries([3, 4, 0, 0], [2, 2], [0], "l2").values[0]).toBe(3);
    expect(() => aggregateSeries(values, [2, 3, 5], [0], "mean")).toThrow(expect.objectContaining({ code: "E_SHAPE" }));
    expect(() => aggregateSeries(values, [2, 3, 4], [2], "mean")).toThrow(expect.objectContaining({ code: "E_RANGE" }));
    expect(() => aggregateSeries(values, [2, 3, 4], [0], "median" as "mean")).toThrow(
      expect.objectContaining({ code: "E_OPTION" }),
    );
  });
});

describe("timeWindow", () => {
  it("gives bucket means over the whole run and the focused steps at full resolution", () => {
    const series = [Array.from({ length: 10 }, (_, t) => t)];
    const { overview, overviewSteps, focus, focusSteps } = timeWindow(series, 2, 5, { resolution: 5 });
    expect(Array.from(overview.values)).toEqual([0.5, 2.5, 4.5, 6.5, 8.5]);
    expect(Array.from(overviewSteps)).toEqual([0.5, 2.5, 4.5, 6.5, 8.5]);
    expect(Array.from(focus.values)).toEqual([2, 3, 4, 5]);
    expect(Array.from(focusSteps)).toEqual([2, 3, 4, 5]);
    expect(() => timeWindow(series, 5, 5)).toThrow(expect.objectContaining({ code: "E_RANGE", argument: "to" }));
  });
});

describe("createOnlineSampler", () => {
  it("keeps exactly count series sampled as steps arrive, spread out like a fresh sample", () => {
    const { series, outliers } = bundledSeries(800, 30, 7);
    const sampler = createOnlineSampler({ count: 40, seed: 1, window: 200 });
    expect(sampler.sample().indices.length).toBe(0);
    for (let t = 0; t < 30; t++) {
      sampler.push(Array.from({ length: 800 }, (_, i) => series.values[i * 30 + t]));
      if (t >= 1) {
        const { indices } = sampler.sample();
        expect(indices.length).toBe(40);
        expect(new Set(indices).size).toBe(40);
      }
    }
    expect(sampler.length).toBe(30);
    const { indices, radius } = sampler.sample();
    // The reported radius is a true lower bound on the sample's spacing (brute force).
    for (const a of indices)
      for (const b of indices)
        if (a < b) expect(polylineDistance(row(series, a), row(series, b))).toBeGreaterThanOrEqual(radius);
    const online = samplingQuality(series, indices, { outliers });
    const fresh = samplingQuality(series, sampleBlueNoise(series, { count: 40, seed: 1 }).indices, { outliers });
    // It drifts from a fresh sample (see the bench), but covers the series about as well on average.
    expect(online.coverageMean).toBeLessThan(1.5 * fresh.coverageMean);
    expect(online.outlierRecall).toBeGreaterThanOrEqual(0.5);
    expect(() => sampler.push([1, 2])).toThrow(expect.objectContaining({ code: "E_SHAPE", argument: "step" }));
    expect(() => createOnlineSampler({ count: 0 })).toThrow(expect.objectContaining({ code: "E_RANGE" }));
  });

  it("takes in series that become isolated while it runs (a fault halfway through training)", () => {
    const { series } = bundledSeries(600, 40, 3);
    const late = [11, 222, 333, 444, 555];
    const values = Float64Array.from(series.values);
    // From step 20 on, five series leave the bundle, each its own way.
    late.forEach((i, k) => {
      for (let t = 20; t < 40; t++) values[i * 40 + t] += (k % 2 === 0 ? 1 : -1) * (3 + k) * (t - 19);
    });
    const sampler = createOnlineSampler({ count: 30, seed: 2, window: 150 });
    for (let t = 0; t < 40; t++) sampler.push(Array.from({ length: 600 }, (_, i) => values[i * 40 + t]));
    const { indices, radius } = sampler.sample();
    expect(new Set(indices).size).toBe(30);
    expect(late.filter((i) => indices.includes(i))).toEqual(late);
    const grown = { values, count: 600, length: 40 };
    for (const a of indices)
      for (const b of indices)
        if (a < b) expect(polylineDistance(row(grown, a), row(grown, b))).toBeGreaterThanOrEqual(radius);
    expect(() => createOnlineSampler({ count: 0 })).toThrow(expect.objectContaining({ code: "E_RANGE" }));
  });
});
