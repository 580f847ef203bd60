/**
 * @clearbox/charts/dataflow-dag — DGMTracker's snapshot view, `dataflowDag`, as an entry of its own: it is the only
 * chart that lays out with d3-dag (~110 kB minified), so a page that draws the other charts does not carry d3-dag.
 *
 * @module @clearbox/charts/dataflow-dag
 * @packageDocumentation
 */
import { coordGreedy, decrossTwoLayer, graphStratify, layeringLongestPath, sugiyama } from "d3-dag";
import { scaleLinear } from "d3-scale";
import { area, curveMonotoneX, line } from "d3-shape";
import type { Selection } from "d3-selection";
import { DATAFLOW_EXACT_LAYOUT_LIMIT, assertDataflowSize } from "./dataflow-budget.js";
import { formatValue, round } from "./format.js";
import { TYPE, textWidth } from "./theme.js";
import { renderChart } from "./frame.js";
import { BASE_DEFAULTS, checksOf, keysOf, withDefaults } from "./defaults.js";
import type { ChartDefaults } from "./defaults.js";
import { measurerFor } from "./label-placer.js";
import { readLayoutInput } from "./layout-input.js";
import type { LayoutSize } from "./layout-input.js";
import type { BaseChartOptions, ChartElement, Frame } from "./frame.js";
import { keyboardOnElements } from "./keyboard.js";
import { readNumbers, readObject } from "./read-data.js";

/** A layer of the network and a statistic of it over training: min, mean and max per step. */
export interface DataflowNode {
  id: string;
  label?: string;
  /** The layers that feed this one. */
  parents?: string[];
  /** min, mean, max of a statistic (activations, gradients, weights) per step, each as long as `steps`. */
  series?: { min: ArrayLike<number>; mean: ArrayLike<number>; max: ArrayLike<number> };
}

export interface DataflowData {
  nodes: ArrayLike<DataflowNode>;
  /** The x value of each step (e.g. iterations). */
  steps: ArrayLike<number>;
}

export interface DataflowOptions extends BaseChartOptions {
  /** The selected step (an x value of `steps`): each node shows the window around it. Default: the last step. */
  step?: number;
  /** k: the window is the steps t − k … t + k. Default 10. */
  window?: number;
  /** The selected layer's id (outlined). */
  selected?: string;
  /** Node size in pixels, `[width, height]`, before the layout is fitted to the chart. Default [130, 70]. */
  nodeSize?: readonly [number, number];
  /**
   * The statistic's y scale: "shared" (one over every layer, so their sizes compare) or "node" (each layer's own
   * range, to see its shape). Either is labelled in each node. Default "shared".
   */
  yScale?: "shared" | "node";
  onHover?: (id: string | null, event: Event) => void;
  /** A click on a layer (it also becomes the selected one). */
  onSelect?: (id: string, event: Event) => void;
}

/** dataflowDag's options: defaults, allowed values and the docs' table, written once. */
export const dataflowDagDefaults = {
  ...BASE_DEFAULTS,
  step: { defaultText: "the last", doc: "the selected step t" },
  window: { default: 10, min: 0, integer: true, doc: "k: each node shows the steps t − k … t + k" },
  selected: { doc: "the selected layer's id (outlined)" },
  nodeSize: { default: [130, 70] as const, defaultText: "`[130, 70]`", doc: "a layer's box, pixels, before fitting" },
  yScale: {
    default: "shared",
    choices: ["shared", "node"],
    doc: "one labelled y scale for every layer, or each layer's own",
  },
  onHover: { doc: "`(id | null, event)`" },
  onSelect: { doc: "`(id, event)` on a click or Enter; it becomes selected" },
} as const satisfies ChartDefaults<DataflowOptions>;

interface Checked {
  nodes: {
    id: string;
    label: string;
    parents: string[];
    min?: Float64Array;
    mean?: Float64Array;
    max?: Float64Array;
  }[];
  steps: Float64Array;
}

