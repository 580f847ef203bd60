import { createMonteCarloRanker } from "./monte-carlo.js";
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
export function monteCarloScores(model: Model, options: MonteCarloOptions = {}): MonteCarloScores {
  const ranker = createMonteCarloRanker(model, options);
  const { walks, steps } = ranker.storage;
  return { scores: ranker.scores(), variance: ranker.variance(), uncertainty: ranker.uncertainty(), walks, steps };
}
