import { path } from "d3-path";
import type { Selection } from "d3-selection";
import { max } from "d3-array";
import { formatValue, round } from "./format.js";

const round3 = (v: number) => round(v, 3);
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the group the geometry is drawn in
type Group = Selection<SVGGElement, any, any, any>;
import { TYPE, textWidth } from "./theme.js";
import { drawLabels } from "./label-layer.js";
import { measurerFor, placeLabels } from "./label-placer.js";
import type { PlacedLabel } from "./label-placer.js";
import { keyLegend } from "./legend.js";
import { renderChart } from "./frame.js";
import { BASE_DEFAULTS, checksOf, keysOf, withDefaults } from "./defaults.js";
import type { ChartDefaults } from "./defaults.js";
import { readLayoutInput } from "./layout-input.js";
import type { LayoutSize } from "./layout-input.js";
import type { BaseChartOptions, ChartElement, Frame } from "./frame.js";
import { keyboardOnElements } from "./keyboard.js";
import { readLabels, readNumbers, readObject } from "./read-data.js";

/** A bicluster's rectangle in the virtual layer (the shape of bicluster's `BundleRect`). */
export interface BundleRectShape {
  bicluster: number;
  x: number;
  y: number;
  width: number;
  height: number;
  negativeRatio: number;
  meanWeight: number;
}

/** A cubic Bézier `[x0, y0, x1, y1, x2, y2, x3, y3]` with its kind and weight (bicluster's `BundleCurve`). */
export interface BundleCurveShape {
  kind: "input" | "output" | "direct";
  bicluster: number;
  input: number;
  output: number;
  sign: 1 | -1;
  weight: number;
  points: ArrayLike<number>;
}

/** Layers of clusters and, between each pair of neighbours, the geometry `bundleLayout` returned for it. */
export interface LayerBundlesData {
  /** The width and height given to `bundleLayout` (every pair uses the same). */
  width: number;
  height: number;
  /** Left to right: each layer's cluster positions (as given to `bundleLayout`), labels and name. */
  layers: Array<{ name?: string; positions: ArrayLike<number>; labels?: string[] }>;
  /** `pairs[i]` joins layer i (inputs) to layer i + 1 (outputs). */
  pairs: Array<{ rects: ArrayLike<BundleRectShape>; curves: ArrayLike<BundleCurveShape> }>;
}

/** What is under the pointer: a bicluster rectangle or a curve. */
export interface BundleHover {
  pair: number;
  kind: "bicluster" | BundleCurveShape["kind"];
  bicluster: number;
  weight: number;
}

export interface LayerBundlesOptions extends BaseChartOptions {
  /** Hide curves (and rectangles) whose |weight| is below this. Default 0. */
  minWeight?: number;
  onHover?: (item: BundleHover | null, event: Event) => void;
  /** A click on a bicluster rectangle. */
  onSelect?: (item: BundleHover, event: Event) => void;
}

/** layerBundles' options: defaults, allowed values and the docs' table, written once. */
export const layerBundlesDefaults = {
  ...BASE_DEFAULTS,
  minWeight: { default: 0, min: 0, doc: "hide curves and biclusters whose |weight| is below" },
  onHover: { doc: "`({ pair, kind, bicluster, weight } | null, event)`" },
  onSelect: { doc: "the same, on a click on a bicluster rectangle or Enter" },
} as const satisfies ChartDefaults<LayerBundlesOptions>;

interface Checked {
  width: number;
  height: number;
  layers: Array<{ name?: string; positions: Float64Array; labels?: string[] }>;
  pairs: Array<{ rects: BundleRectShape[]; curves: BundleCurveShape[] }>;
  low: number;
  high: number;
}

const MARGIN = { left: 34, right: 34, top: 26, bottom: 26 };

