import { ClearboxError, describeValue } from "@clearbox/core/internal";
import { checkedEdge, isPlainEdge } from "../graph.js";
import type { WeightedGraph } from "../graph.js";

/**
 * The graph one Leiden level works on, as CSR typed arrays: both directions of every edge between distinct nodes,
 * self-loops (and, after aggregation, the weight inside an aggregate node) kept apart in `selfWeight`.
 * Rows need not be sorted and may repeat a neighbour: every consumer sums weights per community anyway.
 * @internal
 */
export interface LevelGraph {
  readonly nodes: number;
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
  readonly weights: Float64Array;
  /** Weight of the loops at each node (each loop once); for an aggregate node, the weight inside it. */
  readonly selfWeight: Float64Array;
  /** Weighted degree (loops count twice): what modularity's null model multiplies. */
  readonly degree: Float64Array;
  /** Number of original nodes inside each node: what CPM's penalty multiplies. */
  readonly size: Float64Array;
  /** Total edge weight m, loops included, each edge once. */
  readonly totalWeight: number;
}

/**
 * Read and check a {@link WeightedGraph} straight into CSR arrays by counting sort: O(n + m), no per-edge objects,
 * which is what lets Leiden read 10⁶ edges in a fraction of its budget (`graphAdjacency` sorts and merges rows,
 * which Leiden does not need). Error codes and messages are those of `graphAdjacency`. `poll` runs every
 * {@link EDGES_PER_POLL} edges of each pass (a caller's abort check: 10⁶ edges take ~0.1 s to read, more while the loop is still cold).
 * @internal
 */
export function levelGraphFromEdges(graph: WeightedGraph, poll: () => void = () => {}): LevelGraph {
  if (typeof graph !== "object" || graph === null || !Array.isArray(graph.edges)) {
    throw new ClearboxError(
      "E_TYPE",
      `graph must be { nodes, edges: [u, v, weight?][] }, got ${describeValue(graph)}.`,
      {
        argument: "graph",
      },
    );
  }
  const n = graph.nodes;
  if (typeof n !== "number" || !Number.isInteger(n) || n < 0) {
    throw new ClearboxError("E_TYPE", `graph.nodes must be an integer ≥ 0, got ${describeValue(n)}.`, {
      argument: "graph.nodes",
    });
  }
  const edges = graph.edges;
  const count = new Int32Array(n + 1);
  const selfWeight = new Float64Array(n);
  // One pass over the edge arrays (scattered objects), copied into flat ones the second pass reads in order.
  const us = new Int32Array(edges.length);
  const vs = new Int32Array(edges.length);
  const ws = new Float64Array(edges.length);
  let totalWeight = 0;
  for (let e = 0; e < edges.length; e++) {
    if ((e & (EDGES_PER_POLL - 1)) === 0) poll();
    const edge = edges[e];
    if (!isPlainEdge(edge, n)) throwBadEdge(edge, e, n); // the fast test allocates nothing; the slow one explains
    const u = (us[e] = edge[0]);
    const v = (vs[e] = edge[1]);
    const w = (ws[e] = edge.length === 3 ? edge[2] : 1);
    totalWeight += w;
    if (u === v) selfWeight[u] += w;
    else if (w > 0) {
      count[u + 1]++;
      count[v + 1]++;
    }
  }
  for (let i = 0; i < n; i++) count[i + 1] += count[i];
  const cursor = count.slice(0, n);
  const targets = new Int32Array(count[n]);
  const weights = new Float64Array(count[n]);
  for (let e = 0; e < edges.length; e++) {
    if ((e & (EDGES_PER_POLL - 1)) === 0) poll();
    const u = us[e];
    const v = vs[e];
    const w = ws[e];
    if (u === v || w === 0) continue;
    targets[cursor[u]] = v;
    weights[cursor[u]++] = w;
    targets[cursor[v]] = u;
    weights[cursor[v]++] = w;
  }
  return withDegrees(n, count, targets, weights, selfWeight, new Float64Array(n).fill(1), totalWeight);
}

/** Adjacency entries aggregated between two checks (as move-nodes' WORK_PER_CHECK). */
const ENTRIES_PER_CHECK = 1 << 14;

/** Edges read between two polls of {@link levelGraphFromEdges} (a power of two). */
const EDGES_PER_POLL = 1 << 12;

