import { assertInteger, assertPositive, throwIfAborted } from "@clearbox/core";
import type { LongRunningOptions } from "@clearbox/core";
import { packFast } from "./pack-fast.js";
import { readSizes } from "./rectangles.js";
import type { Packing, Placement, RectSize } from "./rectangles.js";

/** Options of {@link packOptimal}. */
export interface PackOptimalOptions extends Pick<LongRunningOptions, "signal"> {
  /** Stop searching after this many milliseconds and return the best packing found. Default 1000. */
  budgetMs?: number;
  /** Stop after this many search nodes. Default 50,000,000. */
  maxNodes?: number;
  /** Let rectangles turn 90°. Default false. */
  allowRotation?: boolean;
}

/** A packing that says whether it is proven minimal, and how much search it took. */
export interface OptimalPacking extends Packing {
  /** True when no enclosing rectangle of smaller area can hold the rectangles (proven by exhaustive search). */
  optimal: boolean;
  /** Search nodes visited. */
  nodes: number;
}

/**
 * The minimum-area enclosing rectangle and a packing into it, for small sets (up to a few dozen rectangles).
 *
 * Enclosing sizes are tried in increasing area, from the area lower bound up to what {@link packFast} achieves;
 * widths and heights are drawn from sums of rectangle sides (an optimal enclosure can always be shrunk to such
 * sums). For each size a complete branch-and-bound search fills the lowest, leftmost gap of the skyline with a
 * rectangle at its left end, or declares the gap wasted and raises it to its lower neighbour; it prunes when the
 * waste exceeds the slack, forces waste where nothing fits, and treats identical rectangles as one. The first
 * size that holds everything is optimal. When `budgetMs` or `maxNodes` runs out, the best packing found so far
 * is returned with `optimal: false`.
 *
 * Not yet Huang & Korf's method (their interval-based x phase, wasted-space pruning and dominance tables prove far
 * larger sets; issue #3 tracks that). Measured here: the consecutive squares 1…N are proven optimal up to N = 13
 * (about 1–1.5 s for N = 12 and 13; N = 14 takes ~10 s); larger sets usually end with `optimal: false` and the
 * best packing found.
 */
export function packOptimal(rects: readonly RectSize[], options: PackOptimalOptions = {}): OptimalPacking {
  const { widths, heights } = readSizes(rects);
  const n = widths.length;
  const budgetMs = options.budgetMs === undefined ? 1000 : assertPositive(options.budgetMs, "options.budgetMs");
  const maxNodes = options.maxNodes === undefined ? 50_000_000 : assertInteger(options.maxNodes, "options.maxNodes", 1);
  const rotate = options.allowRotation ?? false;
  if (n === 0) return { width: 0, height: 0, placements: [], optimal: true, nodes: 0 };
  throwIfAborted(options.signal, "optimal packing");

  const incumbent = packFast(rects, { quality: "best", allowRotation: rotate });
  let best: Packing = { width: incumbent.width, height: incumbent.height, placements: incumbent.placements };
  let totalArea = 0;
  let widest = 0;
  let tallest = 0;
  for (let i = 0; i < n; i++) {
    totalArea += widths[i] * heights[i];
    widest = Math.max(widest, rotate ? Math.min(widths[i], heights[i]) : widths[i]);
    tallest = Math.max(tallest, rotate ? Math.min(widths[i], heights[i]) : heights[i]);
  }
  const sides = rotate ? [...widths, ...heights] : [...widths];
  const upSides = rotate ? [...widths, ...heights] : [...heights];
  const upperArea = best.width * best.height;
  const widthSums = subsetSums(sides, upperArea / tallest);
  const heightSums = subsetSums(upSides, upperArea / widest);

  // Every candidate enclosure strictly smaller than the incumbent, in increasing area (squarer first on ties).
  // When the set looks the same transposed (all squares, or rotation allowed), W × H and H × W are one problem.
  const transposable = rotate || widths.every((v, i) => v === heights[i]);
  const candidates: Array<[number, number]> = [];
  for (const w of widthSums) {
    if (w < widest - EPS) continue;
    for (const h of heightSums) {
      if (h < tallest - EPS || w * h < totalArea - EPS) continue;
      if (w * h >= upperArea - EPS) break; // heights ascend: the rest are no smaller than the incumbent
      if (transposable && w > h + EPS) continue;
      candidates.push([w, h]);
    }
  }
  candidates.sort((a, b) => a[0] * a[1] - b[0] * b[1] || Math.abs(a[0] - a[1]) - Math.abs(b[0] - b[1]));

  const deadline = performanceNow() + budgetMs;
  const search = new PackingSearch(widths, heights, rotate, maxNodes, deadline, options.signal);
  for (const [w, h] of candidates) {
    const outcome = search.fits(w, h);
    if (outcome === "timeout") return { ...best, optimal: false, nodes: search.nodes };
    if (outcome !== "infeasible") {
      best = { width: w, height: h, placements: outcome };
      return { ...best, optimal: true, nodes: search.nodes };
    }
  }
  // Nothing smaller fits: the heuristic's packing is optimal.
  return { ...best, optimal: true, nodes: search.nodes };
}

const EPS = 1e-9;

function performanceNow(): number {
  return typeof performance !== "undefined" ? performance.now() : Date.now();
}

