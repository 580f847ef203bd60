import { ClearboxError, assertFiniteNumber, assertOneOf } from "@clearbox/core";
import { readSizes } from "./rectangles.js";
import type { Packing, Placement, RectSize } from "./rectangles.js";
import { Skyline } from "./skyline.js";
import { WasteMap } from "./waste-map.js";

/** Options of {@link packFast}. */
export interface PackFastOptions {
  /** Wanted width / height of the result when no `maxWidth` is given. Default 1 (square). */
  aspectRatio?: number;
  /** Pack into a strip of this width (the result is as low as the heuristic gets it). */
  maxWidth?: number;
  /** Gap kept between rectangles. Default 0. */
  padding?: number;
  /** Let rectangles turn 90°. Default false. */
  allowRotation?: boolean;
  /**
   * `"fast"` (default): five strip widths around the target, tallest first.
   * `"best"`: 41 widths and four orders, keeping the densest.
   */
  quality?: "fast" | "best";
}

/** A heuristic packing with its density (Σ rectangle area / enclosing area). */
export interface FastPacking extends Packing {
  density: number;
}

/**
 * Pack rectangles into a small enclosing rectangle with a skyline heuristic: rectangles are taken tallest first;
 * each goes into the tightest hole left under the skyline if one fits (a waste map), else it is dropped where its
 * top ends lowest (least wasted area on ties). Several strip widths around the
 * target aspect ratio are tried and the densest result wins. Deterministic; the input is never mutated; an
 * empty list gives an empty packing. A heuristic: on 1,000 random rectangles its density is 0.949–0.961, just
 * under potpack's 0.960–0.966 (work in progress, issue #3).
 *
 * @example
 * const { width, height, placements, density } = packFast([{ width: 3, height: 2 }, { width: 1, height: 4 }]);
 */
export function packFast(rects: readonly RectSize[], options: PackFastOptions = {}): FastPacking {
  const { widths, heights } = readSizes(rects);
  const n = widths.length;
  const padding = options.padding === undefined ? 0 : assertFiniteNumber(options.padding, "options.padding");
  if (padding < 0) {
    throw new ClearboxError("E_RANGE", `options.padding must be ≥ 0, got ${padding}.`, { argument: "options.padding" });
  }
  const aspectRatio =
    options.aspectRatio === undefined ? 1 : assertFiniteNumber(options.aspectRatio, "options.aspectRatio");
  if (aspectRatio <= 0) {
    throw new ClearboxError("E_RANGE", `options.aspectRatio must be > 0, got ${aspectRatio}.`, {
      argument: "options.aspectRatio",
    });
  }
  const quality =
    options.quality === undefined ? "fast" : assertOneOf(options.quality, "options.quality", ["fast", "best"]);
  const rotate = options.allowRotation ?? false;
  if (n === 0) return { width: 0, height: 0, placements: [], density: 1 };

  // Padding: pack rectangles grown by `padding`, then report their true sizes.
  const w = Float64Array.from(widths, (v) => v + padding);
  const h = Float64Array.from(heights, (v) => v + padding);
  let area = 0;
  let widest = 0;
  for (let i = 0; i < n; i++) {
    area += w[i] * h[i];
    widest = Math.max(widest, rotate ? Math.min(w[i], h[i]) : w[i]);
  }

  let stripWidths: number[];
  if (options.maxWidth !== undefined) {
    const maxWidth = assertFiniteNumber(options.maxWidth, "options.maxWidth") + padding;
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
    const target = Math.sqrt(area * aspectRatio);
    const factors =
      quality === "best" ? Array.from({ length: 41 }, (_, t) => 0.8 + t * 0.01) : [0.94, 0.97, 1, 1.03, 1.06];
    stripWidths = factors.map((f) => Math.max(widest, target * f));
  }
  const orders = quality === "best" ? (["height", "area", "maxSide", "width"] as const) : (["height"] as const);

  let best: { placements: Placement[]; width: number; height: number; score: number } | undefined;
  for (const order of orders) {
    const sequence = sortOrder(w, h, order, rotate);
    for (const stripWidth of stripWidths) {
      const run = packStrip(w, h, sequence, stripWidth, rotate);
      // Judge by enclosing area, nudged towards the requested aspect ratio when one was asked for.
      const width = run.width - padding;
      const height = run.height - padding;
      const score = width * height * (options.maxWidth === undefined ? aspectPenalty(width / height, aspectRatio) : 1);
      if (best === undefined || score < best.score - 1e-9) best = { ...run, width, height, score };
    }
  }
  const winner = best as { placements: Placement[]; width: number; height: number };
  const placements = winner.placements.map((p) => ({
    ...p,
    width: p.rotated ? heights[p.index] : widths[p.index],
    height: p.rotated ? widths[p.index] : heights[p.index],
  }));
  let used = 0;
  for (let i = 0; i < n; i++) used += widths[i] * heights[i];
  return { width: winner.width, height: winner.height, placements, density: used / (winner.width * winner.height) };
}

/** A mild penalty for straying from the wanted aspect ratio: ×1 within a factor 1.5, growing slowly beyond. */
function aspectPenalty(actual: number, wanted: number): number {
  const off = Math.abs(Math.log(actual / wanted));
  return off <= Math.log(1.5) ? 1 : 1 + (off - Math.log(1.5));
}

function sortOrder(
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

/** One skyline run into a strip: returns placements (sizes include padding) and the bounding box used. */
function packStrip(
  w: Float64Array,
  h: Float64Array,
  sequence: number[],
  stripWidth: number,
  rotate: boolean,
): { placements: Placement[]; width: number; height: number } {
  const skyline = new Skyline(stripWidth);
  const holes = new WasteMap();
  const recordHole = (x: number, y: number, hw: number, hh: number) => holes.add(x, y, hw, hh);
  const placements: Placement[] = new Array(w.length);
  let right = 0;
  for (const i of sequence) {
    // A hole under the skyline first, upright, then turned.
    let hole = holes.take(w[i], h[i]);
    let turned = false;
    if (!hole && rotate) {
      hole = holes.take(h[i], w[i]);
      turned = hole !== undefined;
    }
    if (hole) {
      const pw = turned ? h[i] : w[i];
      const ph = turned ? w[i] : h[i];
      placements[i] = { index: i, x: hole.x, y: hole.y, width: pw, height: ph, rotated: turned };
      right = Math.max(right, hole.x + pw);
      continue;
    }
    // With rotation the tallest-first order lays rectangles flat (long side horizontal) unless upright fits better.
    const flat = rotate && h[i] > w[i];
    const [aw, ah] = flat ? [h[i], w[i]] : [w[i], h[i]];
    let spot = skyline.find(aw, ah);
    let rotated = flat;
    if (rotate) {
      const other = skyline.find(ah, aw);
      if (
        other &&
        (!spot ||
          other.y + aw < spot.y + ah - 1e-9 ||
          (Math.abs(other.y + aw - (spot.y + ah)) <= 1e-9 && other.waste < spot.waste))
      ) {
        spot = other;
        rotated = !flat;
      }
    }
    // Every rectangle fits the strip (checked by the caller), so a spot always exists.
    const s = spot as { x: number; y: number };
    const pw = rotated ? h[i] : w[i];
    const ph = rotated ? w[i] : h[i];
    skyline.place(s.x, s.y, pw, ph, recordHole);
    placements[i] = { index: i, x: s.x, y: s.y, width: pw, height: ph, rotated };
    right = Math.max(right, s.x + pw);
  }
  return { placements, width: right, height: skyline.top };
}
