import { path } from "d3-path";
import { DIVERGING_PALETTES, divergingColor } from "./colors.js";
import type { ColorScale, DivergingPalette } from "./colors.js";
import { formatValue } from "./format.js";
import { renderChart } from "./frame.js";
import { BASE_DEFAULTS, checksOf, keysOf, withDefaults } from "./defaults.js";
import type { ChartDefaults } from "./defaults.js";
import { colorBar } from "./legend.js";
import { readLayoutInput } from "./layout-input.js";
import type { LayoutSize } from "./layout-input.js";
import type { BaseChartOptions, ChartElement, Frame } from "./frame.js";
import { keyboardOnElements } from "./keyboard.js";
import { isArrayLike, readLabels, readNumbers, readObject } from "./read-data.js";

/** Units on a grid (neurons, feature maps, or an input's pixels) with a value each, and who influences whom. */
export interface InfluenceGridData {
  /** One value per unit, row-major on the grid (activations, or an LRP relevance map). */
  values: ArrayLike<number>;
  /** Grid width in units. Default: the smallest square that holds them. */
  columns?: number;
  labels?: string[];
  /** `influences[j][i]`: how much unit i drives unit j (e.g. LRP relevance between neurons). Enables focus edges. */
  influences?: ArrayLike<ArrayLike<number>>;
}

export interface InfluenceGridOptions extends BaseChartOptions {
  /** The diverging palette: "blue-red" (colour-blind safe) or CNNVis's "red-green". Default "blue-red". */
  palette?: DivergingPalette;
  /** Value → colour. Default: the palette, symmetric around 0. */
  color?: ColorScale;
  /** The unit whose strongest influences are drawn. Default: none; a click on a unit focuses it. */
  focus?: number;
  /** How many of the strongest influences (by |value|) to draw. Default 8. */
  topK?: number;
  onHover?: (unit: { index: number; value: number } | null, event: Event) => void;
  /** A click on a unit (it also becomes the focus). */
  onSelect?: (index: number, event: Event) => void;
}

/** influenceGrid's options: defaults, allowed values and the docs' table, written once. */
export const influenceGridDefaults = {
  ...BASE_DEFAULTS,
  palette: { default: "blue-red", choices: DIVERGING_PALETTES, doc: "the diverging palette (red-green is CNNVis's)" },
  color: { defaultText: "the palette, symmetric around 0", doc: "value → colour" },
  focus: { defaultText: "none (a click sets it)", doc: "the unit whose influences are drawn" },
  topK: { default: 8, min: 0, integer: true, doc: "how many influences" },
  onHover: { doc: "`({ index, value } | null, event)`" },
  onSelect: { doc: "`(index, event)`; the clicked unit becomes the focus" },
} as const satisfies ChartDefaults<InfluenceGridOptions>;

interface Checked {
  values: Float64Array;
  columns: number;
  rows: number;
  labels?: string[];
  influences?: Float64Array[];
}

/**
 * Draw units as a grid coloured by value (CNNVis's neuron and feature-map grids, or an LRP relevance map of an input):
 * diverging red/green by default; with `influences`, the strongest influences on the focused unit as curves coloured
 * by sign and sized by strength. A click on a unit re-focuses the grid and calls `onSelect`.
 *
 * @param container - The element to draw into.
 * @param data - `{ values, columns?, labels?, influences? }`.
 * @param options - Size, `title`, `color`, `focus`, `topK`, `onHover`, `onSelect`, `document`, `resize`.
 * @returns The chart's SVG element, with `destroy()`.
 * @throws `E_TYPE` when `container` is not an element; `E_OPTION` for an unknown option key; `E_RANGE` for a size
 *   ≤ 0. Bad data (NaN, influences of the wrong size) draws an empty state with a message.
 * @example
 * // Fragment
 * influenceGrid(element, { values: relevance, columns: 8 }, { title: "Relevance of each pixel" });
 */
export function influenceGrid(
  container: Element,
  data: InfluenceGridData,
  options?: InfluenceGridOptions,
): ChartElement {
  return renderChart(
    {
      kind: "influence-grid",
      defaultWidth: 320,
      defaultHeight: 320,
      defaultTitle: "Influence grid",
      keys: keysOf<InfluenceGridOptions>(influenceGridDefaults),
      ...checksOf(influenceGridDefaults),
      read: readGrid,
      draw: drawGrid,
    },
    container,
    data,
    options,
  );
}

