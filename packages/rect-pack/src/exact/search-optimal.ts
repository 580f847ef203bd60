// packOptimal's search, step by step: the heuristic incumbent, the candidate enclosures better than it (best score
// first), each decided by a ContainmentSearch (upright or transposed, one shared budget), and when the budget runs
// out the incumbent improved by annealing, with the proven lower bound.
import {
  assertBoolean,
  assertFiniteNumber,
  assertInteger,
  assertPositive,
  createProgress,
  throwIfAborted,
} from "@clearbox/core/internal";
import type { ProgressReporter } from "@clearbox/core";
import { annealMaxRects } from "../heuristic/anneal-maxrects.js";
import { MAXRECTS_LIMIT, finishStrips, planStrips, sortOrder, sweepStrips } from "../heuristic/strip-sweep.js";
import type { StripSetup } from "../heuristic/strip-sweep.js";
import type { OptimalPacking, PackOptimalOptions } from "../pack-optimal.js";
import { readSizes } from "../rectangles.js";
import type { Packing, RectSize } from "../rectangles.js";
import { SearchBudget } from "./budget.js";
import { ContainmentSearch } from "./containment.js";
import { listEnclosures, sizeExtremes } from "./enclosures.js";
import { EPS } from "./subset-sums.js";

/** The problem as every step sees it: sizes, checked options, the score of an enclosure. */
interface Problem {
  widths: Float64Array;
  heights: Float64Array;
  rotate: boolean;
  seed: number;
  aspect: number | undefined;
  signal: AbortSignal | undefined;
  extremes: ReturnType<typeof sizeExtremes>;
  /** The enclosure's area, or with an aspect ratio the scale at which it fits a region of that shape. */
  score: (w: number, h: number) => number;
}

/** Candidate enclosures, best score first, and the coordinates their searches may use. */
interface Enclosures {
  xs: number[];
  ys: number[];
  candidates: Array<[number, number]>;
}

/** How the candidates ended: a packing in one of them, the budget spent at one, or none left. */
type Decision = { packing: Packing } | { stoppedAt: [number, number] } | "none";

/**
 * {@link packOptimal}, with the work of the annealing that improves an unproven result (see annealMaxRects; 0 for
 * none): `packHierarchical` packs many groups, each stopped after a few hundred nodes, and gives each less.
 */
export function searchOptimal(
  rects: readonly RectSize[],
  options: PackOptimalOptions,
  annealingWork: number,
): OptimalPacking {
  const { widths, heights } = readSizes(rects);
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
  if (widths.length === 0) {
    return finish({ width: 0, height: 0, placements: [], optimal: true, lowerBound: 0, nodes: 0, cutByTime: false });
  }
  throwIfAborted(options.signal, "optimal packing");
  const deadline = performance.now() + budgetMs;
  const score = (w: number, h: number) => (aspect === undefined ? w * h : Math.max(w / aspect, h));
  const extremes = sizeExtremes(widths, heights, rotate);
  const problem: Problem = { widths, heights, rotate, seed, aspect, signal: options.signal, extremes, score };

  // The heuristic's packing bounds the search (its "best" sweeps, without the searches that end it).
  // The signal goes along: the sweep over widths is long for many rectangles and must stop when aborted too.
  const plan = planStrips(rects, {
    quality: "best",
    allowRotation: rotate,
    aspectRatio: aspect,
    signal: options.signal,
  });
  const incumbent = finishStrips(plan.setup as StripSetup, sweepStrips(plan.setup as StripSetup, plan.progress));
  const best: Packing = { width: incumbent.width, height: incumbent.height, placements: incumbent.placements };
  const upper = score(best.width, best.height);
  const unproven = (lowerBound: number, spent: number, cutByTime: boolean) =>
    finish(unprovenResult(problem, annealIncumbent(problem, best, annealingWork), lowerBound, spent, cutByTime));
  const plainBound = boundBeforeSearch(problem);
  const enclosures = enclosuresToTry(problem, upper);
  if (enclosures === null) return unproven(plainBound, 0, false);

  // Progress: the larger of the share of the node budget spent and the share of candidate enclosures decided.
  const budget = new SearchBudget(maxNodes, deadline, options.signal, (spent) => progress.report(spent));
  const decision = decideEnclosures(problem, enclosures, budget, progress);
  if (decision === "none") {
    // Nothing smaller fits: the heuristic's packing is optimal.
    return finish({ ...best, optimal: true, lowerBound: upper, nodes: budget.spent, cutByTime: false });
  }
  if ("stoppedAt" in decision) {
    // Every enclosure that could hold the rectangles shrinks to a candidate no worse (or to one past the
    // incumbent), and the candidates before this one are ruled out: none scores below it.
    const [w, h] = decision.stoppedAt;
    return unproven(Math.max(plainBound, score(w, h)), budget.spent, performance.now() > deadline);
  }
  const { packing } = decision;
  const lowerBound = score(packing.width, packing.height);
  return finish({ ...packing, optimal: true, lowerBound, nodes: budget.spent, cutByTime: false });
}

/**
 * Before any search: W ≥ the widest, H ≥ the tallest, W·H ≥ the area (so with a ratio, W ≤ ratio·score and H ≤ score
 * give ratio·score² ≥ the area).
 */
