import { extent } from "d3-array";
import { quadtree } from "d3-quadtree";
import { pointer } from "d3-selection";
import { OTHER_GROUPS_COLOR, groupColors } from "./colors.js";
import { renderChart } from "./frame.js";
import type { BaseChartOptions, ChartElement, Frame } from "./frame.js";
import { BASE_DEFAULTS, checksOf, keysOf, withDefaults } from "./defaults.js";
import type { ChartDefaults } from "./defaults.js";
import { keyboardMarks } from "./keyboard.js";
import { formatValue } from "./format.js";
import { readIndices, readLabels, readObject } from "./read-data.js";
import { rectangleBrush } from "./rect-brush.js";
import type { BrushBox } from "./rect-brush.js";
import { swatchLegend } from "./legend.js";
import { wideLinear } from "./wide-linear.js";
import { readLayoutInput } from "./layout-input.js";
import type { LayoutSize } from "./layout-input.js";

/** A 2-D projection: one point per item, optionally a group each (a cluster, a class). */
export interface ScatterData {
  /** `[x, y]` per point (e.g. the first two principal components). */
  points: ArrayLike<readonly [number, number] | ArrayLike<number>>;
  /** Group per point, integers ≥ 0 (colour and legend). */
  groups?: ArrayLike<number>;
  /** A name per point for the readout. */
  labels?: string[];
}

/** What the scatter plot reports on hover and click. */
export interface ScatterPoint {
  index: number;
  x: number;
  y: number;
  group: number;
}

export interface ScatterOptions extends BaseChartOptions {
  /** Legend and readout text of a group. Default `group 3`. */
  groupLabel?: (group: number) => string;
  /** Colour of a group. Default Tableau 10 by group id; past ten groups, the nine largest coloured and the rest grey. */
  color?: (group: number) => string;
  /** Point radius in pixels. Default 2.5. */
  radius?: number;
  /** Points to emphasise (the others fade), e.g. a selection made in another chart. */
  highlight?: ArrayLike<number>;
  /** The nearest point within 24 px of the pointer, or null when it leaves. */
  onHover?: (point: ScatterPoint | null, event: Event) => void;
  /** A click on a point. */
  onSelect?: (point: ScatterPoint, event: Event) => void;
  /** A rectangle brushed over the plot: the indices inside it (empty when cleared). Turns the brush on. */
  onBrush?: (indices: number[], event: Event | null) => void;
}

/** scatterPlot's options: defaults, allowed values and the docs' table, written once. */
export const scatterPlotDefaults = {
  ...BASE_DEFAULTS,
  groupLabel: { default: (g: number) => `group ${g}`, defaultText: "`group 3`", doc: "legend and readout text" },
  color: {
    defaultText: "Tableau 10; past ten groups the nine largest, the rest grey",
    doc: "group → colour",
  },
  radius: { default: 2.5, min: 0, doc: "point radius" },
  highlight: { doc: "point indices kept lit, the others faded" },
  onHover: { doc: "`({ index, x, y, group } | null, event)`" },
  onSelect: { doc: "the same, on a click or Enter" },
  onBrush: { defaultText: "— (no brush)", doc: "`(indices, event)` when a brush ends; `[]` when cleared" },
} as const satisfies ChartDefaults<ScatterOptions>;

interface Checked {
  x: Float64Array;
  y: Float64Array;
  groups: Int32Array;
  labels?: string[];
}

/**
 * Draw a 2-D projection as a scatter plot: categorical colour by group with a legend, a readout of the nearest point
 * on hover (nearest point by quadtree, so small points are easy to hit), a click to select and, with `onBrush`, a
 * rectangular brush that reports the points inside. Calling it again on the same container updates in place.
 *
 * @param container - The element to draw into (the SVG is appended once, then reused).
 * @param data - `{ points: [x, y][], groups?, labels? }`.
 * @param options - Size, `title`, `groupLabel`, `color`, `radius`, `highlight`, `onHover`, `onSelect`, `onBrush`, `document`, `resize`.
 * @returns The chart's SVG element, with `destroy()`.
 * @throws `E_TYPE` when `container` is not an element; `E_OPTION` for an unknown option key; `E_RANGE` for a size
 *   ≤ 0. Bad data (NaN, mismatched lengths) draws an empty state with a message instead.
 * @example
 * // Fragment
 * scatterPlot(element, { points: [[0, 1], [2, 3]], groups: [0, 1] }, { onBrush: (indices) => console.log(indices) });
 */
