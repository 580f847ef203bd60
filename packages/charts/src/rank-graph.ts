import { contourDensity } from "d3-contour";
import { extent, max } from "d3-array";
import { Delaunay } from "d3-delaunay";
import { forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY } from "d3-force";
import type { SimulationNodeDatum } from "d3-force";
import { geoPath } from "d3-geo";
import { createRandom } from "@clearbox/core/internal";
import type { BundleEdgesOptions } from "./edge-bundling.js";
import { drawFlows, layOutFlows } from "./flow-layer.js";
import type { DrawnFlow, Flow } from "./flow-layer.js";
import { formatValue } from "./format.js";
import { TYPE } from "./theme.js";
import { drawLabels } from "./label-layer.js";
import { measurerFor, placeLabels } from "./label-placer.js";
import type { LabelRequest, PlacedLabel } from "./label-placer.js";
import { renderChart } from "./frame.js";
import { BASE_DEFAULTS, checksOf, keysOf, withDefaults } from "./defaults.js";
import type { ChartDefaults } from "./defaults.js";
import { readLayoutInput } from "./layout-input.js";
import type { LayoutSize } from "./layout-input.js";
import type { BaseChartOptions, ChartElement, Frame } from "./frame.js";
import { keyboardOnElements } from "./keyboard.js";
import { drawGlyphs, glyphStats } from "./glyph.js";
import type { GlyphStats } from "./glyph.js";
import { readNumbers, readObject } from "./read-data.js";

/** A cluster of ranked elements (posts, users, hashtags): its importance, members and their uncertainty. */
export interface RankCluster {
  label?: string;
  /** The cluster's score (e.g. the sum of its members' scores): the node's area. */
  importance: number;
  /** Its members' uncertainty on a 0–1 scale: the ring glyph. */
  uncertainty?: ArrayLike<number>;
  /** Its members: the most important are drawn as labelled representatives, the rest as a density layer. */
  members?: ArrayLike<{ label?: string; importance: number }>;
}

export interface RankGraphData {
  clusters: ArrayLike<RankCluster>;
  /** Links between clusters that pull them together in the layout (weight default 1). */
  links?: ArrayLike<{ source: number; target: number; weight?: number }>;
  /** Flows of uncertainty between clusters; those from the selected cluster are drawn, bundled. */
  flows?: ArrayLike<Flow>;
}

export interface RankGraphOptions extends BaseChartOptions {
  /** Seed of the force layout and of the members' scatter: the same seed, the same picture. Default 0. */
  seed?: number;
  /** The cluster whose flows are drawn. Default: none; a click selects. */
  selected?: number;
  /** Representatives drawn per cluster. Default 3. */
  representatives?: number;
  /** Kernel bandwidth of the members' density layer, in pixels (0 hides the layer). Default 10. */
  bandwidth?: number;
  /** Flow bundling: true, FDEB options, or false for straight flows. Default true. */
  bundle?: boolean | BundleEdgesOptions;
  onHover?: (cluster: number | null, event: Event) => void;
  /** A click on a cluster (it also becomes the selected one). */
  onSelect?: (cluster: number, event: Event) => void;
}

/** rankGraph's options: defaults, allowed values and the docs' table, written once. */
export const rankGraphDefaults = {
  ...BASE_DEFAULTS,
  seed: { default: 0, min: -Infinity, integer: true, doc: "layout and members' scatter" },
  selected: { doc: "the cluster whose flows are drawn (a click sets it)" },
  representatives: { default: 3, min: 0, integer: true, doc: "labelled members per cluster" },
  bandwidth: { default: 10, min: 0, doc: "density kernel, pixels (0 hides the layer)" },
  bundle: { default: true, doc: "flows bundled (`true`, `bundleEdges` options) or straight" },
  onHover: { doc: "`(cluster | null, event)`" },
  onSelect: { doc: "`(cluster, event)` on a click or Enter" },
} as const satisfies ChartDefaults<RankGraphOptions>;

