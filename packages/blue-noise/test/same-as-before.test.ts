import { describe, expect, it } from "vitest";
import { createRandom } from "@clearbox/core";
import { createOnlineSampler, sampleBlueNoise } from "../src/index.js";
import type { SampleBlueNoiseOptions } from "../src/index.js";
import { bundledSeries } from "./synthetic.js";
import before from "./fixtures/before-index.json";

/** Gaussian random walks, as fixtures/write-before-index.mjs makes them. */
function walks(n: number, length: number, seed: number) {
  const random = createRandom(seed);
  const values = new Float64Array(n * length);
  for (let i = 0; i < n; i++) {
    let v = 0;
    for (let t = 0; t < length; t++) values[i * length + t] = v += random.normal();
  }
  return { values, count: n, length };
}

const inputs: Record<string, { values: Float32Array | Float64Array; count: number; length: number }> = {
  "bundled 3000 × 40 seed 1": bundledSeries(3000, 40, 1).series,
  "bundled 2000 × 100 seed 2": bundledSeries(2000, 100, 2).series,
  "walks 1500 × 12 seed 3": walks(1500, 12, 3),
  "walks 800 × 3 seed 4": walks(800, 3, 4),
};

// The index only decides which pairs get an exact distance; every keep-or-skip decision is made on the exact
// distance. So the samples must be the ones the earlier index (pivots, callback grid) gave, series for series.
describe("the reworked index gives the samples the earlier one gave", () => {
  it("sampleBlueNoise: 16 cases (ratio, small and large count, radius) on bundles and random walks", () => {
    for (const expected of before.cases) {
      const result = sampleBlueNoise(inputs[expected.name], expected.options as SampleBlueNoiseOptions);
      expect(Array.from(result.indices), `${expected.name} ${JSON.stringify(expected.options)}`).toEqual(
        expected.indices,
      );
      expect([result.radius, result.coverage, result.isolation, result.passes]).toEqual([
        expected.radius,
        expected.coverage,
        expected.isolation,
        expected.passes,
      ]);
    }
  });

  it("the online sampler: its sample after each of 16 steps", () => {
    const series = walks(2000, 16, 5);
    const sampler = createOnlineSampler({ count: 100, seed: 6, window: 300 });
    for (let t = 0; t < series.length; t++) {
      sampler.push(Float64Array.from({ length: series.count }, (_, i) => series.values[i * series.length + t]));
      const { indices, radius } = sampler.sample();
      const expected = before.online[t];
      // JSON writes Infinity (no sample yet) as null.
      expect({ step: t, indices: Array.from(indices), radius }).toEqual({
        step: t,
        indices: expected.indices,
        radius: expected.radius ?? Infinity,
      });
    }
  });
});