/**
 * Draw DGMTracker's snapshot view (§4.3): the network's layers as a layered DAG (d3-dag's Sugiyama layout, left to
 * right), each node holding a small line chart of a statistic — the band from min to max and the mean — over the
 * window `[t − k, t + k]` around the selected step t, the step marked. A click selects a layer.
 *
 * @param container - The element to draw into.
 * @param data - `{ nodes: [{ id, label?, parents?, series? }], steps }`.
 * @param options - Size, `title`, `step`, `window`, `selected`, `nodeSize`, `onHover`, `onSelect`, `document`, `resize`.
 * @returns The chart's SVG element, with `destroy()`.
 * @throws `E_TYPE` when `container` is not an element; `E_OPTION` for an unknown option key; `E_RANGE` for a size
 *   ≤ 0. Bad data (a cycle, a parent that does not exist, a repeated id, series of the wrong length, NaN) draws an
 *   empty state with a message.
 * @example
 * // Fragment
 * dataflowDag(element, { nodes: layers, steps }, { step: 200, window: 10, onSelect: (id) => show(id) });
 */
export function dataflowDag(container: Element, data: DataflowData, options?: DataflowOptions): ChartElement {
  return renderChart(
    {
      kind: "dataflow-dag",
      defaultWidth: 720,
      defaultHeight: 360,
      defaultTitle: "Dataflow",
      keys: keysOf<DataflowOptions>(dataflowDagDefaults),
      ...checksOf(dataflowDagDefaults),
      read: readDataflow,
      draw: drawDataflow,
    },
    container,
    data,
    options,
  );
}

/** A layer as laid out: its box (centre and size, pixels), its name as it fits, and its statistic's marks. */
export interface DataflowNodeLayout {
  id: string;
  /** The name as drawn: cut with "…" to the box's width (the readout has it whole). */
  label: string;
  x: number;
  y: number;
  width: number;
  height: number;
  /** The band from min to max and the mean line over the window, paths relative to the box's top-left; "" without. */
  band: string;
  mean: string;
  /** The y-scale's labels inside the box (its top and bottom value), relative to the box; none without a series. */
  ticks: { y: number; text: string }[];
}

/** What `dataflowDagLayout` returns: the layers, the links (with an arrowhead at the target), the step and window. */
export interface DataflowDagLayout {
  nodes: DataflowNodeLayout[];
  links: { source: string; target: string; d: string; arrow: string }[];
  /** Index of the selected step and the window's first and last indices into `steps`. */
  step: number;
  from: number;
  to: number;
  /** The dashed line at the step, as an x relative to each box. */
  nowX: number;
  /** The y domain every box shares (`yScale: "shared"`), or null. */
  shared: [number, number] | null;
}

/** The plot area inside a box: a title row above, a gutter on the left for the scale's labels. */
const INNER = { left: 34, right: 5, top: 17, bottom: 5 };

/**
 * Lay out DGMTracker's snapshot view in pixels without a DOM: d3-dag's Sugiyama layout left to right, fitted to the
 * chart (scaled up to 2× or down), each layer's band and mean over the window around the selected step on a labelled
 * y scale (shared by every layer, or its own), names cut to their boxes, and each link with an arrowhead where it
 * enters its target.
 *
 * @param data - As `dataflowDag` takes it.
 * @param options - `width`, `height` (required) and `dataflowDag`'s options.
 * @returns Nodes, links, the step, window and shared domain.
 * @throws `E_OPTION` for an unknown key or a bad value; `E_RANGE` for a size that is not positive; `E_SHAPE` with the
 *   chart's empty-state message for data the chart would not draw (a cycle, a missing parent); `E_TOO_LARGE` past
 *   the layout's node budget.
 * @example
 * const layout = dataflowDagLayout({ nodes: [{ id: "in" }, { id: "out", parents: ["in"] }], steps: [0, 1] }, { width: 400, height: 200 });
 * layout.links[0].target; // => "out"
 */
