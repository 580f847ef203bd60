import { extent, max } from "d3-array";
import type { Selection } from "d3-selection";
import { TYPE } from "./theme.js";
import type { BundleEdgesOptions } from "./edge-bundling.js";
import { drawFlows, layOutFlows } from "./flow-layer.js";
import type { DrawnFlow, Flow } from "./flow-layer.js";
import { formatValue, round } from "./format.js";
import { drawLabels } from "./label-layer.js";
import { measurerFor, placeLabels } from "./label-placer.js";
import type { PlacedLabel } from "./label-placer.js";
import { keyLegend } from "./legend.js";
import { renderChart } from "./frame.js";
import { BASE_DEFAULTS, checksOf, keysOf, withDefaults } from "./defaults.js";
import type { ChartDefaults } from "./defaults.js";
import { keyboardOnElements } from "./keyboard.js";
import { readLayoutInput } from "./layout-input.js";
import type { LayoutSize } from "./layout-input.js";
import type { BaseChartOptions, ChartElement, Frame } from "./frame.js";
import { readLabels, readNumbers, readObject } from "./read-data.js";

/** Nodes at positions and the flows between them. */
export interface FlowMapData {
  /** `[x, y]` per node, in any units (scaled to fit). */
  nodes: ArrayLike<readonly [number, number] | ArrayLike<number>>;
  labels?: string[];
  /** Flows between nodes, e.g. mutual-rank's `propagation(sources)`. */
  flows: ArrayLike<Flow>;
}

export interface FlowMapOptions extends BaseChartOptions {
  /** Bundle the flows by force-directed edge bundling (true, or its options), or draw them straight (false). Default true. */
  bundle?: boolean | BundleEdgesOptions;
  /** Width of the largest flow in pixels. Default 6. */
  maxWidth?: number;
  onHover?: (flow: Flow | null, event: Event) => void;
  /** A click on a node, or Enter on a flow (its target). */
  onSelect?: (node: number, event: Event) => void;
}

/** flowMap's options: defaults, allowed values and the docs' table, written once. */
export const flowMapDefaults = {
  ...BASE_DEFAULTS,
  bundle: { default: true, doc: "bundle the flows (`true`, `bundleEdges` options) or draw them straight (`false`)" },
  maxWidth: { default: 6, min: 0.5, doc: "width of the largest flow, in pixels" },
  onHover: { doc: "`({ from, to, flow } | null, event)`" },
  onSelect: { doc: "`(node, event)` on a click on a node, or Enter on a flow (its target)" },
} as const satisfies ChartDefaults<FlowMapOptions>;

interface Checked {
  x: Float64Array;
  y: Float64Array;
  labels?: string[];
  flows: Flow[];
}

/**
 * Draw flows of uncertainty between nodes (MutualRanker §5.3.3): nodes as points, each flow a curve from its source
 * to its target with width ∝ flow, flows of several sources that run alike bundled together by force-directed edge
 * bundling (`bundleEdges`). Also a layer of `rankGraph`.
 *
 * @param container - The element to draw into.
 * @param data - `{ nodes: [x, y][], labels?, flows: [{ from, to, flow }] }`.
 * @param options - Size, `title`, `bundle`, `maxWidth`, `onHover`, `onSelect`, `document`, `resize`.
 * @returns The chart's SVG element, with `destroy()`.
 * @throws `E_TYPE` when `container` is not an element; `E_OPTION` for an unknown option key; `E_RANGE` for a size
 *   ≤ 0. Bad data (NaN, a flow to a node that does not exist, a negative flow) draws an empty state with a message.
 * @example
 * // Fragment
 * flowMap(element, { nodes: positions, flows: ranker.propagation([selected], { topK: 20 }) });
 */
export function flowMap(container: Element, data: FlowMapData, options?: FlowMapOptions): ChartElement {
  return renderChart(
    {
      kind: "flow-map",
      defaultWidth: 520,
      defaultHeight: 420,
      defaultTitle: "Flow map",
      keys: keysOf<FlowMapOptions>(flowMapDefaults),
      ...checksOf(flowMapDefaults),
      read: readFlowMap,
      draw: drawFlowMap,
    },
    container,
    data,
    options,
  );
}

