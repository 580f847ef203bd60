import type { OptionKeys } from "@clearbox/core/internal";
import { sequentialColor } from "../colors.js";
import { readImageOrigins } from "../image-href.js";
import { BASE_KEYS, renderChart } from "../frame.js";
import type { BaseChartOptions, ChartElement, Frame } from "../frame.js";
import { TYPE } from "../theme.js";
import { drawExpanded } from "./expanded.js";
import { networkViewLayout } from "./layout.js";
import type { ClusterBox, NetworkViewLayout, NeuronBox } from "./layout.js";
import { readNetwork } from "./read.js";
import type { NetworkViewData } from "./types.js";

/** A cluster of a column (what onSelect reports). */
export interface NetworkClusterRef {
  column: number;
  cluster: number;
}

export interface NetworkViewOptions extends BaseChartOptions {
  /** Neurons preferring these classes stay opaque in every column; the others fade. Default: all opaque. */
  selectedClasses?: ArrayLike<number>;
  /** The cluster drawn expanded over the view: its packing enlarged and its reordered matrix. */
  expanded?: NetworkClusterRef | null;
  /** Origins whose images `href` may name (default none: only `data:image/...`). */
  imageOrigins?: string[];
  /** A neuron under the pointer (its column, cluster and unit), or null. */
  onHover?: (neuron: (NetworkClusterRef & { unit: number }) | null, event: Event) => void;
  /** A click on a cluster (null: the expanded view's close button). */
  onSelect?: (cluster: NetworkClusterRef | null, event: Event) => void;
}

const KEYS = {
  ...BASE_KEYS,
  selectedClasses: true,
  expanded: true,
  imageOrigins: true,
  onHover: true,
  onSelect: true,
} satisfies OptionKeys<NetworkViewOptions>;

/**
 * Draw the CNNVis main view (thesis Fig. 3.8): every layer group a column of cluster rectangles, each filled with its
 * neurons' images packed by importance; between neighbouring columns the biclustered bundles (bicluster rectangles
 * split by their negative share, curves by sign and weight). A class selection fades the neurons of other classes in
 * every column; a click on a cluster reports it (`onSelect`), and `expanded` draws it large with its reordered
 * matrix. Calling it again updates in place: clusters whose members and place did not change keep their elements.
 *
 * @param container - The element to draw into.
 * @param data - `{ columns: [{ name, clusters: [{ id, packing, neurons, matrix? }] }], pairs, pairWidth, bandHeight, classes? }`.
 * @param options - Size, `title`, `heading`, `selectedClasses`, `expanded`, `imageOrigins`, `onHover`, `onSelect`, `document`, `resize`.
 * @returns The chart's SVG element, with `destroy()`.
 * @throws `E_TYPE` when `container` is not an element; `E_OPTION` for an unknown option key; `E_RANGE` for a size
 *   ≤ 0. Bad data (a pair count that does not match the columns, a cluster without a packing, an image URL the policy
 *   refuses) draws an empty state with a message.
 * @example
 * // Fragment: `data` from @clearbox/cnnvis's analysis and views (see the CNNVis guide).
 * networkView(element, data, { width: 960, height: 520, selectedClasses: [3] });
 */
export function networkView(container: Element, data: NetworkViewData, options?: NetworkViewOptions): ChartElement {
  if (typeof options === "object" && options !== null && Object.hasOwn(options, "imageOrigins"))
    readImageOrigins(options.imageOrigins);
  return renderChart(
    {
      kind: "network-view",
      defaultWidth: 960,
      defaultHeight: 520,
      defaultTitle: "Network view: layer groups, neuron clusters and bundles",
      keys: KEYS,
      read: (d, o) => readNetwork(d, o.imageOrigins),
      draw: drawNetwork,
    },
    container,
    data,
    options,
  );
}

function drawNetwork(frame: Frame, data: NetworkViewData, options: NetworkViewOptions) {
  const layout = networkViewLayout(data, { width: frame.width, height: frame.height });
  drawColumns(frame, layout);
  drawBundles(frame, layout);
  drawClusters(frame, data, layout, options);
  drawExpanded(frame, data, layout, options);
}

function drawColumns(frame: Frame, layout: NetworkViewLayout) {
  frame.marks
    .selectAll<SVGTextElement, NetworkViewLayout["columns"][number]>("text.column-name")
    .data(layout.columns)
    .join("text")
    .attr("class", "column-name")
    .attr("x", (c) => c.x + c.width / 2)
    .attr("y", 14)
    .attr("text-anchor", "middle")
    .attr("font-size", TYPE.small)
    .attr("fill", "currentColor")
    .text((c) => (c.name.length > 28 ? `${c.name.slice(0, 27)}…` : c.name))
    .append("title")
    .text((c) => c.name);
}

