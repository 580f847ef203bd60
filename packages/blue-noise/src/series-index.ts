import { throwIfAborted } from "@clearbox/core/internal";
import { midpointDistance } from "./polyline-distance.js";

/**
 * Cheap lower bounds on the polyline distance, and a grid over them, so that neighbours within r are found without
 * comparing all pairs. With p_t = v_t + v_{t+1} (twice a segment midpoint's height), the distance is
 * d = Σ_t |Δp_t| / (2S) over the S = T − 1 segments. Over any block of L segments, Σ |Δp_t| ≥ L · |Δ(mean p)|, so
 * block means (piecewise aggregate approximation) bound d from below:
 * - `fine`: 16 blocks (fewer for short series), a tight bound checked before the exact distance;
 * - the grid's coordinates: the distances to a few pivots (far-apart series). The distance is a metric (an L1 norm
 *   of the midpoint gaps), so a neighbour within r differs by at most r in each, and with cells r wide it lies in one
 *   of the 3^k cells around the query's.
 * Written here because no maintained package indexes this distance (a mean L1 over segment midpoints).
 */
/** Pivot distances kept per series: each bounds the distance from below, and they are the grid's coordinates. */
const PIVOTS = 4;

export class SeriesIndex {
  readonly count: number;
  readonly length: number;
  readonly segments: number;
  readonly fineBlocks: number;
  /** `fine[i * fineBlocks + b]`: series i's mean p over fine block b. */
  readonly fine: Float64Array;
  readonly fineLength: Float64Array;
  /** `pivots` distances per series: `coordinates[i * pivots + k]` = d(series i, pivot k). */
  readonly coordinates: Float64Array;
  readonly pivots: number;

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
    [this.fine, this.fineLength] = this.blockMeans(this.fineBlocks);
    this.pivots = Math.min(PIVOTS, count);
    this.coordinates = this.pivotDistances(signal);
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

  private blockMeans(blocks: number): [Float64Array, Float64Array] {
    const { count, length, segments, values } = this;
    const start = Array.from({ length: blocks + 1 }, (_, b) => Math.round((b * segments) / blocks));
    const lengths = Float64Array.from({ length: blocks }, (_, b) => start[b + 1] - start[b]);
    const means = new Float64Array(count * blocks);
    for (let i = 0; i < count; i++) {
      const row = i * length;
      for (let b = 0; b < blocks; b++) {
        let sum = 0;
        for (let t = start[b]; t < start[b + 1]; t++) sum += values[row + t] + values[row + t + 1];
        means[i * blocks + b] = sum / lengths[b];
      }
    }
    return [means, lengths];
  }

  /** Whether the pivots alone show series i and j to be more than `bound` apart (triangle inequality). */
  pivotsExceed(i: number, j: number, bound: number): boolean {
    const { coordinates, pivots } = this;
    for (let k = 0; k < pivots; k++) {
      if (Math.abs(coordinates[i * pivots + k] - coordinates[j * pivots + k]) > bound) return true;
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
    // The bounds lose a little to rounding; the exact distance decides.
    const slack = bound * (1 + 1e-9) + 1e-300;
    if (this.pivotsExceed(i, j, slack) || this.lowerBound(i, j) > slack) return Infinity;
    return midpointDistance(this.values, i * this.length, this.values, j * this.length, this.length, bound);
  }

  /** Exact distance. */
  distance(i: number, j: number): number {
    return midpointDistance(this.values, i * this.length, this.values, j * this.length, this.length, Infinity);
  }

  /**
   * A grid whose cells are as wide as radius r needs: neighbours within r lie in adjacent cells. `dimensions` pivot
   * coordinates (default all): fewer make inserts cheaper (3^k lists each) and lists longer.
   */
  grid(radius: number, dimensions = this.pivots): CellGrid {
    return new CellGrid(this, radius, Math.min(dimensions, this.pivots));
  }
}

/**
 * Series bucketed by grid cells of the pivot coordinates, each cell listing the members of the 3^k cells around it,
 * so that a query is one lookup: inserts are few (the sample), queries many (every series, every pass). Cells are
 * keyed by a hash of their coordinates; two cells that share a key only share candidates, which the distance test
 * then rejects.
 */
export class CellGrid {
  private readonly cells = new Map<number, number[]>();
  private readonly width: number;
  private readonly dimensions: number;
  private readonly offsets: Int32Array;

  constructor(
    private readonly index: SeriesIndex,
    readonly radius: number,
    dimensions: number,
  ) {
    // Cells as wide as the radius (never zero).
    this.width = Math.max(radius, 1e-300);
    this.dimensions = dimensions;
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

  private keyOf(i: number, shift: number): number {
    const { coordinates, pivots } = this.index;
    let key = 0x811c9dc5;
    for (let d = 0; d < this.dimensions; d++) {
      const cell = Math.floor(coordinates[i * pivots + d] / this.width) + (shift < 0 ? 0 : this.offsets[shift + d]);
      key = Math.imul(key ^ (cell | 0), 0x01000193) ^ Math.imul((cell / 4294967296) | 0, 0x5bd1e995);
    }
    return key >>> 0;
  }

  add(i: number): void {
    const k = this.dimensions;
    for (let c = 0; c < this.offsets.length; c += k) {
      const key = this.keyOf(i, c);
      const list = this.cells.get(key);
      if (list === undefined) this.cells.set(key, [i]);
      else if (list[list.length - 1] !== i) list.push(i);
    }
  }

  /** Visit every member that could be within the radius of series i; stop when `visit` returns true. */
  near(i: number, visit: (j: number) => boolean | void): boolean {
    const members = this.cells.get(this.keyOf(i, -1));
    if (members === undefined) return false;
    for (const j of members) if (visit(j) === true) return true;
    return false;
  }
}
