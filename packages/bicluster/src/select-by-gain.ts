import { throwIfAborted } from "@clearbox/core/internal";
import type { Biclique } from "./closed-bicliques.js";

/**
 * Greedy selection by curves saved: repeatedly keep the biclique whose newly covered items outnumber the curves it
 * costs (|rows| + |cols|: one per member, to and from the bicluster's rectangle) by the most, until none saves any.
 * Ties go to the larger biclique, then to the earlier one in the list, so the result does not depend on timing or
 * input order. Lazy evaluation: a biclique's gain only falls as others are kept, so a stale gain is an upper bound,
 * and one recomputed in the current round that still leads is the true maximum.
 */
export function selectByGain(candidates: readonly Biclique[], signal?: AbortSignal): Biclique[] {
  const covered = new Set<number>();
  const area = candidates.map((b) => b.rows.length * b.cols.length);
  const cost = candidates.map((b) => b.rows.length + b.cols.length);
  // Heap entries: [gain bound, candidate index, round the bound was computed in].
  const heap = new GainHeap((a, b) => b[0] - a[0] || area[b[1]] - area[a[1]] || a[1] - b[1]);
  candidates.forEach((_, i) => {
    if ((i & 4095) === 4095) throwIfAborted(signal, "weighted biclustering");
    heap.push([area[i] - cost[i], i, 0]);
  });
  const kept: Biclique[] = [];
  let round = 0;
  // Work since the last look at the signal, in cells visited (a pop, with its heap comparisons, counts 8).
  throwIfAborted(signal, "weighted biclustering");
  let work = 0;
  while (heap.size > 0) {
    work += 8;
    if (work > WORK_PER_CHECK) {
      throwIfAborted(signal, "weighted biclustering");
      work = 0;
    }
    const [bound, i, computed] = heap.pop() as [number, number, number];
    if (bound <= 0) break;
    if (computed === round) {
      kept.push(candidates[i]);
      work += area[i];
      for (const r of candidates[i].rows) for (const c of candidates[i].cols) covered.add(r * KEY_STRIDE + c);
      round++;
      continue;
    }
    work += area[i];
    let fresh = 0;
    for (const r of candidates[i].rows)
      for (const c of candidates[i].cols) if (!covered.has(r * KEY_STRIDE + c)) fresh++;
    heap.push([fresh - cost[i], i, round]);
  }
  return kept;
}

/** Cells visited between two looks at the signal: a Set lookup of a float key is ~0.1–0.3 µs, so a few ms of work. */
const WORK_PER_CHECK = 2 ** 14;

/** Cell keys: row × stride + column (ids stay below 2²⁶). */
const KEY_STRIDE = 2 ** 26;

type Entry = [number, number, number];

/** A binary heap: the entry that `before` puts first is on top. */
class GainHeap {
  private readonly entries: Entry[] = [];
  constructor(private readonly before: (a: Entry, b: Entry) => number) {}

  get size(): number {
    return this.entries.length;
  }

  push(entry: Entry): void {
    const e = this.entries;
    e.push(entry);
    let i = e.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.before(e[i], e[parent]) >= 0) break;
      [e[i], e[parent]] = [e[parent], e[i]];
      i = parent;
    }
  }

  pop(): Entry | undefined {
    const e = this.entries;
    const top = e[0];
    const last = e.pop();
    if (e.length > 0 && last !== undefined) {
      e[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < e.length && this.before(e[l], e[m]) < 0) m = l;
        if (r < e.length && this.before(e[r], e[m]) < 0) m = r;
        if (m === i) break;
        [e[i], e[m]] = [e[m], e[i]];
        i = m;
      }
    }
    return top;
  }
}
