/** Undirected weighted pairs counted as they are seen (a Map on one numeric key per pair), then listed. */
export class EdgeTally {
  private readonly weights = new Map<number, number>();

  constructor(private readonly size: number) {}

  /** Add `w` to the pair {a, b} (self pairs are ignored). */
  add(a: number, b: number, w = 1): void {
    if (a === b) return;
    const key = a < b ? a * this.size + b : b * this.size + a;
    this.weights.set(key, (this.weights.get(key) ?? 0) + w);
  }

  /** Add `w` to the ordered pair (a, b), a and b from two id spaces (b < size). */
  addOrdered(a: number, b: number, w = 1): void {
    const key = a * this.size + b;
    this.weights.set(key, (this.weights.get(key) ?? 0) + w);
  }

  /** Append each pair as `[a, b, weight]`, a < b, `a` offset by `baseA`, `b` by `baseB` (the first node ids of their blocks). */
  appendTo(edges: Array<[number, number, number]>, baseA: number, baseB = baseA): void {
    for (const [key, w] of this.weights) {
      const a = Math.floor(key / this.size);
      edges.push([baseA + a, baseB + (key - a * this.size), w]);
    }
  }
}
