import { ClearboxError, assertFiniteVector, assertOptions, assertNonNegative } from "@clearbox/core/internal";
import type { OptionKeys } from "@clearbox/core/internal";
import { graphAdjacency } from "./graph.js";
import type { GraphAdjacency, WeightedGraph } from "./graph.js";

/** Options of {@link modularity}. */
export interface ModularityOptions {
  /** Resolution γ ≥ 0: above 1 favours smaller communities, below 1 larger ones. Default 1. */
  resolution?: number;
}

/** Every option of {@link modularity}: the list unknown keys are checked against. */
const MODULARITY_OPTIONS = { resolution: true } satisfies OptionKeys<ModularityOptions>;

/**
 * Newman–Girvan modularity of a partition of a weighted undirected graph:
 * `Q = Σ_c [ L_c / m − γ (d_c / 2m)² ]`, with L_c the weight inside community c (self-loops once), d_c the sum of
 * its weighted degrees and m the total weight. Same convention as networkx's `modularity`. A graph with no edges
 * has modularity 0.
 *
 * @param labels - community label of every node (any non-negative integers; they need not be consecutive).
 * @param graph - `{ nodes, edges }`, edges `[u, v]` or `[u, v, weight]` with weights ≥ 0.
 * @param options - `resolution` γ ≥ 0 (default 1).
 * @returns Q, in [−1/2, 1].
 * @throws `E_TYPE` / `E_RANGE` / `E_NAN` for a malformed graph (a node id out of range, a negative or non-finite weight); `E_SHAPE` / `E_RANGE` for labels of the wrong length or not non-negative integers; `E_OPTION` for an unknown option key or value.
 * @example
 * modularity({ nodes: 4, edges: [[0, 1], [2, 3]] }, [0, 0, 1, 1]); // 0.5
 */
export function modularity(graph: WeightedGraph, labels: ArrayLike<number>, options: ModularityOptions = {}): number {
  options = assertOptions(options, "options", MODULARITY_OPTIONS);
  const adjacency = graphAdjacency(graph);
  const resolution = resolutionOption(options.resolution);
  validateLabels(labels, graph.nodes);
  return modularityOfAdjacency(adjacency, labels, resolution);
}

/** @internal Modularity from a prebuilt adjacency (labels already validated). */
export function modularityOfAdjacency(
  adjacency: GraphAdjacency,
  labels: ArrayLike<number>,
  resolution: number,
): number {
  const { matrix, degrees, totalWeight } = adjacency;
  if (totalWeight === 0) return 0;
  const twoM = 2 * totalWeight;
  let inside = 0;
  const communityDegree = new Map<number, number>();
  for (let i = 0; i < matrix.rows; i++) {
    communityDegree.set(labels[i], (communityDegree.get(labels[i]) ?? 0) + degrees[i]);
    for (let p = matrix.rowOffsets[i]; p < matrix.rowOffsets[i + 1]; p++) {
      if (labels[matrix.columnIndices[p]] === labels[i]) inside += matrix.values[p];
    }
  }
  let expected = 0;
  for (const d of communityDegree.values()) expected += (d / twoM) * (d / twoM);
  return inside / twoM - resolution * expected;
}

/** @internal */
export function resolutionOption(value: number | undefined): number {
  if (value === undefined) return 1;
  return assertNonNegative(value, "options.resolution");
}

function validateLabels(labels: ArrayLike<number>, n: number): void {
  assertFiniteVector(labels, "labels", { length: n });
  for (let i = 0; i < n; i++) {
    if (!Number.isInteger(labels[i]) || labels[i] < 0) {
      throw new ClearboxError("E_RANGE", `labels[${i}] must be a non-negative integer, got ${labels[i]}.`, {
        argument: `labels[${i}]`,
      });
    }
  }
}
