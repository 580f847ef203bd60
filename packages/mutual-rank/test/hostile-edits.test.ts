import { describe, expect, it } from "vitest";
import { createModel, createMonteCarloRanker, solveExact } from "../src/index.js";

const path = createModel({
  types: ["a"],
  nodeType: [0, 0, 0, 0],
  edges: [
    [0, 1, 1],
    [1, 2, 1],
    [2, 3, 1],
  ],
});

describe("the Monte Carlo ranker at the edges of its input", () => {
  it("takes priors of 1e300 without NaN, agreeing with an exact solve, and refuses an overflowing sum", () => {
    const ranker = createMonteCarloRanker(path, { walksPerNode: 200, seed: 3 });
    ranker.setPriors(new Map([[0, 1e300]]));
    ranker.setPriors(
      new Map([
        [1, 1e300],
        [2, 1e300],
      ]),
    );
    for (const values of [ranker.scores(), ranker.variance(), ranker.uncertainty()]) {
      for (const v of values) expect(Number.isFinite(v)).toBe(true);
    }
    const exact = solveExact(
      createModel(
        {
          types: ["a"],
          nodeType: [0, 0, 0, 0],
          edges: [
            [0, 1, 1],
            [1, 2, 1],
            [2, 3, 1],
          ],
        },
        { prior: [0, 1, 1, 0] },
      ),
    ).scores;
    // Priors now ≈ [5e-301, 1/2, 1/2, 2.5e-301]: the walks' weights degenerated, and their starts were walked again.
    const scores = ranker.scores();
    for (let j = 0; j < 4; j++) expect(Math.abs(scores[j] - exact[j])).toBeLessThan(0.08);
    expect(() =>
      ranker.setPriors(
        new Map([
          [3, 1.7e308],
          [0, 1.7e308],
        ]),
      ),
    ).toThrow(expect.objectContaining({ code: "E_RANGE", argument: "updates" }));
  });

  it("checks setPriors' options: unknown keys and strategies are refused before anything changes", () => {
    const ranker = createMonteCarloRanker(path, { walksPerNode: 5, seed: 1 });
    const before = ranker.scores();
    expect(() => ranker.setPriors(new Map([[1, 2]]), { stratgy: "exact" } as never)).toThrow(
      expect.objectContaining({ code: "E_OPTION", message: expect.stringContaining("strategy") }),
    );
    expect(() => ranker.setPriors(new Map([[1, 2]]), { strategy: "fast" } as never)).toThrow(
      expect.objectContaining({ code: "E_OPTION", argument: "options.strategy" }),
    );
    expect(ranker.scores()).toEqual(before);
  });

  it("checks propagation's option keys, and returns a hub's 150,000 flows without overflowing the call stack", () => {
    const ranker = createMonteCarloRanker(path, { walksPerNode: 5, seed: 1 });
    expect(() => ranker.propagation([1], { tpoK: 3 } as never)).toThrow(
      expect.objectContaining({ code: "E_OPTION", message: expect.stringContaining("topK") }),
    );
    const leaves = 150_000;
    const star = createModel({
      types: ["a"],
      nodeType: new Int32Array(leaves + 1),
      edges: Array.from({ length: leaves }, (_, i) => [0, i + 1, 1] as [number, number, number]),
    });
    const flows = createMonteCarloRanker(star, { walksPerNode: 1, seed: 1 }).propagation([0], { topK: 200_000 });
    expect(flows.length).toBe(leaves);
    let sorted = true;
    for (let f = 1; f < flows.length; f++) sorted &&= flows[f].flow <= flows[f - 1].flow;
    expect(sorted).toBe(true);
    // A few seconds alone; the time limit leaves room for a machine shared with other jobs.
  }, 180_000);
});
