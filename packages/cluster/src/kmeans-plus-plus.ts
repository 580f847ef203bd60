import type { DenseMatrix, Random } from "@clearbox/core";
import { squaredDistance } from "@clearbox/core/internal";

/**
 * Greedy k-means++ seeding (Arthur & Vassilvitskii 2007, with the local trials of scikit-learn): the first centre
 * is a uniformly random point; each next one is the best of `2 + ⌊ln k⌋` candidates drawn with probability
 * proportional to the squared distance to the nearest chosen centre. Returns the k centres, row-major. `check` is
 * called before every candidate's pass over the points (n · d work each), so an abort is noticed within one pass.
 * @internal
 */
export function kmeansPlusPlus(
  data: DenseMatrix,
  k: number,
  random: Random,
  check: () => void = () => {},
): Float64Array {
  const { rows: n, columns: d, values } = data;
  const centres = new Float64Array(k * d);
  const closest = new Float64Array(n);
  const trials = 2 + Math.floor(Math.log(k));
  const candidate = new Float64Array(n);
  const bestCandidate = new Float64Array(n);

  const first = random.int(n);
  centres.set(values.subarray(first * d, first * d + d), 0);
  let potential = 0;
  for (let i = 0; i < n; i++) {
    closest[i] = squaredDistance(values, i * d, centres, 0, d);
    potential += closest[i];
  }

  for (let c = 1; c < k; c++) {
    let bestIndex = -1;
    let bestPotential = Infinity;
    for (let t = 0; t < trials; t++) {
      check();
      const index = sampleByWeight(closest, potential, random);
      let p = 0;
      for (let i = 0; i < n; i++) {
        const dist = Math.min(closest[i], squaredDistance(values, i * d, values, index * d, d));
        candidate[i] = dist;
        p += dist;
      }
      if (p < bestPotential) {
        bestPotential = p;
        bestIndex = index;
        bestCandidate.set(candidate);
      }
    }
    centres.set(values.subarray(bestIndex * d, bestIndex * d + d), c * d);
    closest.set(bestCandidate);
    potential = bestPotential;
  }
  return centres;
}

/** Draw an index with probability weight[i] / total; uniform when every weight is 0 (all points coincide). */
function sampleByWeight(weight: Float64Array, total: number, random: Random): number {
  if (!(total > 0)) return random.int(weight.length);
  let target = random.next() * total;
  for (let i = 0; i < weight.length; i++) {
    target -= weight[i];
    if (target < 0) return i;
  }
  // Rounding left a sliver: return the last point with positive weight.
  for (let i = weight.length - 1; i >= 0; i--) if (weight[i] > 0) return i;
  return weight.length - 1;
}