/**
 * Draw bundled connections between layers of neuron clusters (CNNVis §3.5): each layer a column of cluster boxes,
 * between two layers the virtual bicluster layer — rectangles split green/red by their share of positive and
 * negative edges — and the curves through it, their width and opacity by |mean weight|; a weight filter and a hover
 * readout. It draws the plain geometry of `@clearbox/bicluster`'s `bundleLayout`, one per layer pair, side by side.
 *
 * @param container - The element to draw into.
 * @param data - `{ width, height, layers: [{ positions, labels?, name? }], pairs: [bundleLayout(…), …] }`.
 * @param options - Size, `title`, `minWeight`, `onHover`, `onSelect`, `document`, `resize`.
 * @returns The chart's SVG element, with `destroy()`.
 * @throws `E_TYPE` when `container` is not an element; `E_OPTION` for an unknown option key; `E_RANGE` for a size
 *   ≤ 0. Bad data (NaN, a pair count that does not match the layers) draws an empty state with a message.
 * @example
 * // Fragment
 * layerBundles(element, { width: 400, height: 300, layers: [{ positions: inputs }, { positions: outputs }], pairs: [geometry] });
 */
export function layerBundles(container: Element, data: LayerBundlesData, options?: LayerBundlesOptions): ChartElement {
  return renderChart(
    {
      kind: "layer-bundles",
      defaultWidth: 640,
      defaultHeight: 400,
      defaultTitle: "Bundled layers",
      keys: keysOf<LayerBundlesOptions>(layerBundlesDefaults),
      ...checksOf(layerBundlesDefaults),
      read: readBundles,
      draw: drawBundles,
    },
    container,
    data,
    options,
  );
}

/** A curve as laid out: its pair, its path (in bundle units, inside `transform`), stroke width and opacity. */
export type LaidOutCurve = BundleCurveShape & { pair: number; d: string; strokeWidth: number; opacity: number };

/** What `layerBundlesLayout` returns. Marks are in the bundle geometry's units, drawn inside `transform`. */
export interface LayerBundlesLayout {
  /** Where the geometry goes: translate by (x, y) pixels, then scale (one scale for both axes). */
  transform: { x: number; y: number; scale: number };
  /** Curves at or above `minWeight`, pair i shifted right by i · data.width; width and opacity ∝ |weight|. */
  curves: LaidOutCurve[];
  /** Bicluster rectangles at or above `minWeight`, shifted as the curves; `x` already includes the shift. */
  rects: (BundleRectShape & { pair: number })[];
  /** Every layer's cluster boxes: centre `x`, `y` and the box's size (10 × 12 px at any scale). */
  clusters: { layer: number; k: number; x: number; y: number; width: number; height: number; label: string }[];
  /** The outer layers' cluster names placed without overlaps (indices into the outer clusters); others dropped. */
  labels: PlacedLabel[];
  /** Layer names above their columns, in pixels. */
  layerNames: { name: string; x: number; y: number; anchor: "start" | "middle" | "end" }[];
}

/**
 * Lay out bundled layers without a DOM: the pairs' geometries side by side at one scale that fits the chart (margins
 * from the outer layers' names), the curves and bicluster rectangles over `minWeight` with widths and opacities
 * ∝ |weight|, the cluster boxes, the outer names placed without overlaps, and the layer names.
 *
 * @param data - As `layerBundles` takes it.
 * @param options - `width`, `height` (required) and `layerBundles`' options.
 * @returns The transform into pixels and the marks in bundle units (names in pixels).
 * @throws `E_OPTION` for an unknown key or a bad value; `E_RANGE` for a size that is not positive; `E_SHAPE` with the
 *   chart's empty-state message for data the chart would not draw.
 * @example
 * const layout = layerBundlesLayout(data, { width: 640, height: 400, minWeight: 0.2 });
 * layout.curves.every((c) => Math.abs(c.weight) >= 0.2); // => true
 */
export function layerBundlesLayout(
  data: LayerBundlesData,
  options: LayerBundlesOptions & LayoutSize,
): LayerBundlesLayout {
  const input = readLayoutInput(data, options, layerBundlesDefaults, readBundles);
  return layOutBundles(input.checked, input.width, input.height, input.options);
}

