export { packedRects, packedRectsDefaults, packedRectsLayout } from "./packed-rects.js";
export type { PackedRect, PackedRectsData, PackedRectsLayout, PackedRectsOptions, PixelBox } from "./packed-rects.js";
export type { LayoutSize } from "./layout-input.js";
export { matrixHeatmap, matrixHeatmapDefaults, matrixHeatmapLayout } from "./matrix-heatmap.js";
export type { HeatmapCell, HeatmapData, HeatmapOptions, MatrixHeatmapLayout } from "./matrix-heatmap.js";
export { layerBundles, layerBundlesDefaults, layerBundlesLayout } from "./layer-bundles.js";
export type {
  BundleCurveShape,
  BundleHover,
  BundleRectShape,
  LaidOutCurve,
  LayerBundlesData,
  LayerBundlesLayout,
  LayerBundlesOptions,
} from "./layer-bundles.js";
export { influenceGrid, influenceGridDefaults, influenceGridLayout } from "./influence-grid.js";
export type { InfluenceGridData, InfluenceGridLayout, InfluenceGridOptions } from "./influence-grid.js";
export { scatterPlot, scatterPlotDefaults, scatterPlotLayout } from "./scatter-plot.js";
export type { ScatterData, ScatterOptions, ScatterPlotLayout, ScatterPoint } from "./scatter-plot.js";
export { polylineChart, polylineChartDefaults, polylineChartLayout } from "./polyline-chart.js";
export type { PolylineChartLayout, PolylineData, PolylineOptions } from "./polyline-chart.js";
export type { DensityProgress } from "./dense-context.js";
export { uncertaintyGlyph, uncertaintyGlyphDefaults, uncertaintyGlyphLayout } from "./uncertainty-glyph.js";
export type {
  GlyphItem,
  LaidOutGlyph,
  UncertaintyGlyphData,
  UncertaintyGlyphLayout,
  UncertaintyGlyphOptions,
} from "./uncertainty-glyph.js";
export type { GlyphStats } from "./glyph.js";
export { rankGraph, rankGraphDefaults, rankGraphLayout } from "./rank-graph.js";
export type { RankCluster, RankGraphData, RankGraphLayout, RankGraphOptions, Representative } from "./rank-graph.js";
export { flowMap, flowMapDefaults, flowMapLayout } from "./flow-map.js";
export type { FlowMapData, FlowMapLayout, FlowMapOptions } from "./flow-map.js";
export type { DrawnFlow } from "./flow-layer.js";
export type { Flow } from "./flow-layer.js";
export { bundleEdges } from "./edge-bundling.js";
export type { BundleEdgesOptions, BundledEdges, EdgeSegment } from "./edge-bundling.js";
export { interpolateRedGreen } from "./colors.js";
export type { DivergingPalette } from "./colors.js";
export { placeLabels } from "./label-placer.js";
export { optionsTable } from "./defaults.js";
export type { ChartDefaults, OptionRule } from "./defaults.js";
export type { LabelRequest, PlaceLabelsOptions, PlacedLabel } from "./label-placer.js";
export { pngDataUrl } from "./png.js";
export { exportPng, exportSvg } from "./export.js";
export type { ExportPngOptions } from "./export.js";
export type { ColorScale } from "./colors.js";
export type { BaseChartOptions, ChartElement } from "./frame.js";
export { networkView, networkViewLayout } from "./network-view/index.js";
export type {
  BundlePath,
  ClusterBox,
  NetworkCluster,
  NetworkClusterRef,
  NetworkColumn,
  NetworkNeuron,
  NetworkViewData,
  NetworkViewLayout,
  NetworkViewOptions,
  NeuronBox,
} from "./network-view/index.js";
