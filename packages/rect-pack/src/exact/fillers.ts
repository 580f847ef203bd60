// The smallest squares, left out of the search and put into free grid cells at the end (see ContainmentSearch).
import type { Placement } from "../rectangles.js";

/** Beyond this many g × g cells, the smallest squares are searched like the other rectangles. */
export const MAX_CELLS = 1 << 22;

/** The greatest common divisor of every side when all are integers, else 0. */
export function commonDivisor(widths: Float64Array, heights: Float64Array): number {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  let divisor = 0;
  for (const sides of [widths, heights]) {
    for (const side of sides) {
      if (!Number.isInteger(side)) return 0;
      divisor = gcd(side, divisor);
    }
  }
  return divisor;
}

/**
 * Puts the `fillers` (g × g squares) into free cells of a packing on the grid of g: `columns` × `rows` cells.
 * The caller has checked there is room: the free area is at least theirs, and made of whole cells.
 */
export function fillCells(
  placements: readonly Placement[],
  fillers: readonly number[],
  g: number,
  columns: number,
  rows: number,
): Placement[] {
  const taken = new Uint8Array(columns * rows);
  for (const p of placements) {
    const x0 = Math.round(p.x / g);
    const y0 = Math.round(p.y / g);
    for (let y = y0; y < y0 + Math.round(p.height / g); y++)
      taken.fill(1, y * columns + x0, y * columns + x0 + Math.round(p.width / g));
  }
  const out: Placement[] = [];
  let cell = 0;
  for (const index of fillers) {
    while (taken[cell] === 1) cell++;
    out.push({
      index,
      x: (cell % columns) * g,
      y: Math.floor(cell / columns) * g,
      width: g,
      height: g,
      rotated: false,
    });
    cell++;
  }
  return out;
}
