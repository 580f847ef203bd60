/**
 * A binary max-heap of candidate merges `(gain, a, b)` stamped with the versions of `a` and `b` when pushed.
 * Entries go stale when either side changes; the caller discards them on pop (lazy deletion), which is cheaper
 * than updating keys in place. Ties break towards the smaller `a`, then the smaller `b`, so runs are reproducible.
 * @internal
 */
export class PairHeap {
  private gain = new Float64Array(64);
  private a = new Int32Array(64);
  private b = new Int32Array(64);
  private stampA = new Int32Array(64);
  private stampB = new Int32Array(64);
  size = 0;

  push(gain: number, a: number, b: number, stampA: number, stampB: number): void {
    if (this.size === this.gain.length) this.grow();
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(gain, a, b, parent)) break;
      this.move(parent, i);
      i = parent;
    }
    this.set(i, gain, a, b, stampA, stampB);
  }

  /** The top entry's fields; only valid while size > 0. */
  topGain(): number {
    return this.gain[0];
  }
  topA(): number {
    return this.a[0];
  }
  topB(): number {
    return this.b[0];
  }
  topStampA(): number {
    return this.stampA[0];
  }
  topStampB(): number {
    return this.stampB[0];
  }

  pop(): void {
    const last = --this.size;
    if (last === 0) return;
    const g = this.gain[last];
    const a = this.a[last];
    const b = this.b[last];
    const sa = this.stampA[last];
    const sb = this.stampB[last];
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= last) break;
      const right = left + 1;
      const child = right < last && this.before(this.gain[right], this.a[right], this.b[right], left) ? right : left;
      if (!this.beforeValues(this.gain[child], this.a[child], this.b[child], g, a, b)) break;
      this.move(child, i);
      i = child;
    }
    this.set(i, g, a, b, sa, sb);
  }

  /** Does (gain, a, b) come before the entry at `index`? */
  private before(gain: number, a: number, b: number, index: number): boolean {
    return this.beforeValues(gain, a, b, this.gain[index], this.a[index], this.b[index]);
  }

  private beforeValues(g1: number, a1: number, b1: number, g2: number, a2: number, b2: number): boolean {
    if (g1 !== g2) return g1 > g2;
    if (a1 !== a2) return a1 < a2;
    return b1 < b2;
  }

  private move(from: number, to: number): void {
    this.gain[to] = this.gain[from];
    this.a[to] = this.a[from];
    this.b[to] = this.b[from];
    this.stampA[to] = this.stampA[from];
    this.stampB[to] = this.stampB[from];
  }

  private set(i: number, gain: number, a: number, b: number, sa: number, sb: number): void {
    this.gain[i] = gain;
    this.a[i] = a;
    this.b[i] = b;
    this.stampA[i] = sa;
    this.stampB[i] = sb;
  }

  private grow(): void {
    const capacity = this.gain.length * 2;
    const grow = <T extends Float64Array | Int32Array>(old: T, make: (n: number) => T): T => {
      const next = make(capacity);
      next.set(old);
      return next;
    };
    this.gain = grow(this.gain, (n) => new Float64Array(n));
    this.a = grow(this.a, (n) => new Int32Array(n));
    this.b = grow(this.b, (n) => new Int32Array(n));
    this.stampA = grow(this.stampA, (n) => new Int32Array(n));
    this.stampB = grow(this.stampB, (n) => new Int32Array(n));
  }
}
