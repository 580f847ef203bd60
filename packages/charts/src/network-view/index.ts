export { networkView } from "./network-view.js";
export type { NetworkClusterRef, NetworkViewOptions } from "./network-view.js";
export { networkViewLayout } from "./layout.js";
export type { BundlePath, ClusterBox, NetworkViewLayout, NeuronBox } from "./layout.js";
export type { NetworkCluster, NetworkColumn, NetworkNeuron, NetworkViewData } from "./types.js";
