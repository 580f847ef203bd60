import { EPS, firstIndexAbove, subsetSums } from "./subset-sums.js";

/** Total area, and the narrowest enclosure width and height that can hold every rectangle (turned if allowed). */
export interface SizeExtremes {
  area: number;
  widest: number;
  tallest: number;
}

/** @internal */
export function sizeExtremes(widths: Float64Array, heights: Float64Array, rotate: boolean): SizeExtremes {
  let area = 0;
  let widest = 0;
  let tallest = 0;
  for (let i = 0; i < widths.length; i++) {
    area += widths[i] * heights[i];
    widest = Math.max(widest, rotate ? Math.min(widths[i], heights[i]) : widths[i]);
    tallest = Math.max(tallest, rotate ? Math.min(widths[i], heights[i]) : heights[i]);
  }
  return { area, widest, tallest };
}

/** The coordinates an exact search may use, and the enclosures worth trying. */
export interface Enclosures {
  xs: number[];
  ys: number[];
  candidates: Array<[number, number]>;
}

/**
 * The enclosures W × H worth trying: W and H subset sums of the sides (an optimal enclosure shrinks to such sums) up
 * to `maxWidth` / `maxHeight`, no narrower or lower than the largest rectangle, W·H at least the total area, and
 * `keep(W, H)`; for each W, heights ascend until the first that is `past(W, H)`. The subset sums come back too: the
 * search uses them as coordinates. Null when real-valued sizes make too many sums (or more than `maxCoordinates`)
 * or more than `maxCount` enclosures, far beyond any budget.
 * @internal
 */
export function listEnclosures(
  widths: Float64Array,
  heights: Float64Array,
  rotate: boolean,
  extremes: SizeExtremes,
  limits: { maxWidth: number; maxHeight: number; maxCount: number; maxCoordinates?: number },
  past: (width: number, height: number) => boolean,
  keep: (width: number, height: number) => boolean,
): Enclosures | null {
  const { area, widest, tallest } = extremes;
  const xs = subsetSums(rotate ? [...widths, ...heights] : widths, limits.maxWidth);
  const ys = subsetSums(rotate ? [...widths, ...heights] : heights, limits.maxHeight);
  const most = limits.maxCoordinates ?? Infinity;
  if (xs === null || ys === null || xs.length > most || ys.length > most) return null;
  const candidates: Array<[number, number]> = [];
  for (const w of xs) {
    if (w < widest - EPS) continue;
    for (let j = firstIndexAbove(ys, Math.max(tallest, area / w) - 2 * EPS); j < ys.length; j++) {
      const h = ys[j];
      if (past(w, h)) break;
      if (keep(w, h)) candidates.push([w, h]);
    }
    if (candidates.length > limits.maxCount) return null;
  }
  return { xs, ys, candidates };
}
