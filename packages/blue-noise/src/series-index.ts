import { throwIfAborted } from "@clearbox/core/internal";
import { CellLists } from "./cell-lists.js";
import { midpointDistance } from "./polyline-distance.js";
import { signDirectionCoordinates } from "./sign-directions.js";

/**
 * Cheap lower bounds on the polyline distance, and a grid over them, so that neighbours within r are found without
 * comparing all pairs. With p_t = v_t + v_{t+1} (twice a segment midpoint's height), the distance is
 * d = Σ_t |Δp_t| / (2S) over the S = T − 1 segments. Over any block of L segments, Σ |Δp_t| ≥ L · |Δ(mean p)|, so
 * block means (piecewise aggregate approximation) bound d from below:
 * - `fine`: 16 blocks (fewer for short series), a tight bound checked before the exact distance;
 * - the grid's coordinates: the distances to a few pivots (far-apart series). The distance is a metric (an L1 norm
 *   of the midpoint gaps), so a neighbour within r differs by at most r in each, and with cells r wide it lies in one
 *   of the 3^k cells around the query's;
 * - a few more coordinates, signed sums of the block means along their principal axes (sign-directions.ts), each
 *   also within d: checked with the pivots before the fine blocks.
 * Written here because no maintained package indexes this distance (a mean L1 over segment midpoints).
 */
/** Pivot distances kept per series: each bounds the distance from below, and they are the grid's coordinates. */
const PIVOTS = 4;
/** Signed block-mean sums kept per series after the pivot distances: bounds only. */
const SIGN_DIRECTIONS = 4;

export class SeriesIndex {
  readonly count: number;
  readonly length: number;
  readonly segments: number;
  readonly fineBlocks: number;
  /** `fine[i * fineBlocks + b]`: series i's mean p over fine block b. */
  readonly fine: Float64Array;
  readonly fineLength: Float64Array;
  /**
   * `bounds` coordinates per series, each within d of another series' (a lower bound): first `pivots` distances to
   * pivots, `coordinates[i * bounds + k]` = d(series i, pivot k), then the signed block sums.
   */
  readonly coordinates: Float64Array;
  readonly pivots: number;
  readonly bounds: number;
  /**
   * Slack for rounding in the bounds: a relative part, and an absolute part at the values' magnitude (a bound is a
   * sum of values, so its rounding error scales with them, not with the radius). The exact distance decides.
   */
  readonly tolerance: number;

  constructor(
    readonly values: ArrayLike<number>,
    count: number,
    length: number,
    signal?: AbortSignal,
  ) {
    this.count = count;
    this.length = length;
    this.segments = length - 1;
    this.fineBlocks = Math.min(16, this.segments);
    // The build reads every value several times: the signal is checked inside each part (about every 2,048 series).
    this.tolerance = 1e-12 * magnitude(values, count * length, signal) + 1e-300;
    [this.fine, this.fineLength] = this.blockMeans(this.fineBlocks, signal);
    this.pivots = Math.min(PIVOTS, count);
    const directions = Math.min(SIGN_DIRECTIONS, this.fineBlocks);
    this.bounds = this.pivots + directions;
    const weight = Float64Array.from(this.fineLength, (l) => l / (2 * this.segments));
    this.coordinates = interleave(
      this.pivotDistances(signal),
      this.pivots,
      signDirectionCoordinates(this.fine, weight, count, directions, signal),
      directions,
    );
  }

  /** Distances to pivots chosen far apart: the first series, then each time the one farthest from those chosen. */
  private pivotDistances(signal: AbortSignal | undefined): Float64Array {
    const { count, pivots } = this;
    const coordinates = new Float64Array(count * pivots);
    const nearest = new Float64Array(count).fill(Infinity);
    let pivot = 0;
    for (let k = 0; k < pivots; k++) {
      let next = 0;
      for (let i = 0; i < count; i++) {
        // The index's bulk (a distance from every series to each pivot): the signal is checked every 2,048 series.
        if ((i & 2047) === 0) throwIfAborted(signal, "blue-noise sampling");
        const d = this.distance(i, pivot);
        coordinates[i * pivots + k] = d;
        if (d < nearest[i]) nearest[i] = d;
        if (nearest[i] > nearest[next]) next = i;
      }
      pivot = next;
    }
    return coordinates;
  }

