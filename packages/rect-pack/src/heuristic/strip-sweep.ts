// The steps packFast is made of, and packOptimal's first incumbent too: plan the strip widths and runs, sweep them
// (guillotine first/best fit, MaxRects for small inputs), anneal and shrink the best (packFast "best", small inputs),
// finish (true sizes, density).
import {
  ClearboxError,
  assertBoolean,
  assertFiniteNumber,
  assertNonNegative,
  assertOneOf,
  assertPositive,
  createProgress,
} from "@clearbox/core/internal";
import type { ProgressReporter } from "@clearbox/core";
import { shrinkEnclosure } from "../exact/shrink-enclosure.js";
import { sizeExtremes } from "../exact/enclosures.js";
import type { FastPacking, PackFastOptions } from "../pack-fast.js";
import { readSizes } from "../rectangles.js";
import type { Placement, RectSize } from "../rectangles.js";
import { ANNEALING_WORK, annealMaxRects } from "./anneal-maxrects.js";
import { packGuillotine } from "./guillotine.js";
import { packMaxRects } from "./maxrects.js";

/** A judged run: its placements, its true size (padding removed) and its score (lower is better). */
export interface ScoredRun {
  placements: Placement[];
  width: number;
  height: number;
  score: number;
}

/** What every step of a packing works on: the checked options, the padded sizes, the orders, the runs to try. */
export interface StripSetup {
  widths: Float64Array;
  heights: Float64Array;
  /** Sizes grown by the padding. */
  w: Float64Array;
  h: Float64Array;
  padding: number;
  rotate: boolean;
  quality: "fast" | "best";
  seed: number;
  maxWidth: number | undefined;
  signal: AbortSignal | undefined;
  widest: number;
  sequences: Map<Order, number[]>;
  runs: Array<{ order: Order; stripWidth: number; rule: "first" | "best" | "maxrects" }>;
  /** A run's true size (padding removed) and its score: enclosing area, nudged towards the requested aspect ratio. */
  judge: (run: { placements: Placement[]; width: number; height: number }) => ScoredRun;
}

type Order = "height" | "area" | "maxSide" | "width";

/**
 * Check packFast's options and plan the sweep: strip widths around the target aspect ratio (the one width of
 * `maxWidth`), the orders, and the runs — first fit over every (order, width); in "best" mode also best fit at the
 * central widths, and for small inputs MaxRects (non-guillotine: it finds the packings of near-equal squares that
 * cuts cannot) over a denser sweep of widths. No setup for no rectangles. Options are checked in packFast's order
 * (its progress reporter among them).
 */
export function planStrips(
  rects: readonly RectSize[],
  options: PackFastOptions,
): { progress: ProgressReporter; setup?: StripSetup } {
  const { widths, heights } = readSizes(rects);
  const n = widths.length;
  const padding = options.padding === undefined ? 0 : assertNonNegative(options.padding, "options.padding");
  const aspectRatio =
    options.aspectRatio === undefined ? 1 : assertPositive(options.aspectRatio, "options.aspectRatio");
  const quality =
    options.quality === undefined ? "fast" : assertOneOf(options.quality, "options.quality", ["fast", "best"]);
  const rotate =
    options.allowRotation === undefined ? false : assertBoolean(options.allowRotation, "options.allowRotation");
  const seed = options.seed === undefined ? 0 : assertFiniteNumber(options.seed, "options.seed");
  const progress = createProgress(options, "fast packing");
  if (n === 0) return { progress };
  // Padding: pack rectangles grown by `padding`, then report their true sizes.
  const w = Float64Array.from(widths, (v) => v + padding);
  const h = Float64Array.from(heights, (v) => v + padding);
  progress.report(0); // reading 40,000 sizes and sorting them are tens of ms each: a check between
  const { area, widest } = sizeExtremes(w, h, rotate);
  const target = Math.sqrt(area * aspectRatio);
  let maxWidth: number | undefined;
  let stripWidths: number[];
  if (options.maxWidth !== undefined) {
    maxWidth = assertPositive(options.maxWidth, "options.maxWidth") + padding;
    checkMaxWidth(widths, heights, w, h, rotate, maxWidth, options.maxWidth);
    stripWidths = [maxWidth];
  } else {
    const factors =
      quality === "best"
        ? // The fast widths too, so "best" is never worse than "fast".
          [...FAST_WIDTHS, ...Array.from({ length: 21 }, (_, t) => 0.8 + t * 0.02)]
        : FAST_WIDTHS;
    stripWidths = factors.map((f) => Math.max(widest, target * f));
  }
  const orders = quality === "best" ? (["height", "area", "maxSide", "width"] as const) : (["height"] as const);
  const runs: StripSetup["runs"] = [];
  for (const order of orders) for (const stripWidth of stripWidths) runs.push({ order, stripWidth, rule: "first" });
  if (quality === "best") {
    const central = stripWidths.slice(Math.floor(stripWidths.length / 2) - 2, Math.floor(stripWidths.length / 2) + 3);
    for (const stripWidth of central) runs.push({ order: "height", stripWidth, rule: "best" });
    if (n <= MAXRECTS_LIMIT && maxWidth === undefined) {
      for (let t = 0; t <= 40; t++) {
        const stripWidth = Math.max(widest, target * (0.75 + t * 0.015));
        for (const order of ["height", "area"] as const) runs.push({ order, stripWidth, rule: "maxrects" });
      }
    } else if (n <= MAXRECTS_LIMIT) {
      for (const order of orders) runs.push({ order, stripWidth: stripWidths[0], rule: "maxrects" });
    }
  }
  const sequences = new Map<Order, number[]>();
  for (const order of orders) {
    progress.report(0);
    sequences.set(order, sortOrder(w, h, order, rotate));
  }
  const judge = (run: { placements: Placement[]; width: number; height: number }) => {
    const width = run.width - padding;
    const height = run.height - padding;
    const score = width * height * (maxWidth === undefined ? aspectPenalty(width / height, aspectRatio) : 1);
    return { ...run, width, height, score };
  };
  const signal = options.signal;
  const setup = {
    widths,
    heights,
    w,
    h,
    padding,
    rotate,
    quality,
    seed,
    maxWidth,
    signal,
    widest,
    sequences,
    runs,
    judge,
  };
  return { progress, setup };
}