export function dataflowDagLayout(data: DataflowData, options: DataflowOptions & LayoutSize): DataflowDagLayout {
  const input = readLayoutInput(data, options, dataflowDagDefaults, readDataflow);
  return layOutDataflow(input.checked, input.width, input.height, input.options);
}

function layOutDataflow(
  d: Checked,
  width: number,
  height: number,
  given: DataflowOptions,
  measure: (text: string, size: number) => number = textWidth,
): DataflowDagLayout {
  const options = withDefaults(given, dataflowDagDefaults);
  const [nodeWidth, nodeHeight] = options.nodeSize;
  // Sugiyama lays layers top to bottom; x and y are swapped to run left to right.
  const graph = graphStratify()(d.nodes.map((n) => ({ id: n.id, parentIds: n.parents })));
  // d3-dag's defaults solve linear programs (optimal layers and coordinates); past a few dozen layers they take
  // seconds, so larger networks get the linear-time operators: longest-path layers, one crossing sweep, greedy x.
  const fast = d.nodes.length > DATAFLOW_EXACT_LAYOUT_LIMIT;
  const base = sugiyama().nodeSize([nodeHeight, nodeWidth]).gap([16, 48]);
  const sugiyamaLayout = fast
    ? base.layering(layeringLongestPath()).decross(decrossTwoLayer().passes(1)).coord(coordGreedy())
    : base;
  const size = sugiyamaLayout(graph);
  // Fill the chart: up to twice the node size when there is room, smaller when there is not.
  const scale = Math.min(2, (width - 16) / size.height, (height - 16) / size.width);
  const ox = (width - size.height * scale) / 2;
  const oy = (height - size.width * scale) / 2;
  const [w, h] = [nodeWidth * scale, nodeHeight * scale];
  const window = windowOf(d, options);
  const charts = statisticCharts(d, window, w, h, options.yScale);
  const byId = new Map(d.nodes.map((n) => [n.id, n]));
  const nodes = [...graph.nodes()].map((n): DataflowNodeLayout => {
    const id = (n.data as { id: string }).id;
    const node = byId.get(id) as Checked["nodes"][number];
    const chart = charts.of(node);
    return {
      id,
      label: fitText(node.label, w - 10, measure),
      x: ox + n.y * scale,
      y: oy + n.x * scale,
      width: w,
      height: h,
      ...chart,
    };
  });
  const links = [...graph.links()].map((l) => {
    const points = l.points.map(([px, py]) => [ox + py * scale, oy + px * scale] as [number, number]);
    return {
      source: (l.source.data as { id: string }).id,
      target: (l.target.data as { id: string }).id,
      d: line<[number, number]>().curve(curveMonotoneX)(points.map(([x, y]) => [round(x), round(y)])) ?? "",
      arrow: arrowInto(points, w / 2),
    };
  });
  return { nodes, links, ...window, nowX: charts.nowX, shared: charts.shared };
}

/** The selected step's index (nearest x value; the last by default) and the window's ends. */
function windowOf(d: Checked, options: { step?: number; window: number }) {
  const last = d.steps.length - 1;
  let t = last;
  if (options.step !== undefined && Number.isFinite(options.step)) {
    t = 0;
    for (let k = 1; k <= last; k++)
      if (Math.abs(d.steps[k] - options.step) < Math.abs(d.steps[t] - options.step)) t = k;
  }
  return { step: t, from: Math.max(0, t - options.window), to: Math.min(last, t + options.window) };
}

