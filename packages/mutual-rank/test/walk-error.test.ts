import { describe, expect, it } from "vitest";
import { createRandom } from "@clearbox/core";
import { createModel, createMonteCarloRanker, solveExact } from "../src/index.js";
import { expectedWalkError } from "../src/walk-error.js";

const l1 = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i] - b[i]);
  return sum;
};

describe("expectedWalkError", () => {
  it("estimates a fresh Monte Carlo solve's L1 error within a factor 1.2, uniform and skewed priors, R = 2 … 40", () => {
    const random = createRandom(5);
    const n = 2000;
    const edges: Array<[number, number, number]> = [];
    for (let e = 0; e < 6 * n; e++) edges.push([random.int(n), Math.floor(n * random.next() ** 2), 1]);
    const input = { types: ["p", "u"], nodeType: Int32Array.from({ length: n }, (_, i) => i % 2), edges };
    const skewed = Float64Array.from({ length: n }, (_, i) => (i % 10 === 0 ? 1 : 0.1));
    for (const prior of [undefined, skewed]) {
      const model = createModel(input, { prior });
      const exact = solveExact(model, { tolerance: 1e-13 }).scores;
      for (const R of [2, 10, 40]) {
        let measured = 0;
        for (const seed of [1, 2, 3])
          measured += l1(createMonteCarloRanker(model, { walksPerNode: R, seed }).scores(), exact) / 3;
        const estimate = expectedWalkError(model.prior, exact, R, model.damping);
        console.log(
          `${prior ? "skewed" : "uniform"} prior, R = ${R}: estimated ${estimate.toFixed(4)}, measured ${measured.toFixed(4)}`,
        );
        expect(estimate / measured).toBeGreaterThan(1 / 1.2);
        expect(estimate / measured).toBeLessThan(1.2);
      }
    }
  });
});
