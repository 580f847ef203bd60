/**
 * @clearbox/cnnvis — CNNVis (thesis chapter 3) on your own model: analyzeModel reads any network credit reads (a
 * tfjs-layers model or a credit network), groups its layers, streams labelled images through it in batches and
 * keeps per-neuron facts (class means, importance, top-k patches); deriveViews turns a clustering into what the
 * CNNVis views draw (packed clusters, reordered matrices, biclustered bundles). No DOM.
 *
 * @module @clearbox/cnnvis
 * @packageDocumentation
 */
export { analyzeModel } from "./analyze-model.js";
export { clusterNeurons } from "./cluster-neurons.js";
export type { ClusterNeuronsOptions } from "./cluster-neurons.js";
export { clusterMembers, deriveViews, moveNeuron, spreadPositions } from "./derive-views.js";
export type { ClusterMatrix, ClusterPacking, DeriveViewsOptions, GroupBundles, Views } from "./derive-views.js";
export { neuronImage } from "./neuron-image.js";
export { networkViewData } from "./network-view-data.js";
export type { NetworkViewDataOptions } from "./network-view-data.js";
export type { NeuronImageOptions } from "./neuron-image.js";
export type {
  AnalyzeOptions,
  Analysis,
  GroupConnection,
  Grouping,
  NeuronGroup,
  ReceptiveField,
  Samples,
  TopPatches,
} from "./types.js";
export type { SampleSource } from "./samples.js";