  private blockMeans(blocks: number, signal: AbortSignal | undefined): [Float64Array, Float64Array] {
    const { count, length, segments, values } = this;
    const start = Array.from({ length: blocks + 1 }, (_, b) => Math.round((b * segments) / blocks));
    const lengths = Float64Array.from({ length: blocks }, (_, b) => start[b + 1] - start[b]);
    const means = new Float64Array(count * blocks);
    for (let i = 0; i < count; i++) {
      if ((i & 2047) === 0) throwIfAborted(signal, "blue-noise sampling");
      const row = i * length;
      for (let b = 0; b < blocks; b++) {
        let sum = 0;
        for (let t = start[b]; t < start[b + 1]; t++) sum += values[row + t] + values[row + t + 1];
        means[i * blocks + b] = sum / lengths[b];
      }
    }
    return [means, lengths];
  }

  /** Whether the coordinates alone show series i and j to be more than `bound` apart. */
  pivotsExceed(i: number, j: number, bound: number): boolean {
    const { coordinates, bounds } = this;
    for (let k = 0; k < bounds; k++) {
      if (Math.abs(coordinates[i * bounds + k] - coordinates[j * bounds + k]) > bound) return true;
    }
    return false;
  }

  /** A lower bound on the distance between series i and j (the fine blocks). */
  lowerBound(i: number, j: number): number {
    const blocks = this.fineBlocks;
    let sum = 0;
    for (let b = 0; b < blocks; b++)
      sum += this.fineLength[b] * Math.abs(this.fine[i * blocks + b] - this.fine[j * blocks + b]);
    return sum / (2 * this.segments);
  }

  /** The distance between series i and j when it is at most `bound`; otherwise some value above `bound`. */
  distanceWithin(i: number, j: number, bound: number): number {
    const slack = bound * (1 + 1e-9) + this.tolerance;
    if (this.pivotsExceed(i, j, slack) || this.lowerBound(i, j) > slack) return Infinity;
    return midpointDistance(this.values, i * this.length, this.values, j * this.length, this.length, bound);
  }

  /** Exact distance. */
  distance(i: number, j: number): number {
    return midpointDistance(this.values, i * this.length, this.values, j * this.length, this.length, Infinity);
  }

  /**
   * A grid whose cells are as wide as radius r needs: neighbours within r lie in adjacent cells. `dimensions` pivot
   * coordinates (default all): fewer make inserts cheaper (3^k lists each) and lists longer. `capacity`: the members
   * expected (the grid's arrays grow past it).
   */
  grid(radius: number, dimensions = this.pivots, capacity = 64): CellGrid {
    return new CellGrid(this, radius, Math.min(dimensions, this.pivots), Math.max(1, capacity));
  }
}

/**
 * Series bucketed by grid cells of the pivot coordinates, each cell listing the members of the 3^k cells around it,
 * so that a query is one lookup: inserts are few (the sample), queries many (every series, every pass). Cells are
 * keyed by a hash of their coordinates (lists in typed arrays: cell-lists.ts); two cells that share a key only share
 * candidates, which the distance test then rejects. Each member's pivot coordinates and block means are copied into
 * the grid's own arrays as it is added: a query's candidates are then read from a few megabytes that stay in cache,
 * not from all N series' index entries scattered over hundreds of megabytes (at 10⁶ series the cache misses were
 * most of the time).
 */
