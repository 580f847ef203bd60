import { throwIfAborted } from "@clearbox/core/internal";
import { EPS, firstIndexAbove, indexOfSum, nextSumAbove } from "./subset-sums.js";
import type { Placement } from "../rectangles.js";

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
 * columns of the relaxation), on segments (runs of columns of equal room). What crosses a segment either fits
 * inside it or sticks out into a neighbouring segment and crosses the column next to it, so all that sticks out
 * on one side stacks no higher than that column's room: a segment higher than its two neighbours together can
 * only be filled by the rectangles that fit inside it, with no more than their heights in any column and no more
 * than their area in all. The same holds for a stretch of segments and the two columns beside it (see
 * `stretchWaste`). A rectangle reaches
 * a segment only through a window of its width where every column has room for its height, so a segment no
 * rectangle reaches is wasted, and segments that only small rectangles reach compete for the small ones' area
 * (see `unusedBySize` and the by-width greedy). When that waste exceeds the slack W·H − Σ areas, the branch is
 * cut.
 * A node keeps its segments; each child lowers one stretch of them rather than rebuilding them column by column.
 * The children of a node share what remains, so what depends only on that is worked out once per node (the area
 * of the remaining rectangles by width) or remembered across them (what fits inside a segment of a given size).
 *
 * The y phase stacks the rectangles on a skyline: at the lowest, leftmost point, some rectangle whose x is that
 * point's must sit there, or the point is empty and the column rises to where the next rectangle over it could
 * rest: a height some rectangles add up to, no lower than the lower of its neighbours (in a packing pushed down,
 * that rectangle rests on something beside the point). A column may not waste more than the room the x phase left
 * in it. When it fails, the x phase goes on.
 * x-coordinates at which no rectangle ends (other than 0) never reach the y phase: pushed left, every rectangle
 * touches the wall or another's right edge.
 *
 * The smallest squares, when they are g × g with g dividing every side, are left out of both phases and put in
 * free cells at the end (see `fillerGroup`); the wasted-space bound still counts them.
 *
 * Only coordinates that are subset sums of the sides are tried (every packing pushed left and down as far as it
 * goes has only those), which keeps real-valued sizes exact. Identical rectangles are interchangeable; the
 * largest rectangle is kept in the lower-left quarter of its range (mirror images are the same packing).
 *
 * Not (yet) in here from the papers: Simonis & O'Sullivan's x-intervals, a fail-first choice among the largest
 * rectangles, Huang & Korf's dominance rules and their perfect-packing inference in the y phase. What each bound is
 * worth, and what was tried and measured worse, is in the package's docs page ("Lab notes").
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
  /** Groups by the narrowest width they can take, for the wasted-space bound, and those widths in that order. */
  private readonly groupsByWidth: Int32Array;
  private readonly narrowestAscending: Float64Array;
  /** 1 when a group may turn: its shapes are groupShape[g] and the next one. */
  private readonly groupTurns: Uint8Array;
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
  private remaining = new Int32Array(0);
  private readonly startColumn: Int32Array;
  private readonly shapeOf: Int32Array;
  private readonly yOf: Float64Array;
  private runWidth = new Float64Array(0);
  private runRoom = new Float64Array(0);
  private usable = new Float64Array(0);
  /** Per segment, the most its columns can hold by the neighbour argument (Infinity where it does not bind). */
  private cap = new Float64Array(0);
  /** Per depth of the x phase, the segments of the node there: their room and first column. */
  private savedRoom = new Float64Array(0);
  private savedStart = new Int32Array(0);
  /** The segments of the node being looked at: their room, width and first column, and how many there are. */
  private segmentWidth = new Float64Array(0);
  private segmentRoom = new Float64Array(0);
  private segmentStart = new Int32Array(0);
  private segmentCount = 0;
  /** Per segment, the largest group (smallest index) that reaches it, or -1. */
  private largest = new Int32Array(0);
  private segmentOrder = new Int32Array(0);
  // For `stretchWaste`: per segment, what the neighbour cap cuts from it; prefix sums of room area and width; and
  // its stack of open stretches (their lowest segment, the best waste of the stretch left of it, its top room).
  private peakWaste = new Float64Array(0);
  private areaPrefix = new Float64Array(0);
  private widthPrefix = new Float64Array(0);
  private stackAt = new Int32Array(0);
  private stackLeft = new Float64Array(0);
  private stackLeftTop = new Float64Array(0);
  /**
   * Per depth of the x phase, for the children of the node there: the area of the remaining rectangles of the
   * first i groups by narrowest width (prefix sums at depth · (groups + 1)).
   */
  private areaByWidth = new Float64Array(0);
  /**
   * `insideCap` remembered for the children of one node (they share what remains, and most of their segments):
   * a small table by width and room, valid while its stamp is the node's.
   */
  private readonly capMemoWidth = new Float64Array(CAP_MEMO);
  private readonly capMemoRoom = new Float64Array(CAP_MEMO);
  private readonly capMemoValue = new Float64Array(CAP_MEMO);
  private readonly capMemoStamp = new Float64Array(CAP_MEMO);
  /** The number of the node whose children are being looked at (its count in `nodes`, never 0). */
  private stamp = 0;
  // The y phase.
  private skyline = new Float64Array(0);
  private columnSlack = new Float64Array(0);
  private startingAt: number[][] = [];
  private readonly yPlaced: Uint8Array;
  private edgeAt = new Uint8Array(0);
  private anchorYMax = Infinity;
  /**
   * The group of the smallest squares, g × g with g the greatest common divisor of every side (integer sides only),
   * or -1. Such squares are left out of both phases and put in at the end: every coordinate is a multiple of g, so
   * the free space is made of g × g cells, and there are enough of them (Huang & Korf leave out the 1 × 1 square).
   */
  private readonly fillerGroup: number;
  private readonly fillerSide: number;
  /** How many rectangles the search places in this enclosure (all but the fillers, when they are left out). */
  private placing = 0;
  /** 1 for the rectangles left out of this enclosure's search (the fillers, when they are). */
  private readonly leftOut: Uint8Array;

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
    this.groupsByWidth = Int32Array.from(
      this.groupMembers.map((_, g) => g).sort((a, b) => this.groupNarrowest[a] - this.groupNarrowest[b]),
    );
    this.narrowestAscending = Float64Array.from(this.groupsByWidth, (g) => this.groupNarrowest[g]);
    this.groupTurns = Uint8Array.from(this.groupMembers, (_, g) =>
      this.shapeGroup[this.groupShape[g] + 1] === g ? 1 : 0,
    );
    this.anchor = groups > 0 && this.groupMembers[0].length === 1 ? 0 : -1;
    this.startColumn = new Int32Array(this.n);
    this.shapeOf = new Int32Array(this.n);
    this.yOf = new Float64Array(this.n);
    this.yPlaced = new Uint8Array(this.n);
    const side = commonDivisor(widths, heights);
    const last = groups - 1;
    const s = last >= 0 ? this.groupShape[last] : -1;
    this.fillerGroup = last > 0 && this.shapeW[s] === side && this.shapeH[s] === side ? last : -1;
    this.fillerSide = side;
    this.leftOut = new Uint8Array(this.n);
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
    this.remaining = Int32Array.from(this.groupMembers, (m) => m.length);
    this.runWidth = new Float64Array(columns);
    this.runRoom = new Float64Array(columns);
    this.usable = new Float64Array(columns);
    this.cap = new Float64Array(columns);
    this.savedRoom = new Float64Array((this.n + 1) * (columns + 1));
    this.savedStart = new Int32Array((this.n + 1) * (columns + 1));
    this.areaByWidth = new Float64Array((this.n + 1) * (this.groupMembers.length + 1));
    this.segmentWidth = new Float64Array(columns);
    this.segmentRoom = new Float64Array(columns);
    this.segmentStart = new Int32Array(columns);
    this.segmentCount = this.appendSegment(0, H, 0, columns);
    this.largest = new Int32Array(columns);
    this.segmentOrder = new Int32Array(columns);
    this.peakWaste = new Float64Array(columns);
    this.areaPrefix = new Float64Array(columns + 1);
    this.widthPrefix = new Float64Array(columns + 1);
    this.stackAt = new Int32Array(columns + 1);
    this.stackLeft = new Float64Array(columns + 1);
    this.stackLeftTop = new Float64Array(columns + 1);
    this.skyline = new Float64Array(columns);
    this.edgeAt = new Uint8Array(columns + 1);
    this.columnSlack = new Float64Array(columns);
    const g = this.fillerSide;
    const cells = (W / g) * (H / g);
    const fillers = this.fillerGroup >= 0 && Number.isInteger(W / g) && Number.isInteger(H / g) && cells <= MAX_CELLS;
    this.placing = fillers ? this.n - this.groupMembers[this.fillerGroup].length : this.n;
    this.leftOut.fill(0);
    if (fillers) for (const r of this.groupMembers[this.fillerGroup]) this.leftOut[r] = 1;
    if (this.xPhase(0, 0, 0)) {
      const placements: Placement[] = [];
      for (let index = 0; index < this.n; index++) {
        if (this.leftOut[index] === 1) continue;
        const s = this.shapeOf[index];
        placements.push({
          index,
          x: bounds[this.startColumn[index]],
          y: this.yOf[index],
          width: this.shapeW[s],
          height: this.shapeH[s],
          rotated: this.shapeRotated[s] === 1,
        });
      }
      if (fillers) placements.push(...fillCells(placements, this.groupMembers[this.fillerGroup], g, W / g, H / g));
      return placements.sort((a, b) => a.index - b.index);
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
    if (placed === this.placing) return this.yPhaseStart();
    const members = this.groupMembers[g];
    const m = members.length - this.remaining[g];
    if (m === members.length) return this.xPhase(g + 1, 0, placed);
    if (!this.tick()) return false;
    const { bounds } = this;
    const shapes = this.shapeW.length;
    const base = this.saveSegments(placed);
    const areas = this.keepAreaByWidth(placed, g);
    const stamp = this.nodes;
    const { savedRoom, savedStart } = this;
    for (let s = this.groupShape[g]; s < shapes && this.shapeGroup[s] === g; s++) {
      const h = this.shapeH[s];
      const last = g === this.anchor ? (this.W - this.shapeW[s]) / 2 + EPS : Infinity;
      // Only starts inside a run of segments with room for h: for N = 20, 4.7 of 6.7 million starts had none.
      for (let t = base; savedStart[t] < this.columns; t++) {
        if (savedRoom[t] < h - EPS) continue;
        let u = t + 1;
        while (savedStart[u] < this.columns && savedRoom[u] >= h - EPS) u++;
        const runEnd = savedStart[u];
        for (let k = Math.max(from, savedStart[t]); k < runEnd && bounds[k] <= last; k++) {
          const end = this.endColumn[k * shapes + s];
          if (end < 0) continue;
          if (end > runEnd) break;
          const segments = this.lowerSegments(base, k, end, h);
          this.remaining[g]--;
          this.stamp = stamp;
          let found = false;
          if (this.wastedSpaceBound(segments, areas) <= this.slack + EPS) {
            this.segmentCount = segments;
            this.startColumn[members[m]] = k;
            this.shapeOf[members[m]] = s;
            found = this.xPhase(g, k, placed + 1);
          }
          this.remaining[g]++;
          if (found) return true;
          if (this.stopped) return false;
        }
        t = u - 1;
      }
    }
    return false;
  }

  /**
   * A lower bound on the room the remaining rectangles cannot use (see the class comment); Infinity when the
   * largest remaining rectangle fits nowhere, or some rectangle is wider than every run of usable columns. The cheap
   * parts go first — most branches die there: the neighbour cap, then whether the largest remaining rectangle fits
   * at all; only then the reach of the rectangles, for the greedies. A smaller rectangle with no place left fails at
   * its own turn.
   */
  private wastedSpaceBound(segments: number, areas: number): number {
    const { remaining, usable, segmentWidth, segmentRoom, largest, cap } = this;
    // What crosses a segment either fits inside it or reaches into a neighbouring segment, where it crosses the
    // column next to this one: all that reaches in from one side stacks within that column's room. This caps only
    // segments higher than their two neighbours together.
    let capped = 0;
    for (let t = 0; t < segments; t++) {
      const sides = (t > 0 ? segmentRoom[t - 1] : 0) + (t + 1 < segments ? segmentRoom[t + 1] : 0);
      cap[t] = segmentRoom[t] > sides + EPS ? sides + this.insideCap(t) : Infinity;
      this.peakWaste[t] = cap[t] < segmentRoom[t] ? (segmentRoom[t] - cap[t]) * segmentWidth[t] : 0;
      capped += this.peakWaste[t];
    }
    if (capped > this.slack + EPS) return capped;
    const stretches = this.stretchWaste(segments, areas);
    if (stretches > this.slack + EPS) return stretches;
    let first = 0;
    while (first < remaining.length && remaining[first] === 0) first++;
    if (first < remaining.length && !this.fitsSomewhere(first, segments)) return Infinity;
    // The largest rectangle that reaches each segment: it reaches a column only through a window of its width
    // around it where every column has room for its height. Groups go largest first, so the first to reach a
    // segment is the largest that can; once every segment with room has one, the smaller ones change nothing
    // (full segments are never reached: waiting for them scanned every group in 3 of 10 calls).
    const shapes = this.shapeW.length;
    largest.fill(-1, 0, segments);
    let unreached = 0;
    for (let t = 0; t < segments; t++) if (segmentRoom[t] > EPS) unreached++;
    for (let g = first; g < remaining.length && unreached > 0; g++) {
      if (remaining[g] === 0) continue;
      for (let s = this.groupShape[g]; s < shapes && this.shapeGroup[s] === g; s++) {
        const h = this.shapeH[s];
        const w = this.shapeW[s];
        let start = 0;
        let width = 0;
        for (let t = 0; t <= segments; t++) {
          if (t < segments && segmentRoom[t] >= h - EPS) {
            width += segmentWidth[t];
            continue;
          }
          if (width >= w - EPS) {
            for (let u = start; u < t; u++) {
              if (largest[u] < 0) {
                largest[u] = g;
                unreached--;
              }
            }
          }
          start = t + 1;
          width = 0;
        }
      }
    }
    // usable[t]: the most the remaining rectangles can put in each column of segment t.
    for (let t = 0; t < segments; t++) usable[t] = largest[t] < 0 ? 0 : cap[t];
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
    return Math.max(stretches, wasted + Math.max(unusedByWidth, this.unusedBySize(segments)));
  }

  /**
   * The neighbour cap over stretches of segments: what crosses a stretch either lies inside it or crosses one of
   * the two columns beside it, so the stretch holds at most its width times their rooms plus the area of the
   * remaining rectangles that fit inside it. The stretches are the runs of segments no lower than their lowest one
   * (a Cartesian tree by room, built on a stack); the waste is the best sum over disjoint ones, a lone segment
   * counting what the neighbour cap cut from it.
   */
  private stretchWaste(segments: number, areas: number): number {
    const { segmentRoom, segmentWidth, peakWaste, areaPrefix, widthPrefix, stackAt, stackLeft, stackLeftTop } = this;
    for (let t = 0; t < segments; t++) {
      areaPrefix[t + 1] = areaPrefix[t] + segmentRoom[t] * segmentWidth[t];
      widthPrefix[t + 1] = widthPrefix[t] + segmentWidth[t];
    }
    let depth = 0;
    // The stretch closed last, right of the one being closed: its best waste and its top room.
    let carried = 0;
    let carriedTop = -Infinity;
    for (let t = 0; t <= segments; t++) {
      const room = t < segments ? segmentRoom[t] : -Infinity;
      carried = 0;
      carriedTop = -Infinity;
      while (depth > 0 && segmentRoom[stackAt[depth - 1]] > room) {
        const x = stackAt[--depth];
        const lo = depth > 0 ? stackAt[depth - 1] + 1 : 0;
        const top = Math.max(segmentRoom[x], stackLeftTop[depth], carriedTop);
        let best = peakWaste[x];
        if (lo < x || x < t - 1) {
          const children = stackLeft[depth] + carried;
          const width = widthPrefix[t] - widthPrefix[lo];
          const sides = (lo > 0 ? segmentRoom[lo - 1] : 0) + (t < segments ? room : 0);
          const most = areaPrefix[t] - areaPrefix[lo] - width * sides;
          // The area of everything narrow enough bounds what fits inside from above and is a lookup; only when
          // even it leaves more than the children's waste is the exact test (the height too) worth its loop.
          if (most - this.areaNarrowerThan(width, areas) > children + EPS) best = most - this.areaInside(width, top);
          else best = children;
        }
        carried = best;
        carriedTop = top;
      }
      if (t < segments) {
        stackAt[depth] = t;
        stackLeft[depth] = carried;
        stackLeftTop[depth] = carriedTop;
        depth++;
      }
    }
    return carried;
  }

  /**
   * Sets up `areaByWidth` at this depth for the children of a node placing one more of group g; returns where.
   */
  private keepAreaByWidth(depth: number, g: number): number {
    const { groupsByWidth, remaining, areaByWidth } = this;
    const at = depth * (groupsByWidth.length + 1);
    remaining[g]--;
    areaByWidth[at] = 0;
    for (let i = 0; i < groupsByWidth.length; i++) {
      const group = groupsByWidth[i];
      areaByWidth[at + i + 1] = areaByWidth[at + i] + this.groupArea[group] * remaining[group];
    }
    remaining[g]++;
    return at;
  }

  /** The area of the remaining rectangles whose narrowest width is within this one (`areas`: see keepAreaByWidth). */
  private areaNarrowerThan(width: number, areas: number): number {
    return this.areaByWidth[areas + firstIndexAbove(this.narrowestAscending, width)];
  }

  /** The area of the remaining rectangles that fit inside this width and height. */
  private areaInside(width: number, height: number): number {
    const { groupsByWidth, groupNarrowest, remaining } = this;
    let area = 0;
    for (let i = 0; i < groupsByWidth.length; i++) {
      const g = groupsByWidth[i];
      if (groupNarrowest[g] > width + EPS) break;
      if (remaining[g] > 0 && this.tallestFitting(g, width + EPS, height + EPS) > 0)
        area += this.groupArea[g] * remaining[g];
    }
    return area;
  }

  /**
   * Keeps the segments of the node being looked at (left by the parent's `lowerSegments`) for its children, which
   * each lower one stretch of them. Returns where they are kept.
   */
  private saveSegments(depth: number): number {
    const { savedRoom, savedStart, segmentRoom, segmentStart, segmentCount } = this;
    const base = depth * (this.columns + 1);
    for (let t = 0; t < segmentCount; t++) {
      savedRoom[base + t] = segmentRoom[t];
      savedStart[base + t] = segmentStart[t];
    }
    savedStart[base + segmentCount] = this.columns;
    return base;
  }

  /**
   * The segments after a rectangle of height h takes columns [k, end) of the ones saved at `base`, into
   * segmentRoom / segmentWidth / segmentStart; their count. Every one of those columns has room for it (the caller
   * only tries such starts).
   */
  private lowerSegments(base: number, k: number, end: number, h: number): number {
    const { savedRoom, savedStart } = this;
    let count = 0;
    for (let t = base; savedStart[t] < this.columns; t++) {
      const a = savedStart[t];
      const b = savedStart[t + 1];
      const room = savedRoom[t];
      if (b <= k || a >= end) count = this.appendSegment(count, room, a, b);
      else {
        if (a < k) count = this.appendSegment(count, room, a, k);
        count = this.appendSegment(count, room - h, Math.max(a, k), Math.min(b, end));
        if (b > end) count = this.appendSegment(count, room, end, b);
      }
    }
    return count;
  }

  /** Appends columns [from, to) with this room to the `count` segments so far, merging equal rooms; the new count. */
  private appendSegment(count: number, room: number, from: number, to: number): number {
    const width = this.bounds[to] - this.bounds[from];
    if (count > 0 && room === this.segmentRoom[count - 1]) {
      this.segmentWidth[count - 1] += width;
      return count;
    }
    this.segmentRoom[count] = room;
    this.segmentWidth[count] = width;
    this.segmentStart[count] = from;
    return count + 1;
  }

  /**
   * The most, per column of segment t, that the remaining rectangles fitting inside it can add: their heights
   * (each copy in its tallest such shape, all stacked in one column), and their area spread over the segment.
   */
  private insideCap(t: number): number {
    // Any spread of sizes over the slots would do: a slot holding another size only means the loop below runs.
    const slot = (this.segmentWidth[t] * 67 + this.segmentRoom[t]) & (CAP_MEMO - 1);
    if (
      this.capMemoStamp[slot] === this.stamp &&
      this.capMemoWidth[slot] === this.segmentWidth[t] &&
      this.capMemoRoom[slot] === this.segmentRoom[t]
    )
      return this.capMemoValue[slot];
    const width = this.segmentWidth[t] + EPS;
    const room = this.segmentRoom[t] + EPS;
    const { groupsByWidth, groupNarrowest, remaining } = this;
    let total = 0;
    let area = 0;
    for (let i = 0; i < groupsByWidth.length; i++) {
      const g = groupsByWidth[i];
      if (groupNarrowest[g] > width) break;
      if (remaining[g] === 0) continue;
      const tallest = this.tallestFitting(g, width, room);
      total += tallest * remaining[g];
      if (tallest > 0) area += this.groupArea[g] * remaining[g];
    }
    const cap = Math.min(total, area / this.segmentWidth[t]);
    this.capMemoStamp[slot] = this.stamp;
    this.capMemoWidth[slot] = this.segmentWidth[t];
    this.capMemoRoom[slot] = this.segmentRoom[t];
    this.capMemoValue[slot] = cap;
    return cap;
  }

  /** The height of group g's tallest shape within this width and room, or 0 when neither shape fits. */
  private tallestFitting(g: number, width: number, room: number): number {
    const { shapeW, shapeH } = this;
    const s = this.groupShape[g];
    let tallest = shapeW[s] <= width && shapeH[s] <= room ? shapeH[s] : 0;
    if (this.groupTurns[g] === 1 && shapeW[s + 1] <= width && shapeH[s + 1] <= room)
      tallest = Math.max(tallest, shapeH[s + 1]);
    return tallest;
  }

  /** Whether some shape of group g has a window: a run of segments as wide as it, each with room for its height. */
  private fitsSomewhere(g: number, segments: number): boolean {
    const shapes = this.shapeW.length;
    for (let s = this.groupShape[g]; s < shapes && this.shapeGroup[s] === g; s++) {
      let width = 0;
      for (let t = 0; t < segments; t++) {
        if (this.segmentRoom[t] < this.shapeH[s] - EPS) width = 0;
        else if ((width += this.segmentWidth[t]) >= this.shapeW[s] - EPS) return true;
      }
    }
    return false;
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
    const { edgeAt, startColumn, leftOut } = this;
    edgeAt.fill(0);
    for (let r = 0; r < this.n; r++) {
      if (leftOut[r] === 0) edgeAt[this.endColumn[startColumn[r] * shapes + this.shapeOf[r]]] = 1;
    }
    for (let r = 0; r < this.n; r++)
      if (!leftOut[r] && startColumn[r] > 0 && edgeAt[startColumn[r]] === 0) return false;
    this.skyline.fill(0);
    // What the x phase left in each column is exactly what that column may waste.
    for (let t = 0; t < this.segmentCount; t++) {
      const to = t + 1 < this.segmentCount ? this.segmentStart[t + 1] : columns;
      this.columnSlack.fill(this.segmentRoom[t], this.segmentStart[t], to);
    }
    this.startingAt = Array.from({ length: columns }, () => []);
    for (let r = 0; r < this.n; r++) if (leftOut[r] === 0) this.startingAt[this.startColumn[r]].push(r);
    this.yPlaced.fill(0);
    this.anchorYMax =
      this.anchor >= 0 ? (this.H - this.shapeH[this.shapeOf[this.groupMembers[this.anchor][0]]]) / 2 : Infinity;
    return this.yPhase(0);
  }

  private yPhase(placed: number): boolean {
    if (placed === this.placing) return true;
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
    // The point is empty: the column rises to the next height a rectangle could rest on. In a packing pushed down,
    // the next rectangle over an empty point rests on something beside it: no lower than the lower neighbour.
    const beside = Math.min(c > 0 ? skyline[c - 1] : Infinity, c + 1 < this.columns ? skyline[c + 1] : Infinity);
    const rise = Math.min(nextSumAbove(this.ys, Math.max(y, beside - 2 * EPS)), this.H) - y;
    if (rise > columnSlack[c] + EPS) return false;
    columnSlack[c] -= rise;
    skyline[c] = y + rise;
    const found = this.yPhase(placed);
    skyline[c] = y;
    columnSlack[c] += rise;
    return found;
  }
}

/** Slots of the `insideCap` memo (a power of two). */
const CAP_MEMO = 1024;

/** Beyond this many g × g cells, the smallest squares are searched like the other rectangles. */
const MAX_CELLS = 1 << 22;

/** The greatest common divisor of every side when all are integers, else 0. */
function commonDivisor(widths: Float64Array, heights: Float64Array): number {
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
function fillCells(
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
