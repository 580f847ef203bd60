import { LONG_RUNNING_KEYS, assertOptions } from "@clearbox/core/internal";
import type { LongRunningOptions } from "@clearbox/core";
import type { OptionKeys } from "@clearbox/core/internal";
import { searchOptimal } from "./exact/search-optimal.js";
import { ANNEALING_WORK } from "./heuristic/anneal-maxrects.js";
import type { Packing, RectSize } from "./rectangles.js";

/** Options of {@link packOptimal}. */
export interface PackOptimalOptions extends LongRunningOptions {
  /**
   * The work budget: stop after this many search nodes and return the best packing found, unproven. Default
   * 200,000 (squares 1…20 need ~96,000; see the bench results for more). Same input, same budget, same result on
   * any machine.
   */
  maxNodes?: number;
  /**
   * Opt-in wall-clock limit in milliseconds, on top of `maxNodes`. A result cut by it depends on the machine's
   * speed and says so (`cutByTime: true`). No default.
   */
  budgetMs?: number;
  /** Seed of the annealing that improves an unproven result. Default 0. */
  seed?: number;
  /** Let rectangles turn 90°. Default false. */
  allowRotation?: boolean;
  /**
   * Instead of the smallest area, the enclosure that scales largest into a region of this width / height: the
   * smallest max(width / aspectRatio, height). For packing a group into a given cell (as `packHierarchical` does).
   */
  aspectRatio?: number;
}

/** Every option of {@link packOptimal}: the list unknown keys are checked against. */
const PACK_OPTIMAL_OPTIONS = {
  maxNodes: true,
  budgetMs: true,
  seed: true,
  allowRotation: true,
  aspectRatio: true,
  ...LONG_RUNNING_KEYS,
} satisfies OptionKeys<PackOptimalOptions>;

/** A packing that says whether it is proven minimal, and how much search it took. */
export interface OptimalPacking extends Packing {
  /**
   * True when no enclosing rectangle of smaller area (or, with `aspectRatio`, of a smaller max(width / ratio,
   * height)) can hold the rectangles: proven by exhaustive search.
   */
  optimal: boolean;
  /**
   * Proven: no enclosing rectangle scoring less than this can hold the rectangles — its area, or with
   * `aspectRatio` max(width / ratio, height). It equals the packing's score when `optimal`; otherwise the packing
   * is at most (its score / lowerBound − 1) worse than the optimum.
   */
  lowerBound: number;
  /** Search nodes visited. */
  nodes: number;
  /**
   * True when the opt-in `budgetMs` ended the search: the result then depends on the machine's speed. Always false
   * without `budgetMs`.
   */
  cutByTime: boolean;
}

/**
 * The minimum-area enclosing rectangle and a packing into it, for small sets (up to a few dozen rectangles); or,
 * with `aspectRatio`, the enclosure that scales largest into a region of that shape.
 *
 * Enclosing sizes are tried best first (smallest area, or largest such scale), up to what `packFast` achieves;
 * widths and heights are drawn from subset sums of the rectangles' sides (an optimal enclosure can always be
 * shrunk to such sums), and a size is skipped at once when the rectangles wider than half of it cannot stack in
 * its height (or the reverse). Each remaining size is decided by an absolute-placement search, x-coordinates
 * first, then y (Huang & Korf; see containment.ts). The first size that holds everything is optimal.
 * `onProgress` reports the share of candidate enclosures ruled out so far, and 1 when it ends (the first one that
 * fits ends it early). When `maxNodes` (or the opt-in `budgetMs`) runs out first — or real-valued sizes make too many subset
 * sums (over 16,384) or candidate enclosures (over 100,000) to search — the heuristic's packing is returned,
 * improved by `packFast` best's annealing (fixed work, up to 64 rectangles), with `optimal: false`, and `lowerBound` to say how far from optimal it can be: the score of the
 * first enclosure not yet ruled out (every better one was), or the plain bounds from the sizes. Should that packing
 * reach the lower bound, it is optimal after all, and says so.
 * How far it gets and how fast: `bench/results/rect-pack.md`.
 *
 * @param rects - The rectangles' sizes (positive, finite); never mutated.
 * @param options - Work budget, rotation, target aspect ratio, seed, signal and progress; see {@link PackOptimalOptions}.
 * @returns The packing, whether it is proven optimal, the proven `lowerBound`, the nodes searched and `cutByTime`.
 * @throws `E_TYPE` / `E_NAN` / `E_RANGE` for a bad size or option, `E_OPTION` for an unknown option, `E_ABORTED`.
 * @example
 * const squares = Array.from({ length: 8 }, (_, i) => ({ width: i + 1, height: i + 1 }));
 * const { width, height, optimal } = packOptimal(squares); // 14 × 15, true
 */
export function packOptimal(rects: readonly RectSize[], options: PackOptimalOptions = {}): OptimalPacking {
  options = assertOptions(options, "options", PACK_OPTIMAL_OPTIONS);
  return searchOptimal(rects, options, ANNEALING_WORK);
}
