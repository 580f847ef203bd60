import type { ProgressReporter } from "@clearbox/core";
import type { WalkStore } from "./walk-store.js";

/** Sort `keys[0 … n)` ascending: insertion sort for the short runs one start's walks make, the native sort beyond. */
function sortKeys(keys: Float64Array, n: number): void {
  if (n > 48) {
    keys.subarray(0, n).sort();
    return;
  }
  for (let a = 1; a < n; a++) {
    const key = keys[a];
    let b = a - 1;
    while (b >= 0 && keys[b] > key) {
      keys[b + 1] = keys[b];
      b--;
    }
    keys[b + 1] = key;
  }
}

/**
 * v_j = c² Σ_i w_i² Var(ẑ_ij), c = 1 − d and w the normalised prior (not ŵ: its squares can overflow), with
 * Var(ẑ_ij) = s²_ij / R and s²_ij the sample variance, over the R walks from i, of x_k = c_kj (zeros included; c_kj:
 * visits of walk k to j). Eq. 5-5's Poisson approximation ẑ_ij / R would make v_j / r_j = (1 − d) / (N R) for every j
 * under a uniform prior; the sample variance says which scores the walks agree on. With R = 1 there is no sample
 * variance, and the Poisson approximation stands in.
 *
 * One start's R walks are short (R / (1 − d) steps on average), so their visits are counted by sorting them as
 * (node, walk) keys in a small scratch array, which stays in cache: the only access per node-sized array is one add
 * to v_j per node the start reaches. (Per-node scratch arrays for counts, sums and squares were four cache misses per
 * step at a collection's millions of nodes.) `progress`, when given, is reported every 1,024 start nodes (its signal
 * checked).
 */
export function walkVariance(
  walks: WalkStore,
  prior: Float64Array,
  R: number,
  c: number,
  progress?: ProgressReporter,
): Float64Array {
  const { steps, start, length } = walks;
  const size = prior.length;
  const v = new Float64Array(size);
  let keys = new Float64Array(256);
  for (let i = 0; i < size; i++) {
    // The signal checked (by report) every 1,024 start nodes: ~10 ms of sorting at R = 20.
    if ((i & 1023) === 0) progress?.report(i / size);
    let n = 0;
    for (let r = 0, k = i * R; r < R; r++, k++) {
      if (n + length[k] > keys.length) {
        const grown = new Float64Array(2 * (n + length[k]));
        grown.set(keys.subarray(0, n));
        keys = grown;
      }
      for (let s = start[k], end = start[k] + length[k]; s < end; s++) keys[n++] = steps[s] * R + r;
    }
    sortKeys(keys, n);
    const w2 = prior[i] * prior[i];
    for (let a = 0; a < n;) {
      const j = (keys[a] - (keys[a] % R)) / R;
      let sum = 0;
      let squares = 0;
      // Within node j's keys, each run of one key is one walk's visits x_k.
      while (a < n && keys[a] < (j + 1) * R) {
        let b = a + 1;
        while (b < n && keys[b] === keys[a]) b++;
        const x = b - a;
        sum += x;
        squares += x * x;
        a = b;
      }
      const variance = R > 1 ? Math.max(0, squares - (sum * sum) / R) / (R * (R - 1)) : sum / (R * R);
      v[j] += w2 * variance;
    }
  }
  for (let j = 0; j < size; j++) v[j] *= c * c;
  return v;
}
