/** Compatible pairs, CSR: edge e's partners are other[offsets[e] … offsets[e + 1]). */
export interface Partners {
  offsets: Int32Array;
  other: Int32Array;
  weight: Float64Array;
  reversed: Uint8Array;
}

/** What the compatibility pass found and spent. */
export interface PartnerSearch {
  partners: Partners;
  /** Pairs at or above the threshold that were kept. */
  compatiblePairs: number;
  /** Pairs whose compatibility was computed. */
  compared: number;
  /** True when the comparison budget or the pair cap stopped the pass: some compatible pairs may be missing. */
  truncated: boolean;
}

/** The budget of the pass: at most `maxCompared` comparisons and `maxPairs` kept pairs. */
export interface PartnerBudget {
  maxCompared: number;
  maxPairs: number;
}

/** Per edge: length, unit direction and midpoint, computed once (the pass compares up to 10⁸ pairs). */
export interface EdgeGeometry {
  length: Float64Array;
  ux: Float64Array;
  uy: Float64Array;
  mx: Float64Array;
  my: Float64Array;
}

/** The geometry of `ends` (`[x1, y1, x2, y2]` per edge, coordinates near 1: bundleEdges scales them first). */
export function edgeGeometry(ends: Float64Array): EdgeGeometry {
  const n = ends.length / 4;
  const g = {
    length: new Float64Array(n),
    ux: new Float64Array(n),
    uy: new Float64Array(n),
    mx: new Float64Array(n),
    my: new Float64Array(n),
  };
  for (let e = 0; e < n; e++) {
    const dx = ends[4 * e + 2] - ends[4 * e];
    const dy = ends[4 * e + 3] - ends[4 * e + 1];
    const length = Math.sqrt(dx * dx + dy * dy);
    g.length[e] = length;
    g.ux[e] = length > 0 ? dx / length : 0;
    g.uy[e] = length > 0 ? dy / length : 0;
    g.mx[e] = (ends[4 * e] + ends[4 * e + 2]) / 2;
    g.my[e] = (ends[4 * e + 1] + ends[4 * e + 3]) / 2;
  }
  return g;
}

/**
 * C = C_α · C_s · C_p of edges i and j (ALGORITHMS.md §9), negated when they run opposite ways (their points meet
 * reversed); 0 for a degenerate edge. One number, no object: this is the pass's inner loop.
 */
export function signedCompatibility(g: EdgeGeometry, i: number, j: number): number {
  const la = g.length[i];
  const lb = g.length[j];
  if (la === 0 || lb === 0) return 0;
  const dot = g.ux[i] * g.ux[j] + g.uy[i] * g.uy[j];
  const angle = Math.min(1, Math.abs(dot));
  const average = (la + lb) / 2;
  const scale = 2 / (average / Math.min(la, lb) + Math.max(la, lb) / average);
  const dx = g.mx[i] - g.mx[j];
  const dy = g.my[i] - g.my[j];
  const position = average / (average + Math.sqrt(dx * dx + dy * dy));
  const c = angle * scale * position;
  return dot < 0 ? -c : c;
}

/**
 * How far apart two edges' midpoints can be for C ≥ t, as a multiple of one edge's length ℓ: C ≤ C_s · C_p, C_s ≥ t
 * bounds the partner's length by R·ℓ (R solves C_s(R) = t), and C_p ≥ t bounds the midpoint distance by
 * (1/t − 1)·ℓ_avg ≤ (1/t − 1)·ℓ(1 + R)/2. Infinite for t = 0 (every pair may attract).
 */
export function reachFactor(threshold: number): number {
  if (threshold <= 0) return Infinity;
  const b = 4 - 4 / threshold;
  const ratio = (-b + Math.sqrt(b * b + 16)) / 2 - 1;
  return (1 / threshold - 1) * ((1 + ratio) / 2);
}

/** A uniform grid of edge midpoints (CSR by cell), so a search visits only the cells within reach. */
interface MidpointGrid {
  x0: number;
  y0: number;
  cell: number;
  columns: number;
  rows: number;
  start: Int32Array;
  items: Int32Array;
}

