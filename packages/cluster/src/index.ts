/**
 * @clearbox/cluster — clustering for neurons and graphs: k-means(++), mean-shift, greedy modularity
 * (Clauset–Newman–Moore), divisive hierarchies with a size cap, k-NN similarity graphs, per-class activation
 * vectors (CNNVis eq. 3-1) and cluster representatives.
 *
 * @module @clearbox/cluster
 * @packageDocumentation
 */
export { kmeans } from "./kmeans.js";
export type { KMeansOptions, KMeansResult } from "./kmeans.js";
export { estimateBandwidth, meanShift } from "./mean-shift.js";
export type { BandwidthOptions, MeanShiftOptions, MeanShiftResult } from "./mean-shift.js";
export { greedyModularity } from "./greedy-modularity.js";
export type { CommunityResult, GreedyModularityOptions } from "./greedy-modularity.js";
export { leiden } from "./leiden.js";
export type { LeidenOptions, LeidenQuality, LeidenResult } from "./leiden.js";
export { modularity } from "./modularity.js";
export type { ModularityOptions } from "./modularity.js";
export { graphAdjacency } from "./graph.js";
export type { GraphAdjacency, WeightedEdge, WeightedGraph } from "./graph.js";
export { knnGraph } from "./knn-graph.js";
export { divisiveHierarchy } from "./divisive-hierarchy.js";
export type { DivisiveHierarchy, DivisiveHierarchyOptions, HierarchyNode } from "./divisive-hierarchy.js";
export { classMeanVectors } from "./class-mean-vectors.js";
export { representatives } from "./representatives.js";
export { principalComponents } from "./principal-components.js";
export type { PrincipalComponents } from "./principal-components.js";