/** What `flowMapLayout` returns: nodes and flows in pixels, the sources, and the node names placed without overlaps. */
export interface FlowMapLayout {
  /** Each node's position in pixels, by node index. */
  x: Float64Array;
  y: Float64Array;
  /** Nodes that send or receive a flow, ascending. */
  ends: number[];
  /** Nodes that send a flow (ringed), ascending. */
  sources: number[];
  /** Each flow's curve (points in pixels) and width, in the data's order. */
  flows: DrawnFlow[];
  /** True when edge bundling stopped at its work budget. */
  truncated: boolean;
  /** Names of nodes with flows that fit, none overlapping (`index` is the node); the others are dropped. */
  labels: PlacedLabel[];
  /** The largest flow, which the key's widest line stands for. */
  largest: number;
}

/**
 * Lay out a flow map in pixels without a DOM: the nodes scaled to fit below the key (aspect kept, margins for the
 * longest name), the flows straight or bundled (`bundleEdges`) with widths ∝ flow, and the names of the nodes with
 * flows placed without overlaps (busiest first, outward from the middle).
 *
 * @param data - As `flowMap` takes it.
 * @param options - `width`, `height` (required) and `flowMap`'s options.
 * @returns Node positions, flows, sources and labels in pixels.
 * @throws `E_OPTION` for an unknown key or a bad value; `E_RANGE` for a size that is not positive; `E_SHAPE` with the
 *   chart's empty-state message for data the chart would not draw.
 * @example
 * const layout = flowMapLayout({ nodes: [[0, 0], [1, 1]], flows: [{ from: 0, to: 1, flow: 2 }] }, { width: 300, height: 200 });
 * layout.sources; // => [0]
 */
export function flowMapLayout(data: FlowMapData, options: FlowMapOptions & LayoutSize): FlowMapLayout {
  const input = readLayoutInput(data, options, flowMapDefaults, readFlowMap);
  return layOutFlowMap(input.checked, input.width, input.height, input.options);
}

function layOutFlowMap(
  d: Checked,
  width: number,
  height: number,
  given: FlowMapOptions,
  measure?: (text: string, size: number) => number,
): FlowMapLayout {
  const options = withDefaults(given, flowMapDefaults);
  const textWidth = measure ?? ((text: string, size: number) => text.length * 0.58 * size);
  // Margins from the labels they hold: the longest name of a node with flows, at most a quarter of the width.
  const longest = d.labels
    ? (max(d.flows, (f) =>
        Math.max(textWidth(d.labels?.[f.from] ?? "", TYPE.small), textWidth(d.labels?.[f.to] ?? "", TYPE.small)),
      ) ?? 0)
    : 0;
  const pad = Math.min(width / 4, 16 + longest);
  // d3-array's extent loops: a spread of 10⁵ values into Math.min overflows the call stack.
  const [x0, x1] = extent(d.x) as [number, number];
  const [y0, y1] = extent(d.y) as [number, number];
  const top = KEY_HEIGHT + 12;
  const scale = Math.min((width - 2 * pad) / (x1 - x0 || 1), (height - top - 16) / (y1 - y0 || 1));
  const ox = pad + (width - 2 * pad - (x1 - x0) * scale) / 2;
  const oy = top + (height - top - 16 - (y1 - y0) * scale) / 2;
  const x = d.x.map((v) => ox + (v - x0) * scale);
  const y = d.y.map((v) => oy + (v - y0) * scale);
  const { flows, truncated } = layOutFlows((i) => [x[i], y[i]], d.flows, options.bundle, options.maxWidth);
  const ends = Array.from(new Set(d.flows.flatMap((f) => [f.from, f.to]))).sort((a, b) => a - b);
  const sources = Array.from(new Set(d.flows.map((f) => f.from))).sort((a, b) => a - b);
  const labels = placeNodeLabels(d, ends, x, y, width, height, measure);
  return { x, y, ends, sources, flows, truncated, labels, largest: max(d.flows, (f) => f.flow) ?? 0 };
}

