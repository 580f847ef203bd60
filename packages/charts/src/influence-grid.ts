import { path } from "d3-path";
import type { OptionKeys } from "@clearbox/core/internal";
import { DIVERGING_PALETTES, checkPalette, divergingColor } from "./colors.js";
import type { ColorScale, DivergingPalette } from "./colors.js";
import { formatValue } from "./format.js";
import { BASE_KEYS, renderChart } from "./frame.js";
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
  /** Value → colour. Default red (negative) / green (positive), symmetric around 0. */
  color?: ColorScale;
  /** The unit whose strongest influences are drawn. Default: none; a click on a unit focuses it. */
  focus?: number;
  /** How many of the strongest influences (by |value|) to draw. Default 8. */
  topK?: number;
  onHover?: (unit: { index: number; value: number } | null, event: Event) => void;
  /** A click on a unit (it also becomes the focus). */
  onSelect?: (index: number, event: Event) => void;
}

const KEYS = {
  ...BASE_KEYS,
  color: true,
  palette: true,
  focus: true,
  topK: true,
  onHover: true,
  onSelect: true,
} satisfies OptionKeys<InfluenceGridOptions>;

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
      keys: KEYS,
      choices: { palette: DIVERGING_PALETTES },
      numbers: { topK: { min: 0, integer: true } },
      read: readGrid,
      draw: drawGrid,
    },
    container,
    data,
    options,
  );
}

function drawGrid(frame: Frame, g: Checked, options: InfluenceGridOptions) {
  const { marks, width, height, svg } = frame;
  const n = g.values.length;
  let extent = 0;
  for (const v of g.values) extent = Math.max(extent, Math.abs(v));
  const color = options.color ?? divergingColor(extent, checkPalette(options.palette));
  const cell = Math.min((width - 4) / g.columns, (height - 4) / g.rows);
  const ox = (width - cell * g.columns) / 2;
  const oy = (height - cell * g.rows) / 2;
  const cx = (i: number) => ox + ((i % g.columns) + 0.5) * cell;
  const cy = (i: number) => oy + (Math.floor(i / g.columns) + 0.5) * cell;
  const topK = options.topK ?? 8;
  // The focus survives updates: a click sets it, a new `options.focus` replaces it.
  const stored = svg.attr("data-focus");
  const focus =
    options.focus !== undefined && Number.isInteger(options.focus) && options.focus >= 0 && options.focus < n
      ? options.focus
      : stored !== null && stored !== "" && Number(stored) < n
        ? Number(stored)
        : -1;
  const units = Array.from({ length: n }, (_, i) => i);
  const drawEdges = (target: number) => {
    svg.attr("data-focus", target >= 0 ? target : null);
    const incoming = target >= 0 && g.influences ? g.influences[target] : undefined;
    const strongest =
      incoming === undefined
        ? []
        : units
            .filter((i) => i !== target && incoming[i] !== 0)
            .sort((a, b) => Math.abs(incoming[b]) - Math.abs(incoming[a]) || a - b)
            .slice(0, topK);
    const top = incoming && strongest.length > 0 ? Math.abs(incoming[strongest[0]]) : 1;
    marks
      .selectAll<SVGGElement, null>("g.edges")
      .data([null])
      .join("g")
      .attr("class", "edges")
      .attr("fill", "none")
      .attr("pointer-events", "none")
      .selectAll<SVGPathElement, number>("path")
      .data(strongest, (i) => String(i))
      .join("path")
      .attr("class", (i) => ((incoming?.[i] ?? 0) > 0 ? "cb-positive" : "cb-negative"))
      .attr("data-source", (i) => i)
      .attr("d", (i) => {
        // A gentle arc from the source to the focused unit, bowed to one side so that edges along a row stay apart.
        const [x0, y0, x1, y1] = [cx(i), cy(i), cx(target), cy(target)];
        const d = path();
        d.moveTo(x0, y0);
        d.quadraticCurveTo((x0 + x1) / 2 - (y1 - y0) * 0.2, (y0 + y1) / 2 + (x1 - x0) * 0.2, x1, y1);
        return d.toString();
      })
      .attr("stroke-width", (i) => 1 + 3 * (Math.abs(incoming?.[i] ?? 0) / top))
      .attr("stroke-opacity", 0.85);
    cells
      .attr("stroke-width", (i) => (i === target ? 2.5 : 0.5))
      .attr("class", (i) => (i === target ? "unit focus" : "unit"));
  };
  const cells = marks
    .selectAll<SVGGElement, null>("g.units")
    .data([null])
    .join("g")
    .attr("class", "units")
    .selectAll<SVGRectElement, number>("rect")
    .data(units)
    .join("rect")
    .attr("x", (i) => ox + (i % g.columns) * cell)
    .attr("y", (i) => oy + Math.floor(i / g.columns) * cell)
    .attr("width", cell)
    .attr("height", cell)
    .attr("fill", (i) => color(g.values[i]))
    .attr("stroke", "currentColor")
    .attr("stroke-opacity", 0.25)
    .attr("data-index", (i) => i)
    .attr("data-value", (i) => g.values[i])
    .on("pointerenter.clearbox", (event: Event, i) => {
      frame.readout([g.labels?.[i] ?? `unit ${i}`, `value ${formatValue(g.values[i])}`], cx(i), cy(i));
      options.onHover?.({ index: i, value: g.values[i] }, event);
    })
    .on("pointerleave.clearbox", (event: Event) => {
      frame.readout(null);
      options.onHover?.(null, event);
    })
    .on("click.clearbox", (event: Event, i) => {
      drawEdges(i);
      options.onSelect?.(i, event);
    });
  drawEdges(focus);
  keyboardOnElements(frame, cells.nodes(), g.columns);
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
