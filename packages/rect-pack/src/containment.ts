import { throwIfAborted } from "@clearbox/core";
import { EPS, indexOfSum, nextSumAbove } from "./subset-sums.js";
import type { Placement } from "./rectangles.js";

/** What {@link ContainmentSearch.fits} found: a packing, a proof that none exists, or the end of the budget. */
export type Containment = Placement[] | "infeasible" | "timeout";

/** Limits shared by every enclosure a search is asked about. */
export interface SearchLimits {
  maxNodes: number;
  deadline: number;
  signal: AbortSignal | undefined;
}

/**
 * Decides whether rectangles fit a W × H enclosure, by absolute placement in two phases (Huang & Korf 2009, 2013):
 * every x-coordinate first, then the y-coordinates.
 *
 * The x phase solves the one-dimensional relaxation — each column of the enclosure holds at most H of the heights
 * that cross it — placing the rectangles largest first at every x. It prunes by wasted space (Korf 2003, in the
 * columns of the relaxation): a rectangle can reach a column only through a window of its width around it where
 * every column has room for its height, so a column gets at most the heights of the remaining rectangles that
 * reach it. Of those, the ones that cannot fit inside the column's segment (its run of equal room) stick out
 * into a neighbouring segment and cross the column next to it, so together they stack no higher than that
 * column's room: a column next to narrow, low ones cannot be filled by wide rectangles (this cut the nodes ~20×).
 * The rectangles then compete for that room by area (see `unusedBySize` and the by-width greedy). When that waste
 * exceeds the slack W·H − Σ areas, the branch is cut.
 *
 * The y phase stacks the rectangles on a skyline: at the lowest, leftmost point, some rectangle whose x is that
 * point's must sit there, or the point is empty and the column rises to the next height any rectangle could rest
 * on. A column may not waste more than the room the x phase left in it. When it fails, the x phase goes on.
 * x-coordinates at which no rectangle ends (other than 0) never reach the y phase: pushed left, every rectangle
 * touches the wall or another's right edge.
 *
 * Only coordinates that are subset sums of the sides are tried (every packing pushed left and down as far as it
 * goes has only those), which keeps real-valued sizes exact. Identical rectangles are interchangeable; the
 * largest rectangle is kept in the lower-left quarter of its range (mirror images are the same packing).
 *
 * Not (yet) in here from the papers: Simonis & O'Sullivan's x-intervals and a fail-first choice among the largest
 * rectangles (both tried before the neighbour bound: they made the search slower), Huang & Korf's dominance rules
 * and their perfect-packing inference in the y phase.
 * @internal
 */
export class ContainmentSearch {
  nodes = 0;
  private stopped = false;
  private readonly n: number;
  /** Distinct sizes, largest area first: each has its orientations (shapes) and the rectangles of that size. */
  private readonly groupMembers: number[][];
  private readonly groupArea: Float64Array;
  /** Each group's first shape; a group's shapes are consecutive. */
  private readonly groupShape: Int32Array;
  /** The narrowest width a group can take (its width, or its shorter side when it may turn). */
  private readonly groupNarrowest: Float64Array;
  /** Groups by the narrowest width they can take, for the wasted-space bound. */
  private readonly groupsByWidth: number[];
  /** Shapes: a group in one orientation. */
  private readonly shapeGroup: Int32Array;
  private readonly shapeW: Float64Array;
  private readonly shapeH: Float64Array;
  private readonly shapeRotated: Uint8Array;
  private readonly totalArea: number;
  /** The largest rectangle's group when it is alone in it (mirror symmetry is broken on it), else -1. */
  private readonly anchor: number;