/** Every planned run; the best-scoring one (the first among equals). */
export function sweepStrips(setup: StripSetup, progress: ProgressReporter): ScoredRun {
  const { w, h, rotate, runs, sequences, judge } = setup;
  let best: ScoredRun | undefined;
  for (const [r, { order, stripWidth, rule }] of runs.entries()) {
    const poll = () => progress.report(r / runs.length); // within runs too: one over 40,000 rectangles is 60–90 ms
    poll();
    const sequence = sequences.get(order) as number[];
    const run =
      rule === "maxrects"
        ? packMaxRects(w, h, sequence, stripWidth, rotate)
        : packGuillotine(w, h, sequence, stripWidth, rotate, rule, poll);
    const judged = judge(run);
    if (best === undefined || judged.score < best.score - 1e-9) best = judged;
  }
  return best as ScoredRun;
}

/** Improve on the best run by a seeded annealing over MaxRects orders and strip widths (small inputs). */
export function annealStrips(setup: StripSetup, best: ScoredRun, progress: ProgressReporter): ScoredRun {
  const start = {
    order: setup.sequences.get("height") as number[],
    stripWidth: best.width + setup.padding,
    minWidth: setup.widest,
    varyWidth: setup.maxWidth === undefined,
  };
  return annealMaxRects(setup.w, setup.h, setup.rotate, start, {
    work: ANNEALING_WORK,
    judge: setup.judge,
    best,
    seed: setup.seed,
    poll: (fraction) => progress.report(fraction),
  });
}

/** A few thousand nodes of the exact search on enclosures that would score better than the best run. */
export function shrinkStrips(setup: StripSetup, best: ScoredRun): ScoredRun {
  const scoreOf = (width: number, height: number) => setup.judge({ placements: [], width, height }).score;
  const shrunk = shrinkEnclosure(setup.w, setup.h, setup.rotate, best.score, scoreOf, setup.signal);
  return shrunk === undefined ? best : setup.judge(shrunk);
}

/** The packing of a run: true sizes in the placements, and the density. */
export function finishStrips(setup: StripSetup, best: ScoredRun, poll: () => void = () => {}): FastPacking {
  const { widths, heights } = setup;
  const placements = new Array<Placement>(best.placements.length);
  for (let i = 0; i < placements.length; i++) {
    if ((i & 4095) === 0) poll(); // 40,000 placements are ~50 ms
    const p = best.placements[i];
    placements[i] = {
      ...p,
      width: p.rotated ? heights[p.index] : widths[p.index],
      height: p.rotated ? widths[p.index] : heights[p.index],
    };
  }
  // Σ (w / W)(h / H), not Σ wh / WH: areas of 1e300-sized rectangles overflow to Infinity (and the ratio to NaN).
  let density = 0;
  for (let i = 0; i < widths.length; i++) density += (widths[i] / best.width) * (heights[i] / best.height);
  return { width: best.width, height: best.height, placements, density };
}

function checkMaxWidth(
  widths: Float64Array,
  heights: Float64Array,
  w: Float64Array,
  h: Float64Array,
  rotate: boolean,
  maxWidth: number,
  given: number,
) {
  for (let i = 0; i < w.length; i++) {
    if ((rotate ? Math.min(w[i], h[i]) : w[i]) > maxWidth + 1e-9) {
      throw new ClearboxError(
        "E_RANGE",
        `rects[${i}] (${widths[i]} × ${heights[i]}) is wider than options.maxWidth (${given})` +
          (rotate ? " in both orientations." : "; allow rotation or widen the container."),
        { argument: `rects[${i}]` },
      );
    }
  }
}

/** Inputs up to this size also get MaxRects runs in "best" mode (its cost grows as n · F², F free rectangles). */
export const MAXRECTS_LIMIT = 64;

/** Strip widths of the fast mode, as multiples of the width that would make the target aspect ratio. */
const FAST_WIDTHS = [1, 0.97, 1.03, 0.94, 1.06];

/** A mild penalty for straying from the wanted aspect ratio: ×1 within a factor 1.5, growing slowly beyond. */
function aspectPenalty(actual: number, wanted: number): number {
  const off = Math.abs(Math.log(actual / wanted));
  return off <= Math.log(1.5) ? 1 : 1 + (off - Math.log(1.5));
}

/**
 * The rectangles' indices by a key, largest first (ties: larger area, then input order); with rotation, "height"
 * is the short side and "width" the long one.
 */
export function sortOrder(
  w: Float64Array,
  h: Float64Array,
  order: "height" | "area" | "maxSide" | "width",
  rotate: boolean,
): number[] {
  const key = (i: number): number => {
    const tall = rotate ? Math.min(w[i], h[i]) : h[i];
    const wide = rotate ? Math.max(w[i], h[i]) : w[i];
    if (order === "height") return tall;
    if (order === "area") return w[i] * h[i];
    if (order === "maxSide") return Math.max(w[i], h[i]);
    return wide;
  };
  return Array.from(w, (_, i) => i).sort((a, b) => key(b) - key(a) || w[b] * h[b] - w[a] * h[a] || a - b);
}