/** Each layer's band, mean and labelled y scale over the window, in box coordinates. */
function statisticCharts(
  d: Checked,
  { step, from, to }: { step: number; from: number; to: number },
  w: number,
  h: number,
  yScale: "shared" | "node",
) {
  // The scale's labels need room: a box too small for two rows of numbers beside the plot shows none.
  const labelled = h >= 50 && w >= 90;
  const inner = { left: labelled ? INNER.left : 5, right: w - INNER.right, top: INNER.top, bottom: h - INNER.bottom };
  const x = scaleLinear()
    .domain([d.steps[from], d.steps[to] === d.steps[from] ? d.steps[from] + 1 : d.steps[to]])
    .range([inner.left, inner.right]);
  const rangeOf = (nodes: Checked["nodes"]): [number, number] => {
    let [lo, hi] = [Infinity, -Infinity];
    for (const n of nodes)
      for (let s = from; s <= to; s++) {
        lo = Math.min(lo, n.min?.[s] ?? Infinity);
        hi = Math.max(hi, n.max?.[s] ?? -Infinity);
      }
    return lo < hi ? [lo, hi] : lo === hi ? [lo - 1, lo + 1] : [0, 1];
  };
  const shared = yScale === "shared" ? rangeOf(d.nodes) : null;
  const window = Array.from({ length: to - from + 1 }, (_, j) => from + j);
  const of = (node: Checked["nodes"][number]) => {
    if (!node.min || !node.max || !node.mean) return { band: "", mean: "", ticks: [] };
    const [lo, hi] = shared ?? rangeOf([node]);
    const y = scaleLinear().domain([lo, hi]).range([inner.bottom, inner.top]);
    const [min, max, mean] = [node.min, node.max, node.mean];
    const band = area<number>()
      .x((s) => round(x(d.steps[s])))
      .y0((s) => round(y(min[s])))
      .y1((s) => round(y(max[s])));
    const meanLine = line<number>()
      .x((s) => round(x(d.steps[s])))
      .y((s) => round(y(mean[s])));
    const ticks = labelled
      ? [
          { y: inner.top + TYPE.small * 0.7, text: formatValue(hi) },
          { y: inner.bottom, text: formatValue(lo) },
        ]
      : [];
    return { band: band(window) ?? "", mean: meanLine(window) ?? "", ticks };
  };
  return { of, nowX: round(x(d.steps[step])), shared };
}

/** `text`, cut with "…" to fit `room` pixels at the small size. */
function fitText(text: string, room: number, measure: (text: string, size: number) => number): string {
  if (measure(text, TYPE.small) <= room) return text;
  let n = text.length;
  while (n > 1 && measure(`${text.slice(0, n)}…`, TYPE.small) > room) n--;
  return `${text.slice(0, n)}…`;
}

/** An arrowhead where a link enters its target's box (the box's left edge, `half` left of its centre). */
function arrowInto(points: [number, number][], half: number): string {
  if (points.length < 2) return "";
  const [cx, cy] = points[points.length - 1];
  const [px, py] = points[points.length - 2];
  const edge = cx - half;
  const t = px === cx ? 1 : Math.max(0, Math.min(1, (edge - px) / (cx - px)));
  const [ex, ey] = [px + (cx - px) * t, py + (cy - py) * t];
  const length = Math.hypot(ex - px, ey - py) || 1;
  const [ux, uy] = [(ex - px) / length, (ey - py) / length];
  const [bx, by] = [ex - 7 * ux, ey - 7 * uy];
  const [nx, ny] = [-uy * 3.5, ux * 3.5];
  return `M${round(ex)},${round(ey)}L${round(bx + nx)},${round(by + ny)}L${round(bx - nx)},${round(by - ny)}Z`;
}