interface Checked {
  clusters: {
    label: string;
    importance: number;
    stats: GlyphStats | null;
    members: { label: string; importance: number }[];
  }[];
  links: { source: number; target: number; weight: number }[];
  flows: Flow[];
}

interface Node extends SimulationNodeDatum {
  index: number;
  r: number;
}

/**
 * Draw MutualRanker's graph view (§5.3.1): clusters as circles sized by importance, placed by a seeded d3-force
 * layout; a Voronoi cell (d3-delaunay) as each cluster's region; its most important members as labelled
 * representatives beside it and the others as a kernel density (d3-contour) within its cell; an uncertainty ring
 * glyph per cluster; a click selects a cluster and draws its flows of uncertainty, bundled (`flowMap`'s layer).
 *
 * @param container - The element to draw into.
 * @param data - `{ clusters: [{ importance, label?, uncertainty?, members? }], links?, flows? }`.
 * @param options - Size, `title`, `seed`, `selected`, `representatives`, `bandwidth`, `bundle`, `onHover`, `onSelect`, `document`, `resize`.
 * @returns The chart's SVG element, with `destroy()`.
 * @throws `E_TYPE` when `container` is not an element; `E_OPTION` for an unknown option key; `E_RANGE` for a size
 *   ≤ 0. Bad data (NaN, a link or flow to a missing cluster, uncertainty outside 0–1) draws an empty state with a message.
 * @example
 * // Fragment
 * rankGraph(element, { clusters, links, flows: ranker.propagation(members, { topK: 30 }) }, { seed: 1 });
 */
export function rankGraph(container: Element, data: RankGraphData, options?: RankGraphOptions): ChartElement {
  return renderChart(
    {
      kind: "rank-graph",
      defaultWidth: 640,
      defaultHeight: 480,
      defaultTitle: "Ranking graph",
      keys: keysOf<RankGraphOptions>(rankGraphDefaults),
      ...checksOf(rankGraphDefaults),
      read: readRankGraph,
      draw: drawRankGraph,
    },
    container,
    data,
    options,
  );
}

/** A cluster's most important member, drawn as a dot beside its cluster's ring. */
export interface Representative {
  cluster: number;
  label: string;
  importance: number;
  /** Its direction from the cluster's centre. */
  angle: number;
  x: number;
  y: number;
}

/** What `rankGraphLayout` returns: every mark of the graph view in pixels. */
export interface RankGraphLayout {
  /** One circle per cluster, by index: centre and radius (∝ √importance). */
  nodes: { index: number; x: number; y: number; r: number }[];
  /** Each cluster's Voronoi cell, an SVG path, by index. */
  cells: string[];
  representatives: Representative[];
  /** The other members' kernel density: nested contours (SVG paths), lowest level first. */
  density: string[];
  /** Names placed without overlaps: cluster names (`index` < clusters) and representatives' (`index` − clusters). */
  labels: PlacedLabel[];
  /** The selected cluster (−1 for none) and its flows, laid out. */
  selected: number;
  flows: DrawnFlow[];
}

/**
 * Lay out MutualRanker's graph view in pixels without a DOM: the seeded force layout of the clusters (links pull,
 * collisions keep rings apart), fitted to the chart; the Voronoi cells; the representatives beside each ring and the
 * other members' density inside each cell; names placed without overlaps (clusters first, by importance); the
 * selected cluster's flows. The same seed gives the same layout.
 *
 * @param data - As `rankGraph` takes it.
 * @param options - `width`, `height` (required) and `rankGraph`'s options.
 * @returns Nodes, cells, representatives, density contours, labels and flows in pixels.
 * @throws `E_OPTION` for an unknown key or a bad value; `E_RANGE` for a size that is not positive; `E_SHAPE` with the
 *   chart's empty-state message for data the chart would not draw.
 * @example
 * const layout = rankGraphLayout({ clusters: [{ importance: 3 }, { importance: 1 }] }, { width: 400, height: 300 });
 * layout.nodes.length; // => 2
 */