export function scatterPlot(container: Element, data: ScatterData, options?: ScatterOptions): ChartElement {
  return renderChart(
    {
      kind: "scatter-plot",
      defaultWidth: 560,
      defaultHeight: 400,
      defaultTitle: "Scatter plot",
      keys: keysOf<ScatterOptions>(scatterPlotDefaults),
      ...checksOf(scatterPlotDefaults),
      read: readScatter,
      draw(frame, checked, given) {
        const options = withDefaults(given, scatterPlotDefaults);
        const { marks, width, height } = frame;
        const layout = layOutScatter(checked, width, height, options);
        const { px, py, plot, legend, margin } = layout;
        const n = checked.x.length;
        marks
          .selectAll<SVGRectElement, null>("rect.cb-frame")
          .data([null])
          .join("rect")
          .attr("class", "cb-frame")
          .attr("x", plot.x)
          .attr("y", plot.y)
          .attr("width", plot.width)
          .attr("height", plot.height);
        const layer = marks.selectAll<SVGGElement, null>("g.points").data([null]).join("g").attr("class", "points");
        layer
          .selectAll<SVGCircleElement, number>("circle")
          .data(Array.from({ length: n }, (_, i) => i))
          .join("circle")
          .attr("cx", (i) => px[i])
          .attr("cy", (i) => py[i])
          .attr("r", options.radius)
          .attr("fill", (i) => layout.fill[i])
          .attr("fill-opacity", (i) => layout.opacity[i])
          .attr("data-index", (i) => i)
          .attr("data-group", (i) => checked.groups[i]);
        if (legend.length > 0)
          swatchLegend(
            marks,
            legend.map((row) => row.group),
            (g) => legend.find((row) => row.group === g)?.color ?? OTHER_GROUPS_COLOR,
            (g) => legend.find((row) => row.group === g)?.label ?? "",
            width - LEGEND_WIDTH + 8,
            margin + 8,
          );
        else marks.selectAll("g.legend").remove();

        wireScatter(frame, checked, px, py, options, [
          [plot.x, plot.y],
          [plot.x + plot.width, plot.y + plot.height],
        ]);
      },
    },
    container,
    data,
    options,
  );
}

/** What `scatterPlotLayout` returns: each point in pixels with its fill and opacity, the plot's frame, the legend. */
export interface ScatterPlotLayout {
  /** Each point's centre in pixels, by index. */
  px: Float64Array;
  py: Float64Array;
  fill: string[];
  /** 0.8, or 0.12 for points outside `highlight`. */
  opacity: Float64Array;
  /** The frame the points stay inside. */
  plot: { x: number; y: number; width: number; height: number };
  /** The legend's rows, in order: a group, its colour and text (group −1: the groups that share grey). */
  legend: { group: number; color: string; label: string }[];
  margin: number;
}

/** Room on the right for the legend, when there is one. */
const LEGEND_WIDTH = 110;

/**
 * Lay out a scatter plot without a DOM: one linear scale per axis over the data's extent (any finite extent, also
 * ±1e308), each point's colour (Tableau 10 by group; past ten groups the nine largest, the rest grey) and opacity
 * (faded outside `highlight`), the legend's rows.
 *
 * @param data - As `scatterPlot` takes it.
 * @param options - `width`, `height` (required) and `scatterPlot`'s options.
 * @returns Points in pixels with fills and opacities, the plot's frame and the legend.
 * @throws `E_OPTION` for an unknown key or a bad value; `E_RANGE` for a size that is not positive; `E_SHAPE` with the
 *   chart's empty-state message for data the chart would not draw.
 * @example
 * const layout = scatterPlotLayout({ points: [[0, 0], [1, 1]], groups: [0, 1] }, { width: 300, height: 200 });
 * layout.legend.length; // => 2
 */
export function scatterPlotLayout(data: ScatterData, options: ScatterOptions & LayoutSize): ScatterPlotLayout {
  const input = readLayoutInput(data, options, scatterPlotDefaults, readScatter);
  return layOutScatter(input.checked, input.width, input.height, input.options);
}

function layOutScatter(checked: Checked, width: number, height: number, given: ScatterOptions): ScatterPlotLayout {
  const options = withDefaults(given, scatterPlotDefaults);
  const palette = groupColors(checked.groups);
  const color = options.color ?? palette.color;
  // The legend: each group with a colour of its own, then one row (id −1) for the groups that share grey.
  const groups = palette.others > 0 && options.color === undefined ? [...palette.named, -1] : palette.named;
  const legend =
    groups.length > 1
      ? groups.map((g) => ({
          group: g,
          color: g < 0 ? OTHER_GROUPS_COLOR : color(g),
          label: g < 0 ? `${palette.others} other groups` : options.groupLabel(g),
        }))
      : [];
  const legendWidth = legend.length > 0 ? LEGEND_WIDTH : 0;
  const margin = 12;
  const [x0, x1] = extent(checked.x) as [number, number];
  const [y0, y1] = extent(checked.y) as [number, number];
  const sx = wideLinear(x0, x1, margin, width - legendWidth - margin);
  const sy = wideLinear(y0, y1, height - margin, margin);
  const highlight = options.highlight === undefined ? undefined : new Set(Array.from(options.highlight));
  return {
    px: Float64Array.from(checked.x, (v) => sx(v)),
    py: Float64Array.from(checked.y, (v) => sy(v)),
    fill: Array.from(checked.groups, (g) => color(g)),
    opacity: Float64Array.from(checked.groups, (_, i) => (highlight === undefined || highlight.has(i) ? 0.8 : 0.12)),
    plot: { x: margin / 2, y: margin / 2, width: width - legendWidth - margin, height: height - margin },
    legend,
    margin,
  };
}