/** Every sum of a subset of `values` up to `limit` (rounded to 1e-9 to merge float noise), ascending. */
function subsetSums(values: number[], limit: number): number[] {
  let sums = new Set<number>([0]);
  for (const v of values) {
    const next = new Set(sums);
    for (const s of sums) {
      const t = Math.round((s + v) * 1e9) / 1e9;
      if (t <= limit + EPS) next.add(t);
    }
    sums = next;
    if (sums.size > 200_000) break; // pathological real-valued sizes: the list stays a valid superset prefix
  }
  sums.delete(0);
  return [...sums].sort((a, b) => a - b);
}

/** Depth-first search for a packing into a fixed enclosure (see packOptimal). */
class PackingSearch {
  nodes = 0;
  private readonly n: number;
  /** Distinct sizes, largest area first, with how many rectangles share each. */
  private readonly groups: Array<{ w: number; h: number; members: number[] }>;
  private remaining: number[] = [];
  private placements: Placement[] = [];
  private W = 0;
  private H = 0;
  private slack = 0;
  private stopped = false;

  constructor(
    widths: Float64Array,
    heights: Float64Array,
    private readonly rotate: boolean,
    private readonly maxNodes: number,
    private readonly deadline: number,
    private readonly signal: AbortSignal | undefined,
  ) {
    this.n = widths.length;
    const byKey = new Map<string, { w: number; h: number; members: number[] }>();
    for (let i = 0; i < this.n; i++) {
      const key = `${widths[i]}x${heights[i]}`;
      const group = byKey.get(key) ?? { w: widths[i], h: heights[i], members: [] };
      group.members.push(i);
      byKey.set(key, group);
    }
    this.groups = [...byKey.values()].sort((a, b) => b.w * b.h - a.w * a.h || b.h - a.h || b.w - a.w);
  }

  /** A packing into w × h, "infeasible" when provably none exists, "timeout" when the budget ran out. */
  fits(w: number, h: number): Placement[] | "infeasible" | "timeout" {
    this.W = w;
    this.H = h;
    let area = 0;
    for (const g of this.groups) area += g.w * g.h * g.members.length;
    this.slack = w * h - area;
    this.remaining = this.groups.map((g) => g.members.length);
    this.placements = [];
    const found = this.dfs([0], [0], [w], 0, 0);
    if (found) return this.placements.slice().sort((a, b) => a.index - b.index);
    return this.stopped ? "timeout" : "infeasible";
  }

  private dfs(xs: number[], ys: number[], ws: number[], placed: number, waste: number): boolean {
    if (placed === this.n) return true;
    if (++this.nodes > this.maxNodes) this.stopped = true;
    if ((this.nodes & 1023) === 0) {
      if (this.signal?.aborted) throwIfAborted(this.signal, "optimal packing");
      if (performanceNow() > this.deadline) this.stopped = true;
    }
    if (this.stopped) return false;
    // The lowest segment, leftmost on ties.
    let s = 0;
    for (let t = 1; t < ys.length; t++) if (ys[t] < ys[s] - EPS) s = t;
    const gapX = xs[s];
    const gapY = ys[s];
    if (gapY >= this.H - EPS) return false; // the skyline reached the top with rectangles left
    const gapW = ws[s];
    const room = this.H - gapY;
    for (let g = 0; g < this.groups.length; g++) {
      if (this.remaining[g] === 0) continue;
      const group = this.groups[g];
      const orientations = this.rotate && group.w !== group.h ? 2 : 1;
      for (let o = 0; o < orientations; o++) {
        const rw = o ? group.h : group.w;
        const rh = o ? group.w : group.h;
        if (rw > gapW + EPS || rh > room + EPS) continue;
        const index = group.members[group.members.length - this.remaining[g]];
        this.remaining[g]--;
        this.placements.push({ index, x: gapX, y: gapY, width: rw, height: rh, rotated: o === 1 });
        const [nx, ny, nw] = raise(xs, ys, ws, s, rw, gapY + rh);
        if (this.dfs(nx, ny, nw, placed + 1, waste)) return true;
        this.placements.pop();
        this.remaining[g]++;
        if (this.stopped) return false;
      }
    }
    // Or leave the gap empty: raise it to its lower neighbour (the walls count as the top).
    const left = s > 0 ? ys[s - 1] : this.H;
    const right = s + 1 < ys.length ? ys[s + 1] : this.H;
    const level = Math.min(left, right);
    const extra = gapW * (level - gapY);
    if (waste + extra > this.slack + EPS) return false;
    const [nx, ny, nw] = raise(xs, ys, ws, s, gapW, level);
    return this.dfs(nx, ny, nw, placed, waste + extra);
  }
}

/** A new skyline: segment s's left `width` raised to `top`, equal neighbours merged. */
function raise(
  xs: number[],
  ys: number[],
  ws: number[],
  s: number,
  width: number,
  top: number,
): [number[], number[], number[]] {
  const nx: number[] = [];
  const ny: number[] = [];
  const nw: number[] = [];
  const push = (x: number, y: number, w: number) => {
    if (w <= EPS) return;
    const last = nx.length - 1;
    if (last >= 0 && Math.abs(ny[last] - y) <= EPS) nw[last] += w;
    else {
      nx.push(x);
      ny.push(y);
      nw.push(w);
    }
  };
  for (let t = 0; t < xs.length; t++) {
    if (t !== s) push(xs[t], ys[t], ws[t]);
    else {
      push(xs[t], top, width);
      push(xs[t] + width, ys[t], ws[t] - width);
    }
  }
  return [nx, ny, nw];
}