  // Per enclosure.
  private W = 0;
  private H = 0;
  private slack = 0;
  private columns = 0;
  private bounds: number[] = [];
  private endColumn = new Int32Array(0);
  private room = new Float64Array(0);
  private remaining = new Int32Array(0);
  private readonly startColumn: Int32Array;
  private readonly shapeOf: Int32Array;
  private readonly yOf: Float64Array;
  private runWidth = new Float64Array(0);
  private runRoom = new Float64Array(0);
  private usable = new Float64Array(0);
  private inside = new Float64Array(0);
  private insideReach = new Float64Array(0);
  private reach = new Float64Array(0);
  private segmentWidth = new Float64Array(0);
  private segmentRoom = new Float64Array(0);
  /** Per segment, the largest group (smallest index) that reaches it, or -1. */
  private largest = new Int32Array(0);
  private segmentOrder = new Int32Array(0);
  // The y phase.
  private skyline = new Float64Array(0);
  private columnSlack = new Float64Array(0);
  private startingAt: number[][] = [];
  private readonly yPlaced: Uint8Array;
  private edgeAt = new Uint8Array(0);
  private anchorYMax = Infinity;

  constructor(
    widths: Float64Array,
    heights: Float64Array,
    private readonly rotate: boolean,
    /** Every possible x (subset sums of the sides), ascending, reaching at least the widest enclosure. */
    private readonly xs: readonly number[],
    /** Every possible y, ascending, reaching at least the tallest enclosure. */
    private readonly ys: readonly number[],
    private readonly limits: SearchLimits,
  ) {
    this.n = widths.length;
    const byKey = new Map<string, number[]>();
    for (let i = 0; i < this.n; i++) {
      const key = `${widths[i]}x${heights[i]}`;
      const members = byKey.get(key) ?? [];
      members.push(i);
      byKey.set(key, members);
    }
    const area = (m: number[]) => widths[m[0]] * heights[m[0]];
    this.groupMembers = [...byKey.values()].sort(
      (a, b) => area(b) - area(a) || heights[b[0]] - heights[a[0]] || widths[b[0]] - widths[a[0]],
    );
    const groups = this.groupMembers.length;
    this.groupArea = new Float64Array(groups);
    this.groupShape = new Int32Array(groups);
    const shapes: Array<[number, number, number, number]> = [];
    let total = 0;
    this.groupMembers.forEach((members, g) => {
      const w = widths[members[0]];
      const h = heights[members[0]];
      this.groupArea[g] = w * h;
      total += w * h * members.length;
      this.groupShape[g] = shapes.length;
      shapes.push([g, w, h, 0]);
      if (rotate && w !== h) shapes.push([g, h, w, 1]);
    });
    this.totalArea = total;
    this.shapeGroup = Int32Array.from(shapes, (s) => s[0]);
    this.shapeW = Float64Array.from(shapes, (s) => s[1]);
    this.shapeH = Float64Array.from(shapes, (s) => s[2]);
    this.shapeRotated = Uint8Array.from(shapes, (s) => s[3]);
    this.groupNarrowest = new Float64Array(groups).fill(Infinity);
    for (const [g, w] of shapes) this.groupNarrowest[g] = Math.min(this.groupNarrowest[g], w);
    this.groupsByWidth = this.groupMembers
      .map((_, g) => g)
      .sort((a, b) => this.groupNarrowest[a] - this.groupNarrowest[b]);
    this.anchor = groups > 0 && this.groupMembers[0].length === 1 ? 0 : -1;
    this.startColumn = new Int32Array(this.n);
    this.shapeOf = new Int32Array(this.n);
    this.yOf = new Float64Array(this.n);
    this.yPlaced = new Uint8Array(this.n);
  }

  /** Whether the rectangles fit W × H: a packing, "infeasible" (proven), or "timeout". */
  fits(W: number, H: number): Containment {
    this.W = W;
    this.H = H;
    this.slack = W * H - this.totalArea;
    const bounds = this.xs.filter((x) => x < W - EPS);
    bounds.push(W);
    this.bounds = bounds;
    const columns = (this.columns = bounds.length - 1);
    const shapes = this.shapeW.length;
    this.endColumn = new Int32Array(columns * shapes);
    for (let c = 0; c < columns; c++) {
      for (let s = 0; s < shapes; s++) this.endColumn[c * shapes + s] = indexOfSum(bounds, bounds[c] + this.shapeW[s]);
    }
    this.room = new Float64Array(columns).fill(H);
    this.remaining = Int32Array.from(this.groupMembers, (m) => m.length);
    this.runWidth = new Float64Array(columns);
    this.runRoom = new Float64Array(columns);
    this.usable = new Float64Array(columns);
    this.inside = new Float64Array(columns);
    this.insideReach = new Float64Array(columns);
    this.reach = new Float64Array(columns);
    this.segmentWidth = new Float64Array(columns);
    this.segmentRoom = new Float64Array(columns);
    this.largest = new Int32Array(columns);
    this.segmentOrder = new Int32Array(columns);
    this.skyline = new Float64Array(columns);
    this.edgeAt = new Uint8Array(columns + 1);
    this.columnSlack = new Float64Array(columns);
    if (this.xPhase(0, 0, 0)) {
      return Array.from({ length: this.n }, (_, index) => {
        const s = this.shapeOf[index];
        const x = bounds[this.startColumn[index]];
        return {
          index,
          x,
          y: this.yOf[index],
          width: this.shapeW[s],
          height: this.shapeH[s],
          rotated: this.shapeRotated[s] === 1,
        };
      });
    }
    return this.stopped ? "timeout" : "infeasible";
  }

