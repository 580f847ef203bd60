import { SearchBudget } from "./budget.js";
import { ContainmentSearch } from "./containment.js";
import type { Placement } from "../rectangles.js";
import { listEnclosures, sizeExtremes } from "./enclosures.js";
import { EPS } from "./subset-sums.js";

/** Nodes of exact search per enclosure tried, and in all, by {@link shrinkEnclosure}. */
const NODES_PER_ENCLOSURE = 1_000;
const NODES_IN_ALL = 20_000;
const MAX_CANDIDATES = 20_000;
const MAX_COORDINATES = 400;

/**
 * A heuristic's last step for small inputs: try enclosures that would score better than `best`, each with a
 * small budget of the exact search (`ContainmentSearch`), and keep the best packing it finds. The
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
  signal?: AbortSignal,
): { width: number; height: number; placements: Placement[] } | undefined {
  const extremes = sizeExtremes(widths, heights, rotate);
  // The score is at least the area: heights stop at the first too large. Each coordinate is a column of the
  // search: with hundreds (real-valued sizes), its nodes get too slow to pay.
  const enclosures = listEnclosures(
    widths,
    heights,
    rotate,
    extremes,
    {
      maxWidth: bestScore / extremes.tallest,
      maxHeight: bestScore / extremes.widest,
      maxCount: MAX_CANDIDATES,
      maxCoordinates: MAX_COORDINATES,
    },
    (width, height) => width * height >= bestScore - EPS,
    (width, height) => score(width, height) < bestScore - EPS,
  );
  if (enclosures === null) return undefined;
  const { xs, ys } = enclosures;
  const candidates = enclosures.candidates.map(([width, height]) => ({ width, height, score: score(width, height) }));
  candidates.sort((a, b) => b.score - a.score || a.width - b.width);
  let found: { width: number; height: number; placements: Placement[] } | undefined;
  let spent = 0;
  const tried = new Uint8Array(candidates.length);
  const attempt = (i: number): boolean => {
    const { width, height } = candidates[i];
    tried[i] = 1;
    const budget = new SearchBudget(NODES_PER_ENCLOSURE, Infinity, signal);
    const outcome = new ContainmentSearch(widths, heights, rotate, xs, ys, budget).fits(width, height);
    spent += budget.spent;
    if (typeof outcome === "string") return false;
    found = { width, height, placements: outcome };
    return true;
  };
  // Bisect first: an enclosure that fits sends the search to better scores, one that does not (within its budget)
  // to worse. Fitting is not monotone in the score, so the budget left then goes to the untried enclosures, best
  // scores last (the ones just below the incumbent are the likeliest to fit).
  let lo = 0;
  let hi = candidates.length - 1;
  while (lo <= hi && spent < NODES_IN_ALL) {
    const mid = (lo + hi) >> 1;
    if (attempt(mid)) lo = mid + 1;
    else hi = mid - 1;
  }
  for (let i = 0; i < candidates.length; i++) {
    if (spent >= NODES_IN_ALL) break;
    if (tried[i]) continue;
    if (found !== undefined && candidates[i].score >= score(found.width, found.height) - EPS) continue;
    attempt(i);
  }
  return found;
}
