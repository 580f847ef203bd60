import { throwIfAborted } from "@clearbox/core/internal";

/**
 * Projections that bound the polyline distance from below and spread the series apart. For block means m_b over
 * blocks of L_b segments (see SeriesIndex), and any signs s_b ∈ {−1, 0, 1}, the coordinate c = Σ_b s_b L_b m_b / (2S)
 * changes by at most the distance: |Δc| ≤ Σ_b L_b |Δm_b| / (2S) ≤ d. The signs are those of the principal axes of
 * the weighted block means (a strided sample of at most 4,096 series; power iteration with deflation on the small
 * B × B covariance): a ±1 direction along an axis of large variance spreads the series the most a bound allows.
 * Distances to far-apart pivots all measure roughly the mean level when the pivots are outliers above the bundles;
 * these measure the trend and the shapes too, and cut the candidates reaching the finer bounds about in half.
 * Written here: a 16 × 16 power iteration, not worth a dependency.
 */
export function signDirectionCoordinates(
  fine: Float64Array,
  weight: Float64Array,
  count: number,
  directions: number,
  signal?: AbortSignal,
): Float64Array {
  const blocks = weight.length;
  const axes = principalAxes(weightedCovariance(fine, weight, count), blocks, directions);
  const signs = axes.map((axis) => Float64Array.from(axis, (a, b) => Math.sign(a) * weight[b]));
  const coordinates = new Float64Array(count * directions);
  for (let i = 0; i < count; i++) {
    if ((i & 4095) === 0) throwIfAborted(signal, "blue-noise sampling");
    for (let k = 0; k < directions; k++) {
      let sum = 0;
      for (let b = 0; b < blocks; b++) sum += signs[k][b] * fine[i * blocks + b];
      coordinates[i * directions + k] = sum;
    }
  }
  return coordinates;
}

/** The covariance of the weighted block means x_b = weight_b · fine_b over every ⌈count / 4096⌉-th series. */
function weightedCovariance(fine: Float64Array, weight: Float64Array, count: number): Float64Array {
  const blocks = weight.length;
  const stride = Math.max(1, Math.floor(count / 4096));
  const mean = new Float64Array(blocks);
  let sampled = 0;
  for (let i = 0; i < count; i += stride, sampled++) {
    for (let b = 0; b < blocks; b++) mean[b] += weight[b] * fine[i * blocks + b];
  }
  for (let b = 0; b < blocks; b++) mean[b] /= sampled;
  const covariance = new Float64Array(blocks * blocks);
  const x = new Float64Array(blocks);
  for (let i = 0; i < count; i += stride) {
    for (let b = 0; b < blocks; b++) x[b] = weight[b] * fine[i * blocks + b] - mean[b];
    for (let a = 0; a < blocks; a++) for (let b = 0; b < blocks; b++) covariance[a * blocks + b] += x[a] * x[b];
  }
  return covariance;
}

/** The leading `count` eigenvectors of a small symmetric matrix (power iteration, deflating those found). */
function principalAxes(matrix: Float64Array, size: number, count: number): Float64Array[] {
  const axes: Float64Array[] = [];
  for (let k = 0; k < count; k++) {
    // A fixed, uneven start: deterministic, and not orthogonal to a leading axis in practice.
    let v = Float64Array.from({ length: size }, (_, b) => 1 + ((b * 7 + k * 3) % 5) / 10);
    for (let iteration = 0; iteration < 200; iteration++) {
      const next = new Float64Array(size);
      for (let a = 0; a < size; a++) for (let b = 0; b < size; b++) next[a] += matrix[a * size + b] * v[b];
      for (const axis of axes) {
        let dot = 0;
        for (let b = 0; b < size; b++) dot += next[b] * axis[b];
        for (let b = 0; b < size; b++) next[b] -= dot * axis[b];
      }
      const norm = Math.hypot(...next);
      if (!(norm > 0)) break;
      for (let b = 0; b < size; b++) next[b] /= norm;
      v = next;
    }
    axes.push(v);
  }
  return axes;
}
