import type { Placement } from "../rectangles.js";

/**
 * One MaxRects run (Jylänki 2010) into a strip of fixed width and unbounded height: free space is the list of all
 * maximal empty rectangles, so a box can use space that no guillotine cut would leave it. Each box (in the given
 * order) goes where its top edge is lowest, then leftmost (the bottom-left rule); every free rectangle it overlaps
 * is replaced by the up-to-four maximal parts around it, and free rectangles inside others are dropped.
 * O(n · F²) for F free rectangles: packFast uses it on small inputs only. Sizes include padding.
 * @internal
 */
export function packMaxRects(
  w: Float64Array,
  h: Float64Array,
  sequence: readonly number[],
  stripWidth: number,
  rotate: boolean,
): { placements: Placement[]; width: number; height: number } {
  let free: Array<[number, number, number, number]> = [[0, 0, stripWidth, Infinity]]; // x, y, width, height
  const placements: Placement[] = new Array(w.length);
  let right = 0;
  let top = 0;
  for (const i of sequence) {
    let bx = 0;
    let by = 0;
    let bw = 0;
    let bh = 0;
    let bestTop = Infinity;
    let bestX = Infinity;
    let turned = false;
    for (const [fx, fy, fw, fh] of free) {
      for (let o = 0; o < (rotate ? 2 : 1); o++) {
        const cw = o ? h[i] : w[i];
        const ch = o ? w[i] : h[i];
        if (cw > fw + 1e-9 || ch > fh + 1e-9) continue;
        const boxTop = fy + ch;
        if (boxTop < bestTop - 1e-9 || (boxTop < bestTop + 1e-9 && fx < bestX)) {
          [bx, by, bw, bh, bestTop, bestX, turned] = [fx, fy, cw, ch, boxTop, fx, o === 1];
        }
      }
    }
    // The open top of the strip always fits (stripWidth ≥ every box's width).
    placements[i] = { index: i, x: bx, y: by, width: bw, height: bh, rotated: turned };
    right = Math.max(right, bx + bw);
    top = Math.max(top, by + bh);
    const next: Array<[number, number, number, number]> = [];
    for (const f of free) {
      const [fx, fy, fw, fh] = f;
      if (bx >= fx + fw - 1e-9 || bx + bw <= fx + 1e-9 || by >= fy + fh - 1e-9 || by + bh <= fy + 1e-9) {
        next.push(f);
        continue;
      }
      if (bx > fx + 1e-9) next.push([fx, fy, bx - fx, fh]);
      if (bx + bw < fx + fw - 1e-9) next.push([bx + bw, fy, fx + fw - (bx + bw), fh]);
      if (by > fy + 1e-9) next.push([fx, fy, fw, by - fy]);
      if (by + bh < fy + fh - 1e-9) next.push([fx, by + bh, fw, fy + fh - (by + bh)]);
    }
    free = next.filter(
      (a, k) =>
        !next.some(
          (b, m) =>
            m !== k &&
            b[0] <= a[0] + 1e-9 &&
            b[1] <= a[1] + 1e-9 &&
            b[0] + b[2] >= a[0] + a[2] - 1e-9 &&
            b[1] + b[3] >= a[1] + a[3] - 1e-9 &&
            // Of two equal rectangles keep the first.
            (m < k || b[0] !== a[0] || b[1] !== a[1] || b[2] !== a[2] || b[3] !== a[3]),
        ),
    );
  }
  return { placements, width: right, height: top };
}
