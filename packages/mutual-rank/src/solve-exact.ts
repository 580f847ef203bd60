import { assertInteger, assertOptions, assertPositive, describeValue, ClearboxError } from "@clearbox/core/internal";
import type { OptionKeys } from "@clearbox/core/internal";
import { isDangling } from "./model.js";
import type { Model } from "./model.js";

/** Options of {@link solveExact}. */
export interface SolveExactOptions {
  /** Stop when the L1 change of the scores falls below this. Default 1e-10. */
  tolerance?: number;
  /** Stop after this many iterations. Default 1,000. */
  maxIterations?: number;
}

const SOLVE_EXACT_OPTIONS = { tolerance: true, maxIterations: true } satisfies OptionKeys<SolveExactOptions>;

/** The scores of a model and how the iteration ended. */
export interface ExactScores {
  /** Every node's score; they sum to 1. */
  scores: Float64Array;
  iterations: number;
  /** The L1 change of the last iteration. */
  residual: number;
  converged: boolean;
}

/**
 * The model's exact scores by sparse power iteration: `R ← d Mᵀ R + (d · dangling mass + 1 − d) W` from R = W, until
 * the L1 change is below `tolerance`. With one type and symmetric: false this is personalised PageRank (networkx's
 * `pagerank(G, alpha=d, personalization=W)`, dangling nodes following W), on edge weights sim(i, j) · w_j.
 *
 * @param model - From {@link createModel}.
 * @param options - `tolerance` (default 1e-10), `maxIterations` (default 1,000).
 * @returns The scores (summing to 1), the iterations, the last residual and whether it converged.
 * @throws `E_TYPE` for a model not made by createModel; `E_RANGE` / `E_NAN` for a bad tolerance or iteration count;
 *   `E_OPTION` for an unknown option key.
 * @example
 * solveExact(model).scores; // Float64Array, summing to 1
 */
export function solveExact(model: Model, options: SolveExactOptions = {}): ExactScores {
  options = assertOptions(options, "options", SOLVE_EXACT_OPTIONS);
  checkModel(model);
  const tolerance = options.tolerance === undefined ? 1e-10 : assertPositive(options.tolerance, "options.tolerance");
  const maxIterations =
    options.maxIterations === undefined ? 1000 : assertInteger(options.maxIterations, "options.maxIterations", 1);
  return powerIterate(model, Float64Array.from(model.prior), tolerance, maxIterations);
}

/**
 * Power iteration r ← d Mᵀ r + (d · (r's mass on dangling nodes) + 1 − d) w from `start` (taken, not copied: a warm
 * start such as the scores before a prior edit saves most iterations), until an iteration changes the scores by less
 * than `tolerance` in L1 or after `maxIterations`. The model is trusted (checked by the callers).
 */
export function powerIterate(model: Model, start: Float64Array, tolerance: number, maxIterations: number): ExactScores {
  const { size, offsets, targets, transition, prior, damping } = model;
  // A plain loop: Uint8Array.from with a callback was a visible share of a warm-started re-solve.
  const dangling = new Uint8Array(size);
  for (let i = 0; i < size; i++) dangling[i] = isDangling(model, i) ? 1 : 0;
  let scores: Float64Array = start;
  let next: Float64Array = new Float64Array(size);
  let residual = Infinity;
  let iterations = 0;
  while (iterations < maxIterations && residual >= tolerance) {
    next.fill(0);
    let lost = 0;
    for (let i = 0; i < size; i++) {
      const r = scores[i];
      if (dangling[i]) {
        lost += r;
        continue;
      }
      for (let p = offsets[i]; p < offsets[i + 1]; p++) next[targets[p]] += damping * r * transition[p];
    }
    const restart = damping * lost + (1 - damping);
    residual = 0;
    for (let j = 0; j < size; j++) {
      next[j] += restart * prior[j];
      residual += Math.abs(next[j] - scores[j]);
    }
    [scores, next] = [next, scores];
    iterations++;
  }
  return { scores, iterations, residual, converged: residual < tolerance };
}

/** Throw unless `model` looks like what createModel returns. */
export function checkModel(model: unknown): asserts model is Model {
  const m = model as Partial<Model> | null;
  if (
    typeof m !== "object" ||
    m === null ||
    !(m.transition instanceof Float64Array) ||
    !(m.offsets instanceof Int32Array)
  ) {
    throw new ClearboxError("E_TYPE", `model must come from createModel, got ${describeValue(model)}.`, {
      argument: "model",
    });
  }
}
