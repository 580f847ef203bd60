/**
 * The skyline of a strip of fixed width: the top edge of everything packed so far, as contiguous segments
 * (x, y, width) from left to right. Rectangles are dropped onto it at the position whose top is lowest
 * (bottom-left rule), ties broken by the least area wasted under the rectangle, then by x.
 * @internal
 */
export class Skyline {
  private xs: number[];
  private ys: number[];
  private ws: number[];
  /** Height of the highest point. */
  top = 0;

  constructor(readonly width: number) {
    this.xs = [0];
    this.ys = [0];
    this.ws = [width];
  }

  /**
   * The best place for a w × h rectangle: `{ x, y, waste }`, or undefined when w exceeds the strip. O(segments ×
   * segments spanned).
   */
  find(w: number, h: number): { x: number; y: number; waste: number } | undefined {
    const { xs, ys, ws } = this;
    let bestX = -1;
    let bestY = Infinity;
    let bestWaste = Infinity;
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i];
      if (x + w > this.width + 1e-9) break;
      // The rectangle rests on the highest segment it spans.
      let y = 0;
      const right = x + w;
      let j = i;
      while (j < xs.length && xs[j] < right - 1e-9) {
        if (ys[j] > y) y = ys[j];
        j++;
      }
      if (y + h > bestY + 1e-9) continue;
      let waste = 0;
      for (let t = i; t < j; t++) waste += (y - ys[t]) * (Math.min(right, xs[t] + ws[t]) - xs[t]);
      if (y + h < bestY - 1e-9 || waste < bestWaste - 1e-9) {
        bestX = x;
        bestY = y + h;
        bestWaste = waste;
      }
    }
    return bestX < 0 ? undefined : { x: bestX, y: bestY - h, waste: bestWaste };
  }

  /**
   * Raise the skyline under a w × h rectangle placed at (x, y). `onHole(x, y, w, h)` receives the space left
   * between the lower segments it spans and its bottom.
   */
  place(
    x: number,
    y: number,
    w: number,
    h: number,
    onHole?: (hx: number, hy: number, hw: number, hh: number) => void,
  ): void {
    const { xs, ys, ws } = this;
    const right = x + w;
    if (onHole) {
      for (let t = 0; t < xs.length; t++) {
        const left = Math.max(xs[t], x);
        const end = Math.min(xs[t] + ws[t], right);
        if (end - left > 1e-9 && ys[t] < y - 1e-9) onHole(left, ys[t], end - left, y - ys[t]);
      }
    }
    const nx: number[] = [];
    const ny: number[] = [];
    const nw: number[] = [];
    const push = (sx: number, sy: number, sw: number) => {
      if (sw <= 1e-9) return;
      const last = nx.length - 1;
      if (last >= 0 && Math.abs(ny[last] - sy) <= 1e-9)
        nw[last] += sw; // merge equal heights
      else {
        nx.push(sx);
        ny.push(sy);
        nw.push(sw);
      }
    };
    let inserted = false;
    for (let t = 0; t < xs.length; t++) {
      const sx = xs[t];
      const se = sx + ws[t];
      if (se <= x + 1e-9 || sx >= right - 1e-9) {
        if (!inserted && sx >= right - 1e-9) {
          push(x, y + h, w);
          inserted = true;
        }
        push(sx, ys[t], ws[t]);
        continue;
      }
      if (sx < x) push(sx, ys[t], x - sx); // the part left of the rectangle
      if (!inserted) {
        push(x, y + h, w);
        inserted = true;
      }
      if (se > right) push(right, ys[t], se - right); // the part right of it
    }
    if (!inserted) push(x, y + h, w);
    this.xs = nx;
    this.ys = ny;
    this.ws = nw;
    if (y + h > this.top) this.top = y + h;
  }
}
