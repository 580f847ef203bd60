/**
 * The expected L1 error of a fresh Monte Carlo solve at R walks per node, E Σ_j |r̂_j − r_j| ≈ √(2/π) Σ_j √v_j (each
 * r̂_j close to normal), with eq. 5-5's Poisson approximation v_j = (1 − d)² Σ_i w_i² z_ij / R and w_i² taken as
 * w̄ · w_i, w̄ = Σ_i w_i² the prior-weighted mean weight (exact for a uniform prior): v_j ≈ (1 − d) w̄ r_j / R. An
 * estimate in O(n), used as the scale of "as accurate as the walks" — not a bound.
 * @param prior - W, normalised.
 * @param scores - r, any estimate that sums to about 1.
 */
export function expectedWalkError(prior: Float64Array, scores: Float64Array, R: number, damping: number): number {
  let meanWeight = 0;
  for (let i = 0; i < prior.length; i++) meanWeight += prior[i] * prior[i];
  const scale = ((1 - damping) * meanWeight) / R;
  let sum = 0;
  for (let j = 0; j < scores.length; j++) if (scores[j] > 0) sum += Math.sqrt(scale * scores[j]);
  return Math.sqrt(2 / Math.PI) * sum;
}
