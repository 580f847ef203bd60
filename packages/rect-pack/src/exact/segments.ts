// The x phase's segments (runs of columns of equal room): saved per node, lowered by a placement, appended.
import type { ContainmentSearch } from "./containment.js";

/**
 * Keeps the segments of the node being looked at (left by the parent's `lowerSegments`) for its children, which
 * each lower one stretch of them. Returns where they are kept.
 */
export function saveSegments(search: ContainmentSearch, depth: number): number {
  const { savedRoom, savedStart, segmentRoom, segmentStart, segmentCount } = search;
  const base = depth * (search.columns + 1);
  for (let t = 0; t < segmentCount; t++) {
    savedRoom[base + t] = segmentRoom[t];
    savedStart[base + t] = segmentStart[t];
  }
  savedStart[base + segmentCount] = search.columns;
  return base;
}

/**
 * The segments after a rectangle of height h takes columns [k, end) of the ones saved at `base`, into
 * segmentRoom / segmentWidth / segmentStart; their count. Every one of those columns has room for it (the caller
 * only tries such starts).
 */
export function lowerSegments(search: ContainmentSearch, base: number, k: number, end: number, h: number): number {
  const { savedRoom, savedStart } = search;
  let count = 0;
  for (let t = base; savedStart[t] < search.columns; t++) {
    const a = savedStart[t];
    const b = savedStart[t + 1];
    const room = savedRoom[t];
    if (b <= k || a >= end) count = appendSegment(search, count, room, a, b);
    else {
      if (a < k) count = appendSegment(search, count, room, a, k);
      count = appendSegment(search, count, room - h, Math.max(a, k), Math.min(b, end));
      if (b > end) count = appendSegment(search, count, room, end, b);
    }
  }
  return count;
}

/** Appends columns [from, to) with this room to the `count` segments so far, merging equal rooms; the new count. */
export function appendSegment(
  search: ContainmentSearch,
  count: number,
  room: number,
  from: number,
  to: number,
): number {
  const width = search.bounds[to] - search.bounds[from];
  if (count > 0 && room === search.segmentRoom[count - 1]) {
    search.segmentWidth[count - 1] += width;
    return count;
  }
  search.segmentRoom[count] = room;
  search.segmentWidth[count] = width;
  search.segmentStart[count] = from;
  return count + 1;
}
