// The strip-width sweep behind packFast (and packOptimal's first incumbent): guillotine packing into strips of several
// widths around the target aspect ratio, MaxRects and annealing for small inputs in "best" mode, the densest wins.
import {
  ClearboxError,
  assertBoolean,
  assertFiniteNumber,
  assertNonNegative,
  assertOneOf,
  assertPositive,
  createProgress,
} from "@clearbox/core/internal";
import { shrinkEnclosure } from "../exact/shrink-enclosure.js";
import { sizeExtremes } from "../exact/enclosures.js";
import type { FastPacking, PackFastOptions } from "../pack-fast.js";
import { readSizes } from "../rectangles.js";
import type { Placement, RectSize } from "../rectangles.js";
import { ANNEALING_WORK, annealMaxRects } from "./anneal-maxrects.js";
import { packGuillotine } from "./guillotine.js";
import { packMaxRects } from "./maxrects.js";

/**
 * {@link packFast}, with or without the two searches that end its `"best"` mode for small inputs (the annealing
 * and the exact search's short try at smaller enclosures): `packOptimal` wants a quick incumbent.
 */
export function packHeuristically(rects: readonly RectSize[], options: PackFastOptions, polish: boolean): FastPacking {
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
  if (n === 0) {
    progress.done();
    return { width: 0, height: 0, placements: [], density: 1 };
  }

  // Padding: pack rectangles grown by `padding`, then report their true sizes.
  const w = Float64Array.from(widths, (v) => v + padding);
  const h = Float64Array.from(heights, (v) => v + padding);
  const { area, widest } = sizeExtremes(w, h, rotate);

  const target = Math.sqrt(area * aspectRatio);
  let stripWidths: number[];
  if (options.maxWidth !== undefined) {
    const maxWidth = assertPositive(options.maxWidth, "options.maxWidth") + padding;
    for (let i = 0; i < n; i++) {
      if ((rotate ? Math.min(w[i], h[i]) : w[i]) > maxWidth + 1e-9) {
        throw new ClearboxError(
          "E_RANGE",
          `rects[${i}] (${widths[i]} × ${heights[i]}) is wider than options.maxWidth (${options.maxWidth})` +
            (rotate ? " in both orientations." : "; allow rotation or widen the container."),
          { argument: `rects[${i}]` },
        );
      }
    }
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

  // Runs to try: first fit over every (order, width); in "best" mode also best fit at the central widths, and for
  // small inputs MaxRects (non-guillotine: it finds the packings of near-equal squares that cuts cannot) over a
  // denser sweep of widths.
  const runs: Array<{ order: (typeof orders)[number]; stripWidth: number; rule: "first" | "best" | "maxrects" }> = [];
  for (const order of orders) for (const stripWidth of stripWidths) runs.push({ order, stripWidth, rule: "first" });
  if (quality === "best") {
    const central = stripWidths.slice(Math.floor(stripWidths.length / 2) - 2, Math.floor(stripWidths.length / 2) + 3);
    for (const stripWidth of central) runs.push({ order: "height", stripWidth, rule: "best" });
    if (n <= MAXRECTS_LIMIT && options.maxWidth === undefined) {
      for (let t = 0; t <= 40; t++) {
        const stripWidth = Math.max(widest, target * (0.75 + t * 0.015));
        for (const order of ["height", "area"] as const) runs.push({ order, stripWidth, rule: "maxrects" });
      }
    } else if (n <= MAXRECTS_LIMIT) {
      for (const order of orders) runs.push({ order, stripWidth: stripWidths[0], rule: "maxrects" });
    }
  }
  const sequences = new Map(orders.map((order) => [order, sortOrder(w, h, order, rotate)]));
  /** A run's true size (padding removed) and its score: enclosing area, nudged towards the requested aspect ratio. */
  const judge = (run: { placements: Placement[]; width: number; height: number }) => {
    const width = run.width - padding;
    const height = run.height - padding;
    const score = width * height * (options.maxWidth === undefined ? aspectPenalty(width / height, aspectRatio) : 1);
    return { ...run, width, height, score };
  };
  let best: { placements: Placement[]; width: number; height: number; score: number } | undefined;
  // Progress: the runs take about a third of "best" mode's work on small inputs, the annealing the rest.
  const annealing = polish && quality === "best" && n <= MAXRECTS_LIMIT;
  const runsPhase = annealing ? progress.phase(0, 0.3) : progress;
  for (const [r, { order, stripWidth, rule }] of runs.entries()) {
    if ((r & 15) === 0) runsPhase.report(r / runs.length);
    const sequence = sequences.get(order) as number[];
    const run =
      rule === "maxrects"
        ? packMaxRects(w, h, sequence, stripWidth, rotate)
        : packGuillotine(w, h, sequence, stripWidth, rotate, rule);
    const judged = judge(run);
    if (best === undefined || judged.score < best.score - 1e-9) best = judged;
  }
  if (polish && quality === "best" && n <= MAXRECTS_LIMIT && best !== undefined) {
    // Small inputs: improve on the best run by a seeded annealing over MaxRects orders and strip widths.
    const start = {
      order: sequences.get("height") as number[],
      stripWidth: best.width + padding,
      minWidth: widest,
      varyWidth: options.maxWidth === undefined,
    };
    const annealPhase = progress.phase(0.3, 0.9);
    best = annealMaxRects(w, h, rotate, start, {
      work: ANNEALING_WORK,
      judge,
      best,
      seed,
      poll: (fraction) => annealPhase.report(fraction),
    });
  }
  if (polish && quality === "best" && n <= MAXRECTS_LIMIT && options.maxWidth === undefined && best !== undefined) {
    // Then a few thousand nodes of the exact search on enclosures that would score better.
    const scoreOf = (width: number, height: number) => judge({ placements: [], width, height }).score;
    const shrunk = shrinkEnclosure(w, h, rotate, best.score, scoreOf, options.signal);
    if (shrunk !== undefined) best = judge(shrunk);
  }
  const winner = best as { placements: Placement[]; width: number; height: number };
  const placements = winner.placements.map((p) => ({
    ...p,
    width: p.rotated ? heights[p.index] : widths[p.index],
    height: p.rotated ? widths[p.index] : heights[p.index],
  }));
  let used = 0;
  for (let i = 0; i < n; i++) used += widths[i] * heights[i];
  progress.done();
  return { width: winner.width, height: winner.height, placements, density: used / (winner.width * winner.height) };
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