  /** Changes the node budget (the total this search may reach, counting the nodes already spent). */
  setMaxNodes(maxNodes: number): void {
    this.limits.maxNodes = maxNodes;
  }

  /** Counts a node; false when the node or time budget has run out (checked every 128 nodes). */
  private tick(): boolean {
    if (this.stopped) return false;
    if (++this.nodes > this.limits.maxNodes) this.stopped = true;
    else if ((this.nodes & 127) === 0) {
      throwIfAborted(this.limits.signal, "optimal packing");
      if (performance.now() > this.limits.deadline) this.stopped = true;
    }
    return !this.stopped;
  }

  /**
   * The x phase: member `m = members placed so far` of group g goes at some column ≥ `from` (identical rectangles
   * in ascending order), largest group first.
   */
  private xPhase(g: number, from: number, placed: number): boolean {
    if (placed === this.n) return this.yPhaseStart();
    const members = this.groupMembers[g];
    const m = members.length - this.remaining[g];
    if (m === members.length) return this.xPhase(g + 1, 0, placed);
    if (!this.tick()) return false;
    const { room, bounds } = this;
    const shapes = this.shapeW.length;
    for (let s = 0; s < shapes; s++) {
      if (this.shapeGroup[s] !== g) continue;
      const h = this.shapeH[s];
      for (let k = from; k < this.columns; k++) {
        if (g === this.anchor && bounds[k] > (this.W - this.shapeW[s]) / 2 + EPS) break;
        const end = this.endColumn[k * shapes + s];
        if (end < 0) continue;
        let fits = true;
        for (let c = k; c < end && fits; c++) fits = room[c] >= h - EPS;
        if (!fits) continue;
        for (let c = k; c < end; c++) room[c] -= h;
        this.startColumn[members[m]] = k;
        this.shapeOf[members[m]] = s;
        this.remaining[g]--;
        const found = this.wastedSpaceBound() <= this.slack + EPS && this.xPhase(g, k, placed + 1);
        this.remaining[g]++;
        for (let c = k; c < end; c++) room[c] += h;
        if (found) return true;
        if (this.stopped) return false;
      }
    }
    return false;
  }

