/**
 * @clearbox/bicluster — edge bundling between two layers of neuron clusters by weighted biclustering (CNNVis,
 * thesis §3.5.1): the strengths of every cluster pair, the maximal bicliques (closed itemsets) of a bipartite graph
 * on bitsets, the biclustering loop with greedy selection by curves saved, and the geometry of the virtual layer.
 *
 * @example
 * import { bundleLayout, clusterStrengths, weightedBicluster } from "@clearbox/bicluster";
 *
 * const strengths = clusterStrengths(denseWeights, inputClusterOfNeuron, outputClusterOfNeuron);
 * const bundles = weightedBicluster(strengths, { tau: 0.05, threshold: 0.1 });
 * const geometry = bundleLayout(bundles, { inputPositions, outputPositions, width: 400, height: 300 });
 *
 * @module @clearbox/bicluster
 * @packageDocumentation
 */
export { clusterStrengths } from "./cluster-strengths.js";
export type { ClusterStrength, LayerWeights, SparseWeights } from "./cluster-strengths.js";
export { closedBicliques } from "./closed-bicliques.js";
export type { Biclique, ClosedBicliques, ClosedBicliquesOptions } from "./closed-bicliques.js";
export { weightedBicluster } from "./weighted-bicluster.js";
export type { Bicluster, DirectEdge, WeightedBiclusterOptions, WeightedBiclustering } from "./weighted-bicluster.js";
export { bundleLayout } from "./bundle-layout.js";
export type { BundleCurve, BundleGeometry, BundleLayoutOptions, BundleRect, CubicCurve } from "./bundle-layout.js";
