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
import type { OptionKeys } from "@clearbox/core/internal";
import { DATAFLOW_EXACT_LAYOUT_LIMIT, assertDataflowSize } from "./dataflow-budget.js";
import { formatValue, round } from "./format.js";
import { TYPE } from "./theme.js";
import { BASE_KEYS, renderChart } from "./frame.js";
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
  /** Node size in pixels, `[width, height]`. Default [130, 70]. */
  nodeSize?: readonly [number, number];
  onHover?: (id: string | null, event: Event) => void;
  /** A click on a layer (it also becomes the selected one). */
  onSelect?: (id: string, event: Event) => void;
}

const KEYS = {
  ...BASE_KEYS,
  step: true,
  window: true,
  selected: true,
  nodeSize: true,
  onHover: true,
  onSelect: true,
} satisfies OptionKeys<DataflowOptions>;

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

interface Placed {
  id: string;
  label: string;
  x: number;
  y: number;
  node: Checked["nodes"][number];
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
      keys: KEYS,
      numbers: { window: { min: 0, integer: true } },
      read: readDataflow,
      draw: drawDataflow,
    },
    container,
    data,
    options,
  );
}

function drawDataflow(frame: Frame, d: Checked, options: DataflowOptions) {
  const { marks, width, height, svg } = frame;
  const [nodeWidth, nodeHeight] = options.nodeSize ?? [130, 70];
  // Sugiyama lays layers top to bottom; x and y are swapped to run left to right.
  const graph = graphStratify()(d.nodes.map((n) => ({ id: n.id, parentIds: n.parents })));
  // d3-dag's defaults solve linear programs (optimal layers and coordinates); past a few dozen layers they take
  // seconds, so larger networks get the linear-time operators: longest-path layers, one crossing sweep, greedy x.
  const fast = d.nodes.length > DATAFLOW_EXACT_LAYOUT_LIMIT;
  const base = sugiyama().nodeSize([nodeHeight, nodeWidth]).gap([16, 48]);
  const layout = fast
    ? base.layering(layeringLongestPath()).decross(decrossTwoLayer().passes(1)).coord(coordGreedy())
    : base;
  const size = layout(graph);
  const scale = Math.min(1, (width - 16) / size.height, (height - 16) / size.width);
  const ox = (width - size.height * scale) / 2;
  const oy = (height - size.width * scale) / 2;
  const byId = new Map(d.nodes.map((n) => [n.id, n]));
  const placed: Placed[] = [...graph.nodes()].map((n) => {
    const id = (n.data as { id: string }).id;
    const node = byId.get(id) as Checked["nodes"][number];
    return { id, label: node.label, x: ox + n.y * scale, y: oy + n.x * scale, node };
  });
  const root = marks.selectAll<SVGGElement, null>("g.dag").data([null]).join("g").attr("class", "dag");
  const edge = line<[number, number]>().curve(curveMonotoneX);
  const links = [...graph.links()].map((l) => ({
    source: (l.source.data as { id: string }).id,
    target: (l.target.data as { id: string }).id,
    points: l.points.map(([px, py]) => [ox + py * scale, oy + px * scale] as [number, number]),
  }));
  root
    .selectAll<SVGGElement, null>("g.links")
    .data([null])
    .join("g")
    .attr("class", "links")
    .selectAll<SVGPathElement, (typeof links)[number]>("path")
    .data(links)
    .join("path")
    .attr("fill", "none")
    .attr("stroke", "currentColor")
    .attr("stroke-opacity", 0.4)
    .attr("data-source", (l) => l.source)
    .attr("data-target", (l) => l.target)
    .attr("d", (l) => edge(l.points.map(([x, y]) => [round(x), round(y)])) ?? "");

  // The window around the selected step.
  const last = d.steps.length - 1;
  let t = last;
  if (options.step !== undefined && Number.isFinite(options.step)) {
    t = 0;
    for (let k = 1; k <= last; k++)
      if (Math.abs(d.steps[k] - options.step) < Math.abs(d.steps[t] - options.step)) t = k;
  }
  const k = Math.max(0, Math.floor(options.window ?? 10));
  const from = Math.max(0, t - k);
  const to = Math.min(last, t + k);
  svg.attr("data-step", d.steps[t]).attr("data-window", `${d.steps[from]},${d.steps[to]}`);
  const w = nodeWidth * scale;
  const h = nodeHeight * scale;
  const stored = svg.attr("data-selected");
  const initial = options.selected ?? (stored !== null && byId.has(stored) ? stored : undefined);
  const nodes = root
    .selectAll<SVGGElement, null>("g.nodes")
    .data([null])
    .join("g")
    .attr("class", "nodes")
    .selectAll<SVGGElement, Placed>("g.layer")
    .data(placed, (p) => p.id)
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
    .attr("transform", (p) => `translate(${round(p.x - w / 2)},${round(p.y - h / 2)})`);
  nodes.select("rect").attr("width", w).attr("height", h).attr("rx", 4);
  nodes
    .select("text")
    .attr("x", 5)
    .attr("y", 12)
    .attr("font-size", TYPE.small)
    .text((p) => p.label);
  const inner = { left: 5, right: w - 5, top: 17, bottom: h - 5 };
  const x = scaleLinear()
    .domain([d.steps[from], d.steps[to] === d.steps[from] ? d.steps[from] + 1 : d.steps[to]])
    .range([inner.left, inner.right]);
  // Each layer's y scale over the window, computed once for its band and its mean line.
  const scales = new Map<string, ReturnType<typeof scaleLinear<number, number>>>();
  const yOf = (p: Placed) => scales.get(p.id) ?? scales.set(p.id, windowScale(p)).get(p.id)!;
  const windowScale = (p: Placed) => {
    let lo = Infinity;
    let hi = -Infinity;
    for (let s = from; s <= to; s++) {
      lo = Math.min(lo, p.node.min?.[s] ?? Infinity);
      hi = Math.max(hi, p.node.max?.[s] ?? -Infinity);
    }
    return scaleLinear()
      .domain(lo < hi ? [lo, hi] : [lo - 1, lo + 1])
      .range([inner.bottom, inner.top]);
  };
  const window = Array.from({ length: to - from + 1 }, (_, j) => from + j);
  nodes
    .select("path.band")
    .attr("d", (p) => {
      if (!p.node.min || !p.node.max) return "";
      const y = yOf(p);
      const band = area<number>()
        .x((s) => round(x(d.steps[s])))
        .y0((s) => round(y((p.node.min as Float64Array)[s])))
        .y1((s) => round(y((p.node.max as Float64Array)[s])));
      return band(window) ?? "";
    })
    .attr("fill", "#90caf9")
    .attr("fill-opacity", 0.6);
  nodes
    .select("path.mean")
    .attr("d", (p) => {
      if (!p.node.mean) return "";
      const y = yOf(p);
      return (
        line<number>()
          .x((s) => round(x(d.steps[s])))
          .y((s) => round(y((p.node.mean as Float64Array)[s])))(window) ?? ""
      );
    })
    .attr("fill", "none")
    .attr("stroke", "#1565c0")
    .attr("stroke-width", 1.2);
  nodes
    .select("line.now")
    .attr("x1", round(x(d.steps[t])))
    .attr("x2", round(x(d.steps[t])))
    .attr("y1", inner.top)
    .attr("y2", inner.bottom)
    .attr("stroke", "currentColor")
    .attr("stroke-dasharray", "2 2");
  const select = (id: string | undefined) => {
    svg.attr("data-selected", id ?? null);
    nodes.select("rect").attr("stroke-width", (p) => (p.id === id ? 2.5 : 1));
  };
  select(initial);
  nodes
    .on("pointerenter.clearbox", (event: Event, p) => {
      const lines = [p.label, `step ${formatValue(d.steps[t])}`];
      if (p.node.mean) lines.push(`mean ${formatValue(p.node.mean[t])}`);
      if (p.node.min && p.node.max) lines.push(`range ${formatValue(p.node.min[t])} … ${formatValue(p.node.max[t])}`);
      frame.readout(lines, p.x + w / 2, p.y - h / 2);
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
