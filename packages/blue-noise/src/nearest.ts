import type { SeriesIndex } from "./series-index.js";

/**
 * For each query series, the distance to its nearest member (not itself, when `excludeSelf`): Infinity when there
 * is none. Rounds of grid search with a doubling radius ρ: a query whose best candidate is within ρ is settled (its
 * nearest member lies within ρ, so in the grid neighbourhood searched); the rest go on to 2ρ.
 */
export function nearestNeighbours(
  index: SeriesIndex,
  queries: Int32Array,
  members: Int32Array,
  excludeSelf: boolean,
  dimensions = index.pivots,
): Float64Array {
  const best = new Float64Array(queries.length).fill(Infinity);
  if (members.length === 0 || (excludeSelf && members.length === 1 && queries.every((q) => q === members[0]))) {
    return best;
  }
  // A few queries (the online sampler's uncovered series): exact scans cost less than the grids' rounds, each of
  // which adds every member.
  if (queries.length * members.length <= SCAN_PAIRS) {
    queries.forEach((i, q) => (best[q] = nearestByScan(index, i, members, excludeSelf)));
    return best;
  }
  let open = Int32Array.from(queries.keys());
  let radius = startingRadius(index, queries, members, excludeSelf);
  // Past the farthest distance in the data every member is within reach, so a round at this radius settles all.
  const ceiling = 2 * reach(index, members);
  while (open.length > 0) {
    const grid = index.grid(radius, dimensions, members.length);
    for (const j of members) grid.add(j);
    const unsettled: number[] = [];
    for (const q of open) {
      const i = queries[q];
      const found = grid.nearestWithin(i, best[q], radius, excludeSelf ? i : -1);
      best[q] = found;
      if (found > radius) unsettled.push(q);
    }
    if (radius >= ceiling) {
      for (const q of unsettled) best[q] = bruteForce(index, queries[q], members, excludeSelf);
      break;
    }
    open = Int32Array.from(unsettled);
    radius = Math.min(2 * radius, ceiling);
  }
  return best;
}

/** Queries × members up to which nearestNeighbours scans every pair (bounds first) instead of building grids. */
const SCAN_PAIRS = 2 ** 18;

/** The nearest member's distance by a scan: each pair checked against the best so far (the bounds cut most). */
function nearestByScan(index: SeriesIndex, i: number, members: Int32Array, excludeSelf: boolean): number {
  let best = Infinity;
  for (const j of members) {
    if (excludeSelf && j === i) continue;
    const d = index.distanceWithin(i, j, best);
    if (d < best) best = d;
  }
  return best;
}

function bruteForce(index: SeriesIndex, i: number, members: Int32Array, excludeSelf: boolean): number {
  let best = Infinity;
  for (const j of members) if (!(excludeSelf && j === i)) best = Math.min(best, index.distance(i, j));
  return best;
}

/** A first radius: the median nearest-member distance of up to 32 queries, by brute force on up to 512 members. */
function startingRadius(index: SeriesIndex, queries: Int32Array, members: Int32Array, excludeSelf: boolean): number {
  const step = Math.max(1, Math.floor(queries.length / 32));
  const memberStep = Math.max(1, Math.floor(members.length / 512));
  const found: number[] = [];
  for (let q = 0; q < queries.length; q += step) {
    let best = Infinity;
    for (let m = 0; m < members.length; m += memberStep) {
      if (excludeSelf && members[m] === queries[q]) continue;
      best = Math.min(best, index.distance(queries[q], members[m]));
    }
    if (Number.isFinite(best)) found.push(best);
  }
  found.sort((a, b) => a - b);
  const median = found.length === 0 ? 0 : found[Math.floor(found.length / 2)];
  return median > 0 ? median : Math.max(reach(index, members) * 1e-6, 1e-12);
}

/** The distance from the first member to the farthest member: half the diameter at least. */
function reach(index: SeriesIndex, members: Int32Array): number {
  let far = 0;
  for (const j of members) far = Math.max(far, index.distance(members[0], j));
  return far;
}
