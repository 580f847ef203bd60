import type { LevelGraph } from "./level-graph.js";

/** The quality functions Leiden optimises. */
export type LeidenQuality = "modularity" | "cpm";

/**
 * Both quality functions share one form, which is why one local-moving and one refinement routine serve both:
 * H = Σ_c [ e_c − scale · (Σ_{v∈c} a_v)² / 2 ] up to a constant, so moving an isolated node v into community C
 * gains `w(v, C) − scale · a_v · A_C`. Modularity: a = weighted degree, scale = γ / 2m. CPM (Traag, Van Dooren &
 * Nesterov 2011): a = node size (original nodes inside), scale = γ.
 * @internal
 */
export function nodeMass(graph: LevelGraph, quality: LeidenQuality): Float64Array {
  return quality === "modularity" ? graph.degree : graph.size;
}

/** @internal The `scale` of {@link nodeMass}'s form for a resolution γ. */
export function massScale(quality: LeidenQuality, resolution: number, totalWeight: number): number {
  if (quality === "cpm") return resolution;
  return totalWeight > 0 ? resolution / (2 * totalWeight) : 0;
}

/**
 * The value of the quality function for a partition of the original graph. Modularity: Newman's Q at resolution γ
 * (networkx's definition). CPM: Σ_c [ e_c − γ n_c (n_c − 1) / 2 ] with e_c the weight inside c (loops included)
 * and n_c its node count, as leidenalg's `CPMVertexPartition`.
 * @internal
 */
export function partitionQuality(
  graph: LevelGraph,
  labels: Int32Array,
  communities: number,
  quality: LeidenQuality,
  resolution: number,
): number {
  const inside = new Float64Array(communities);
  const mass = new Float64Array(communities);
  const a = nodeMass(graph, quality);
  for (let v = 0; v < graph.nodes; v++) {
    const c = labels[v];
    inside[c] += graph.selfWeight[v];
    mass[c] += a[v];
    for (let p = graph.offsets[v]; p < graph.offsets[v + 1]; p++) {
      if (labels[graph.targets[p]] === c && graph.targets[p] > v) inside[c] += graph.weights[p];
    }
  }
  let h = 0;
  if (quality === "cpm") {
    for (let c = 0; c < communities; c++) h += inside[c] - (resolution * mass[c] * (mass[c] - 1)) / 2;
    return h;
  }
  const m = graph.totalWeight;
  if (m === 0) return 0;
  for (let c = 0; c < communities; c++) h += inside[c] / m - resolution * (mass[c] / (2 * m)) ** 2;
  return h;
}