export function rankGraphLayout(data: RankGraphData, options: RankGraphOptions & LayoutSize): RankGraphLayout {
  const input = readLayoutInput(data, options, rankGraphDefaults, readRankGraph);
  const n = input.checked.clusters.length;
  const selected = input.options.selected;
  const valid = selected !== undefined && Number.isInteger(selected) && selected >= 0 && selected < n;
  return layOutRankGraph(input.checked, input.width, input.height, input.options, valid ? selected : -1);
}

function layOutRankGraph(
  g: Checked,
  width: number,
  height: number,
  given: RankGraphOptions,
  selected: number,
  measure?: (text: string, size: number, bold?: boolean) => number,
): RankGraphLayout {
  const options = withDefaults(given, rankGraphDefaults);
  const random = createRandom(options.seed);
  const nodes = placeClusters(g, width, height, random);
  const voronoi = Delaunay.from(
    nodes,
    (d) => d.x,
    (d) => d.y,
  ).voronoi([0, 0, width, height]);
  const { representatives, scattered } = placeMembers(g, nodes, voronoi, options.representatives, random);
  const contours =
    options.bandwidth > 0 && scattered.length > 0
      ? contourDensity<[number, number, number]>()
          .x((d) => d[0])
          .y((d) => d[1])
          .weight((d) => d[2] + 1e-9)
          .size([width, height])
          .bandwidth(options.bandwidth)
          .thresholds(8)(scattered)
      : [];
  const path = geoPath();
  return {
    nodes,
    cells: nodes.map((d) => voronoi.renderCell(d.index)),
    representatives,
    density: contours.map((c) => path(c) ?? ""),
    labels: placeRankLabels(g, nodes, representatives, width, height, measure),
    selected,
    flows: flowsOf(g, nodes, selected, options.bundle),
  };
}

/** The flows from the selected cluster, laid out between the cluster centres. */
function flowsOf(g: Checked, nodes: RankGraphLayout["nodes"], selected: number, bundle: RankGraphOptions["bundle"]) {
  const own = selected >= 0 ? g.flows.filter((f) => f.from === selected) : [];
  return layOutFlows((i) => [nodes[i].x, nodes[i].y], own, bundle ?? true).flows;
}

/** The seeded force layout of the clusters, fitted to the chart (spread or shrunk; radii kept). */
function placeClusters(g: Checked, width: number, height: number, random: ReturnType<typeof createRandom>) {
  const n = g.clusters.length;
  const largest = Math.max(max(g.clusters, (c) => c.importance) ?? 0, 1e-12);
  // Radii: the largest cluster takes about a 40th of the area's side; the others ∝ √importance.
  const rMax = Math.max(8, Math.min(40, Math.sqrt((width * height) / Math.max(1, n)) * 0.35));
  const nodes: Node[] = g.clusters.map((c, index) => {
    const angle = (index / n) * 2 * Math.PI;
    return {
      index,
      r: 3 + rMax * Math.sqrt(c.importance / largest),
      x: width / 2 + (width / 4) * Math.cos(angle),
      y: height / 2 + (height / 4) * Math.sin(angle),
    };
  });
  const simulation = forceSimulation(nodes)
    .randomSource(() => random.next())
    .force(
      "link",
      forceLink<Node, { source: number; target: number; weight: number }>(g.links.map((l) => ({ ...l })))
        .distance((l) => (l.source as unknown as Node).r + (l.target as unknown as Node).r + 30)
        .strength((l) => Math.min(1, 0.05 * l.weight)),
    )
    .force("charge", forceManyBody().strength(-60))
    .force(
      "collide",
      forceCollide<Node>((d) => d.r + 14),
    )
    // A pull to the middle keeps clusters without links from drifting off.
    .force("x", forceX(width / 2).strength(0.06))
    .force("y", forceY(height / 2).strength(0.06))
    .stop();
  for (let t = 0; t < 300; t++) simulation.tick();
  // Fit the layout to the chart, margins for the rings and labels.
  const margin = 22 + rMax;
  const [x0, x1] = extent(nodes, (d) => d.x as number) as [number, number];
  const [y0, y1] = extent(nodes, (d) => d.y as number) as [number, number];
  const scale = Math.min((width - 2 * margin) / (x1 - x0 || 1), (height - 2 * margin) / (y1 - y0 || 1));
  const fitted = nodes.map((d) => ({
    index: d.index,
    x: width / 2 + ((d.x as number) - (x0 + x1) / 2) * scale,
    y: height / 2 + ((d.y as number) - (y0 + y1) / 2) * scale,
    r: d.r,
  }));
  return fitted;
}