function drawBundles(frame: Frame, layout: NetworkViewLayout) {
  let heaviest = 0;
  for (const c of layout.curves) heaviest = Math.max(heaviest, Math.abs(c.weight));
  const layer = frame.marks
    .selectAll<SVGGElement, null>("g.bundles")
    .data([null])
    .join("g")
    .attr("class", "bundles")
    .attr("role", "group")
    .attr("aria-label", "bundles between layer groups");
  layer
    .selectAll<SVGPathElement, NetworkViewLayout["curves"][number]>("path.bundle")
    .data(layout.curves, (c) => `${c.pair}:${c.d}`)
    .join("path")
    .attr("class", (c) => `bundle ${c.sign > 0 ? "cb-positive" : "cb-negative"}`)
    .attr("d", (c) => c.d)
    .attr("fill", "none")
    .attr("stroke-width", (c) => 0.5 + 2.5 * (heaviest > 0 ? Math.abs(c.weight) / heaviest : 0))
    .attr("stroke-opacity", (c) => 0.2 + 0.5 * (heaviest > 0 ? Math.abs(c.weight) / heaviest : 0));
  const rects = layer
    .selectAll<SVGGElement, NetworkViewLayout["rects"][number]>("g.bicluster")
    .data(layout.rects, (r) => `${r.pair}:${r.bicluster}`)
    .join((enter) => {
      const g = enter.append("g").attr("class", "bicluster");
      g.append("rect").attr("class", "cb-positive-fill pos");
      g.append("rect").attr("class", "cb-negative-fill neg");
      return g;
    });
  rects
    .select("rect.pos")
    .attr("x", (r) => r.x)
    .attr("y", (r) => r.y)
    .attr("width", (r) => r.width)
    .attr("height", (r) => r.height * (1 - r.negativeRatio));
  rects
    .select("rect.neg")
    .attr("x", (r) => r.x)
    .attr("y", (r) => r.y + r.height * (1 - r.negativeRatio))
    .attr("width", (r) => r.width)
    .attr("height", (r) => r.height * r.negativeRatio);
}

function clusterOf(data: NetworkViewData, box: { column: number; cluster?: number; id?: number }) {
  return data.columns[box.column].clusters.find((c) => c.id === (box.cluster ?? box.id))!;
}

function drawClusters(frame: Frame, data: NetworkViewData, layout: NetworkViewLayout, options: NetworkViewOptions) {
  let most = 0;
  for (const col of data.columns)
    for (const c of col.clusters) for (const n of c.neurons) most = Math.max(most, n.importance ?? 0);
  const color = sequentialColor(0, most || 1);
  const layer = frame.marks.selectAll<SVGGElement, null>("g.clusters").data([null]).join("g").attr("class", "clusters");
  // Keyed by what a cluster draws: a cluster whose members and place are unchanged keeps its elements untouched.
  const groups = layer
    .selectAll<SVGGElement, ClusterBox>("g.cluster")
    .data(layout.clusters, (c) => c.key)
    .join((enter) => {
      const g = enter
        .append("g")
        .attr("class", "cluster")
        .attr("data-column", (c) => c.column)
        .attr("data-cluster", (c) => c.id);
      g.append("rect")
        .attr("class", "cb-frame")
        .attr("x", (c) => c.x - 1)
        .attr("y", (c) => c.y - 1)
        .attr("width", (c) => c.width + 2)
        .attr("height", (c) => c.height + 2);
      g.append("title").text((c) => clusterOf(data, c).label ?? `cluster ${c.id}`);
      const neurons = g
        .selectAll<SVGGElement, NeuronBox>("g.neuron")
        .data((c) => c.neurons)
        .join("g")
        .attr("class", "neuron");
      neurons.each(function (n) {
        const neuron = clusterOf(data, n).neurons[n.index];
        const node = this.ownerDocument.createElementNS("http://www.w3.org/2000/svg", neuron?.href ? "image" : "rect");
        const attrs: Record<string, string> = {
          x: String(n.x),
          y: String(n.y),
          width: String(Math.max(0.5, n.width)),
          height: String(Math.max(0.5, n.height)),
        };
        if (neuron?.href) Object.assign(attrs, { href: neuron.href, preserveAspectRatio: "none" });
        else attrs.fill = color(neuron?.importance ?? 0);
        for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
        this.appendChild(node);
      });
      return g;
    });
  const selected = options.selectedClasses === undefined ? undefined : new Set(Array.from(options.selectedClasses));
  groups
    .selectAll<SVGGElement, NeuronBox>("g.neuron")
    .attr("opacity", (n) => {
      const c = clusterOf(data, n).neurons[n.index]?.topClass;
      return selected === undefined || c === undefined || selected.has(c) ? 1 : 0.15;
    })
    .on("pointerenter.clearbox", (event: Event, n: NeuronBox) => {
      const neuron = clusterOf(data, n).neurons[n.index];
      const cls =
        neuron?.topClass === undefined ? [] : [`prefers ${data.classes?.[neuron.topClass] ?? neuron.topClass}`];
      frame.readout([neuron?.label ?? `unit ${neuron?.unit}`, ...cls], n.x + n.width, n.y);
      options.onHover?.({ column: n.column, cluster: n.cluster, unit: neuron?.unit ?? n.index }, event);
    })
    .on("pointerleave.clearbox", (event: Event) => {
      frame.readout(null);
      options.onHover?.(null, event);
    });
  groups.on("click.clearbox", (event: Event, c: ClusterBox) =>
    options.onSelect?.({ column: c.column, cluster: c.id }, event),
  );
}
