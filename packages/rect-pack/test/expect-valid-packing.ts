import { expect } from "vitest";
import type { Packing, RectSize } from "../src/index.js";

/**
 * Every invariant a packing must keep: one placement per input, in input order; sizes kept (or swapped when
 * rotated); inside the enclosing rectangle; no two overlapping, and at least `padding` apart.
 */
export function expectValidPacking(rects: RectSize[], packing: Packing, padding = 0): void {
  expect(packing.placements.map((p) => p.index)).toEqual(rects.map((_, i) => i));
  packing.placements.forEach((p, i) => {
    const [w, h] = p.rotated ? [rects[i].height, rects[i].width] : [rects[i].width, rects[i].height];
    expect([p.width, p.height]).toEqual([w, h]);
    const inside =
      p.x >= -1e-9 && p.y >= -1e-9 && p.x + p.width <= packing.width + 1e-6 && p.y + p.height <= packing.height + 1e-6;
    expect(inside).toBe(true);
  });
  const ps = packing.placements;
  const tooClose: Array<[number, number]> = [];
  for (let a = 0; a < ps.length; a++) {
    for (let b = a + 1; b < ps.length; b++) {
      const apart =
        ps[a].x + ps[a].width + padding <= ps[b].x + 1e-6 ||
        ps[b].x + ps[b].width + padding <= ps[a].x + 1e-6 ||
        ps[a].y + ps[a].height + padding <= ps[b].y + 1e-6 ||
        ps[b].y + ps[b].height + padding <= ps[a].y + 1e-6;
      if (!apart) tooClose.push([a, b]);
    }
  }
  expect(tooClose).toEqual([]);
}
