/**
 * Holes left under the skyline: when a rectangle rests on the highest of the segments it spans, the space between
 * the lower segments and its bottom is kept here as free rectangles, so later, smaller rectangles can fill it
 * (Jylänki's skyline with a waste map). Filling splits the hole guillotine-style into the part beside and the part
 * above the rectangle.
 * @internal
 */
export class WasteMap {
  private readonly x: number[] = [];
  private readonly y: number[] = [];
  private readonly w: number[] = [];
  private readonly h: number[] = [];

  add(x: number, y: number, w: number, h: number): void {
    if (w <= 1e-9 || h <= 1e-9) return;
    this.x.push(x);
    this.y.push(y);
    this.w.push(w);
    this.h.push(h);
  }

  /**
   * Put a w × h rectangle into the hole it fits most tightly (least leftover short side), splitting the rest.
   * Returns its position, or undefined when no hole fits.
   */
  take(w: number, h: number): { x: number; y: number } | undefined {
    let best = -1;
    let bestShort = Infinity;
    let bestLong = Infinity;
    for (let i = 0; i < this.x.length; i++) {
      const dw = this.w[i] - w;
      const dh = this.h[i] - h;
      if (dw < -1e-9 || dh < -1e-9) continue;
      const short = Math.min(dw, dh);
      const long = Math.max(dw, dh);
      if (short < bestShort - 1e-9 || (Math.abs(short - bestShort) <= 1e-9 && long < bestLong)) {
        best = i;
        bestShort = short;
        bestLong = long;
      }
    }
    if (best < 0) return undefined;
    const hx = this.x[best];
    const hy = this.y[best];
    const hw = this.w[best];
    const hh = this.h[best];
    // Remove the hole (swap with the last), then keep what is left: split along the shorter leftover.
    const last = this.x.length - 1;
    this.x[best] = this.x[last];
    this.y[best] = this.y[last];
    this.w[best] = this.w[last];
    this.h[best] = this.h[last];
    this.x.pop();
    this.y.pop();
    this.w.pop();
    this.h.pop();
    if (hw - w < hh - h) {
      this.add(hx + w, hy, hw - w, h); // beside, as tall as the rectangle
      this.add(hx, hy + h, hw, hh - h); // above, full width
    } else {
      this.add(hx + w, hy, hw - w, hh); // beside, full height
      this.add(hx, hy + h, w, hh - h); // above, as wide as the rectangle
    }
    return { x: hx, y: hy };
  }
}
