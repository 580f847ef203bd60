import type { SquareMatrix } from "./square-matrix.js";

/** Above this many parts the exact order-and-orientation DP (O(4 · 2^c · c²)) gives way to a greedy chain. */
export const EXACT_MERGE_LIMIT = 12;

/**
 * Concatenate paths into one, choosing their order and which way each runs so that the junctions are as short as
 * possible: an exact DP over (set of parts placed, last part, its orientation) for up to {@link EXACT_MERGE_LIMIT}
 * parts; beyond, a greedy chain that always appends the part whose nearer end is closest. The paths' insides are
 * kept as they are. Returns the merged path and whether the junction choice was exact.
 * @internal
 */
export function mergeParts(distance: SquareMatrix, parts: number[][]): { path: number[]; exact: boolean } {
  const c = parts.length;
  if (c === 1) return { path: parts[0].slice(), exact: true };
  const { n, values: d } = distance;
  const head = (p: number, flipped: number) => (flipped ? parts[p][parts[p].length - 1] : parts[p][0]);
  const tail = (p: number, flipped: number) => (flipped ? parts[p][0] : parts[p][parts[p].length - 1]);
  const chain: Array<[number, number]> = [];
  let exact = false;

  if (c <= EXACT_MERGE_LIMIT) {
    exact = true;
    const states = 1 << c;
    // cost[(mask * c + p) * 2 + o]: best junction total of a sequence using `mask`, ending with part p in orientation o.
    const cost = new Float64Array(states * c * 2).fill(Infinity);
    for (let p = 0; p < c; p++) for (let o = 0; o < 2; o++) cost[((1 << p) * c + p) * 2 + o] = 0;
    for (let mask = 1; mask < states; mask++) {
      for (let p = 0; p < c; p++) {
        if (!(mask & (1 << p))) continue;
        for (let o = 0; o < 2; o++) {
          const here = cost[(mask * c + p) * 2 + o];
          if (here === Infinity) continue;
          const from = tail(p, o);
          for (let q = 0; q < c; q++) {
            if (mask & (1 << q)) continue;
            const next = mask | (1 << q);
            for (let r = 0; r < 2; r++) {
              const value = here + d[from * n + head(q, r)];
              const at = (next * c + q) * 2 + r;
              if (value < cost[at]) cost[at] = value;
            }
          }
        }
      }
    }
    const full = states - 1;
    let best = Infinity;
    let last: [number, number] = [0, 0];
    for (let p = 0; p < c; p++) {
      for (let o = 0; o < 2; o++) {
        if (cost[(full * c + p) * 2 + o] < best) {
          best = cost[(full * c + p) * 2 + o];
          last = [p, o];
        }
      }
    }
    // Walk back through the table: the predecessor reproduces the stored value exactly.
    let mask = full;
    let [p, o] = last;
    chain.push([p, o]);
    while (mask !== 1 << p) {
      const prev = mask ^ (1 << p);
      const target = cost[(mask * c + p) * 2 + o];
      let found: [number, number] | undefined;
      for (let q = 0; q < c && !found; q++) {
        if (!(prev & (1 << q))) continue;
        for (let r = 0; r < 2 && !found; r++) {
          if (cost[(prev * c + q) * 2 + r] + d[tail(q, r) * n + head(p, o)] === target) found = [q, r];
        }
      }
      [p, o] = found as [number, number];
      chain.push([p, o]);
      mask = prev;
    }
    chain.reverse();
  } else {
    const used = new Uint8Array(c);
    chain.push([0, 0]);
    used[0] = 1;
    for (let step = 1; step < c; step++) {
      const [lp, lo] = chain[chain.length - 1];
      const from = tail(lp, lo);
      let best = Infinity;
      let pick: [number, number] = [0, 0];
      for (let q = 0; q < c; q++) {
        if (used[q]) continue;
        for (let r = 0; r < 2; r++) {
          const value = d[from * n + head(q, r)];
          if (value < best) {
            best = value;
            pick = [q, r];
          }
        }
      }
      used[pick[0]] = 1;
      chain.push(pick);
    }
  }
  const path: number[] = [];
  for (const [p, o] of chain) {
    const part = o ? [...parts[p]].reverse() : parts[p];
    path.push(...part);
  }
  return { path, exact };
}
