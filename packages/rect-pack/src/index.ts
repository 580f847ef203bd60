/**
 * @clearbox/rect-pack — rectangle packing for CNNVis-style neuron layouts (work in progress, issue #3): squarified
 * and slice-and-dice treemaps, a fast guillotine packer, an exact budgeted packer for small sets and
 * similarity-aware hierarchical packing.
 *
 * @packageDocumentation
 */
export { packFast } from "./pack-fast.js";
export type { FastPacking, PackFastOptions } from "./pack-fast.js";
export { squarify } from "./treemap.js";
export type { TreemapCell, TreemapInput, TreemapOptions } from "./treemap.js";
export { packingDensity } from "./rectangles.js";
export type { Packing, Placement, RectSize } from "./rectangles.js";
export { packOptimal } from "./pack-optimal.js";
export type { OptimalPacking, PackOptimalOptions } from "./pack-optimal.js";
export { packHierarchical } from "./pack-hierarchical.js";
export type { HierarchicalPacking, HierarchicalRegion, PackHierarchicalOptions } from "./pack-hierarchical.js";
