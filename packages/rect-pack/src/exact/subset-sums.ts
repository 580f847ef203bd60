/** Two sums closer than this are the same coordinate (sizes are read as doubles; sums drift by ulps). */
export const EPS = 1e-9;

const MAX_REAL_SUMS = 1 << 14;
const MAX_INTEGER_LIMIT = 1 << 24;

/**
 * Every sum of a sub-multiset of `values` (0 included) up to `limit`, ascending; `null` when there are too many to
 * list (real-valued sizes with many rectangles). In a packing pushed left and down as far as it goes, every
 * coordinate is such a sum, so these are the only coordinates an exact search has to try.
 * @internal
 */
export function subsetSums(values: ArrayLike<number>, limit: number): number[] | null {
  let integers = limit <= MAX_INTEGER_LIMIT;
  for (let i = 0; i < values.length && integers; i++) integers = Number.isInteger(values[i]);
  if (integers) {
    const top = Math.floor(limit + EPS);
    const reachable = new Uint8Array(top + 1);
    reachable[0] = 1;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      for (let s = top - v; s >= 0; s--) if (reachable[s]) reachable[s + v] = 1;
    }
    const sums: number[] = [];
    for (let s = 0; s <= top; s++) if (reachable[s]) sums.push(s);
    return sums;
  }
  let sums = new Set<number>([0]);
  for (let i = 0; i < values.length; i++) {
    const next = new Set(sums);
    for (const s of sums) {
      const t = Math.round((s + values[i]) * 1e9) / 1e9;
      if (t <= limit + EPS) next.add(t);
    }
    if (next.size > MAX_REAL_SUMS) return null;
    sums = next;
  }
  return [...sums].sort((a, b) => a - b);
}

/** The index of the first element of the ascending `sorted` above `value` (by more than EPS), or its length. @internal */
export function firstIndexAbove(sorted: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= value + EPS) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The smallest element of the ascending `sorted` above `value` (by more than EPS), or `Infinity`. @internal */
export function nextSumAbove(sorted: readonly number[], value: number): number {
  const i = firstIndexAbove(sorted, value);
  return i < sorted.length ? sorted[i] : Infinity;
}

/** The index of `value` in the ascending `sorted`, or -1 (within EPS). @internal */
export function indexOfSum(sorted: readonly number[], value: number): number {
  const i = firstIndexAbove(sorted, value - 2 * EPS);
  return i < sorted.length && Math.abs(sorted[i] - value) <= EPS ? i : -1;
}