  /**
   * A lower bound on the room the remaining rectangles cannot use (see the class comment); Infinity when some
   * rectangle fits nowhere.
   */
  private wastedSpaceBound(): number {
    const { room, bounds, remaining, usable, reach, segmentWidth, segmentRoom, largest } = this;
    const shapes = this.shapeW.length;
    // Room changes only at rectangle edges: work on segments of equal room, far fewer than columns.
    let segments = 0;
    for (let c = 0; c < this.columns; c++) {
      const dx = bounds[c + 1] - bounds[c];
      if (segments > 0 && room[c] === segmentRoom[segments - 1]) segmentWidth[segments - 1] += dx;
      else {
        segmentRoom[segments] = room[c];
        segmentWidth[segments] = dx;
        segments++;
      }
    }
    // usable[t]: the most the remaining rectangles can put in each column of segment t. A rectangle reaches a
    // column only through a window of its width around it where every column has room for its height; then its
    // copies add their heights.
    usable.fill(0, 0, segments);
    const { inside, insideReach } = this;
    inside.fill(0, 0, segments);
    largest.fill(-1, 0, segments);
    for (let g = 0; g < remaining.length; g++) {
      const copies = remaining[g];
      if (copies === 0) continue;
      let reached = false;
      const first = this.groupShape[g];
      const turns = first + 1 < shapes && this.shapeGroup[first + 1] === g;
      // One orientation: add straight into usable. Two: keep the taller height that reaches each segment.
      const target = turns ? reach : usable;
      if (turns) {
        reach.fill(0, 0, segments);
        insideReach.fill(0, 0, segments);
      }
      for (let s = first; s < shapes && this.shapeGroup[s] === g; s++) {
        const h = this.shapeH[s];
        const w = this.shapeW[s];
        const add = turns ? h : h * copies;
        let start = 0;
        let width = 0;
        for (let t = 0; t <= segments; t++) {
          if (t < segments && segmentRoom[t] >= h - EPS) {
            width += segmentWidth[t];
            continue;
          }
          if (width >= w - EPS) {
            // Groups go largest first, so the first group to reach a segment is the largest that can.
            for (let u = start; u < t; u++) {
              target[u] = turns ? Math.max(target[u], add) : target[u] + add;
              if (w <= segmentWidth[u] + EPS) {
                if (turns) insideReach[u] = Math.max(insideReach[u], h);
                else inside[u] += h * copies;
              }
              if (largest[u] < 0) largest[u] = g;
            }
            reached = true;
          }
          start = t + 1;
          width = 0;
        }
      }
      if (turns) {
        for (let t = 0; t < segments; t++) {
          usable[t] += reach[t] * copies;
          inside[t] += insideReach[t] * copies;
        }
      }
      if (!reached) return Infinity; // it fits nowhere
    }
    // What crosses a segment either fits inside it or reaches into a neighbouring segment, where it crosses the
    // column next to this one: all that reaches in from one side stacks within that column's room.
    for (let t = 0; t < segments; t++) {
      const left = t > 0 ? segmentRoom[t - 1] : 0;
      const right = t + 1 < segments ? segmentRoom[t + 1] : 0;
      usable[t] = Math.min(usable[t], left + right + inside[t]);
    }
    let wasted = 0;
    let runs = 0;
    let open = false;
    for (let t = 0; t < segments; t++) {
      const dx = segmentWidth[t];
      const used = Math.min(segmentRoom[t], usable[t]);
      wasted += (segmentRoom[t] - used) * dx;
      if (used <= EPS) {
        open = false;
        continue;
      }
      if (!open) {
        this.runWidth[runs] = 0;
        this.runRoom[runs] = 0;
        runs++;
        open = true;
      }
      this.runWidth[runs - 1] += dx;
      this.runRoom[runs - 1] += used * dx;
    }
    // Runs by width, narrowest first (insertion sort: there are few).
    const { runWidth, runRoom } = this;
    for (let i = 1; i < runs; i++) {
      const w = runWidth[i];
      const r = runRoom[i];
      let j = i - 1;
      for (; j >= 0 && runWidth[j] > w; j--) {
        runWidth[j + 1] = runWidth[j];
        runRoom[j + 1] = runRoom[j];
      }
      runWidth[j + 1] = w;
      runRoom[j + 1] = r;
    }
    const order = this.groupsByWidth;
    let next = 0;
    let pending = 0;
    let unusedByWidth = 0;
    for (let i = 0; i < runs; i++) {
      for (; next < order.length && this.groupNarrowest[order[next]] <= runWidth[i] + EPS; next++) {
        pending += remaining[order[next]] * this.groupArea[order[next]];
      }
      const used = Math.min(pending, runRoom[i]);
      unusedByWidth += runRoom[i] - used;
      pending -= used;
    }
    for (; next < order.length; next++) if (remaining[order[next]] > 0) return Infinity;
    if (pending > EPS) return Infinity;
    // Two relaxations of the same competition for room: either bound holds, so the larger does.
    return wasted + Math.max(unusedByWidth, this.unusedBySize(segments));
  }