export class CellGrid {
  private readonly cells: CellLists;
  private readonly width: number;
  private readonly dimensions: number;
  private readonly offsets: Int32Array;
  private readonly base: Float64Array;
  /** Members by slot (the order they were added): series, pivot coordinates, fine block means. */
  private members: Int32Array;
  private coordinates: Float64Array;
  private fine: Float64Array;
  /** The first members' values too, while they fit in ROW_COPY_VALUES: the exact distances' half that is reused. */
  private rows: Float64Array = new Float64Array(0);
  private size = 0;

  constructor(
    private readonly index: SeriesIndex,
    readonly radius: number,
    dimensions: number,
    capacity = 64,
  ) {
    // Cells as wide as the radius (never zero).
    this.width = Math.max(radius, 1e-300);
    this.dimensions = dimensions;
    this.base = new Float64Array(dimensions);
    this.members = new Int32Array(capacity);
    this.coordinates = new Float64Array(capacity * index.bounds);
    this.fine = new Float64Array(capacity * index.fineBlocks);
    // Distinct cells: fewer than the inserts, since neighbouring members share many.
    this.cells = new CellLists((capacity * 3 ** dimensions) / 4, capacity * 3 ** dimensions);
    // Every offset in {−1, 0, 1}^k, as k consecutive entries.
    const k = this.dimensions;
    const count = 3 ** k;
    this.offsets = new Int32Array(count * k);
    for (let c = 0; c < count; c++) {
      let rest = c;
      for (let d = 0; d < k; d++) {
        this.offsets[c * k + d] = (rest % 3) - 1;
        rest = Math.floor(rest / 3);
      }
    }
  }

  /** The cell of series i, one integer per dimension, into `this.base`. */
  private cellOf(i: number): Float64Array {
    const { coordinates, bounds } = this.index;
    for (let d = 0; d < this.dimensions; d++) this.base[d] = Math.floor(coordinates[i * bounds + d] / this.width);
    return this.base;
  }

  /** The hash key of the cell `base` moved by the offset at `shift` (none when negative). */
  private keyOf(base: Float64Array, shift: number): number {
    let key = 0x811c9dc5;
    for (let d = 0; d < this.dimensions; d++) {
      const cell = base[d] + (shift < 0 ? 0 : this.offsets[shift + d]);
      key = Math.imul(key ^ (cell | 0), 0x01000193) ^ Math.imul((cell / 4294967296) | 0, 0x5bd1e995);
    }
    return key >>> 0;
  }

  add(i: number): void {
    const slot = this.store(i);
    const base = this.cellOf(i);
    const k = this.dimensions;
    for (let c = 0; c < this.offsets.length; c += k) this.cells.push(this.keyOf(base, c), slot);
  }

  /** Copy series i's index entries into the next slot (growing the arrays by doubling). */
  private store(i: number): number {
    const { bounds, fineBlocks } = this.index;
    if (this.size === this.members.length) {
      const grown = this.members.length * 2;
      const members = new Int32Array(grown);
      members.set(this.members);
      this.members = members;
      this.coordinates = grownFloat64(this.coordinates, grown * bounds);
      this.fine = grownFloat64(this.fine, grown * fineBlocks);
    }
    const slot = this.size++;
    this.members[slot] = i;
    this.coordinates.set(this.index.coordinates.subarray(i * bounds, (i + 1) * bounds), slot * bounds);
    this.fine.set(this.index.fine.subarray(i * fineBlocks, (i + 1) * fineBlocks), slot * fineBlocks);
    this.copyRow(i, slot);
    return slot;
  }

  private copyRow(i: number, slot: number): void {
    const { length, values } = this.index;
    if ((slot + 1) * length > ROW_COPY_VALUES) return;
    if ((slot + 1) * length > this.rows.length) {
      this.rows = grownFloat64(this.rows, Math.min(Math.max(64, 2 * (slot + 1)) * length, ROW_COPY_VALUES));
    }
    for (let t = 0; t < length; t++) this.rows[slot * length + t] = values[i * length + t];
  }