/** Members: the representatives beside the node, the others scattered in the cell (seeded) for the density. */
function placeMembers(
  g: Checked,
  nodes: RankGraphLayout["nodes"],
  voronoi: { contains(i: number, x: number, y: number): boolean },
  keep: number,
  random: ReturnType<typeof createRandom>,
) {
  const representatives: Representative[] = [];
  const scattered: [number, number, number][] = [];
  g.clusters.forEach((c, i) => {
    const { x: cx, y: cy, r } = nodes[i];
    const members = [...c.members].sort((a, b) => b.importance - a.importance);
    members.slice(0, keep).forEach((m, k) => {
      const angle = -Math.PI / 2 + ((k + 0.5) / keep) * Math.PI;
      const at = r + RING + 4;
      representatives.push({
        cluster: i,
        label: m.label,
        importance: m.importance,
        angle,
        x: cx + at * Math.cos(angle),
        y: cy + at * Math.sin(angle),
      });
    });
    for (const m of members.slice(keep))
      scattered.push([...scatterIn(voronoi, i, cx, cy, r + 12, random), m.importance]);
  });
  return { representatives, scattered };
}

/** A seeded point near (cx, cy) inside cell i (8 tries; else the centre). */
function scatterIn(
  voronoi: { contains(i: number, x: number, y: number): boolean },
  i: number,
  cx: number,
  cy: number,
  spread: number,
  random: ReturnType<typeof createRandom>,
): [number, number] {
  for (let attempt = 0; attempt < 8; attempt++) {
    const tx = cx + spread * random.normal();
    const ty = cy + spread * random.normal();
    if (voronoi.contains(i, tx, ty)) return [tx, ty];
  }
  return [cx, cy];
}

/** Cluster names first (by importance), then members (by importance); a name with no room is dropped. */
function placeRankLabels(
  g: Checked,
  nodes: RankGraphLayout["nodes"],
  representatives: Representative[],
  width: number,
  height: number,
  measure?: (text: string, size: number, bold?: boolean) => number,
): PlacedLabel[] {
  const largest = Math.max(max(g.clusters, (c) => c.importance) ?? 0, 1e-12);
  const largestMember = max(g.clusters, (c) => max(c.members, (m) => m.importance) ?? 0) ?? 0;
  const requests: LabelRequest[] = [
    ...nodes.map((d) => ({
      x: d.x,
      y: d.y,
      text: g.clusters[d.index].label,
      priority: 2 + g.clusters[d.index].importance / largest,
      radius: d.r + RING,
      size: TYPE.body,
      bold: true,
      angles: [Math.PI / 2, -Math.PI / 2, 0, Math.PI],
    })),
    ...representatives.map((r) => ({
      x: r.x,
      y: r.y,
      text: r.label,
      priority: r.importance / (largestMember || 1),
      radius: 3,
      angles: [r.angle, r.angle - 0.5, r.angle + 0.5],
    })),
  ];
  return placeLabels(requests, {
    bounds: [0, 0, width, height],
    obstacles: [
      ...nodes.map((d) => ringBox(d.x, d.y, d.r + RING)),
      ...representatives.map((r) => ringBox(r.x, r.y, 2.5)),
    ],
    measure,
  }).placed;
}

