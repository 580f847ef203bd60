import type { Box } from "./layout.js";

/** The power of two at or above `v` (> 0), within float64's range: dividing by it is exact. */
function powerOfTwoAtLeast(v: number): number {
  return 2 ** Math.max(-1074, Math.min(1023, Math.ceil(Math.log2(v))));
}

/**
 * Bruls et al.'s squarified layout of values (in decreasing order, results mapped back to input order). Values and
 * box are first divided by powers of two (exact: the layout is the same to the last bit) so that neither a box of
 * 1e300 × 1e300 nor denormal values overflow or underflow the areas; the boxes are scaled back.
 */
export function squarified(values: number[], box: Box): Box[] {
  let largest = 0;
  for (const v of values) largest = Math.max(largest, v);
  if (largest <= 0 || !(box.w > 0) || !(box.h > 0)) return values.map(() => ({ x: box.x, y: box.y, w: 0, h: 0 }));
  const unit = powerOfTwoAtLeast(Math.max(box.w, box.h));
  const valueUnit = powerOfTwoAtLeast(largest);
  const boxes = squarifiedScaled(
    values.map((v) => v / valueUnit),
    { x: box.x / unit, y: box.y / unit, w: box.w / unit, h: box.h / unit },
  );
  return boxes.map((b) => ({ x: b.x * unit, y: b.y * unit, w: b.w * unit, h: b.h * unit }));
}

function squarifiedScaled(values: number[], box: Box): Box[] {
  const { x, y, w, h } = box;
  const total = values.reduce((s, v) => s + v, 0);
  const out: Box[] = values.map(() => ({ x, y, w: 0, h: 0 }));
  if (total <= 0 || w <= 0 || h <= 0) return out;
  const scale = (w * h) / total;
  const order = values.map((_, i) => i).sort((a, b) => values[b] - values[a] || a - b);
  const areas = order.map((i) => values[i] * scale);
  let rest = { x, y, w, h };
  let start = 0;
  while (start < areas.length) {
    if (areas[start] === 0) {
      start++;
      continue;
    }
    const side = Math.min(rest.w, rest.h);
    let end = start + 1;
    let rowArea = areas[start];
    let worst = worstRatio(areas, start, end, rowArea, side);
    while (end < areas.length && areas[end] > 0) {
      const next = worstRatio(areas, start, end + 1, rowArea + areas[end], side);
      if (next > worst) break;
      worst = next;
      rowArea += areas[end];
      end++;
    }
    // Lay the row along the shorter side of what is left.
    const thickness = rowArea / side;
    let offset = 0;
    for (let t = start; t < end; t++) {
      const length = areas[t] / thickness;
      out[order[t]] =
        rest.w >= rest.h
          ? { x: rest.x, y: rest.y + offset, w: thickness, h: length }
          : { x: rest.x + offset, y: rest.y, w: length, h: thickness };
      offset += length;
    }
    rest =
      rest.w >= rest.h
        ? { x: rest.x + thickness, y: rest.y, w: rest.w - thickness, h: rest.h }
        : { x: rest.x, y: rest.y + thickness, w: rest.w, h: rest.h - thickness };
    start = end;
  }
  return out;
}

/** The worst aspect ratio of the row areas[start..end) laid along a side of length `side`. */
function worstRatio(areas: number[], start: number, end: number, rowArea: number, side: number): number {
  const largest = areas[start];
  const smallest = areas[end - 1];
  const s2 = side * side;
  const r2 = rowArea * rowArea;
  return Math.max((s2 * largest) / r2, r2 / (s2 * smallest));
}
