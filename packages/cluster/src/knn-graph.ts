import {
  assertInteger,
  resolveSimilarity,
  rowCosine,
  rowNorms,
  toDenseMatrix,
  denseRow,
} from "@clearbox/core/internal";
import type { MatrixInput, SimilarityMetric, VectorSimilarity } from "@clearbox/core";
import type { WeightedGraph } from "./graph.js";

/**
 * The k-nearest-neighbour similarity graph of a set of vectors: each vector is linked to the k others most
 * similar to it, links are made undirected (kept when either end chose the other) and weighted by the similarity.
 * Links with similarity ≤ 0 are dropped, since modularity needs non-negative weights. Exact, O(n² d).
 *
 * @param vectors - n vectors as rows.
 * @param k - neighbours per vector, 1 ≤ k; capped at n − 1.
 * @param similarity - `"cosine"` (default), `"correlation"` or a function of two vectors.
 * @returns a graph with edges `[u, v, similarity]`, u < v, sorted.
 * @throws `E_TYPE` / `E_SHAPE` / `E_NAN` / `E_EMPTY` for data that is not a finite, non-empty matrix; `E_RANGE` for k < 1; `E_OPTION` for an unknown metric.
 * @example
 * greedyModularity(knnGraph(neuronVectors, 10)); // communities of similar neurons
 */
export function knnGraph(
  vectors: MatrixInput,
  k: number,
  similarity: SimilarityMetric | VectorSimilarity = "cosine",
): WeightedGraph & { edges: Array<[number, number, number]> } {
  const matrix = toDenseMatrix(vectors, "vectors");
  assertInteger(k, "k", 1);
  const sim = resolveSimilarity(similarity, "similarity");
  const n = matrix.rows;
  const norms = similarity === "cosine" ? rowNorms(matrix) : undefined;
  const pair = norms
    ? (i: number, j: number) => rowCosine(matrix, norms, i, j)
    : (i: number, j: number) => sim(denseRow(matrix, i), denseRow(matrix, j));
  return knnGraphFromSimilarity(n, k, pair);
}

/**
 * The k-NN graph for n items given only a pairwise similarity of item indices (symmetric). See {@link knnGraph}.
 * `onRows` is told the share of rows done before every row (the divisive hierarchy's progress and abort check: this
 * O(n²) pass is most of its work).
 * @internal shared with the divisive hierarchy, which works on arbitrary items.
 */
export function knnGraphFromSimilarity(
  n: number,
  k: number,
  similarity: (i: number, j: number) => number,
  onRows: (fraction: number) => void = () => {},
): WeightedGraph & { edges: Array<[number, number, number]> } {
  const kk = Math.min(k, n - 1);
  const chosen = new Map<number, number>(); // key i * n + j (i < j) → similarity
  const bestIndex = new Int32Array(kk);
  const bestValue = new Float64Array(kk);
  for (let i = 0; i < n; i++) {
    onRows(i / n); // every row (n similarity calls): 64 rows of 4,000 took ~80 ms between checks
    // Keep the kk most similar (ties: smaller index first) by insertion into a short sorted list.
    let size = 0;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const s = similarity(i, j);
      if (size === kk && s <= bestValue[kk - 1]) continue;
      let p = size < kk ? size++ : kk - 1;
      while (p > 0 && bestValue[p - 1] < s) {
        bestValue[p] = bestValue[p - 1];
        bestIndex[p] = bestIndex[p - 1];
        p--;
      }
      bestValue[p] = s;
      bestIndex[p] = j;
    }
    for (let q = 0; q < size; q++) {
      if (!(bestValue[q] > 0)) continue;
      const j = bestIndex[q];
      chosen.set(i < j ? i * n + j : j * n + i, bestValue[q]);
    }
  }
  onRows(1);
  // Keys in a typed array sort numerically without a comparator (sorting the entries took ~40 ms for 4,000 rows).
  const keys = Float64Array.from(chosen.keys()).sort();
  const edges = Array.from(
    keys,
    (key) => [Math.floor(key / n), key % n, chosen.get(key) as number] as [number, number, number],
  );
  return { nodes: n, edges };
}