function drawRankGraph(frame: Frame, g: Checked, given: RankGraphOptions) {
  const { marks, width, height, svg } = frame;
  const options = withDefaults(given, rankGraphDefaults);
  const n = g.clusters.length;
  const stored = svg.attr("data-selected");
  const initial =
    options.selected !== undefined &&
    Number.isInteger(options.selected) &&
    options.selected >= 0 &&
    options.selected < n
      ? options.selected
      : stored !== null && stored !== "" && Number(stored) < n
        ? Number(stored)
        : -1;
  const layout = layOutRankGraph(g, width, height, options, initial, measurerFor(frame.document));
  const { nodes } = layout;
  drawPaths(marks, "cells", layout.cells)
    .attr("fill", "none")
    .attr("stroke", "currentColor")
    .attr("stroke-opacity", 0.15);
  drawPaths(marks, "density", layout.density)
    .attr("fill-opacity", (_, k) => 0.04 + 0.02 * k)
    .attr("fill", "currentColor");
  const flowLayer = marks.selectAll<SVGGElement, null>("g.flows").data([null]).join("g").attr("class", "flows");
  const circles = marks
    .selectAll<SVGGElement, null>("g.clusters")
    .data([null])
    .join("g")
    .attr("class", "clusters")
    .selectAll<SVGCircleElement, RankGraphLayout["nodes"][number]>("circle")
    .data(nodes)
    .join("circle")
    .attr("class", "cluster cb-box")
    .attr("cx", (d) => d.x)
    .attr("cy", (d) => d.y)
    .attr("r", (d) => d.r)
    .attr("data-index", (d) => d.index);
  drawRingsAndNames(marks, g, layout);
  const select = (cluster: number) => {
    svg.attr("data-selected", cluster >= 0 ? cluster : null);
    circles
      .attr("stroke-width", (d) => (d.index === cluster ? 3 : 1))
      .classed("cb-selected", (d) => d.index === cluster);
    drawFlows(flowLayer, cluster === layout.selected ? layout.flows : flowsOf(g, nodes, cluster, options.bundle));
  };
  select(initial);
  circles
    .on("pointerenter.clearbox", (event: Event, d) => {
      const c = g.clusters[d.index];
      const lines = [c.label, `importance ${formatValue(c.importance)}`, `${c.members.length} members`];
      if (c.stats) lines.push(`uncertainty ${formatValue(c.stats.q1)} – ${formatValue(c.stats.q3)} (quartiles)`);
      frame.readout(lines, d.x + d.r, d.y);
      options.onHover?.(d.index, event);
    })
    .on("pointerleave.clearbox", (event: Event) => {
      frame.readout(null);
      options.onHover?.(null, event);
    })
    .on("click.clearbox", (event: Event, d) => {
      select(d.index);
      options.onSelect?.(d.index, event);
    });
  keyboardOnElements(frame, circles.nodes());
}

/** A group of class `name` holding one path per string (a keyed-by-position join). */
function drawPaths(marks: Frame["marks"], name: string, paths: string[]) {
  return marks
    .selectAll<SVGGElement, null>(`g.${name}`)
    .data([null])
    .join("g")
    .attr("class", name)
    .selectAll<SVGPathElement, string>("path")
    .data(paths)
    .join("path")
    .attr("d", (d) => d);
}

/** The uncertainty rings, the representatives' dots and the placed names. */
function drawRingsAndNames(marks: Frame["marks"], g: Checked, layout: RankGraphLayout) {
  const n = g.clusters.length;
  const glyphLayer = marks.selectAll<SVGGElement, null>("g.glyphs").data([null]).join("g").attr("class", "glyphs");
  drawGlyphs(
    glyphLayer,
    layout.nodes.flatMap((d) => {
      const stats = g.clusters[d.index].stats;
      return stats === null ? [] : [{ x: d.x, y: d.y, radius: d.r, stats }];
    }),
  ).attr("pointer-events", "none");
  marks
    .selectAll<SVGGElement, null>("g.representatives")
    .data([null])
    .join("g")
    .attr("class", "representatives")
    .selectAll<SVGCircleElement, Representative>("circle")
    .data(layout.representatives)
    .join("circle")
    .attr("cx", (d) => d.x)
    .attr("cy", (d) => d.y)
    .attr("r", 2.5)
    .attr("fill", "currentColor")
    .attr("data-cluster", (d) => d.cluster);
  drawLabels(
    marks,
    layout.labels.filter((l) => l.index < n),
    "cluster-labels",
  ).attr("font-weight", 600);
  drawLabels(
    marks,
    layout.labels.filter((l) => l.index >= n),
    "representative-labels",
  ).attr("data-cluster", (l) => layout.representatives[l.index - n].cluster);
}