function drawFlowMap(frame: Frame, d: Checked, given: FlowMapOptions) {
  const { marks } = frame;
  const options = withDefaults(given, flowMapDefaults);
  const layout = layOutFlowMap(d, frame.width, frame.height, options, measurerFor(frame.document));
  const { x, y, flows } = layout;
  frame.svg.attr("data-truncated", layout.truncated ? "true" : null);
  const layer = marks.selectAll<SVGGElement, null>("g.flows").data([null]).join("g").attr("class", "flows");
  drawArrowheads(layer, flows);
  drawSourcesAndKey(marks, layout, options.maxWidth);
  const name = (i: number) => d.labels?.[i] ?? `node ${i}`;
  const flowMarks = drawFlows(layer, flows)
    .on("pointerenter.clearbox", (event: Event, f) => {
      const middle = f.points[f.points.length >> 1];
      frame.readout([`${name(f.from)} → ${name(f.to)}`, `flow ${formatValue(f.flow)}`], middle[0], middle[1]);
      options.onHover?.({ from: f.from, to: f.to, flow: f.flow }, event);
    })
    .on("pointerleave.clearbox", (event: Event) => {
      frame.readout(null);
      options.onHover?.(null, event);
    })
    .on("click.clearbox", (event: Event, f) => options.onSelect?.(f.to, event));
  const ends = new Set(layout.ends);
  // Every node a circle (clickable) up to a few thousand; past that the nodes without flows are one path of
  // pixel dots, one per occupied pixel, so 10⁵ nodes cost one element, not 10⁵.
  const many = d.x.length > MAX_NODE_CIRCLES;
  const circled = many ? layout.ends : Array.from(d.x, (_, i) => i);
  marks
    .selectAll<SVGPathElement, null>("path.context-nodes")
    .data(many ? [null] : [])
    .join("path")
    .attr("class", "context-nodes")
    .attr("fill", "currentColor")
    .attr("fill-opacity", 0.3)
    .attr("d", () => pixelDots(d.x.length, (i) => (ends.has(i) ? null : [x[i], y[i]])));
  marks
    .selectAll<SVGCircleElement, number>("circle.node")
    .data(circled)
    .join("circle")
    .attr("class", "node")
    .attr("cx", (i) => x[i])
    .attr("cy", (i) => y[i])
    .attr("r", (i) => (ends.has(i) ? 3.5 : 2))
    .attr("fill", "currentColor")
    .attr("fill-opacity", (i) => (ends.has(i) ? 0.85 : 0.3))
    .attr("data-index", (i) => i)
    .on("click.clearbox", (event: Event, i) => options.onSelect?.(i, event));
  drawLabels(marks, layout.labels, "node-labels");
  // The keyboard steps through the flows, largest first (the readout names both ends and the amount).
  const byFlow = flowMarks
    .nodes()
    .sort((a, b) => Number(b.getAttribute("stroke-width")) - Number(a.getAttribute("stroke-width")));
  keyboardOnElements(frame, byFlow);
}

/** Rings on the nodes that send, and the key: what a source looks like and what the widths stand for. */
function drawSourcesAndKey(marks: Frame["marks"], layout: FlowMapLayout, maxWidth: number) {
  marks
    .selectAll<SVGCircleElement, number>("circle.source")
    .data(layout.sources)
    .join("circle")
    .attr("class", "source cb-flow")
    .attr("fill", "none")
    .attr("stroke-width", 2)
    .attr("cx", (i) => layout.x[i])
    .attr("cy", (i) => layout.y[i])
    .attr("r", 7);
  const largest = layout.largest;
  keyLegend(
    marks,
    [
      { label: "source", ring: { className: "cb-flow" } },
      { label: `flow ${formatValue(largest)}`, line: { width: maxWidth, className: "cb-flow" } },
      {
        label: formatValue(largest / 2),
        line: { width: 0.75 + (maxWidth - 0.75) / 2, className: "cb-flow" },
      },
    ],
    4,
    10,
  );
}

/** Names of the nodes with flows, placed without overlaps. */
function placeNodeLabels(
  d: Checked,
  ends: number[],
  x: Float64Array,
  y: Float64Array,
  width: number,
  height: number,
  measure?: (text: string, size: number) => number,
): PlacedLabel[] {
  // Names of the nodes that send or receive: outward from the drawing's middle first, the busiest nodes first; a
  // name with no room is dropped (the readout of a flow names both ends).
  const named = d.labels ? ends : [];
  const through = new Map<number, number>();
  for (const f of d.flows) for (const i of [f.from, f.to]) through.set(i, (through.get(i) ?? 0) + f.flow);
  const { placed } = placeLabels(
    named.map((i) => {
      const out = Math.atan2(y[i] - height / 2, x[i] - width / 2);
      return {
        x: x[i],
        y: y[i],
        text: d.labels?.[i] ?? "",
        priority: through.get(i) ?? 0,
        radius: 4,
        angles: [out, out - Math.PI / 4, out + Math.PI / 4, 0, Math.PI],
      };
    }),
    {
      bounds: [0, KEY_HEIGHT, width, height],
      obstacles: named.map((i) => [x[i] - 4, y[i] - 4, x[i] + 4, y[i] + 4]),
      measure,
    },
  );
  return placed.map((l) => ({ ...l, index: named[l.index] }));
}

