import { EPS, indexOfSum } from "./subset-sums.js";
import type { Placement } from "../rectangles.js";
import type { SearchBudget } from "./budget.js";
import { appendSegment } from "./segments.js";
import { xPhase } from "./x-phase.js";
import { MAX_CELLS, commonDivisor, fillCells } from "./fillers.js";

/** What {@link ContainmentSearch.fits} found: a packing, a proof that none exists, or the end of the budget. */
export type Containment = Placement[] | "infeasible" | "timeout";

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
  readonly n: number;
  /** Distinct sizes, largest area first: each has its orientations (shapes) and the rectangles of that size. */
  readonly groupMembers: number[][];
  readonly groupArea: Float64Array;
  /** Each group's first shape; a group's shapes are consecutive. */
  readonly groupShape: Int32Array;
  /** The narrowest width a group can take (its width, or its shorter side when it may turn). */
  readonly groupNarrowest: Float64Array;
  /** Groups by the narrowest width they can take, for the wasted-space bound, and those widths in that order. */
  readonly groupsByWidth: Int32Array;
  readonly narrowestAscending: Float64Array;
  /** 1 when a group may turn: its shapes are groupShape[g] and the next one. */
  readonly groupTurns: Uint8Array;
  /** Shapes: a group in one orientation. */
  readonly shapeGroup: Int32Array;
  readonly shapeW: Float64Array;
  readonly shapeH: Float64Array;
  readonly shapeRotated: Uint8Array;
  readonly totalArea: number;
  /** The largest rectangle's group when it is alone in it (mirror symmetry is broken on it), else -1. */
  readonly anchor: number;

  // Per enclosure.
  W = 0;
  H = 0;
  slack = 0;
  columns = 0;
  bounds: number[] = [];
  endColumn = new Int32Array(0);
  remaining = new Int32Array(0);
  readonly startColumn: Int32Array;
  readonly shapeOf: Int32Array;
  readonly yOf: Float64Array;
  runWidth = new Float64Array(0);
  runRoom = new Float64Array(0);
  usable = new Float64Array(0);
  /** Per segment, the most its columns can hold by the neighbour argument (Infinity where it does not bind). */
  cap = new Float64Array(0);
  /** Per depth of the x phase, the segments of the node there: their room and first column. */
  savedRoom = new Float64Array(0);
  savedStart = new Int32Array(0);
  /** The segments of the node being looked at: their room, width and first column, and how many there are. */
  segmentWidth = new Float64Array(0);
  segmentRoom = new Float64Array(0);
  segmentStart = new Int32Array(0);
  segmentCount = 0;
  /** Per segment, the largest group (smallest index) that reaches it, or -1. */
  largest = new Int32Array(0);
  segmentOrder = new Int32Array(0);
  // For `stretchWaste`: per segment, what the neighbour cap cuts from it; prefix sums of room area and width; and
  // its stack of open stretches (their lowest segment, the best waste of the stretch left of it, its top room).
  peakWaste = new Float64Array(0);
  areaPrefix = new Float64Array(0);
  widthPrefix = new Float64Array(0);
  stackAt = new Int32Array(0);
  stackLeft = new Float64Array(0);
  stackLeftTop = new Float64Array(0);
  /**
   * Per depth of the x phase, for the children of the node there: the area of the remaining rectangles of the
   * first i groups by narrowest width (prefix sums at depth · (groups + 1)).
   */
  areaByWidth = new Float64Array(0);
  /**
   * `insideCap` remembered for the children of one node (they share what remains, and most of their segments):
   * a small table by width and room, valid while its stamp is the node's.
   */
  readonly capMemoWidth = new Float64Array(CAP_MEMO);
  readonly capMemoRoom = new Float64Array(CAP_MEMO);
  readonly capMemoValue = new Float64Array(CAP_MEMO);
  readonly capMemoStamp = new Float64Array(CAP_MEMO);
  /** The number of the node whose children are being looked at (its count in `nodes`, never 0). */
  stamp = 0;
  // The y phase.
  skyline = new Float64Array(0);
  columnSlack = new Float64Array(0);
  startingAt: number[][] = [];
  readonly yPlaced: Uint8Array;
  edgeAt = new Uint8Array(0);
  anchorYMax = Infinity;
  /**
   * The group of the smallest squares, g × g with g the greatest common divisor of every side (integer sides only),
   * or -1. Such squares are left out of both phases and put in at the end: every coordinate is a multiple of g, so
   * the free space is made of g × g cells, and there are enough of them (Huang & Korf leave out the 1 × 1 square).
   */
  readonly fillerGroup: number;
  readonly fillerSide: number;
  /** How many rectangles the search places in this enclosure (all but the fillers, when they are left out). */
  placing = 0;
  /** 1 for the rectangles left out of this enclosure's search (the fillers, when they are). */
  readonly leftOut: Uint8Array;

  constructor(
    widths: Float64Array,
    heights: Float64Array,
    readonly rotate: boolean,
    /** Every possible x (subset sums of the sides), ascending, reaching at least the widest enclosure. */
    readonly xs: readonly number[],
    /** Every possible y, ascending, reaching at least the tallest enclosure. */
    readonly ys: readonly number[],
    /** The nodes it may spend, shared with any other search of the same problem. */
    readonly budget: SearchBudget,
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
    this.segmentCount = appendSegment(this, 0, H, 0, columns);
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
    if (xPhase(this, 0, 0, 0)) {
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
    return this.budget.exhausted ? "timeout" : "infeasible";
  }
}

/** Slots of the `insideCap` memo (a power of two). */
export const CAP_MEMO = 1024;
