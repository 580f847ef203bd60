import type { Model } from "./model.js";

/**
 * Mᵀ in CSR with its values: per node j, the rows i that have an edge to j (`sources`) and m_ij (`values`). Built at a
 * ranker's first edit; every edit copies the rows of M it rewrote into it (`refresh`), so that the exact strategy's
 * Gauss–Seidel sweep, which pulls each node's score from its in-edges, reads the current M.
 */
export class TransposedRows {
  /** Node j's in-edges are `offsets[j] … offsets[j + 1] − 1`. */
  readonly offsets: Int32Array;
  readonly sources: Int32Array;
  readonly values: Float64Array;
  /** Per stored edge p of M (row by row), its slot here. */
  private readonly slot: Int32Array;

  constructor(model: Model) {
    const { size, offsets, targets, transition } = model;
    const counts = new Int32Array(size + 1);
    for (let p = 0; p < targets.length; p++) counts[targets[p] + 1]++;
    for (let i = 0; i < size; i++) counts[i + 1] += counts[i];
    const cursor = counts.slice(0, size);
    this.sources = new Int32Array(targets.length);
    this.values = new Float64Array(targets.length);
    this.slot = new Int32Array(targets.length);
    for (let i = 0; i < size; i++) {
      for (let p = offsets[i]; p < offsets[i + 1]; p++) {
        const q = cursor[targets[p]]++;
        this.sources[q] = i;
        this.values[q] = transition[p];
        this.slot[p] = q;
      }
    }
    this.offsets = counts;
  }

  /** Copy rows of M that an edit rewrote. */
  refresh(model: Model, rows: Iterable<number>): void {
    const { offsets, transition } = model;
    for (const i of rows) for (let p = offsets[i]; p < offsets[i + 1]; p++) this.values[this.slot[p]] = transition[p];
  }
}