  /**
   * The same greedy by size: a segment can only take groups no larger than the largest that reaches it (for
   * squares exactly the ones that reach it), so segments that only small rectangles reach are filled first, from
   * the small rectangles' area; what they cannot fill is wasted.
   */
  private unusedBySize(segments: number): number {
    const { largest, usable, segmentRoom, segmentWidth, remaining } = this;
    const order = this.segmentOrder;
    let count = 0;
    for (let t = 0; t < segments; t++) if (Math.min(segmentRoom[t], usable[t]) > EPS) order[count++] = t;
    // Most restricted first: the segments whose largest reaching group is smallest (insertion sort: few).
    for (let i = 1; i < count; i++) {
      const t = order[i];
      let j = i - 1;
      for (; j >= 0 && largest[order[j]] < largest[t]; j--) order[j + 1] = order[j];
      order[j + 1] = t;
    }
    let unused = 0;
    let pending = 0;
    let next = remaining.length - 1;
    for (let i = 0; i < count; i++) {
      const t = order[i];
      for (; next >= largest[t]; next--) pending += remaining[next] * this.groupArea[next];
      const room = Math.min(segmentRoom[t], usable[t]) * segmentWidth[t];
      const used = Math.min(pending, room);
      unused += room - used;
      pending -= used;
    }
    return unused;
  }

  /** Sets up the y phase for the x-coordinates just chosen. */
  private yPhaseStart(): boolean {
    const columns = this.columns;
    // Pushed left as far as it goes, a rectangle is at the wall or against another's right edge: x-coordinates
    // where no rectangle ends cannot be (the search only looks for such packings).
    const shapes = this.shapeW.length;
    const { edgeAt, startColumn } = this;
    edgeAt.fill(0);
    for (let r = 0; r < this.n; r++) edgeAt[this.endColumn[startColumn[r] * shapes + this.shapeOf[r]]] = 1;
    for (let r = 0; r < this.n; r++) if (startColumn[r] > 0 && edgeAt[startColumn[r]] === 0) return false;
    this.skyline.fill(0);
    // What the x phase left in each column is exactly what that column may waste.
    for (let c = 0; c < columns; c++) this.columnSlack[c] = this.room[c];
    this.startingAt = Array.from({ length: columns }, () => []);
    for (let r = 0; r < this.n; r++) this.startingAt[this.startColumn[r]].push(r);
    this.yPlaced.fill(0);
    this.anchorYMax =
      this.anchor >= 0 ? (this.H - this.shapeH[this.shapeOf[this.groupMembers[this.anchor][0]]]) / 2 : Infinity;
    return this.yPhase(0);
  }

  private yPhase(placed: number): boolean {
    if (placed === this.n) return true;
    if (!this.tick()) return false;
    const { skyline, columnSlack } = this;
    let c = 0;
    for (let t = 1; t < this.columns; t++) if (skyline[t] < skyline[c] - EPS) c = t;
    const y = skyline[c];
    if (this.anchor >= 0 && y > this.anchorYMax + EPS && !this.yPlaced[this.groupMembers[this.anchor][0]]) return false;
    const shapes = this.shapeW.length;
    const tried: number[] = [];
    for (const r of this.startingAt[c]) {
      if (this.yPlaced[r]) continue;
      const s = this.shapeOf[r];
      if (tried.includes(s)) continue; // identical rectangles at the same x: one stands for all
      tried.push(s);
      const top = y + this.shapeH[s];
      if (top > this.H + EPS) continue;
      const end = this.endColumn[c * shapes + s];
      let flat = true;
      for (let t = c + 1; t < end && flat; t++) flat = skyline[t] <= y + EPS;
      if (!flat) continue;
      for (let t = c; t < end; t++) skyline[t] = top;
      this.yPlaced[r] = 1;
      this.yOf[r] = y;
      const found = this.yPhase(placed + 1);
      this.yPlaced[r] = 0;
      for (let t = c; t < end; t++) skyline[t] = y;
      if (found) return true;
      if (this.stopped) return false;
    }
    // The point is empty: the column rises to the next height a rectangle could rest on.
    const rise = Math.min(nextSumAbove(this.ys, y), this.H) - y;
    if (rise > columnSlack[c] + EPS) return false;
    columnSlack[c] -= rise;
    skyline[c] = y + rise;
    const found = this.yPhase(placed);
    skyline[c] = y;
    columnSlack[c] += rise;
    return found;
  }
}