/** Height of the key above the map. */
const KEY_HEIGHT = 20;

/** A small arrowhead at each flow's target end (just outside the node's dot): which way the uncertainty moves. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any parent selection (a chart's layer)
function drawArrowheads(layer: Selection<SVGGElement, any, any, any>, flows: DrawnFlow[]) {
  layer
    .selectAll<SVGPathElement, DrawnFlow>("path.arrowhead")
    .data(flows.filter((f) => f.points.length >= 2))
    .join("path")
    .attr("class", "arrowhead cb-flow-fill")
    .attr("d", (f) => {
      const [ex, ey] = f.points[f.points.length - 1];
      const [qx, qy] = f.points[f.points.length - 2];
      const d = Math.hypot(ex - qx, ey - qy) || 1;
      const [ux, uy] = [(ex - qx) / d, (ey - qy) / d];
      const size = 4 + f.width;
      const [tx, ty] = [ex - 4.5 * ux, ey - 4.5 * uy];
      const [bx, by] = [tx - size * ux, ty - size * uy];
      const [nx, ny] = [-uy * size * 0.5, ux * size * 0.5];
      return `M${round(tx)},${round(ty)}L${round(bx + nx)},${round(by + ny)}L${round(bx - nx)},${round(by - ny)}Z`;
    });
}

/** Above this many nodes, those without flows are drawn as one path of dots. */
const MAX_NODE_CIRCLES = 2_000;

/** A path of 1.5 px squares, one per occupied pixel (repeats skipped), for the points `at` returns. */
function pixelDots(count: number, at: (i: number) => [number, number] | null): string {
  const seen = new Set<number>();
  const parts: string[] = [];
  for (let i = 0; i < count; i++) {
    const p = at(i);
    if (p === null) continue;
    const [x, y] = [Math.round(p[0]), Math.round(p[1])];
    const key = x * 65_536 + y;
    if (seen.has(key)) continue;
    seen.add(key);
    parts.push(`M${x - 0.75},${y - 0.75}h1.5v1.5h-1.5z`);
  }
  return parts.join("");
}

function readFlowMap(data: unknown): Checked | string {
  const object = readObject(data, "data");
  if (typeof object === "string") return object;
  const nodes = object.nodes as ArrayLike<ArrayLike<unknown>> | undefined;
  if (!nodes || typeof nodes.length !== "number" || nodes.length === 0)
    return "No nodes to draw (data.nodes is empty).";
  const x = new Float64Array(nodes.length);
  const y = new Float64Array(nodes.length);
  for (let i = 0; i < nodes.length; i++) {
    const p = readNumbers(nodes[i], `data.nodes[${i}]`, 2);
    if (typeof p === "string") return `data.nodes[${i}] must be a pair of finite numbers.`;
    [x[i], y[i]] = p;
  }
  const labels = readLabels(object.labels, "data.labels", nodes.length);
  if (typeof labels === "string") return labels;
  const raw = object.flows as ArrayLike<unknown> | undefined;
  if (!raw || typeof raw.length !== "number") return "data.flows must be an array of { from, to, flow }.";
  const flows: Flow[] = [];
  for (let k = 0; k < raw.length; k++) {
    const f = raw[k] as Record<string, unknown> | null;
    const v = readNumbers([f?.from, f?.to, f?.flow], `data.flows[${k}]`);
    if (typeof v === "string") return `data.flows[${k}] must be { from, to, flow } with finite numbers.`;
    const [from, to, flow] = v;
    if (![from, to].every((i) => Number.isInteger(i) && i >= 0 && i < nodes.length)) {
      return `data.flows[${k}] joins a node that does not exist.`;
    }
    if (flow < 0) return `data.flows[${k}].flow must be ≥ 0.`;
    flows.push({ from, to, flow });
  }
  return { x, y, labels, flows };
}