function drawDataflow(frame: Frame, d: Checked, options: DataflowOptions) {
  const { marks, width, height, svg } = frame;
  const layout = layOutDataflow(d, width, height, options, measurerFor(frame.document));
  const { step: t, from, to } = layout;
  svg.attr("data-step", d.steps[t]).attr("data-window", `${d.steps[from]},${d.steps[to]}`);
  const root = marks.selectAll<SVGGElement, null>("g.dag").data([null]).join("g").attr("class", "dag");
  const linkGroups = root
    .selectAll<SVGGElement, null>("g.links")
    .data([null])
    .join("g")
    .attr("class", "links")
    .selectAll<SVGGElement, DataflowDagLayout["links"][number]>("g.link")
    .data(layout.links)
    .join((enter) => {
      const g = enter.append("g").attr("class", "link");
      g.append("path").attr("class", "edge").attr("fill", "none").attr("stroke", "currentColor");
      g.append("path").attr("class", "arrowhead").attr("fill", "currentColor");
      return g;
    })
    .attr("data-source", (l) => l.source)
    .attr("data-target", (l) => l.target)
    .attr("opacity", 0.5);
  linkGroups.select("path.edge").attr("d", (l) => l.d);
  linkGroups.select("path.arrowhead").attr("d", (l) => l.arrow);
  const byId = new Map(d.nodes.map((n) => [n.id, n]));
  const stored = svg.attr("data-selected");
  const initial = options.selected ?? (stored !== null && byId.has(stored) ? stored : undefined);
  const nodes = drawLayers(root, layout);
  const select = (id: string | undefined) => {
    svg.attr("data-selected", id ?? null);
    nodes.select("rect").attr("stroke-width", (p) => (p.id === id ? 2.5 : 1));
  };
  select(initial);
  nodes
    .on("pointerenter.clearbox", (event: Event, p) => {
      const node = byId.get(p.id) as Checked["nodes"][number];
      const lines = [node.label, `step ${formatValue(d.steps[t])}`];
      if (node.mean) lines.push(`mean ${formatValue(node.mean[t])}`);
      if (node.min && node.max) lines.push(`range ${formatValue(node.min[t])} … ${formatValue(node.max[t])}`);
      else lines.push("no statistic recorded");
      frame.readout(lines, p.x + p.width / 2, p.y - p.height / 2);
      options.onHover?.(p.id, event);
    })
    .on("pointerleave.clearbox", (event: Event) => {
      frame.readout(null);
      options.onHover?.(null, event);
    })
    .on("click.clearbox", (event: Event, p) => {
      select(p.id);
      options.onSelect?.(p.id, event);
    });
  keyboardOnElements(frame, nodes.nodes());
}

