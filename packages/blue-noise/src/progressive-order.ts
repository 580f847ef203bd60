import { createRandom, throwIfAborted } from "@clearbox/core/internal";
import type { ProgressReporter } from "@clearbox/core";
import type { SeriesIndex } from "./series-index.js";

/** Each pass's radius is this share of the previous one. */
export const RADIUS_FACTOR = 0.7;

/** The first `count` series of the progressive blue-noise order, with what its guarantees rest on. */
export interface ProgressivePrefix {
  indices: Int32Array;
  /** Every two of `indices` are at least this far apart (Infinity for a single series). */
  radius: number;
  /** Every series is within this distance of one of `indices`. */
  coverage: number;
  /** Every series with no other series within this distance (nearest neighbour ≥ it) is in `indices`. */
  isolation: number;
  /** Dart-throwing passes run (the last one cut at `count`). */
  passes: number;
}

/**
 * Progressive dart throwing with a shrinking radius. Pass 0 takes the first series of the visiting order; pass j ≥ 1
 * uses r_j = R · 0.7^(j−1), R being the distance from that series to the farthest one, and takes, in the visiting
 * order, each series that no series taken so far comes closer than r_j to. The passes make one order of all series
 * that does not depend on `count`, so every sample is a prefix of every larger one (nested), and the count is exact:
 * the order is cut at `count`.
 *
 * What holds for the prefix cut in pass k: pairs are ≥ r_k apart (earlier passes used larger radii); and pass k − 1
 * ran to the end, so every series not taken by then has a taken one closer than r_{k−1} — every series is within
 * r_{k−1} of the prefix, and every series with no other series within r_{k−1} (which nothing could block) is in it.
 */
export function progressivePrefix(
  index: SeriesIndex,
  count: number,
  visit: Int32Array,
  progress: ProgressReporter,
  signal: AbortSignal | undefined,
): ProgressivePrefix {
  const n = index.count;
  const taken = new Uint8Array(n);
  const sequence = new Int32Array(count);
  let size = 0;
  sequence[size++] = visit[0];
  taken[visit[0]] = 1;
  const reach = farthest(index, visit[0], signal);
  if (count === 1) return { indices: sequence, radius: Infinity, coverage: reach, isolation: reach, passes: 1 };
  // How far the taken series that last blocked each series is: distances do not change, so while it is below the
  // pass's radius the series stays blocked with nothing to compute.
  const blockedAt = new Float64Array(n).fill(Infinity);
  let previous = reach;
  let passes = 1;
  for (let radius = reach; ; radius *= RADIUS_FACTOR) {
    throwIfAborted(signal, "blue-noise sampling");
    passes++;
    // Below this, distances are rounding noise: the last pass takes everything left (duplicates included).
    const r = radius <= reach * 1e-9 ? 0 : radius;
    const grid = index.grid(r, index.pivots, Math.min(count, 2 * size + 64));
    for (let k = 0; k < size; k++) {
      if ((k & 1023) === 0) throwIfAborted(signal, "blue-noise sampling");
      grid.add(sequence[k]);
    }
    for (let v = 0; v < n && size < count; v++) {
      // A pass visits every series (each a grid query, and 3^4 cell inserts when taken): check the signal within it,
      // every 64 visits (256 could take 30–40 ms of CPU on a loaded machine), not per pass.
      if ((v & 63) === 0) throwIfAborted(signal, "blue-noise sampling");
      const i = visit[v];
      if (taken[i]) continue;
      if (blockedAt[i] < r) continue;
      const d = grid.firstWithin(i, r);
      if (d < r) {
        blockedAt[i] = d;
        continue;
      }
      taken[i] = 1;
      sequence[size++] = i;
      grid.add(i);
      if ((size & 255) === 0) progress.report(size / count);
    }
    if (size === count) return { indices: sequence, radius: r, coverage: previous, isolation: previous, passes };
    previous = r;
  }
}

/** The distance from series i to the farthest series. */
function farthest(index: SeriesIndex, i: number, signal: AbortSignal | undefined): number {
  let far = 0;
  for (let j = 0; j < index.count; j++) {
    if ((j & 2047) === 0) throwIfAborted(signal, "blue-noise sampling");
    far = Math.max(far, index.distance(i, j));
  }
  return far;
}

/** The visiting order: seeded random, or by importance (largest first, ties in seeded random order). */
export function visitingOrder(n: number, seed: number, importance: ArrayLike<number> | undefined): Int32Array {
  const order = createRandom(seed).shuffleInPlace(Int32Array.from({ length: n }, (_, i) => i));
  if (importance === undefined) return order;
  const rank = new Int32Array(n);
  order.forEach((i, k) => (rank[i] = k));
  return Int32Array.from(order).sort((a, b) => importance[b] - importance[a] || rank[a] - rank[b]);
}
