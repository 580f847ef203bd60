/**
 * @clearbox/rect-pack — rectangle packing for CNNVis-style neuron layouts: squarified and slice-and-dice treemaps,
 * a fast packer, an exact minimum-area packer (absolute placement after Huang & Korf) and similarity-aware
 * hierarchical packing.
 *
 * @module @clearbox/rect-pack
 * @packageDocumentation
 */
export { packFast } from "./pack-fast.js";
export type { FastPacking, PackFastOptions } from "./pack-fast.js";
export { squarify } from "./treemap/treemap.js";
export type { TreemapCell, TreemapInput, TreemapOptions } from "./treemap/treemap.js";
export { packingDensity } from "./rectangles.js";
export type { Packing, Placement, RectSize } from "./rectangles.js";
export { packOptimal } from "./pack-optimal.js";
export type { OptimalPacking, PackOptimalOptions } from "./pack-optimal.js";
export { packHierarchical } from "./pack-hierarchical.js";
export type { HierarchicalPacking, HierarchicalRegion, PackHierarchicalOptions } from "./pack-hierarchical.js";