/** What `influenceGridLayout` returns: the cells in pixels with their colours, and the focused unit's influences. */
export interface InfluenceGridLayout {
  /** The side of a cell in pixels (square cells). */
  cell: number;
  /** One per unit, row-major: its top-left corner and fill. */
  cells: { index: number; x: number; y: number; value: number; fill: string }[];
  /** The unit whose influences are drawn, or −1. */
  focus: number;
  /** The `topK` strongest influences on the focus, strongest first: an arc from `source`, width ∝ |influence|. */
  edges: { source: number; influence: number; d: string; width: number }[];
  /** The colour bar: its place and the symmetric range it spans. */
  legend: { x: number; y: number; height: number; low: number; high: number } | null;
}

/** Room for the colour bar (bar and tick labels) right of the grid. */
const LEGEND_WIDTH = 56;

/**
 * Lay out an influence grid in pixels without a DOM: square cells as large as fit (room for the colour bar on the
 * right when the chart is wide enough), each unit's colour on a palette symmetric around 0, and the arcs of the
 * `topK` strongest influences on the focused unit.
 *
 * @param data - As `influenceGrid` takes it.
 * @param options - `width`, `height` (required) and `influenceGrid`'s options.
 * @returns Cells, the focus's edges and the legend's place.
 * @throws `E_OPTION` for an unknown key or a bad value; `E_RANGE` for a size that is not positive; `E_SHAPE` with the
 *   chart's empty-state message for data the chart would not draw.
 * @example
 * influenceGridLayout({ values: [1, -1, 0.5, 0] }, { width: 200, height: 200 }).cells.length; // => 4
 */
export function influenceGridLayout(
  data: InfluenceGridData,
  options: InfluenceGridOptions & LayoutSize,
): InfluenceGridLayout {
  const input = readLayoutInput(data, options, influenceGridDefaults, readGrid);
  const focus = input.options.focus;
  const valid = focus !== undefined && Number.isInteger(focus) && focus >= 0 && focus < input.checked.values.length;
  return layOutGrid(input.checked, input.width, input.height, input.options, valid ? focus : -1);
}

function layOutGrid(
  g: Checked,
  width: number,
  height: number,
  given: InfluenceGridOptions,
  focus: number,
): InfluenceGridLayout {
  const options = withDefaults(given, influenceGridDefaults);
  let extent = 0;
  for (const v of g.values) extent = Math.max(extent, Math.abs(v));
  const color = options.color ?? divergingColor(extent, options.palette);
  const legendRoom = width >= 160 && options.color === undefined ? LEGEND_WIDTH : 0;
  const cell = Math.min((width - 4 - legendRoom) / g.columns, (height - 4) / g.rows);
  const ox = (width - legendRoom - cell * g.columns) / 2;
  const oy = (height - cell * g.rows) / 2;
  const cx = (i: number) => ox + ((i % g.columns) + 0.5) * cell;
  const cy = (i: number) => oy + (Math.floor(i / g.columns) + 0.5) * cell;
  const cells = Array.from(g.values, (value, index) => ({
    index,
    x: ox + (index % g.columns) * cell,
    y: oy + Math.floor(index / g.columns) * cell,
    value,
    fill: color(value),
  }));
  const incoming = focus >= 0 && g.influences ? g.influences[focus] : undefined;
  const strongest =
    incoming === undefined
      ? []
      : cells
          .map((c) => c.index)
          .filter((i) => i !== focus && incoming[i] !== 0)
          .sort((a, b) => Math.abs(incoming[b]) - Math.abs(incoming[a]) || a - b)
          .slice(0, options.topK);
  const top = incoming && strongest.length > 0 ? Math.abs(incoming[strongest[0]]) : 1;
  const edges = strongest.map((i) => {
    // A gentle arc from the source to the focused unit, bowed to one side so that edges along a row stay apart.
    const [x0, y0, x1, y1] = [cx(i), cy(i), cx(focus), cy(focus)];
    const d = path();
    d.moveTo(x0, y0);
    d.quadraticCurveTo((x0 + x1) / 2 - (y1 - y0) * 0.2, (y0 + y1) / 2 + (x1 - x0) * 0.2, x1, y1);
    const influence = incoming?.[i] ?? 0;
    return { source: i, influence, d: d.toString(), width: 1 + 3 * (Math.abs(influence) / top) };
  });
  const legend =
    legendRoom > 0
      ? { x: ox + cell * g.columns + 12, y: oy, height: Math.min(cell * g.rows, 200), low: -extent, high: extent }
      : null;
  return { cell, cells, focus, edges, legend };
}

