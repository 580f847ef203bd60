export { packedRects } from "./packed-rects.js";
export type { PackedRect, PackedRectsData, PackedRectsOptions } from "./packed-rects.js";
export { matrixHeatmap } from "./matrix-heatmap.js";
export type { HeatmapCell, HeatmapData, HeatmapOptions } from "./matrix-heatmap.js";
export { layerBundles } from "./layer-bundles.js";
export type {
  BundleCurveShape,
  BundleHover,
  BundleRectShape,
  LayerBundlesData,
  LayerBundlesOptions,
} from "./layer-bundles.js";
export { influenceGrid } from "./influence-grid.js";
export type { InfluenceGridData, InfluenceGridOptions } from "./influence-grid.js";
export { scatterPlot } from "./scatter-plot.js";
export type { ScatterData, ScatterOptions, ScatterPoint } from "./scatter-plot.js";
export { interpolateRedGreen } from "./colors.js";
export type { ColorScale } from "./colors.js";
export type { BaseChartOptions, ChartElement } from "./frame.js";