function midpointGrid(mx: Float64Array, my: Float64Array, n: number): MidpointGrid {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let e = 0; e < n; e++) {
    x0 = Math.min(x0, mx[e]);
    x1 = Math.max(x1, mx[e]);
    y0 = Math.min(y0, my[e]);
    y1 = Math.max(y1, my[e]);
  }
  // About one edge per cell on average: a finer grid only adds empty cells to visit.
  const side = Math.max(1, Math.ceil(Math.sqrt(n)));
  const cell = Math.max((x1 - x0) / side, (y1 - y0) / side) || 1;
  const columns = Math.min(side, Math.floor((x1 - x0) / cell) + 1);
  const rows = Math.min(side, Math.floor((y1 - y0) / cell) + 1);
  const cellOf = (e: number) =>
    Math.min(rows - 1, Math.floor((my[e] - y0) / cell)) * columns +
    Math.min(columns - 1, Math.floor((mx[e] - x0) / cell));
  const start = new Int32Array(columns * rows + 1);
  for (let e = 0; e < n; e++) start[cellOf(e) + 1]++;
  for (let c = 0; c < columns * rows; c++) start[c + 1] += start[c];
  const fill = start.slice(0, columns * rows);
  const items = new Int32Array(n);
  for (let e = 0; e < n; e++) items[fill[cellOf(e)]++] = e;
  return { x0, y0, cell, columns, rows, start, items };
}

/** Growable pair lists (typed arrays doubled as needed): JS arrays of 10⁷ numbers cost several times the memory. */
class PairList {
  size = 0;
  i = new Int32Array(1024);
  j = new Int32Array(1024);
  c = new Float64Array(1024);
  reversed = new Uint8Array(1024);

  push(i: number, j: number, c: number, reversed: boolean): void {
    if (this.size === this.i.length) this.grow();
    this.i[this.size] = i;
    this.j[this.size] = j;
    this.c[this.size] = c;
    this.reversed[this.size] = reversed ? 1 : 0;
    this.size++;
  }

  private grow(): void {
    const double = <T extends Int32Array | Float64Array | Uint8Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(2 * a.length);
      b.set(a);
      return b;
    };
    [this.i, this.j, this.c, this.reversed] = [double(this.i), double(this.j), double(this.c), double(this.reversed)];
  }

  /** Both directions of every pair, as CSR by edge. */
  toPartners(n: number): Partners {
    const offsets = new Int32Array(n + 1);
    for (let p = 0; p < this.size; p++) {
      offsets[this.i[p] + 1]++;
      offsets[this.j[p] + 1]++;
    }
    for (let e = 0; e < n; e++) offsets[e + 1] += offsets[e];
    const fill = offsets.slice(0, n);
    const other = new Int32Array(2 * this.size);
    const weight = new Float64Array(2 * this.size);
    const reversed = new Uint8Array(2 * this.size);
    for (let p = 0; p < this.size; p++) {
      const [i, j] = [this.i[p], this.j[p]];
      const at = fill[i]++;
      const back = fill[j]++;
      other[at] = j;
      other[back] = i;
      weight[at] = weight[back] = this.c[p];
      reversed[at] = reversed[back] = this.reversed[p];
    }
    return { offsets, other, weight, reversed };
  }
}

/**
 * The compatible pairs (C ≥ threshold, C > 0), found through a grid of midpoints so that edges too far apart to
 * reach the threshold are never compared, within a budget of comparisons and of kept pairs. Edges are visited in
 * input order and partners by cell, so the pairs kept under a budget are the same on every run.
 */
export function findPartners(ends: Float64Array, threshold: number, budget: PartnerBudget): PartnerSearch {
  const n = ends.length / 4;
  const g = edgeGeometry(ends);
  const grid = midpointGrid(g.mx, g.my, n);
  const reach = reachFactor(threshold);
  const pairs = new PairList();
  let compared = 0;
  let truncated = false;
  for (let i = 0; i < n && !truncated; i++) {
    const radius = reach * g.length[i];
    const [c0, c1] = cellRange(g.mx[i], radius, grid.x0, grid.cell, grid.columns);
    const [r0, r1] = cellRange(g.my[i], radius, grid.y0, grid.cell, grid.rows);
    for (let r = r0; r <= r1 && !truncated; r++) {
      for (let k = grid.start[r * grid.columns + c0]; k < grid.start[r * grid.columns + c1 + 1]; k++) {
        const j = grid.items[k];
        if (j <= i) continue;
        if (compared >= budget.maxCompared || pairs.size >= budget.maxPairs) {
          truncated = true;
          break;
        }
        compared++;
        const signed = signedCompatibility(g, i, j);
        const c = Math.abs(signed);
        if (c >= threshold && c > 0) pairs.push(i, j, c, signed < 0);
      }
    }
  }
  return { partners: pairs.toPartners(n), compatiblePairs: pairs.size, compared, truncated };
}

/** The first and last grid cell (along one axis) within `radius` of `value`. */
function cellRange(value: number, radius: number, origin: number, cell: number, count: number): [number, number] {
  if (!Number.isFinite(radius)) return [0, count - 1];
  const low = Math.floor((value - radius - origin) / cell);
  const high = Math.floor((value + radius - origin) / cell);
  return [Math.max(0, Math.min(count - 1, low)), Math.max(0, Math.min(count - 1, high))];
}