function drawGrid(frame: Frame, g: Checked, options: InfluenceGridOptions) {
  const { marks, width, height, svg } = frame;
  const n = g.values.length;
  // The focus survives updates: a click sets it, a new `options.focus` replaces it.
  const stored = svg.attr("data-focus");
  const focus =
    options.focus !== undefined && Number.isInteger(options.focus) && options.focus >= 0 && options.focus < n
      ? options.focus
      : stored !== null && stored !== "" && Number(stored) < n
        ? Number(stored)
        : -1;
  const first = layOutGrid(g, width, height, options, focus);
  const { cell } = first;
  const drawEdges = (target: number) => {
    svg.attr("data-focus", target >= 0 ? target : null);
    const { edges } = target === focus ? first : layOutGrid(g, width, height, options, target);
    marks
      .selectAll<SVGGElement, null>("g.edges")
      .data([null])
      .join("g")
      .attr("class", "edges")
      .attr("fill", "none")
      .attr("pointer-events", "none")
      .selectAll<SVGPathElement, InfluenceGridLayout["edges"][number]>("path")
      .data(edges, (e) => String(e.source))
      .join("path")
      .attr("class", (e) => (e.influence > 0 ? "cb-positive" : "cb-negative"))
      .attr("data-source", (e) => e.source)
      .attr("d", (e) => e.d)
      .attr("stroke-width", (e) => e.width)
      .attr("stroke-opacity", 0.85);
    cells
      .attr("stroke-width", (c) => (c.index === target ? 2.5 : 0.5))
      .attr("class", (c) => (c.index === target ? "unit focus" : "unit"));
  };
  type Cell = InfluenceGridLayout["cells"][number];
  const cells = marks
    .selectAll<SVGGElement, null>("g.units")
    .data([null])
    .join("g")
    .attr("class", "units")
    .selectAll<SVGRectElement, Cell>("rect")
    .data(first.cells)
    .join("rect")
    .attr("x", (c) => c.x)
    .attr("y", (c) => c.y)
    .attr("width", cell)
    .attr("height", cell)
    .attr("fill", (c) => c.fill)
    .attr("stroke", "currentColor")
    .attr("stroke-opacity", 0.25)
    .attr("data-index", (c) => c.index)
    .attr("data-value", (c) => c.value)
    .on("pointerenter.clearbox", (event: Event, c) => {
      frame.readout([g.labels?.[c.index] ?? `unit ${c.index}`, `value ${formatValue(c.value)}`], c.x + cell, c.y);
      options.onHover?.({ index: c.index, value: c.value }, event);
    })
    .on("pointerleave.clearbox", (event: Event) => {
      frame.readout(null);
      options.onHover?.(null, event);
    })
    .on("click.clearbox", (event: Event, c) => {
      drawEdges(c.index);
      options.onSelect?.(c.index, event);
    });
  drawEdges(focus);
  drawLegend(frame, first, options);
  keyboardOnElements(frame, cells.nodes(), g.columns);
}

/** The colour bar beside the grid (or none, when a custom colour scale or a narrow chart leaves no room). */
function drawLegend(frame: Frame, layout: InfluenceGridLayout, given: InfluenceGridOptions) {
  const legend = layout.legend;
  if (legend === null) {
    frame.marks.selectAll("g.legend").remove();
    return;
  }
  const options = withDefaults(given, influenceGridDefaults);
  const extent = legend.high > 0 ? legend.high : 1;
  colorBar(frame.marks, divergingColor(extent, options.palette), -extent, extent, legend.x, legend.y, legend.height);
}

function readGrid(data: unknown): Checked | string {
  const object = readObject(data, "data");
  if (typeof object === "string") return object;
  const values = readNumbers(object.values, "data.values");
  if (typeof values === "string") return values;
  if (values.length === 0) return "No units to draw (data.values is empty).";
  const columns = object.columns === undefined ? Math.ceil(Math.sqrt(values.length)) : Number(object.columns);
  if (!Number.isInteger(columns) || columns < 1) return "data.columns must be a positive integer.";
  const labels = readLabels(object.labels, "data.labels", values.length);
  if (typeof labels === "string") return labels;
  let influences: Float64Array[] | undefined;
  if (object.influences !== undefined) {
    if (!isArrayLike(object.influences) || object.influences.length !== values.length) {
      return `data.influences must have one row per unit (${values.length}).`;
    }
    influences = [];
    for (let j = 0; j < values.length; j++) {
      const row = readNumbers(object.influences[j], `data.influences[${j}]`, values.length);
      if (typeof row === "string") return row;
      influences.push(row);
    }
  }
  return { values, columns, rows: Math.ceil(values.length / columns), labels, influences };
}
