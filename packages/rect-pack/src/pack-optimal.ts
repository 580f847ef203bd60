import {
  LONG_RUNNING_KEYS,
  assertBoolean,
  assertFiniteNumber,
  assertInteger,
  assertOptions,
  assertPositive,
  createProgress,
  throwIfAborted,
} from "@clearbox/core/internal";
import type { LongRunningOptions, OptionKeys } from "@clearbox/core/internal";
import { SearchBudget } from "./exact/budget.js";
import { ContainmentSearch } from "./exact/containment.js";
import { ANNEALING_WORK, annealMaxRects } from "./heuristic/anneal-maxrects.js";
import { MAXRECTS_LIMIT, finishStrips, planStrips, sortOrder, sweepStrips } from "./heuristic/strip-sweep.js";
import type { StripSetup } from "./heuristic/strip-sweep.js";
import { readSizes } from "./rectangles.js";
import type { Packing, RectSize } from "./rectangles.js";
import { listEnclosures, sizeExtremes } from "./exact/enclosures.js";
import { EPS } from "./exact/subset-sums.js";

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

/**
 * {@link packOptimal}, with the work of the annealing that improves an unproven result (see annealMaxRects; 0 for
 * none): `packHierarchical` packs many groups, each stopped after a few hundred nodes, and gives each less.
 * @internal
 */
