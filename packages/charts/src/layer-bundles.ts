import { path } from "d3-path";
import { max } from "d3-array";
import type { OptionKeys } from "@clearbox/core/internal";
import { formatValue, round } from "./format.js";

const round3 = (v: number) => round(v, 3);
import { TYPE, textWidth } from "./theme.js";
import { drawLabels } from "./label-layer.js";
import { measurerFor, placeLabels } from "./label-placer.js";
import { keyLegend } from "./legend.js";
import { BASE_KEYS, renderChart } from "./frame.js";
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

const KEYS = { ...BASE_KEYS, minWeight: true, onHover: true, onSelect: true } satisfies OptionKeys<LayerBundlesOptions>;

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
      keys: KEYS,
      numbers: { minWeight: { min: 0 } },
      read: readBundles,
      draw: drawBundles,
    },
    container,
    data,
    options,
  );
}

function drawBundles(frame: Frame, b: Checked, options: LayerBundlesOptions) {
  const { marks, width, height } = frame;
  const minWeight = options.minWeight ?? 0;
  const margin = marginsFor(b);
  const spanX = b.width * b.pairs.length;
  const scale = Math.min(
    (width - margin.left - margin.right) / spanX,
    (height - margin.top - margin.bottom) / b.height,
  );
  const root = marks.selectAll<SVGGElement, null>("g.bundles").data([null]).join("g").attr("class", "bundles");
  root.attr("transform", `translate(${margin.left},${margin.top}) scale(${round3(scale)})`);
  const t = (w: number) => (b.high === b.low ? 1 : (Math.abs(w) - b.low) / (b.high - b.low));
  const curves = b.pairs.flatMap((pair, i) =>
    pair.curves.filter((c) => Math.abs(c.weight) >= minWeight).map((c) => ({ ...c, pair: i })),
  );
  const rects = b.pairs.flatMap((pair, i) =>
    pair.rects.filter((r) => Math.abs(r.meanWeight) >= minWeight).map((r) => ({ ...r, pair: i })),
  );
  const hover = (event: Event, item: BundleHover, x: number, y: number, lines: string[]) => {
    frame.readout(lines, margin.left + x * scale, margin.top + y * scale);
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
    .selectAll<SVGPathElement, (typeof curves)[number]>("path")
    .data(curves)
    .join("path")
    .attr("class", (c) => (c.sign > 0 ? "cb-positive" : "cb-negative"))
    .attr("data-kind", (c) => c.kind)
    .attr("d", (c) => {
      const [x0, y0, x1, y1, x2, y2, x3, y3] = Array.from(c.points, (v, k) => (k % 2 === 0 ? v + c.pair * b.width : v));
      const d = path();
      d.moveTo(x0, y0);
      d.bezierCurveTo(x1, y1, x2, y2, x3, y3);
      return d.toString();
    })
    .attr("stroke-width", (c) => round3((0.6 + 2.4 * t(c.weight)) / scale))
    .attr("stroke-opacity", (c) => round3(0.25 + 0.6 * t(c.weight)))
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
  const boxes = root
    .selectAll<SVGGElement, null>("g.biclusters")
    .data([null])
    .join("g")
    .attr("class", "biclusters")
    .selectAll<SVGGElement, (typeof rects)[number]>("g.bicluster")
    .data(rects)
    .join((enter) => {
      const g = enter.append("g").attr("class", "bicluster");
      g.append("rect").attr("class", "cb-positive-fill");
      g.append("rect").attr("class", "cb-negative-fill");
      return g;
    })
    .attr("data-bicluster", (r) => r.bicluster)
    // Lighter than the curves: the blocks group the edges, the curves carry the weights.
    .attr("fill-opacity", 0.45);
  const x = (r: (typeof rects)[number]) => r.x + r.pair * b.width;
  boxes
    .select("rect.cb-positive-fill")
    .attr("x", x)
    .attr("y", (r) => r.y)
    .attr("width", (r) => r.width)
    .attr("height", (r) => r.height * (1 - r.negativeRatio));
  boxes
    .select("rect.cb-negative-fill")
    .attr("x", x)
    .attr("y", (r) => r.y + r.height * (1 - r.negativeRatio))
    .attr("width", (r) => r.width)
    .attr("height", (r) => r.height * r.negativeRatio);
  boxes
    .on("pointerenter.clearbox", (event: Event, r) =>
      hover(
        event,
        { pair: r.pair, kind: "bicluster", bicluster: r.bicluster, weight: r.meanWeight },
        x(r) + r.width,
        r.y,
        [
          `bicluster ${r.bicluster}`,
          `mean weight ${formatValue(r.meanWeight)}`,
          `${Math.round(100 * r.negativeRatio)} % negative edges`,
        ],
      ),
    )
    .on("pointerleave.clearbox", leave)
    .on("click.clearbox", (event: Event, r) =>
      options.onSelect?.({ pair: r.pair, kind: "bicluster", bicluster: r.bicluster, weight: r.meanWeight }, event),
    );
  keyboardOnElements(frame, boxes.nodes());
  const clusters = b.layers.flatMap((layer, l) =>
    Array.from(layer.positions, (y, k) => ({ layer: l, k, y, label: layer.labels?.[k] ?? String(k) })),
  );
  const boxHeight = 10 / scale;
  const cluster = root
    .selectAll<SVGGElement, null>("g.clusters")
    .data([null])
    .join("g")
    .attr("class", "clusters")
    .selectAll<SVGGElement, (typeof clusters)[number]>("g.cluster")
    .data(clusters)
    .join((enter) => {
      const g = enter.append("g").attr("class", "cluster");
      g.append("rect").attr("class", "cb-box");
      return g;
    })
    .attr("data-layer", (c) => c.layer);
  cluster
    .select("rect")
    .attr("x", (c) => c.layer * b.width - 6 / scale)
    .attr("y", (c) => c.y - boxHeight / 2)
    .attr("width", 12 / scale)
    .attr("height", boxHeight)
    .attr("rx", 2 / scale)
    .attr("stroke-width", 1 / scale);
  const last = b.layers.length - 1;
  // The outer layers' cluster names, outside their columns, placed without overlaps (in the scaled frame, so sizes
  // are divided by the scale); a name with no room is dropped.
  const outer = clusters.filter((c) => c.layer === 0 || c.layer === last);
  const size = TYPE.small / scale;
  const { placed } = placeLabels(
    outer.map((c) => ({
      x: c.layer * b.width,
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
        spanX + margin.right / scale,
        b.height + margin.bottom / scale,
      ],
      measure: measurerFor(frame.document),
      padding: 1 / scale,
    },
  );
  drawLabels(
    root,
    placed.map((l) => ({ ...l, size: round3(l.size) })),
    "cluster-labels",
  );
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
  // Layer names above their columns; the outer two aligned inwards so that they stay inside the chart.
  const anchor = (l: number) => (l === 0 ? "start" : l === last ? "end" : "middle");
  marks
    .selectAll<SVGTextElement, { name: string; l: number }>("text.layer-name")
    .data(b.layers.map((layer, l) => ({ name: layer.name ?? "", l })))
    .join("text")
    .attr("class", "layer-name")
    .attr(
      "x",
      (d) => margin.left + d.l * b.width * scale + (d.l === 0 ? -margin.left + 4 : d.l === last ? margin.right - 4 : 0),
    )
    .attr("y", 14)
    .attr("text-anchor", (d) => anchor(d.l))
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