function readScatter(data: unknown): Checked | string {
  const object = readObject(data, "data");
  if (typeof object === "string") return object;
  const points = object.points;
  if (!Array.isArray(points) && !ArrayBuffer.isView(points)) return "data.points must be an array of [x, y] pairs.";
  const list = points as ArrayLike<unknown>;
  if (list.length === 0) return "No points to draw (data.points is empty).";
  const x = new Float64Array(list.length);
  const y = new Float64Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const p = list[i] as ArrayLike<unknown> | null;
    const px = p?.[0];
    const py = p?.[1];
    if (typeof px !== "number" || typeof py !== "number" || !Number.isFinite(px) || !Number.isFinite(py)) {
      return `data.points[${i}] is not a pair of finite numbers.`;
    }
    x[i] = px;
    y[i] = py;
  }
  const groups =
    object.groups === undefined ? new Int32Array(list.length) : readIndices(object.groups, "data.groups", list.length);
  if (typeof groups === "string") return groups;
  const labels = readLabels(object.labels, "data.labels", list.length);
  if (typeof labels === "string") return labels;
  return { x, y, groups, labels };
}

/**
 * The scatter plot's interaction: hover readout of the nearest point (quadtree), click to select, the keyboard
 * (points left to right), and with `onBrush` the rectangular brush over `bounds`.
 */
function wireScatter(
  frame: Frame,
  checked: Checked,
  px: Float64Array,
  py: Float64Array,
  options: ScatterOptions,
  bounds: BrushBox,
) {
  const n = px.length;
  const groupLabel = options.groupLabel ?? scatterPlotDefaults.groupLabel.default;
  const point = (i: number): ScatterPoint => ({ index: i, x: checked.x[i], y: checked.y[i], group: checked.groups[i] });
  const describe = (i: number) => [
    checked.labels?.[i] ?? `point ${i}`,
    groupLabel(checked.groups[i]),
    `(${formatValue(checked.x[i])}, ${formatValue(checked.y[i])})`,
  ];
  const tree = quadtree<number>()
    .x((i) => px[i])
    .y((i) => py[i])
    .addAll(Array.from({ length: n }, (_, i) => i));
  const nearest = (event: Event): number => {
    const [mx, my] = pointer(event, frame.marks.node());
    return tree.find(mx, my, 24) ?? -1;
  };
  frame.svg
    .on("pointermove.clearbox", (event: Event) => {
      const i = nearest(event);
      frame.readout(i < 0 ? null : describe(i), px[i], py[i]);
      options.onHover?.(i < 0 ? null : point(i), event);
    })
    .on("pointerleave.clearbox", (event: Event) => {
      frame.readout(null);
      options.onHover?.(null, event);
    })
    .on("click.clearbox", (event: Event) => {
      const i = nearest(event);
      if (i >= 0) options.onSelect?.(point(i), event);
    });
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => px[a] - px[b] || py[a] - py[b]);
  keyboardMarks(frame, {
    count: n,
    position: (k) => {
      const r = options.radius ?? scatterPlotDefaults.radius.default;
      return [px[order[k]] - r, py[order[k]] - r, 2 * r, 2 * r];
    },
    describe: (k) => describe(order[k]),
    select: (k, event) => options.onSelect?.(point(order[k]), event),
    hover: (k, event) => options.onHover?.(k === null ? null : point(order[k]), event),
  });
  const onBrush = options.onBrush;
  const brushLayer = frame.marks.selectAll<SVGGElement, null>("g.brush").data(onBrush ? [null] : []);
  brushLayer.exit().remove();
  if (onBrush === undefined) return;
  const layer = brushLayer.enter().append("g").attr("class", "brush").merge(brushLayer);
  rectangleBrush(layer, bounds, (box, event) => {
    if (box === null) return onBrush([], event);
    const [[bx0, by0], [bx1, by1]] = box;
    const inside: number[] = [];
    for (let i = 0; i < n; i++) if (px[i] >= bx0 && px[i] <= bx1 && py[i] >= by0 && py[i] <= by1) inside.push(i);
    onBrush(inside, event);
  });
}
