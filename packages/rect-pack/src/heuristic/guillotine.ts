import type { Placement } from "../rectangles.js";

/**
 * One guillotine run into a strip of fixed width and unbounded height: free space is a list of rectangles, first
 * the whole strip. Each box (in the given order) goes into a free rectangle at its lower-left corner — with
 * `rule: "best"` the one it fits most tightly (least leftover area; the open top space is the last resort), with
 * `"first"` the newest one it fits (newer spaces are the smaller ones: O(1) typical instead of O(spaces)) — and the
 * rest of the space is cut into the part beside the box (as tall as the box) and the part above it (full width).
 * Sizes include padding. `poll` runs every {@link BOXES_PER_POLL} boxes (a caller's abort check: a run over 40,000
 * boxes took 60–90 ms).
 * @internal
 */
export function packGuillotine(
  w: Float64Array,
  h: Float64Array,
  sequence: readonly number[],
  stripWidth: number,
  rotate: boolean,
  rule: "first" | "best",
  poll: () => void = () => {},
): { placements: Placement[]; width: number; height: number } {
  // Free rectangles as parallel arrays; height Infinity marks the open top of the strip.
  const sx: number[] = [0];
  const sy: number[] = [0];
  const sw: number[] = [stripWidth];
  const sh: number[] = [Infinity];
  const placements: Placement[] = new Array(w.length);
  let right = 0;
  let top = 0;
  for (let k = 0; k < sequence.length; k++) {
    if ((k & (BOXES_PER_POLL - 1)) === 0) poll();
    const i = sequence[k];
    let best = -1;
    let bestWaste = Infinity;
    let bestY = Infinity;
    let turned = false;
    for (let s = sx.length - 1; s >= 0; s--) {
      if (rule === "first" && best >= 0) break;
      for (let o = 0; o < (rotate ? 2 : 1); o++) {
        const bw = o ? h[i] : w[i];
        const bh = o ? w[i] : h[i];
        if (bw > sw[s] + 1e-9 || bh > sh[s] + 1e-9) continue;
        // Finite spaces by leftover area; the open top space (Infinity) by how low the box would sit.
        const waste = sh[s] === Infinity ? Infinity : sw[s] * sh[s] - bw * bh;
        if (waste < bestWaste - 1e-9 || (waste === Infinity && bestWaste === Infinity && sy[s] < bestY - 1e-9)) {
          best = s;
          bestWaste = waste;
          bestY = sy[s];
          turned = o === 1;
        }
      }
    }
    // The open top space always fits (the strip is at least as wide as every box), so best ≥ 0.
    const bw = turned ? h[i] : w[i];
    const bh = turned ? w[i] : h[i];
    const x = sx[best];
    const y = sy[best];
    placements[i] = { index: i, x, y, width: bw, height: bh, rotated: turned };
    if (x + bw > right) right = x + bw;
    if (y + bh > top) top = y + bh;
    const restW = sw[best] - bw;
    const restH = sh[best] - bh;
    if (restW > 1e-9) {
      // Beside the box, as tall as the box.
      sx.push(x + bw);
      sy.push(y);
      sw.push(restW);
      sh.push(bh);
    }
    if (restH > 1e-9) {
      // Above the box, the full width of the space.
      sy[best] = y + bh;
      sh[best] = restH;
    } else {
      const last = sx.length - 1;
      sx[best] = sx[last];
      sy[best] = sy[last];
      sw[best] = sw[last];
      sh[best] = sh[last];
      sx.pop();
      sy.pop();
      sw.pop();
      sh.pop();
    }
  }
  return { placements, width: right, height: top };
}

/** Boxes placed between two polls of {@link packGuillotine} (a power of two). */
const BOXES_PER_POLL = 1024;