/** Fill in the weighted degrees of CSR arrays (row sums plus twice the loops). */
function withDegrees(
  nodes: number,
  offsets: Int32Array,
  targets: Int32Array,
  weights: Float64Array,
  selfWeight: Float64Array,
  size: Float64Array,
  totalWeight: number,
): LevelGraph {
  const degree = new Float64Array(nodes);
  for (let v = 0; v < nodes; v++) {
    let s = 2 * selfWeight[v];
    for (let p = offsets[v]; p < offsets[v + 1]; p++) s += weights[p];
    degree[v] = s;
  }
  return { nodes, offsets, targets, weights, selfWeight, degree, size, totalWeight };
}

/** Throw the error that explains why `edge` is not valid: the shared edge check's, as `graphAdjacency` throws. */
function throwBadEdge(edge: unknown, e: number, n: number): never {
  const where = `graph.edges[${e}]`;
  checkedEdge(edge, where, n);
  throw new ClearboxError("E_SHAPE", `${where} is not a valid edge.`, { argument: where });
}

/**
 * The aggregate graph: one node per part of `parts` (labels 0 … partCount − 1), edges between parts summed,
 * the weight inside a part moved to its `selfWeight`, degrees and sizes summed. O(n + m) with one scratch row;
 * `check` runs every {@link ENTRIES_PER_CHECK} entries read (the first aggregation of 10⁶ edges is tens of ms).
 * @internal
 */
export function aggregateGraph(
  graph: LevelGraph,
  parts: Int32Array,
  partCount: number,
  check: () => void = () => {},
): LevelGraph {
  const { offsets, targets, weights } = graph;
  const oldSelf = graph.selfWeight;
  const oldDegree = graph.degree;
  const oldSize = graph.size;
  const members = membersByPart(parts, partCount);
  const order = members.order;
  const newOffsets = new Int32Array(partCount + 1);
  const newTargets = new Int32Array(targets.length);
  const newWeights = new Float64Array(targets.length);
  const selfWeight = new Float64Array(partCount);
  const degree = new Float64Array(partCount);
  const size = new Float64Array(partCount);
  const rowWeight = new Float64Array(partCount);
  const seen = new Int32Array(partCount).fill(-1);
  let write = 0;
  let work = 0;
  for (let r = 0; r < partCount; r++) {
    if (work >= ENTRIES_PER_CHECK) {
      work = 0;
      check();
    }
    const rowStart = write;
    for (let q = members.start[r]; q < members.start[r + 1]; q++) {
      const v = order[q];
      selfWeight[r] += oldSelf[v];
      degree[r] += oldDegree[v];
      size[r] += oldSize[v];
      work += offsets[v + 1] - offsets[v] + 1;
      for (let p = offsets[v]; p < offsets[v + 1]; p++) {
        const u = targets[p];
        const t = parts[u];
        if (t === r)
          selfWeight[r] += u > v ? weights[p] : 0; // each inner edge once
        else if (seen[t] !== r) {
          seen[t] = r;
          rowWeight[t] = weights[p];
          newTargets[write++] = t;
        } else rowWeight[t] += weights[p];
      }
    }
    for (let p = rowStart; p < write; p++) newWeights[p] = rowWeight[newTargets[p]];
    newOffsets[r + 1] = write;
  }
  return {
    nodes: partCount,
    offsets: newOffsets,
    targets: newTargets.slice(0, write),
    weights: newWeights.slice(0, write),
    selfWeight,
    degree,
    size,
    totalWeight: graph.totalWeight,
  };
}

/** Nodes grouped by part (counting sort): members of part r are `order[start[r] … start[r + 1] − 1]`, ascending. */
export function membersByPart(parts: Int32Array, partCount: number): { order: Int32Array; start: Int32Array } {
  const start = new Int32Array(partCount + 1);
  for (let v = 0; v < parts.length; v++) start[parts[v] + 1]++;
  for (let r = 0; r < partCount; r++) start[r + 1] += start[r];
  const cursor = start.slice(0, partCount);
  const order = new Int32Array(parts.length);
  for (let v = 0; v < parts.length; v++) order[cursor[parts[v]]++] = v;
  return { order, start };
}

/**
 * Relabel in place to 0 … k − 1 in order of first appearance (so equal partitions get equal labels) and return k.
 * @internal
 */
export function compactLabels(labels: Int32Array): number {
  const map = new Int32Array(labels.length).fill(-1);
  let k = 0;
  for (let v = 0; v < labels.length; v++) {
    const c = labels[v];
    if (map[c] < 0) map[c] = k++;
    labels[v] = map[c];
  }
  return k;
}

/** 0, 1, …, n − 1 (a plain loop: `Int32Array.from` with a map function is far slower). @internal */
export function identityLabels(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}