/** Each layer's box, name, statistic and scale labels (or a note that it has no statistic). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the DAG's group
function drawLayers(root: Selection<SVGGElement, any, any, any>, layout: DataflowDagLayout) {
  const nodes = root
    .selectAll<SVGGElement, null>("g.nodes")
    .data([null])
    .join("g")
    .attr("class", "nodes")
    .selectAll<SVGGElement, DataflowNodeLayout>("g.layer")
    .data(layout.nodes, (p) => p.id)
    .join((enter) => {
      const g = enter.append("g").attr("class", "layer");
      g.append("rect").attr("class", "cb-box");
      g.append("text").attr("class", "layer-label").attr("fill", "currentColor");
      g.append("path").attr("class", "band");
      g.append("path").attr("class", "mean");
      g.append("line").attr("class", "now");
      return g;
    })
    .attr("data-id", (p) => p.id)
    .attr("transform", (p) => `translate(${round(p.x - p.width / 2)},${round(p.y - p.height / 2)})`);
  nodes
    .select("rect")
    .attr("width", (p) => p.width)
    .attr("height", (p) => p.height)
    .attr("rx", 4);
  nodes
    .select("text")
    .attr("x", 5)
    .attr("y", 12)
    .attr("font-size", TYPE.small)
    .text((p) => p.label);
  nodes
    .select("path.band")
    .attr("d", (p) => p.band)
    .attr("fill", "#90caf9")
    .attr("fill-opacity", 0.6);
  nodes
    .select("path.mean")
    .attr("d", (p) => p.mean)
    .attr("fill", "none")
    .attr("stroke", "#1565c0")
    .attr("stroke-width", 1.2);
  nodes
    .select("line.now")
    .attr("display", (p) => (p.band === "" ? "none" : null))
    .attr("x1", layout.nowX)
    .attr("x2", layout.nowX)
    .attr("y1", INNER.top)
    .attr("y2", (p) => p.height - INNER.bottom)
    .attr("stroke", "currentColor")
    .attr("stroke-dasharray", "2 2");
  nodes
    .selectAll<SVGTextElement, { y: number; text: string }>("text.tick")
    .data((p) => (p.band === "" ? [{ y: p.height / 2 + 6, text: "no statistic" }] : p.ticks))
    .join("text")
    .attr("class", "tick")
    .attr("x", 5)
    .attr("y", (t) => round(t.y))
    .attr("font-size", TYPE.small)
    .attr("fill", "currentColor")
    .attr("fill-opacity", 0.75)
    .text((t) => t.text);
  return nodes;
}

function readDataflow(data: unknown): Checked | string {
  const object = readObject(data, "data");
  if (typeof object === "string") return object;
  const steps = readNumbers(object.steps, "data.steps");
  if (typeof steps === "string") return steps;
  if (steps.length === 0) return "data.steps is empty.";
  const raw = object.nodes as ArrayLike<unknown> | undefined;
  if (!raw || typeof raw.length !== "number" || raw.length === 0) return "No layers to draw (data.nodes is empty).";
  const nodes: Checked["nodes"] = [];
  const ids = new Set<string>();
  for (let i = 0; i < raw.length; i++) {
    const n = readObject(raw[i], `data.nodes[${i}]`);
    if (typeof n === "string") return n;
    if (typeof n.id !== "string" || n.id === "") return `data.nodes[${i}].id must be a non-empty string.`;
    if (ids.has(n.id)) return `data.nodes[${i}].id "${n.id}" is repeated.`;
    ids.add(n.id);
    const parents = n.parents === undefined ? [] : Array.isArray(n.parents) ? n.parents.map(String) : null;
    if (parents === null) return `data.nodes[${i}].parents must be an array of ids.`;
    const node: Checked["nodes"][number] = { id: n.id, label: n.label === undefined ? n.id : String(n.label), parents };
    if (n.series !== undefined) {
      const s = readObject(n.series, `data.nodes[${i}].series`);
      if (typeof s === "string") return s;
      for (const key of ["min", "mean", "max"] as const) {
        const v = readNumbers(s[key], `data.nodes[${i}].series.${key}`, steps.length);
        if (typeof v === "string") return v;
        node[key] = v;
      }
    }
    nodes.push(node);
  }
  for (const n of nodes) {
    for (const p of n.parents)
      if (!ids.has(p)) return `Layer "${n.id}" names a parent "${p}" that is not in data.nodes.`;
  }
  const cycle = findCycle(nodes);
  if (cycle !== null) return `The layers form a cycle (${cycle.join(" → ")}): a dataflow graph must be acyclic.`;
  assertDataflowSize(nodes);
  return { nodes, steps };
}

/** A cycle of parent links, as ids, or null (iterative depth-first search: no recursion limit). */
function findCycle(nodes: Checked["nodes"]): string[] | null {
  const parents = new Map(nodes.map((n) => [n.id, n.parents]));
  const state = new Map<string, 1 | 2>();
  for (const start of parents.keys()) {
    if (state.has(start)) continue;
    const stack: { id: string; next: number }[] = [{ id: start, next: 0 }];
    state.set(start, 1);
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const list = parents.get(top.id) ?? [];
      if (top.next === list.length) {
        state.set(top.id, 2);
        stack.pop();
        continue;
      }
      const p = list[top.next++];
      if (state.get(p) === 1) {
        const path = stack.map((s) => s.id);
        return [...path.slice(path.indexOf(p)), p].reverse();
      }
      if (!state.has(p)) {
        state.set(p, 1);
        stack.push({ id: p, next: 0 });
      }
    }
  }
  return null;
}
