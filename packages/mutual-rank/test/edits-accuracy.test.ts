import { readFileSync } from "node:fs";
import { csvParse } from "d3-dsv";
import { describe, expect, it } from "vitest";
import { createRandom } from "@clearbox/core";
import { createModel, createMonteCarloRanker, fromTweets, solveExact, topK } from "../src/index.js";
import type { ModelInput, ModelOptions } from "../src/index.js";

const l1 = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i] - b[i]);
  return sum;
};

/** Skewed targets (hubs), three types, weights 1–3. */
function skewedGraph(n: number, m: number, seed: number): ModelInput {
  const random = createRandom(seed);
  const edges: Array<[number, number, number]> = [];
  for (let e = 0; e < m; e++) {
    const a = random.int(n);
    const b = Math.floor(n * random.next() ** 2);
    if (a !== b) edges.push([a, b, 1 + random.int(3)]);
  }
  return { types: ["p", "u", "h"], nodeType: Int32Array.from({ length: n }, (_, i) => i % 3), edges };
}

/**
 * Five successive edits of top nodes, then the L1 distance to the exact solve under the final priors, and the mean
 * L1 distance of three fresh Monte Carlo solves at the same R.
 */
function afterFiveEdits(
  input: ModelInput,
  options: ModelOptions,
  R: number,
  seed: number,
  strategies: Array<"auto" | "rerouted" | "exact"> = Array(5).fill("rerouted"),
  beforeLast: (ranker: ReturnType<typeof createMonteCarloRanker>) => void = () => {},
) {
  const model = createModel(input, options);
  const ranker = createMonteCarloRanker(model, { walksPerNode: R, seed });
  const prior = Float64Array.from(model.prior);
  const exact0 = solveExact(model).scores;
  const targets = [...topK(exact0, model.nodeType, 0, 3), ...topK(exact0, model.nodeType, 1, 2)];
  const factors = [10, 0.1, 20, 0.05, 5];
  let affected = 0;
  const chosen: string[] = [];
  targets.forEach((node, k) => {
    prior[node] *= factors[k];
    if (k === 4) beforeLast(ranker);
    const update = ranker.setPriors(new Map([[node, ranker.model.prior[node] * factors[k]]]), {
      strategy: strategies[k],
    });
    affected += update.affectedWalks;
    chosen.push(update.strategy);
  });
  const final = createModel(input, { ...options, prior });
  const exact = solveExact(final, { tolerance: 1e-13 }).scores;
  let fresh = 0;
  for (const s of [1, 2, 3])
    fresh += l1(createMonteCarloRanker(final, { walksPerNode: R, seed: 100 + s }).scores(), exact) / 3;
  return { edited: l1(ranker.scores(), exact), fresh, affected, chosen };
}

describe("five successive edits", () => {
  it("leave the scores as close to the exact ranking as a fresh solve at the same R (random graphs with hubs)", () => {
    for (const seed of [1, 2]) {
      const { edited, fresh, affected } = afterFiveEdits(skewedGraph(900, 5400, seed), {}, 40, seed);
      console.log(
        `random 900 nodes, seed ${seed}: L1 after five edits ${edited.toFixed(4)}, fresh ${fresh.toFixed(4)}`,
      );
      expect(affected).toBeGreaterThan(0);
      expect(edited).toBeLessThanOrEqual(1.25 * fresh);
    }
  });

  it("by the exact strategy: the scores are the new priors' exact ranking, the hubs' edits re-solved (auto)", () => {
    const { edited, fresh, chosen } = afterFiveEdits(skewedGraph(900, 5400, 3), {}, 40, 3, Array(5).fill("auto"));
    console.log(
      `auto, 900 nodes: strategies ${chosen.join(", ")}; L1 ${edited.toExponential(2)}, fresh ${fresh.toFixed(4)}`,
    );
    expect(chosen).toContain("exact");
    expect(edited).toBeLessThan(1e-3);
    // The re-solve stops at 1 % of a fresh solve's expected error (the error left is at most d / (1 − d) times that).
    expect(edited).toBeLessThan(0.06 * fresh);
  });

  it("exact edits leave the walks stale until needed; walked again then, they are a sample of the new model", () => {
    // Four exact edits, the uncertainty asked (the stale walks are walked again), then one edit by rerouting: the
    // scores come from the walks again. Walks left stale, or walked again at the wrong weight, would be far off.
    let walked = false;
    const { edited, fresh, chosen } = afterFiveEdits(
      skewedGraph(900, 5400, 4),
      {},
      40,
      4,
      ["exact", "exact", "exact", "exact", "rerouted"],
      (ranker) => {
        ranker.uncertainty();
        walked = true;
      },
    );
    console.log(`exact ×4, then rerouted: L1 ${edited.toFixed(4)}, fresh ${fresh.toFixed(4)}`);
    expect(walked).toBe(true);
    expect(chosen).toEqual(["exact", "exact", "exact", "exact", "rerouted"]);
    expect(edited).toBeLessThanOrEqual(1.25 * fresh);
  });

  it("on the GOP-debate graph too", () => {
    const rows = csvParse(readFileSync(new URL("../../../data/tweets/gop-debate-2015.csv", import.meta.url), "utf8"));
    const graph = fromTweets(rows, { text: "text", author: "name" });
    for (const strategy of ["rerouted", "auto"] as const) {
      const { edited, fresh, chosen } = afterFiveEdits(graph, {}, 4, 1, Array(5).fill(strategy));
      console.log(
        `GOP debate, R = 4, ${strategy} (${chosen.join(", ")}): L1 after five edits ${edited.toFixed(4)}, fresh ${fresh.toFixed(4)}`,
      );
      expect(edited).toBeLessThanOrEqual(1.25 * fresh);
    }
    // Seconds alone (five exact solves and three fresh ones); the limit leaves room for a shared machine.
  }, 180_000);
});

describe("an editable ranker", () => {
  it("builds the edits' index with the walks, and edits exactly as a ranker that builds it at its first edit", () => {
    const model = createModel(skewedGraph(900, 5400, 6));
    const lazy = createMonteCarloRanker(model, { walksPerNode: 20, seed: 6 });
    const ready = createMonteCarloRanker(model, { walksPerNode: 20, seed: 6, editable: true });
    expect(ready.scores()).toEqual(lazy.scores());
    expect(ready.storage.bytes).toBeGreaterThan(lazy.storage.bytes); // the node → walks index
    const hub = topK(solveExact(model).scores, model.nodeType, 0, 1)[0];
    for (const strategy of ["exact", "rerouted"] as const) {
      const edit = new Map([[hub, 4 * model.prior[hub]]]);
      expect(ready.setPriors(edit, { strategy })).toEqual(lazy.setPriors(edit, { strategy }));
      expect(ready.scores()).toEqual(lazy.scores());
    }
    expect(() => createMonteCarloRanker(model, { editable: 1 } as never)).toThrow(
      expect.objectContaining({ code: "E_TYPE" }),
    );
  });
});
