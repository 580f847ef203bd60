import type { BundleCurveShape, BundleRectShape } from "../layer-bundles.js";
import type { PackedRect } from "../packed-rects.js";

/** One neuron of a cluster: what its packed rectangle shows. */
export interface NetworkNeuron {
  /** Its unit index in the group (reported by onHover). */
  unit: number;
  /** Its feature image (a `data:image/...` URL, or one of `options.imageOrigins`). */
  href?: string;
  /** The class it prefers: `selectedClasses` fades the others. */
  topClass?: number;
  importance?: number;
  label?: string;
}

/** A cluster of a layer group: its neurons packed (rect-pack's shape; placement `index` → `neurons[index]`). */
export interface NetworkCluster {
  id: number;
  label?: string;
  packing: { width: number; height: number; placements: ArrayLike<PackedRect> };
  neurons: NetworkNeuron[];
  /** Its neurons × classes matrix (row r is neurons[r]) and the row order to show it in, for the expanded view. */
  matrix?: { values: ArrayLike<ArrayLike<number>>; order: ArrayLike<number> };
}

/** A layer group: a column of clusters, placed at their ids (cluster id c at slot c of max id + 1). */
export interface NetworkColumn {
  name: string;
  clusters: NetworkCluster[];
}

/**
 * The CNNVis main view's data: columns left to right and, between column i and i + 1, the bundle geometry of
 * `@clearbox/bicluster`'s `bundleLayout` made with width `pairWidth` and height `bandHeight` (cluster c of a column
 * of K slots at y = (c + 0.5) · bandHeight / K, as `@clearbox/cnnvis`'s `deriveViews` lays them out).
 */
export interface NetworkViewData {
  columns: NetworkColumn[];
  pairs: Array<{ rects: ArrayLike<BundleRectShape>; curves: ArrayLike<BundleCurveShape> }>;
  pairWidth: number;
  bandHeight: number;
  /** Class names, for the readout and the expanded matrix's columns. */
  classes?: string[];
}