export function searchOptimal(
  rects: readonly RectSize[],
  options: PackOptimalOptions,
  annealingWork: number,
): OptimalPacking {
  const { widths, heights } = readSizes(rects);
  const n = widths.length;
  const budgetMs = options.budgetMs === undefined ? Infinity : assertPositive(options.budgetMs, "options.budgetMs");
  const maxNodes =
    options.maxNodes === undefined ? DEFAULT_MAX_NODES : assertInteger(options.maxNodes, "options.maxNodes", 1);
  const rotate =
    options.allowRotation === undefined ? false : assertBoolean(options.allowRotation, "options.allowRotation");
  const seed = options.seed === undefined ? 0 : assertFiniteNumber(options.seed, "options.seed");
  const aspect =
    options.aspectRatio === undefined ? undefined : assertPositive(options.aspectRatio, "options.aspectRatio");
  const progress = createProgress(options, "optimal packing");
  const finish = (result: OptimalPacking): OptimalPacking => {
    progress.done();
    return result;
  };
  if (n === 0) {
    return finish({ width: 0, height: 0, placements: [], optimal: true, lowerBound: 0, nodes: 0, cutByTime: false });
  }
  throwIfAborted(options.signal, "optimal packing");
  const deadline = performance.now() + budgetMs;
  const score = (w: number, h: number) => (aspect === undefined ? w * h : Math.max(w / aspect, h));

  // The heuristic's packing bounds the search (its "best" sweeps, without the searches that end it).
  const plan = planStrips(rects, { quality: "best", allowRotation: rotate, aspectRatio: aspect });
  const incumbent = finishStrips(plan.setup as StripSetup, sweepStrips(plan.setup as StripSetup, plan.progress));
  let best: Packing = { width: incumbent.width, height: incumbent.height, placements: incumbent.placements };
  const extremes = sizeExtremes(widths, heights, rotate);
  const upper = score(best.width, best.height);
  // The search never improves on the incumbent short of a proof. So when the budget ends first, the incumbent gets
  // what it skipped above (work a proof does not need): packFast best's annealing, under this score. It
  // may even reach the lower bound, and then it is optimal after all.
  const unproven = (lowerBound: number, spent: number, cutByTime: boolean): OptimalPacking => {
    if (annealingWork > 0 && n <= MAXRECTS_LIMIT) {
      const start = {
        order: sortOrder(widths, heights, "height", rotate),
        stripWidth: best.width,
        minWidth: extremes.widest,
        varyWidth: true,
      };
      const judge = (run: Packing) => ({ ...run, score: score(run.width, run.height) });
      const { width, height, placements } = annealMaxRects(widths, heights, rotate, start, {
        work: annealingWork,
        judge,
        best: judge(best),
        seed,
        poll: () => throwIfAborted(options.signal, "optimal packing"),
      });
      best = { width, height, placements };
    }
    const reached = score(best.width, best.height) <= lowerBound + EPS;
    return finish({
      ...best,
      optimal: reached,
      lowerBound: reached ? score(best.width, best.height) : lowerBound,
      nodes: spent,
      cutByTime,
    });
  };
  // Before any search: W ≥ the widest, H ≥ the tallest, W·H ≥ the area (so with a ratio, W ≤ ratio·score and
  // H ≤ score give ratio·score² ≥ the area).
  const { area, widest, tallest } = extremes;
  const plainBound =
    aspect === undefined
      ? Math.max(area, widest * tallest)
      : Math.max(Math.sqrt(area / aspect), widest / aspect, tallest);
  // Every candidate enclosure that scores better than the incumbent (scores grow with the height), best first
  // (then smaller, then squarer). When the set looks the same transposed (all squares, or rotation allowed) and
  // the score is symmetric, W × H and H × W are one problem.
  const transposable = (aspect === undefined || aspect === 1) && (rotate || widths.every((v, i) => v === heights[i]));
  const enclosures = listEnclosures(
    widths,
    heights,
    rotate,
    extremes,
    {
      maxWidth: aspect === undefined ? upper / extremes.tallest : aspect * upper,
      maxHeight: aspect === undefined ? upper / extremes.widest : upper,
      maxCount: MAX_CANDIDATES,
    },
    (w, h) => score(w, h) >= upper - EPS,
    (w, h) =>
      !(transposable && w > h + EPS) &&
      canStack(widths, heights, w, h, rotate) &&
      canStack(heights, widths, h, w, rotate),
  );
  if (enclosures === null) return unproven(plainBound, 0, false);
  const { xs, ys, candidates } = enclosures;
  // Among equal scores, larger enclosures first: one ruled out rules out every enclosure inside it (below).
  candidates.sort(
    (a, b) =>
      score(a[0], a[1]) - score(b[0], b[1]) ||
      b[0] * b[1] - a[0] * a[1] ||
      Math.abs(a[0] - a[1]) - Math.abs(b[0] - b[1]),
  );

  // The x phase refutes an enclosure far faster along the axis where the rectangles are longest relative to it:
  // the widths when Σ widths / W ≥ Σ heights / H (for squares, or with rotation, the short side). Otherwise the
  // enclosure is searched transposed (heights as widths) and its packing turned back. Both searches share the node
  // budget.
  let sumWidths = 0;
  let sumHeights = 0;
  for (let i = 0; i < n; i++) {
    sumWidths += widths[i];
    sumHeights += heights[i];
  }
  // Rectangles that may turn have no axis of their own: the short side.
  const searchTransposed = (w: number, h: number) => (rotate ? w > h + EPS : sumHeights * w > sumWidths * h + EPS);
  const budget = new SearchBudget(maxNodes, deadline, options.signal);
  const upright = new ContainmentSearch(widths, heights, rotate, xs, ys, budget);
  const transposed = new ContainmentSearch(heights, widths, rotate, ys, xs, budget);
  const nodes = () => budget.spent;
  // Every enclosure that could hold the rectangles shrinks to a candidate no worse (or to one past the incumbent),
  // and the candidates before this one are ruled out: none scores below it.
  const stopped = (w: number, h: number) =>
    unproven(Math.max(plainBound, score(w, h)), nodes(), performance.now() > deadline);
  // An enclosure inside one ruled out is ruled out too. It scores no better, so it can only come later among equal
  // scores — with aspectRatio, every width up to ratio × height scores the height: the widest goes first, and once
  // it is ruled out the narrower ones need no search.
  const ruledOut: Array<[number, number]> = [];
  for (const [i, [w, h]] of candidates.entries()) {
    progress.report(i / candidates.length);
    if (ruledOut.length > 0 && score(w, h) > score(ruledOut[0][0], ruledOut[0][1]) + EPS) ruledOut.length = 0;
    if (ruledOut.some(([outW, outH]) => w <= outW + EPS && h <= outH + EPS)) continue;
    // Setting up an enclosure costs time of its own when real-valued sizes make many coordinates.
    if (performance.now() > deadline) return stopped(w, h);
    const turn = searchTransposed(w, h);
    const search = turn ? transposed : upright;
    const outcome = turn ? search.fits(h, w) : search.fits(w, h);
    if (outcome === "timeout") return stopped(w, h);
    if (outcome === "infeasible") {
      ruledOut.push([w, h]);
      continue;
    }
    const placements = turn
      ? outcome.map((p) => ({ ...p, x: p.y, y: p.x, width: p.height, height: p.width }))
      : outcome;
    // The enclosure tried may be wider (or taller) than the packing in it, when its score does not depend on it.
    let right = 0;
    let top = 0;
    for (const p of placements) {
      right = Math.max(right, p.x + p.width);
      top = Math.max(top, p.y + p.height);
    }
    best = { width: right, height: top, placements };
    return finish({ ...best, optimal: true, lowerBound: score(right, top), nodes: nodes(), cutByTime: false });
  }
  // Nothing smaller fits: the heuristic's packing is optimal.
  return finish({ ...best, optimal: true, lowerBound: upper, nodes: nodes(), cutByTime: false });
}

/** The default work budget, in search nodes. */
const DEFAULT_MAX_NODES = 200_000;

/** More candidate enclosures than this (real-valued sizes) and packOptimal does not try to prove anything. */
const MAX_CANDIDATES = 100_000;

/**
 * Whether the rectangles wider than half of `width` (no two of them side by side) can stack within `height`.
 * `across` are the sides along `width`, `along` the sides along `height`.
 */
function canStack(across: Float64Array, along: Float64Array, width: number, height: number, rotate: boolean): boolean {
  let stacked = 0;
  for (let i = 0; i < across.length; i++) {
    const narrowest = rotate ? Math.min(across[i], along[i]) : across[i];
    if (narrowest > width / 2 + EPS) stacked += rotate ? narrowest : along[i];
  }
  return stacked <= height + EPS;
}
