import { assertOptions, createProgress } from "@clearbox/core/internal";
import { MONTE_CARLO_SCORES_OPTIONS, walkRanker } from "./monte-carlo.js";
import type { MonteCarloOptions } from "./monte-carlo.js";
import type { Model } from "./model.js";

/** What {@link monteCarloScores} returns: the ranker's results as plain typed arrays. */
export interface MonteCarloScores {
  /** Every node's estimated score r_j (eq. 5-4). */
  scores: Float64Array;
  /** v_j (eq. 5-5). */
  variance: Float64Array;
  /** u_j = v_j / r_j (eq. 5-6). */
  uncertainty: Float64Array;
  /** Walks and steps drawn. */
  walks: number;
  steps: number;
}

/**
 * The Monte Carlo solve of {@link createMonteCarloRanker} without keeping the ranker: scores, variance and uncertainty
 * as typed arrays, which can cross to a worker and back (its `./async` form ranks a collection off the calling thread;
 * keep the ranker itself, on the thread that edits, when priors will change).
 *
 * @param model - From `createModel`.
 * @param options - `walksPerNode` R (default 10), `seed`, `signal`, `onProgress`.
 * @returns `{ scores, variance, uncertainty, walks, steps }`.
 * @throws As {@link createMonteCarloRanker}: `E_TYPE` for a model not made by createModel; `E_RANGE` for R < 1;
 *   `E_OPTION` for an unknown option key; `E_ABORTED`.
 * @example
 * const { scores, uncertainty } = monteCarloScores(createModel(graph), { walksPerNode: 10, seed: 1 });
 */
export function monteCarloScores(model: Model, options: Omit<MonteCarloOptions, "editable"> = {}): MonteCarloScores {
  options = assertOptions(options, "options", MONTE_CARLO_SCORES_OPTIONS);
  const progress = createProgress(options, "monteCarloScores");
  // The walks take about three quarters of the time, the variance the rest (60,000 nodes, R = 20).
  const { ranker, variance: computeVariance } = walkRanker(model, options, progress.phase(0, 0.75));
  const { walks, steps } = ranker.storage;
  const scores = ranker.scores();
  const variance = computeVariance(progress.phase(0.75, 1));
  const uncertainty = Float64Array.from(scores, (r, j) => (r > 0 ? variance[j] / r : 0));
  progress.done();
  return { scores, variance, uncertainty, walks, steps };
}