function boundBeforeSearch({ extremes, aspect }: Problem): number {
  const { area, widest, tallest } = extremes;
  return aspect === undefined
    ? Math.max(area, widest * tallest)
    : Math.max(Math.sqrt(area / aspect), widest / aspect, tallest);
}

/**
 * Every candidate enclosure that scores better than the incumbent (scores grow with the height), best first (then
 * larger, then more elongated); null when real-valued sizes make too many. When the set looks the same transposed (all
 * squares, or rotation allowed) and the score is symmetric, W × H and H × W are one problem.
 */
function enclosuresToTry(problem: Problem, upper: number): Enclosures | null {
  const { widths, heights, rotate, aspect, extremes, score } = problem;
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
  if (enclosures === null) return null;
  // Among equal scores, larger enclosures first: one ruled out rules out every enclosure inside it (below). Then
  // the more elongated first: any of them that fits is optimal, and an elongated one is decided in far fewer nodes
  // (few columns along the short side). Squares N = 22: 39 × 98 fits in 15 k nodes, where 49 × 78 and 42 × 91 of
  // the same area, tried first when squarer went first, took 1.04 M to rule out.
  enclosures.candidates.sort(
    (a, b) =>
      score(a[0], a[1]) - score(b[0], b[1]) ||
      b[0] * b[1] - a[0] * a[1] ||
      Math.abs(b[0] - b[1]) - Math.abs(a[0] - a[1]),
  );
  return enclosures;
}

/**
 * Decide the candidates in order until one holds the rectangles. The x phase refutes an enclosure far faster along
 * the axis where the rectangles are longest relative to it: the widths when Σ widths / W ≥ Σ heights / H (for
 * squares, or with rotation, the short side). Otherwise the enclosure is searched transposed (heights as widths) and
 * its packing turned back. Both searches share the budget.
 */
function decideEnclosures(
  problem: Problem,
  { xs, ys, candidates }: Enclosures,
  budget: SearchBudget,
  progress: ProgressReporter,
): Decision {
  const { widths, heights, rotate, score } = problem;
  let sumWidths = 0;
  let sumHeights = 0;
  for (let i = 0; i < widths.length; i++) {
    sumWidths += widths[i];
    sumHeights += heights[i];
  }
  // Rectangles that may turn have no axis of their own: the short side.
  const searchTransposed = (w: number, h: number) => (rotate ? w > h + EPS : sumHeights * w > sumWidths * h + EPS);
  const upright = new ContainmentSearch(widths, heights, rotate, xs, ys, budget);
  const transposed = new ContainmentSearch(heights, widths, rotate, ys, xs, budget);
  // An enclosure inside one ruled out is ruled out too. It scores no better, so it can only come later among equal
  // scores — with aspectRatio, every width up to ratio × height scores the height: the widest goes first, and once
  // it is ruled out the narrower ones need no search.
  const ruledOut: Array<[number, number]> = [];
  for (const [i, [w, h]] of candidates.entries()) {
    progress.report(i / candidates.length);
    if (ruledOut.length > 0 && score(w, h) > score(ruledOut[0][0], ruledOut[0][1]) + EPS) ruledOut.length = 0;
    if (ruledOut.some(([outW, outH]) => w <= outW + EPS && h <= outH + EPS)) continue;
    // Setting up an enclosure costs time of its own when real-valued sizes make many coordinates.
    if (performance.now() > budget.deadline) return { stoppedAt: [w, h] };
    const turn = searchTransposed(w, h);
    const outcome = turn ? transposed.fits(h, w) : upright.fits(w, h);
    if (outcome === "timeout") return { stoppedAt: [w, h] };
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
    return { packing: { width: right, height: top, placements } };
  }
  return "none";
}

/**
 * The search never improves on the incumbent short of a proof. So when the budget ends first, the incumbent gets
 * what it skipped (work a proof does not need): packFast best's annealing, under this score.
 */
function annealIncumbent(problem: Problem, best: Packing, work: number): Packing {
  const { widths, heights, rotate, extremes, score, seed, signal } = problem;
  if (work <= 0 || widths.length > MAXRECTS_LIMIT) return best;
  const start = {
    order: sortOrder(widths, heights, "height", rotate),
    stripWidth: best.width,
    minWidth: extremes.widest,
    varyWidth: true,
  };
  const judge = (run: Packing) => ({ ...run, score: score(run.width, run.height) });
  const { width, height, placements } = annealMaxRects(widths, heights, rotate, start, {
    work,
    judge,
    best: judge(best),
    seed,
    poll: () => throwIfAborted(signal, "optimal packing"),
  });
  return { width, height, placements };
}

/** An unproven result; it may even reach the lower bound, and then it is optimal after all. */
function unprovenResult(
  { score }: Problem,
  best: Packing,
  lowerBound: number,
  spent: number,
  cutByTime: boolean,
): OptimalPacking {
  const reached = score(best.width, best.height) <= lowerBound + EPS;
  return {
    ...best,
    optimal: reached,
    lowerBound: reached ? score(best.width, best.height) : lowerBound,
    nodes: spent,
    cutByTime,
  };
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
