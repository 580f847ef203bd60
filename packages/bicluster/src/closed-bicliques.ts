import {
  ClearboxError,
  assertInteger,
  assertOptions,
  describeValue,
  sortWithChecks,
  throwIfAborted,
} from "@clearbox/core/internal";
import type { OptionKeys } from "@clearbox/core/internal";

/** A complete bipartite subgraph: every row is joined to every column. Both lists ascend. */
export interface Biclique {
  rows: number[];
  cols: number[];
}

/** Options of {@link closedBicliques}. */
export interface ClosedBicliquesOptions {
  /** Keep only bicliques with at least this many rows. Default 1. Larger values also prune the search. */
  minRows?: number;
  /** Keep only bicliques with at least this many columns. Default 1. */
  minCols?: number;
  /**
   * The output budget: stop after this many maximal bicliques have been enumerated (those `minCols` filters out
   * count too, so the work stays bounded) and return them with `truncated: true`. Default 100,000.
   */
  maxResults?: number;
  /** Cancels the enumeration: it throws `E_ABORTED` at its next check. */
  signal?: AbortSignal;
}

/** Every option of {@link closedBicliques}: the list unknown keys are checked against. */
const CLOSED_BICLIQUES_OPTIONS = {
  minRows: true,
  minCols: true,
  maxResults: true,
  signal: true,
} satisfies OptionKeys<ClosedBicliquesOptions>;

/** What {@link closedBicliques} found. */
export interface ClosedBicliques {
  /** The maximal bicliques, sorted by rows then columns (lexicographically). */
  bicliques: Biclique[];
  /** True when `maxResults` stopped the enumeration: there may be more. */
  truncated: boolean;
}

/**
 * Every maximal biclique of a bipartite graph — equivalently, every closed itemset of the transactions "row → its
 * columns" with its supporting rows. Enumerated by prefix-preserving closure extension (LCM, Uno et al. 2004, the
 * Close-by-One scheme) over bitsets: each closed set is reached exactly once, with no duplicate check, in time
 * polynomial per output (items × items × words). The smaller side plays the items, the larger the transactions.
 * The output can be exponential in the input; `maxResults` bounds it and says when it cut.
 * Written here because no maintained JavaScript package mines closed itemsets on bitsets.
 *
 * @param edges - The graph's edges `[row, column]` (integers ≥ 0; repeated edges count once).
 * @param options - `minRows`, `minCols`, `maxResults` (default 100,000) and `signal`.
 * @returns The maximal bicliques, and whether the budget cut the enumeration.
 * @throws `E_TYPE` / `E_RANGE` for an edge that is not a pair of integers ≥ 0; `E_RANGE` for a bad budget or
 *   minimum; `E_OPTION` for an unknown option key; `E_ABORTED`.
 * @example
 * closedBicliques([[0, 0], [0, 1], [1, 0], [1, 1], [2, 1]]).bicliques;
 * // [{ rows: [0, 1], cols: [0, 1] }, { rows: [0, 1, 2], cols: [1] }]
 */
export function closedBicliques(
  edges: ReadonlyArray<readonly [number, number]>,
  options: ClosedBicliquesOptions = {},
): ClosedBicliques {
  options = assertOptions(options, "options", CLOSED_BICLIQUES_OPTIONS);
  const minRows = options.minRows === undefined ? 1 : assertInteger(options.minRows, "options.minRows", 1);
  const minCols = options.minCols === undefined ? 1 : assertInteger(options.minCols, "options.minCols", 1);
  const maxResults =
    options.maxResults === undefined ? 100_000 : assertInteger(options.maxResults, "options.maxResults", 1);
  const { rowIds, colIds, pairs } = readEdges(edges);
  throwIfAborted(options.signal, "biclique mining");
  // Items: the smaller side; transactions: the other. Results are turned back at the end.
  const transpose = colIds.length > rowIds.length;
  const items = transpose ? rowIds : colIds;
  const transactions = transpose ? colIds : rowIds;
  const minSupport = transpose ? minCols : minRows;
  const minItems = transpose ? minRows : minCols;
  const miner = new ClosureMiner(items.length, transactions.length, maxResults, options.signal);
  for (const [r, c] of pairs) {
    if (transpose) miner.add(c, r);
    else miner.add(r, c);
  }
  const found = miner.run(minSupport, minItems);
  const check = (): void => throwIfAborted(options.signal, "biclique mining");
  const bicliques = found.map(({ itemSet, tidSet }, f) => {
    if ((f & 4095) === 4095) check();
    const named = { items: itemSet.map((i) => items[i]), tids: tidSet.map((t) => transactions[t]) };
    return transpose ? { rows: named.items, cols: named.tids } : { rows: named.tids, cols: named.items };
  });
  sortWithChecks(bicliques, (a, b) => compareLists(a.rows, b.rows) || compareLists(a.cols, b.cols), check);
  return { bicliques, truncated: miner.truncated };
}