  /**
   * The distance from series i to the first member (other than `skip`) found closer than `bound` — or at most
   * `bound`, when `inclusive` — and Infinity when there is none.
   */
  firstWithin(i: number, bound: number, inclusive = false, skip = -1): number {
    const arena = this.cells.arena;
    for (let block = this.cells.first(this.keyOf(this.cellOf(i), -1)); block >= 0; block = arena[block]) {
      const end = block + 3 + arena[block + 1];
      for (let at = block + 3; at < end; at++) {
        if (this.members[arena[at]] === skip) continue;
        const d = this.distanceWithin(i, arena[at], bound);
        if (d < bound || (inclusive && d <= bound)) return d;
      }
    }
    return Infinity;
  }

  /**
   * The nearest member's distance to series i (other than `skip`) when it is within `radius`; otherwise the smallest
   * exact distance seen, or `found` (a distance already known, Infinity at first) when none is smaller.
   */
  nearestWithin(i: number, found: number, radius: number, skip = -1): number {
    const arena = this.cells.arena;
    for (let block = this.cells.first(this.keyOf(this.cellOf(i), -1)); block >= 0; block = arena[block]) {
      const end = block + 3 + arena[block + 1];
      for (let at = block + 3; at < end; at++) {
        if (this.members[arena[at]] === skip) continue;
        const bound = Math.min(found, radius);
        const d = this.distanceWithin(i, arena[at], bound);
        // Above the bound d may be a partial sum (the exact distance stops early): a lower bound, not a distance.
        if (d <= bound && d < found) found = d;
      }
    }
    return found;
  }

  /** `SeriesIndex.distanceWithin` against a member's copied entries. */
  private distanceWithin(i: number, slot: number, bound: number): number {
    const { index } = this;
    const { bounds, fineBlocks, fineLength, length } = index;
    const slack = bound * (1 + 1e-9) + index.tolerance;
    for (let k = 0; k < bounds; k++) {
      if (Math.abs(index.coordinates[i * bounds + k] - this.coordinates[slot * bounds + k]) > slack) return Infinity;
    }
    let sum = 0;
    for (let b = 0; b < fineBlocks; b++) {
      sum += fineLength[b] * Math.abs(index.fine[i * fineBlocks + b] - this.fine[slot * fineBlocks + b]);
    }
    if (sum / (2 * index.segments) > slack) return Infinity;
    return (slot + 1) * length <= this.rows.length
      ? midpointDistance(index.values, i * length, this.rows, slot * length, length, bound)
      : midpointDistance(index.values, i * length, index.values, this.members[slot] * length, length, bound);
  }
}

/** Values of members a grid copies (64 MiB): 50,000 series of 100 steps, the 5 % sample of 10⁶. */
const ROW_COPY_VALUES = 2 ** 23;

function grownFloat64(array: Float64Array, size: number): Float64Array {
  const grown = new Float64Array(size);
  grown.set(array);
  return grown;
}

/** Two row-major coordinate tables side by side: row i of `a` (width wa), then row i of `b` (width wb). */
function interleave(a: Float64Array, wa: number, b: Float64Array, wb: number): Float64Array {
  const count = wa > 0 ? a.length / wa : b.length / wb;
  const out = new Float64Array(count * (wa + wb));
  for (let i = 0; i < count; i++) {
    out.set(a.subarray(i * wa, (i + 1) * wa), i * (wa + wb));
    out.set(b.subarray(i * wb, (i + 1) * wb), i * (wa + wb) + wa);
  }
  return out;
}

/** The largest |value|. */
function magnitude(values: ArrayLike<number>, size: number, signal: AbortSignal | undefined): number {
  let largest = 0;
  for (let k = 0; k < size; k++) {
    if ((k & 0xffff) === 0) throwIfAborted(signal, "blue-noise sampling");
    largest = Math.max(largest, Math.abs(values[k]));
  }
  return largest;
}
