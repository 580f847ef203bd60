/** Growable Int32 storage (doubling), so that millions of ids stay in one typed array rather than a JS array. */
export class IntList {
  data = new Int32Array(1024);
  length = 0;

  push(v: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = v;
  }

  /** The values pushed so far (a view: later pushes may move the storage). */
  view(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}

/** Growable Float64 storage (doubling). */
export class FloatList {
  data = new Float64Array(1024);
  length = 0;

  push(v: number): void {
    if (this.length === this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = v;
  }

  view(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}

/** Edges gathered into typed arrays: `from[e] → to[e]`, `weight[e]`. */
export class EdgeBuffer {
  readonly from = new IntList();
  readonly to = new IntList();
  readonly weight = new FloatList();

  push(a: number, b: number, w: number): void {
    this.from.push(a);
    this.to.push(b);
    this.weight.push(w);
  }

  /** The edges as exact-length typed arrays (copies: the buffer's storage is released with it). */
  arrays(): { from: Int32Array; to: Int32Array; weight: Float64Array } {
    return { from: this.from.view().slice(), to: this.to.view().slice(), weight: this.weight.view().slice() };
  }
}
