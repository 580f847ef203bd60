import { ClearboxError, assertInteger, csrFromTriplets, describeValue } from "@clearbox/core/internal";
import type { CsrMatrix } from "@clearbox/core";

/**
 * An edge `[u, v]` or `[u, v, weight]` of an undirected graph; the weight defaults to 1. Typed as a plain number
 * array so that literals need no annotation; its length (2 or 3) is checked when the graph is read.
 */
export type WeightedEdge = readonly number[];

/**
 * An undirected weighted graph: nodes are `0 … nodes − 1`. Self-loops are allowed (a loop of weight w adds 2w to
 * its node's degree, the usual convention); repeated edges between the same pair add their weights.
 */
export interface WeightedGraph {
  readonly nodes: number;
  readonly edges: ReadonlyArray<WeightedEdge>;
}

/**
 * The symmetric adjacency matrix of a validated graph: A[u][v] = A[v][u] = Σ w(u, v) for u ≠ v and A[u][u] = 2 Σ
 * w(u, u), so that row sums are the weighted degrees and their total is 2m.
 */
export interface GraphAdjacency {
  readonly matrix: CsrMatrix;
  /** Weighted degree of every node (row sums of `matrix`). */
  readonly degrees: Float64Array;
  /** Total edge weight m (each undirected edge once). */
  readonly totalWeight: number;
}

/**
 * Validate a {@link WeightedGraph} and build its adjacency. Throws a `ClearboxError` naming the edge for a node id
 * out of range (`E_RANGE`), a negative weight (`E_RANGE`), a non-finite weight (`E_NAN`) or a malformed edge.
 * @param graph - `{ nodes, edges }`, edges `[u, v]` or `[u, v, weight]` with weights ≥ 0.
 * @param name - what to call the graph in error messages. Default `"graph"`.
 * @returns the symmetric adjacency (CSR), the weighted degrees and the total weight m.
 * @throws `E_TYPE` / `E_RANGE` / `E_NAN` for a malformed graph (a node id out of range, a negative or non-finite weight).
 * @example
 * graphAdjacency({ nodes: 3, edges: [[0, 1], [1, 2, 2]] }).degrees; // Float64Array [1, 3, 2]
 */
export function graphAdjacency(graph: WeightedGraph, name = "graph"): GraphAdjacency {
  if (typeof graph !== "object" || graph === null) {
    throw new ClearboxError("E_TYPE", `${name} must be { nodes, edges }, got ${describeValue(graph)}.`, {
      argument: name,
    });
  }
  const n = assertInteger(graph.nodes, `${name}.nodes`, 0);
  if (!Array.isArray(graph.edges)) {
    throw new ClearboxError(
      "E_TYPE",
      `${name}.edges must be an array of [u, v, weight?], got ${describeValue(graph.edges)}.`,
      {
        argument: `${name}.edges`,
      },
    );
  }
  const edges = graph.edges;
  const rowIndex: number[] = [];
  const columnIndex: number[] = [];
  const value: number[] = [];
  let total = 0;
  for (let e = 0; e < edges.length; e++) {
    const edge: unknown = edges[e];
    const plain = isPlainEdge(edge as WeightedEdge, n);
    // The edge's name is built only when it fails (one template string per edge was most of reading 10⁵ edges).
    const [u, v, w] = plain
      ? [(edge as WeightedEdge)[0], (edge as WeightedEdge)[1], (edge as WeightedEdge)[2] ?? 1]
      : checkedEdge(edge, `${name}.edges[${e}]`, n);
    if (w === 0) continue;
    total += w;
    if (u === v) {
      rowIndex.push(u as number);
      columnIndex.push(u as number);
      value.push(2 * w);
    } else {
      rowIndex.push(u as number, v as number);
      columnIndex.push(v as number, u as number);
      value.push(w, w);
    }
  }
  const matrix = csrFromTriplets(n, n, rowIndex, columnIndex, value);
  const degrees = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let p = matrix.rowOffsets[i]; p < matrix.rowOffsets[i + 1]; p++) s += matrix.values[p];
    degrees[i] = s;
  }
  return { matrix, degrees, totalWeight: total };
}

/**
 * One edge of a `{ nodes, edges }` graph checked: `[u, v]` or `[u, v, w]` with integer ids in [0, n) and a finite
 * weight ≥ 0 (1 when omitted). Shared by every reader of the format, so their errors are the same.
 */
export function checkedEdge(edge: unknown, where: string, n: number): [number, number, number] {
  if (!Array.isArray(edge) || edge.length < 2 || edge.length > 3) {
    throw new ClearboxError("E_SHAPE", `${where} must be [u, v] or [u, v, weight], got ${describeValue(edge)}.`, {
      argument: where,
    });
  }
  const u: unknown = edge[0];
  const v: unknown = edge[1];
  for (const [id, label] of [
    [u, "u"],
    [v, "v"],
  ] as const) {
    if (typeof id !== "number" || !Number.isInteger(id) || id < 0 || id >= n) {
      throw new ClearboxError(
        "E_RANGE",
        `${where} has node ${label} = ${describeValue(id)}, but node ids must be integers in [0, ${n}).`,
        { argument: where },
      );
    }
  }
  const w: unknown = edge.length === 3 ? edge[2] : 1;
  if (typeof w !== "number" || !Number.isFinite(w)) {
    throw new ClearboxError("E_NAN", `${where} has weight ${describeValue(w)}; weights must be finite numbers.`, {
      argument: where,
    });
  }
  if (w < 0) {
    throw new ClearboxError("E_RANGE", `${where} has negative weight ${w}; modularity needs weights ≥ 0.`, {
      argument: where,
    });
  }
  return [u as number, v as number, w];
}

/**
 * Whether `edge` is a valid `[u, v]` or `[u, v, w ≥ 0]` of an n-node graph: the readers' fast test, which builds no
 * error name (`checkedEdge` explains the failures).
 * @internal
 */
export function isPlainEdge(edge: WeightedEdge, n: number): boolean {
  if (!Array.isArray(edge) || (edge.length !== 2 && edge.length !== 3)) return false;
  const u = edge[0];
  const v = edge[1];
  if (!Number.isInteger(u) || !Number.isInteger(v) || u < 0 || v < 0 || u >= n || v >= n) return false;
  if (edge.length === 2) return true;
  const w = edge[2];
  return typeof w === "number" && Number.isFinite(w) && w >= 0;
}