function compareLists(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/** Validate the edges; the distinct row and column ids ascending, and the edges on their positions. */
function readEdges(edges: unknown): { rowIds: number[]; colIds: number[]; pairs: Array<[number, number]> } {
  if (!Array.isArray(edges)) {
    throw new ClearboxError("E_TYPE", `edges must be an array of [row, column] pairs, got ${describeValue(edges)}.`, {
      argument: "edges",
    });
  }
  const rows = new Set<number>();
  const cols = new Set<number>();
  edges.forEach((edge: unknown, e) => {
    if (!Array.isArray(edge) || edge.length !== 2) {
      throw new ClearboxError("E_TYPE", `edges[${e}] must be a pair [row, column], got ${describeValue(edge)}.`, {
        argument: `edges[${e}]`,
      });
    }
    rows.add(assertInteger(edge[0], `edges[${e}][0]`, 0));
    cols.add(assertInteger(edge[1], `edges[${e}][1]`, 0));
  });
  const rowIds = [...rows].sort((a, b) => a - b);
  const colIds = [...cols].sort((a, b) => a - b);
  const rowAt = new Map(rowIds.map((id, i) => [id, i]));
  const colAt = new Map(colIds.map((id, i) => [id, i]));
  const pairs = (edges as Array<[number, number]>).map(([r, c]) => [rowAt.get(r), colAt.get(c)] as [number, number]);
  return { rowIds, colIds, pairs };
}

/**
 * LCM's enumeration on bitsets. Item i's tidset is `tidsets[i * words … (i + 1) * words)`. From a closed set P with
 * tidset T and core index k, each item e > k not in P gives T' = T ∩ T(e) and Q = closure(P ∪ {e}) = every item whose
 * tidset holds T'. Q is P's child when it adds no item before e (prefix preservation): that makes every closed set
 * the child of exactly one parent.
 */
class ClosureMiner {
  truncated = false;
  private readonly words: number;
  private readonly tidsets: Uint32Array;
  private readonly found: Array<{ itemSet: number[]; tidSet: number[] }> = [];
  private visited = 0;
  /** Candidate extensions tried: an extension that fails prefix preservation emits nothing, so emits alone are too rare a clock for the signal. */
  private tried = 0;

  constructor(
    private readonly items: number,
    private readonly transactions: number,
    private readonly maxResults: number,
    private readonly signal: AbortSignal | undefined,
  ) {
    this.words = Math.max(1, Math.ceil(transactions / 32));
    this.tidsets = new Uint32Array(items * this.words);
  }

  add(transaction: number, item: number): void {
    this.tidsets[item * this.words + (transaction >>> 5)] |= 1 << (transaction & 31);
  }

  run(minSupport: number, minItems: number): Array<{ itemSet: number[]; tidSet: number[] }> {
    if (this.items === 0) return this.found;
    // The root: every transaction that holds an item, and the items common to all of them.
    const all = new Uint32Array(this.words);
    for (let i = 0; i < this.items; i++) orInto(all, this.tidsets, i * this.words, this.words);
    if (popcount(all) < minSupport) return this.found;
    const root = this.closure(all);
    if (root.length > 0) this.emit(root, all, minItems);
    this.extend(root, all, -1, minSupport, minItems);
    return this.found;
  }

  private extend(itemSet: number[], tids: Uint32Array, core: number, minSupport: number, minItems: number): void {
    const inSet = new Uint8Array(this.items);
    for (const i of itemSet) inSet[i] = 1;
    const next = new Uint32Array(this.words);
    for (let e = core + 1; e < this.items && !this.truncated; e++) {
      if (inSet[e]) continue;
      if ((++this.tried & 1023) === 0) throwIfAborted(this.signal, "biclique mining");
      const offset = e * this.words;
      for (let w = 0; w < this.words; w++) next[w] = tids[w] & this.tidsets[offset + w];
      if (popcount(next) < minSupport) continue;
      // Prefix preservation: no item before e may join the closure unless it is already in the set.
      let preserved = true;
      for (let j = 0; j < e; j++) {
        if (!inSet[j] && this.holds(j, next)) {
          preserved = false;
          break;
        }
      }
      if (!preserved) continue;
      const child = this.closure(next);
      const childTids = next.slice();
      this.emit(child, childTids, minItems);
      this.extend(child, childTids, e, minSupport, minItems);
    }
  }

  /** Record a closed set, or — past the budget — mark the enumeration cut (so `truncated` means one was missed). */
  private emit(itemSet: number[], tids: Uint32Array, minItems: number): void {
    if (this.visited === this.maxResults) {
      this.truncated = true;
      return;
    }
    if ((++this.visited & 255) === 0) throwIfAborted(this.signal, "biclique mining");
    if (itemSet.length >= minItems) {
      const tidSet: number[] = [];
      for (let t = 0; t < this.transactions; t++) if (tids[t >>> 5] & (1 << (t & 31))) tidSet.push(t);
      this.found.push({ itemSet, tidSet });
    }
  }

  /** Every item whose tidset holds `tids`. */
  private closure(tids: Uint32Array): number[] {
    const itemSet: number[] = [];
    for (let i = 0; i < this.items; i++) if (this.holds(i, tids)) itemSet.push(i);
    return itemSet;
  }

  private holds(item: number, tids: Uint32Array): boolean {
    const offset = item * this.words;
    for (let w = 0; w < this.words; w++) if ((tids[w] & ~this.tidsets[offset + w]) !== 0) return false;
    return true;
  }
}

function orInto(target: Uint32Array, source: Uint32Array, offset: number, words: number): void {
  for (let w = 0; w < words; w++) target[w] |= source[offset + w];
}

function popcount(bits: Uint32Array): number {
  let count = 0;
  for (let w = 0; w < bits.length; w++) {
    let v = bits[w];
    v = v - ((v >>> 1) & 0x55555555);
    v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
    count += (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
  }
  return count;
}
