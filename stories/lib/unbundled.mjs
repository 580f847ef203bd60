// The layer pair without bundling, for comparison figures: every cluster-pair edge with |w| ≥ θ as its own curve, in
// the shape of weightedBicluster's result (no biclusters, only direct edges), so bundleLayout and layerBundles draw it.

/**
 * @param {import("@clearbox/bicluster").ClusterStrength[]} strengths
 * @param {number} threshold
 * @returns {import("@clearbox/bicluster").WeightedBiclustering}
 */
export function unbundled(strengths, threshold) {
  const directEdges = strengths.flatMap((s) =>
    [
      [1, s.pos],
      [-1, s.neg],
    ]
      .filter(([, w]) => w !== undefined && Math.abs(w) >= threshold && w !== 0)
      .map(([sign, weight]) => ({ input: s.input, output: s.output, sign, weight, iteration: 0 })),
  );
  return {
    biclusters: [],
    directEdges,
    iterations: 1,
    edges: directEdges.length,
    curves: directEdges.length,
    truncated: false,
  };
}