function layOutBundles(
  b: Checked,
  width: number,
  height: number,
  given: LayerBundlesOptions,
  measure?: (text: string, size: number) => number,
): LayerBundlesLayout {
  const { minWeight } = withDefaults(given, layerBundlesDefaults);
  const margin = marginsFor(b);
  const spanX = b.width * b.pairs.length;
  const scale = Math.min(
    (width - margin.left - margin.right) / spanX,
    (height - margin.top - margin.bottom) / b.height,
  );
  const t = (w: number) => (b.high === b.low ? 1 : (Math.abs(w) - b.low) / (b.high - b.low));
  const curves = b.pairs.flatMap((pair, i) =>
    pair.curves
      .filter((c) => Math.abs(c.weight) >= minWeight)
      .map((c) => {
        const [x0, y0, x1, y1, x2, y2, x3, y3] = Array.from(c.points, (v, k) => (k % 2 === 0 ? v + i * b.width : v));
        const d = path();
        d.moveTo(x0, y0);
        d.bezierCurveTo(x1, y1, x2, y2, x3, y3);
        const strokeWidth = round3((0.6 + 2.4 * t(c.weight)) / scale);
        return { ...c, pair: i, d: d.toString(), strokeWidth, opacity: round3(0.25 + 0.6 * t(c.weight)) };
      }),
  );
  const rects = b.pairs.flatMap((pair, i) =>
    pair.rects.filter((r) => Math.abs(r.meanWeight) >= minWeight).map((r) => ({ ...r, x: r.x + i * b.width, pair: i })),
  );
  const clusters = b.layers.flatMap((layer, l) =>
    Array.from(layer.positions, (y, k) => ({
      layer: l,
      k,
      x: l * b.width,
      y,
      width: 12 / scale,
      height: 10 / scale,
      label: layer.labels?.[k] ?? String(k),
    })),
  );
  const labels = placeOuterNames(b, clusters, scale, margin, measure);
  const last = b.layers.length - 1;
  const layerNames = b.layers.map((layer, l) => ({
    name: layer.name ?? "",
    // The outer two aligned inwards so that they stay inside the chart.
    x: margin.left + l * b.width * scale + (l === 0 ? -margin.left + 4 : l === last ? margin.right - 4 : 0),
    y: 14,
    anchor: (l === 0 ? "start" : l === last ? "end" : "middle") as "start" | "middle" | "end",
  }));
  return { transform: { x: margin.left, y: margin.top, scale }, curves, rects, clusters, labels, layerNames };
}

/**
 * The outer layers' cluster names, outside their columns, placed without overlaps (in the scaled frame, so sizes
 * are divided by the scale); a name with no room is dropped.
 */
function placeOuterNames(
  b: Checked,
  clusters: LayerBundlesLayout["clusters"],
  scale: number,
  margin: typeof MARGIN,
  measure?: (text: string, size: number) => number,
) {
  const last = b.layers.length - 1;
  const outer = clusters.filter((c) => c.layer === 0 || c.layer === last);
  const size = TYPE.small / scale;
  const { placed } = placeLabels(
    outer.map((c) => ({
      x: c.x,
      y: c.y,
      text: c.label,
      priority: -c.k,
      radius: 8 / scale,
      size,
      angles: [c.layer === last ? 0 : Math.PI],
    })),
    {
      bounds: [
        -margin.left / scale,
        -margin.top / scale,
        b.width * b.pairs.length + margin.right / scale,
        b.height + margin.bottom / scale,
      ],
      measure,
      padding: 1 / scale,
    },
  );
  return placed.map((l) => ({ ...l, size: round3(l.size) }));
}

function drawBundles(frame: Frame, b: Checked, options: LayerBundlesOptions) {
  const { marks, height } = frame;
  const layout = layOutBundles(b, frame.width, height, options, measurerFor(frame.document));
  const { x: left, y: top, scale } = layout.transform;
  const root = marks.selectAll<SVGGElement, null>("g.bundles").data([null]).join("g").attr("class", "bundles");
  root.attr("transform", `translate(${left},${top}) scale(${round3(scale)})`);
  const hover = (event: Event, item: BundleHover, x: number, y: number, lines: string[]) => {
    frame.readout(lines, left + x * scale, top + y * scale);
    options.onHover?.(item, event);
  };
  const leave = (event: Event) => {
    frame.readout(null);
    options.onHover?.(null, event);
  };
  root
    .selectAll<SVGGElement, null>("g.curves")
    .data([null])
    .join("g")
    .attr("class", "curves")
    .attr("fill", "none")
    .selectAll<SVGPathElement, LaidOutCurve>("path")
    .data(layout.curves)
    .join("path")
    .attr("class", (c) => (c.sign > 0 ? "cb-positive" : "cb-negative"))
    .attr("data-kind", (c) => c.kind)
    .attr("d", (c) => c.d)
    .attr("stroke-width", (c) => c.strokeWidth)
    .attr("stroke-opacity", (c) => c.opacity)
    .on("pointerenter.clearbox", (event: Event, c) =>
      hover(
        event,
        { pair: c.pair, kind: c.kind, bicluster: c.bicluster, weight: c.weight },
        c.points[6] + c.pair * b.width,
        c.points[7],
        [
          c.kind === "direct" ? `edge ${c.input} → ${c.output}` : `bicluster ${c.bicluster} (${c.kind})`,
          `weight ${formatValue(c.weight)}`,
        ],
      ),
    )
    .on("pointerleave.clearbox", leave);
  drawBiclusters(frame, root, layout, hover, leave, options);
  drawClustersAndNames(frame, root, layout);
}

