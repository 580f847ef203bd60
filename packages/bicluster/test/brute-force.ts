import type { Biclique } from "../src/index.js";

/**
 * Every maximal biclique of a small bipartite graph by brute force: for every non-empty set of columns, the rows
 * joined to all of them; the pair is maximal when those rows share no other column. Sorted like closedBicliques.
 */
export function bruteForceBicliques(edges: ReadonlyArray<readonly [number, number]>): Biclique[] {
  const cols = [...new Set(edges.map(([, c]) => c))].sort((a, b) => a - b);
  const rowsOf = new Map<number, Set<number>>();
  for (const [r, c] of edges) {
    if (!rowsOf.has(c)) rowsOf.set(c, new Set());
    rowsOf.get(c)?.add(r);
  }
  const allRows = [...new Set(edges.map(([r]) => r))];
  const found = new Map<string, Biclique>();
  for (let mask = 1; mask < 1 << cols.length; mask++) {
    const chosen = cols.filter((_, k) => mask & (1 << k));
    const rows = allRows.filter((r) => chosen.every((c) => rowsOf.get(c)?.has(r))).sort((a, b) => a - b);
    if (rows.length === 0) continue;
    const closure = cols.filter((c) => rows.every((r) => rowsOf.get(c)?.has(r)));
    if (closure.length !== chosen.length) continue;
    found.set(`${rows}|${closure}`, { rows, cols: closure });
  }
  const compare = (a: number[], b: number[]) => {
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
    return a.length - b.length;
  };
  return [...found.values()].sort((a, b) => compare(a.rows, b.rows) || compare(a.cols, b.cols));
}
