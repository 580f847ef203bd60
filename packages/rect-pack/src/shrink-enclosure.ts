import { ContainmentSearch } from "./containment.js";
import type { Placement } from "./rectangles.js";
import { EPS, firstIndexAbove, subsetSums } from "./subset-sums.js";

/** Nodes of exact search per enclosure tried, and in all, by {@link shrinkEnclosure}. */
const NODES_PER_ENCLOSURE = 1_000;
const NODES_IN_ALL = 10_000;
const MAX_CANDIDATES = 20_000;
const MAX_COORDINATES = 400;

/**
 * A heuristic's last step for small inputs: try enclosures that would score better than `best`, best-scoring
 * last, each with a small budget of the exact search (`ContainmentSearch`), and keep any packing it finds. The
 * budgets count search nodes, not time, so the result is deterministic. Returns undefined when nothing better
 * was found, or when real-valued sizes make too many coordinates for the search to be quick.
 * @internal
 */
export function shrinkEnclosure(
  widths: Float64Array,
  heights: Float64Array,
  rotate: boolean,
  bestScore: number,
  score: (width: number, height: number) => number,
): { width: number; height: number; placements: Placement[] } | undefined {
  let area = 0;
  let widest = 0;
  let tallest = 0;
  for (let i = 0; i < widths.length; i++) {
    area += widths[i] * heights[i];
    widest = Math.max(widest, rotate ? Math.min(widths[i], heights[i]) : widths[i]);
    tallest = Math.max(tallest, rotate ? Math.min(widths[i], heights[i]) : heights[i]);
  }
  const sides = rotate ? [...widths, ...heights] : widths;
  const xs = subsetSums(sides, bestScore / tallest);
  const ys = subsetSums(rotate ? sides : heights, bestScore / widest);
  // Each coordinate is a column of the search: with hundreds (real-valued sizes), its nodes get too slow to pay.
  if (xs === null || ys === null || xs.length > MAX_COORDINATES || ys.length > MAX_COORDINATES) return undefined;
  const candidates: Array<{ width: number; height: number; score: number }> = [];
  for (const width of xs) {
    if (width < widest - EPS) continue;
    // The score is at least the area: heights from the first large enough to the first too large.
    for (let j = firstIndexAbove(ys, Math.max(tallest, area / width) - 2 * EPS); j < ys.length; j++) {
      const height = ys[j];
      if (width * height >= bestScore - EPS) break;
      const s = score(width, height);
      if (s < bestScore - EPS) candidates.push({ width, height, score: s });
    }
    if (candidates.length > MAX_CANDIDATES) return undefined; // real-valued sizes: too many to be worth it
  }
  // Most likely to fit first: the enclosures just below the incumbent.
  candidates.sort((a, b) => b.score - a.score || a.width - b.width);
  let found: { width: number; height: number; placements: Placement[] } | undefined;
  let spent = 0;
  for (const { width, height, score: s } of candidates) {
    if (spent >= NODES_IN_ALL) break;
    if (found !== undefined && s >= score(found.width, found.height) - EPS) continue;
    const limits = { maxNodes: NODES_PER_ENCLOSURE, deadline: Infinity, signal: undefined };
    const search = new ContainmentSearch(widths, heights, rotate, xs, ys, limits);
    const outcome = search.fits(width, height);
    spent += search.nodes;
    if (typeof outcome !== "string") found = { width, height, placements: outcome };
  }
  return found;
}