/** The bicluster rectangles, split by sign, with their readout, click and keyboard. */
function drawBiclusters(
  frame: Frame,
  root: Group,
  layout: LayerBundlesLayout,
  hover: (event: Event, item: BundleHover, x: number, y: number, lines: string[]) => void,
  leave: (event: Event) => void,
  options: LayerBundlesOptions,
) {
  type Rect = LayerBundlesLayout["rects"][number];
  const boxes = root
    .selectAll<SVGGElement, null>("g.biclusters")
    .data([null])
    .join("g")
    .attr("class", "biclusters")
    .selectAll<SVGGElement, Rect>("g.bicluster")
    .data(layout.rects)
    .join((enter) => {
      const g = enter.append("g").attr("class", "bicluster");
      g.append("rect").attr("class", "cb-positive-fill");
      g.append("rect").attr("class", "cb-negative-fill");
      return g;
    })
    .attr("data-bicluster", (r) => r.bicluster)
    // Lighter than the curves: the blocks group the edges, the curves carry the weights.
    .attr("fill-opacity", 0.45);
  boxes
    .select("rect.cb-positive-fill")
    .attr("x", (r) => r.x)
    .attr("y", (r) => r.y)
    .attr("width", (r) => r.width)
    .attr("height", (r) => r.height * (1 - r.negativeRatio));
  boxes
    .select("rect.cb-negative-fill")
    .attr("x", (r) => r.x)
    .attr("y", (r) => r.y + r.height * (1 - r.negativeRatio))
    .attr("width", (r) => r.width)
    .attr("height", (r) => r.height * r.negativeRatio);
  const item = (r: Rect): BundleHover => ({
    pair: r.pair,
    kind: "bicluster",
    bicluster: r.bicluster,
    weight: r.meanWeight,
  });
  boxes
    .on("pointerenter.clearbox", (event: Event, r) =>
      hover(event, item(r), r.x + r.width, r.y, [
        `bicluster ${r.bicluster}`,
        `mean weight ${formatValue(r.meanWeight)}`,
        `${Math.round(100 * r.negativeRatio)} % negative edges`,
      ]),
    )
    .on("pointerleave.clearbox", leave)
    .on("click.clearbox", (event: Event, r) => options.onSelect?.(item(r), event));
  keyboardOnElements(frame, boxes.nodes());
}