/** Outer edge of a cluster's uncertainty ring beyond its radius (glyph.ts's track). */
const RING = 9;

const ringBox = (x: number, y: number, r: number): [number, number, number, number] => [x - r, y - r, x + r, y + r];

function readRankGraph(data: unknown): Checked | string {
  const object = readObject(data, "data");
  if (typeof object === "string") return object;
  const raw = object.clusters as ArrayLike<unknown> | undefined;
  if (!raw || typeof raw.length !== "number" || raw.length === 0)
    return "No clusters to draw (data.clusters is empty).";
  const n = raw.length;
  const clusters: Checked["clusters"] = [];
  for (let i = 0; i < n; i++) {
    const c = readObject(raw[i], `data.clusters[${i}]`);
    if (typeof c === "string") return c;
    if (typeof c.importance !== "number" || !Number.isFinite(c.importance) || c.importance < 0) {
      return `data.clusters[${i}].importance must be a finite number ≥ 0.`;
    }
    let stats: GlyphStats | null = null;
    if (c.uncertainty !== undefined) {
      const values = readNumbers(c.uncertainty, `data.clusters[${i}].uncertainty`);
      if (typeof values === "string") return values;
      if (values.some((v) => v < 0 || v > 1)) return `data.clusters[${i}].uncertainty must be on a 0–1 scale.`;
      stats = glyphStats(values);
    }
    const members: Checked["clusters"][number]["members"] = [];
    const rawMembers = (c.members ?? []) as ArrayLike<{ label?: unknown; importance?: unknown }>;
    for (let k = 0; k < rawMembers.length; k++) {
      const m = rawMembers[k];
      if (typeof m?.importance !== "number" || !Number.isFinite(m.importance) || m.importance < 0) {
        return `data.clusters[${i}].members[${k}].importance must be a finite number ≥ 0.`;
      }
      members.push({ label: m.label === undefined ? `member ${k}` : String(m.label), importance: m.importance });
    }
    clusters.push({
      label: c.label === undefined ? `cluster ${i}` : String(c.label),
      importance: c.importance,
      stats,
      members,
    });
  }
  const links = readPairs(object.links, "data.links", n, ["source", "target", "weight"], 1);
  if (typeof links === "string") return links;
  const flows = readPairs(object.flows, "data.flows", n, ["from", "to", "flow"]);
  if (typeof flows === "string") return flows;
  return {
    clusters,
    links: links.map(([source, target, weight]) => ({ source, target, weight })),
    flows: flows.map(([from, to, flow]) => ({ from, to, flow })),
  };
}

/** Records joining two clusters with a value ≥ 0, as [a, b, value] triples, or a message. */
function readPairs(
  value: unknown,
  name: string,
  n: number,
  [a, b, v]: [string, string, string],
  fallback?: number,
): [number, number, number][] | string {
  const raw = (value ?? []) as ArrayLike<Record<string, unknown>>;
  const out: [number, number, number][] = [];
  for (let k = 0; k < raw.length; k++) {
    const r = raw[k];
    const values = readNumbers([r?.[a], r?.[b], r?.[v] ?? fallback], `${name}[${k}]`);
    const joins = (i: number) => Number.isInteger(i) && i >= 0 && i < n;
    if (typeof values === "string" || !joins(values[0]) || !joins(values[1]) || values[2] < 0) {
      return `${name}[${k}] must join two existing clusters with a ${v} ≥ 0.`;
    }
    out.push([values[0], values[1], values[2]]);
  }
  return out;
}
