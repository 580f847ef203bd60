/**
 * For each of `units` neurons, the `k` largest values seen so far with their sample and position: a min-heap of slot
 * numbers per unit in typed arrays (memory units · k, whatever the number of samples). A value equal to the heap's
 * smallest does not enter, so among equal values the earliest sample is kept.
 */
export class TopKHeaps {
  readonly values: Float32Array;
  readonly samples: Int32Array;
  readonly positions: Int32Array;
  /** heap[u · k + i]: the slot (0 … k − 1) at heap position i of unit u; slots keep their data in place. */
  private readonly heap: Int32Array;
  readonly sizes: Int32Array;

  constructor(
    readonly units: number,
    readonly k: number,
  ) {
    this.values = new Float32Array(units * k);
    this.samples = new Int32Array(units * k).fill(-1);
    this.positions = new Int32Array(units * k);
    this.heap = new Int32Array(units * k);
    this.sizes = new Int32Array(units);
  }

  /** Would `value` enter unit u's top k? */
  accepts(u: number, value: number): boolean {
    return this.sizes[u] < this.k || value > this.values[u * this.k + this.heap[u * this.k]];
  }

  /** Offer a value; returns the slot it was stored in (whose extra data the caller overwrites), or -1. */
  push(u: number, value: number, sample: number, position: number): number {
    if (!this.accepts(u, value)) return -1;
    const base = u * this.k;
    let slot: number;
    if (this.sizes[u] < this.k) {
      slot = this.sizes[u];
      this.heap[base + this.sizes[u]] = slot;
      this.write(base + slot, value, sample, position);
      this.siftUp(base, this.sizes[u]++);
    } else {
      slot = this.heap[base];
      this.write(base + slot, value, sample, position);
      this.siftDown(base, 0, this.k);
    }
    return slot;
  }

  private write(at: number, value: number, sample: number, position: number): void {
    this.values[at] = value;
    this.samples[at] = sample;
    this.positions[at] = position;
  }

  /** Min-heap order: smaller value first; on ties the later sample first (it leaves before the earlier one). */
  private less(base: number, i: number, j: number): boolean {
    const a = base + this.heap[base + i];
    const b = base + this.heap[base + j];
    return this.values[a] < this.values[b] || (this.values[a] === this.values[b] && this.samples[a] > this.samples[b]);
  }

  private swap(base: number, i: number, j: number): void {
    const t = this.heap[base + i];
    this.heap[base + i] = this.heap[base + j];
    this.heap[base + j] = t;
  }

  private siftUp(base: number, i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(base, i, parent)) return;
      this.swap(base, i, parent);
      i = parent;
    }
  }

  private siftDown(base: number, i: number, size: number): void {
    for (;;) {
      const l = 2 * i + 1;
      if (l >= size) return;
      const child = l + 1 < size && this.less(base, l + 1, l) ? l + 1 : l;
      if (!this.less(base, child, i)) return;
      this.swap(base, i, child);
      i = child;
    }
  }

  /** Unit u's slots, largest value first (earlier sample first on ties). */
  ranked(u: number): number[] {
    const base = u * this.k;
    const slots = Array.from({ length: this.sizes[u] }, (_, s) => s);
    return slots.sort(
      (a, b) => this.values[base + b] - this.values[base + a] || this.samples[base + a] - this.samples[base + b],
    );
  }
}