/** The layers' cluster boxes, the outer names, the key and the layer names. */
function drawClustersAndNames(frame: Frame, root: Group, layout: LayerBundlesLayout) {
  const { marks, height } = frame;
  const scale = layout.transform.scale;
  const cluster = root
    .selectAll<SVGGElement, null>("g.clusters")
    .data([null])
    .join("g")
    .attr("class", "clusters")
    .selectAll<SVGGElement, LayerBundlesLayout["clusters"][number]>("g.cluster")
    .data(layout.clusters)
    .join((enter) => {
      const g = enter.append("g").attr("class", "cluster");
      g.append("rect").attr("class", "cb-box");
      return g;
    })
    .attr("data-layer", (c) => c.layer);
  cluster
    .select("rect")
    .attr("x", (c) => c.x - c.width / 2)
    .attr("y", (c) => c.y - c.height / 2)
    .attr("width", (c) => c.width)
    .attr("height", (c) => c.height)
    .attr("rx", 2 / scale)
    .attr("stroke-width", 1 / scale);
  drawLabels(root, layout.labels, "cluster-labels");
  // The key: what the colours and widths mean (red/green or blue/red alone would not say which sign is which).
  keyLegend(
    marks,
    [
      { label: "positive weight", swatch: { className: "cb-positive-fill" } },
      { label: "negative weight", swatch: { className: "cb-negative-fill" } },
      { label: "width, opacity ∝ |weight|", line: { width: 2.5 } },
    ],
    4,
    height - 8,
  );
  marks
    .selectAll<SVGTextElement, LayerBundlesLayout["layerNames"][number]>("text.layer-name")
    .data(layout.layerNames)
    .join("text")
    .attr("class", "layer-name")
    .attr("x", (d) => d.x)
    .attr("y", (d) => d.y)
    .attr("text-anchor", (d) => d.anchor)
    .attr("fill", "currentColor")
    .text((d) => d.name);
}

/** Room for the outer layers' cluster labels (estimated widths at TYPE.small), at least MARGIN. */
function marginsFor(b: Checked) {
  const room = (layer: Checked["layers"][number]) =>
    18 + (max(layer.labels ?? Array.from(layer.positions, (_, k) => String(k)), (s) => textWidth(s, TYPE.small)) ?? 0);
  return {
    ...MARGIN,
    left: Math.max(MARGIN.left, room(b.layers[0])),
    right: Math.max(MARGIN.right, room(b.layers[b.layers.length - 1])),
  };
}

function readBundles(data: unknown): Checked | string {
  const object = readObject(data, "data");
  if (typeof object === "string") return object;
  const size = readNumbers([object.width, object.height], "data.width / data.height");
  if (typeof size === "string" || size[0] <= 0 || size[1] <= 0) return "data.width and data.height must be positive.";
  if (!Array.isArray(object.layers) || object.layers.length < 2) return "data.layers must list at least two layers.";
  if (!Array.isArray(object.pairs) || object.pairs.length !== object.layers.length - 1) {
    return `data.pairs must hold one geometry per neighbouring pair of layers (${object.layers.length - 1}).`;
  }
  const layers: Checked["layers"] = [];
  for (let l = 0; l < object.layers.length; l++) {
    const layer = readObject(object.layers[l], `data.layers[${l}]`);
    if (typeof layer === "string") return layer;
    const positions = readNumbers(layer.positions, `data.layers[${l}].positions`);
    if (typeof positions === "string") return positions;
    const labels = readLabels(layer.labels, `data.layers[${l}].labels`, positions.length);
    if (typeof labels === "string") return labels;
    layers.push({ name: layer.name === undefined ? undefined : String(layer.name), positions, labels });
  }
  const pairs: Checked["pairs"] = [];
  let low = Infinity;
  let high = 0;
  for (let i = 0; i < object.pairs.length; i++) {
    const pair = readObject(object.pairs[i], `data.pairs[${i}]`);
    if (typeof pair === "string") return pair;
    const rects = Array.from((pair.rects as ArrayLike<BundleRectShape>) ?? []);
    const curves = Array.from((pair.curves as ArrayLike<BundleCurveShape>) ?? []);
    for (const [k, r] of rects.entries()) {
      const values = readNumbers(
        [r.x, r.y, r.width, r.height, r.negativeRatio, r.meanWeight],
        `data.pairs[${i}].rects[${k}]`,
      );
      if (typeof values === "string") return values;
    }
    for (const [k, c] of curves.entries()) {
      const values = readNumbers(c.points, `data.pairs[${i}].curves[${k}].points`, 8);
      if (typeof values === "string") return values;
      if (typeof c.weight !== "number" || !Number.isFinite(c.weight))
        return `data.pairs[${i}].curves[${k}].weight is not finite.`;
      low = Math.min(low, Math.abs(c.weight));
      high = Math.max(high, Math.abs(c.weight));
    }
    pairs.push({ rects, curves });
  }
  if (pairs.every((p) => p.curves.length === 0)) return "No connections to draw (every pair has no curves).";
  return { width: size[0], height: size[1], layers, pairs, low, high };
}
