import { IntList } from "./int-list.js";
import type { EdgeBuffer } from "./int-list.js";

/**
 * Weighted pairs counted by listing them (two Int32 lists) and sorting once at the end: counting sorts by `b` and then
 * (stably) by `a`, and equal neighbours merged. A Map keyed by pair was the first form: at millions of rows its
 * non-small-integer keys made it the slowest part of reading a collection.
 */
export class EdgeTally {
  private readonly a = new IntList();
  private readonly b = new IntList();
  private maxA = -1;

  constructor(private readonly size: number) {}

  /** Count the pair {a, b} once (self pairs are ignored). */
  add(a: number, b: number): void {
    if (a === b) return;
    if (a < b) this.addOrdered(a, b);
    else this.addOrdered(b, a);
  }

  /** Count the ordered pair (a, b), a and b from two id spaces (b < size). */
  addOrdered(a: number, b: number): void {
    this.a.push(a);
    this.b.push(b);
    if (a > this.maxA) this.maxA = a;
  }

  /** Append each distinct pair as `(a, b, count)` in ascending (a, b), `a` offset by `baseA`, `b` by `baseB`. */
  appendTo(edges: EdgeBuffer, baseA: number, baseB = baseA): void {
    const n = this.a.length;
    if (n === 0) return;
    const [a, b] = [this.a.view(), this.b.view()];
    const byB = countingOrder(b, this.size, null);
    const order = countingOrder(a, this.maxA + 1, byB);
    for (let k = 0; k < n;) {
      const [x, y] = [a[order[k]], b[order[k]]];
      let end = k + 1;
      while (end < n && a[order[end]] === x && b[order[end]] === y) end++;
      edges.push(baseA + x, baseB + y, end - k);
      k = end;
    }
  }
}

/** The positions of `keys` in ascending key order (stable; in the order of `within` when given). */
function countingOrder(keys: Int32Array, size: number, within: Int32Array | null): Int32Array {
  const start = new Int32Array(size + 1);
  for (let k = 0; k < keys.length; k++) start[keys[k] + 1]++;
  for (let v = 0; v < size; v++) start[v + 1] += start[v];
  const order = new Int32Array(keys.length);
  for (let k = 0; k < keys.length; k++) {
    const at = within === null ? k : within[k];
    order[start[keys[at]]++] = at;
  }
  return order;
}
