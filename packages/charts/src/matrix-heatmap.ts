import { rgb } from "d3-color";
import { max } from "d3-array";
import { pointer } from "d3-selection";
import { DIVERGING_PALETTES, divergingColor, onDarkBackground, sequentialColor } from "./colors.js";
import type { ColorScale, DivergingPalette } from "./colors.js";
import { formatValue, round } from "./format.js";
import { SVG_NS, renderChart } from "./frame.js";
import type { BaseChartOptions, ChartElement, Frame } from "./frame.js";
import { BASE_DEFAULTS, checksOf, keysOf, withDefaults } from "./defaults.js";
import type { ChartDefaults } from "./defaults.js";
import { keyboardMarks } from "./keyboard.js";
import { readLayoutInput } from "./layout-input.js";
import type { LayoutSize } from "./layout-input.js";
import { colorBar } from "./legend.js";
import { pngDataUrl } from "./png.js";
import { isArrayLike, readLabels, readNumbers, readObject, readOrder } from "./read-data.js";

/** A rows × columns matrix of values, e.g. neurons × classes, and the order to draw it in. */
export interface HeatmapData {
  /** Row-major values: an array of rows, or `{ rows, columns, data }` with `data` of length rows · columns. */
  values: ArrayLike<ArrayLike<number>> | { rows: number; columns: number; data: ArrayLike<number> };
  rowLabels?: string[];
  columnLabels?: string[];
  /** `rowOrder[r]` is the input row drawn at position r (e.g. `reorderRows`' order). Default: input order. */
  rowOrder?: ArrayLike<number>;
  columnOrder?: ArrayLike<number>;
}

/** A cell under the pointer. */
export interface HeatmapCell {
  row: number;
  column: number;
  value: number;
}

export interface HeatmapOptions extends BaseChartOptions {
  /** The diverging palette: "blue-red" (colour-blind safe) or CNNVis's "red-green". Default "blue-red". */
  palette?: DivergingPalette;
  /** "sequential" (light → dark blue) or "diverging" (red ← 0 → green, symmetric). Default: diverging when the values have both signs. */
  scheme?: "sequential" | "diverging";
  /** Any value → colour function (a d3 scale fits); overrides `scheme`. */
  color?: ColorScale;
  /** Above this many cells the cells are painted on a canvas (browser) or averaged in blocks (no canvas). Default 100,000. */
  canvasThreshold?: number;
  /** Input rows to emphasise (the others fade), e.g. a cluster selected in another chart. */
  highlightRows?: ArrayLike<number>;
  onHover?: (cell: HeatmapCell | null, event: Event) => void;
  /** A click on a cell. */
  onSelect?: (cell: HeatmapCell, event: Event) => void;
}

/** matrixHeatmap's options: defaults, allowed values and the docs' table, written once. */
export const matrixHeatmapDefaults = {
  ...BASE_DEFAULTS,
  scheme: {
    defaultText: "diverging when values have both signs",
    choices: ["sequential", "diverging"],
    doc: "light → dark blue, or negative ← 0 → positive",
  },
  palette: { default: "blue-red", choices: DIVERGING_PALETTES, doc: "the diverging colours (CNNVis's red-green)" },
  color: { defaultText: "from `scheme`", doc: "any value → colour (a d3 scale fits)" },
  canvasThreshold: { default: 100_000, min: 1, integer: true, doc: "cells above which a canvas is used" },
  highlightRows: { doc: "input rows kept lit, the others faded" },
  onHover: { doc: "`({ row, column, value } | null, event)`" },
  onSelect: { doc: "`({ row, column, value }, event)` on a click or Enter" },
} as const satisfies ChartDefaults<HeatmapOptions>;

interface Checked {
  rows: number;
  columns: number;
  values: Float64Array;
  rowLabels?: string[];
  columnLabels?: string[];
  rowOrder: Int32Array;
  columnOrder: Int32Array;
  low: number;
  high: number;
}

const LABEL_SIZE = 11;

/**
 * Draw a matrix as a heatmap in a given row and column order (the reordered neurons × classes matrix of CNNVis):
 * sequential or diverging colour with a colour-bar legend, row and column labels that thin out when cells are
 * smaller than the text, a hover readout, and a canvas instead of one SVG rect per cell above `canvasThreshold`
 * cells. Calling it again on the same container updates in place.
 *
 * @param container - The element to draw into.
 * @param data - `{ values, rowLabels?, columnLabels?, rowOrder?, columnOrder? }`.
 * @param options - Size, `title`, `scheme`, `color`, `canvasThreshold`, `highlightRows`, `onHover`, `onSelect`, `document`, `resize`.
 * @returns The chart's SVG element, with `destroy()`.
 * @throws `E_TYPE` when `container` is not an element; `E_OPTION` for an unknown option key; `E_RANGE` for a size
 *   ≤ 0. Bad data (NaN, ragged rows, an order that is not a permutation) draws an empty state with a message.
 * @example
 * // Fragment
 * matrixHeatmap(element, { values: [[1, 2], [3, 4]], rowLabels: ["a", "b"] }, { scheme: "sequential" });
 */
export function matrixHeatmap(container: Element, data: HeatmapData, options?: HeatmapOptions): ChartElement {
  return renderChart(
    {
      kind: "matrix-heatmap",
      defaultWidth: 520,
      defaultHeight: 420,
      defaultTitle: "Heatmap",
      keys: keysOf<HeatmapOptions>(matrixHeatmapDefaults),
      ...checksOf(matrixHeatmapDefaults),
      read: readHeatmap,
      draw: drawHeatmap,
    },
    container,
    data,
    options,
  );
}

/** What `matrixHeatmapLayout` returns: where the cells go, in which order, and their colours. */
export interface MatrixHeatmapLayout {
  /** The cells' area: its top-left corner and size in pixels; cell (r, c) drawn at `x + c · cellWidth`, `y + r · cellHeight`. */
  plot: { x: number; y: number; width: number; height: number };
  cellWidth: number;
  cellHeight: number;
  /** The input row drawn at each position (`rowOrder`, or the identity), and the same for columns. */
  rowOrder: number[];
  columnOrder: number[];
  /** The colour scheme used (`scheme`, else diverging when the values have both signs) and the values' range. */
  scheme: "sequential" | "diverging";
  low: number;
  high: number;
  /** Each drawn cell's fill, row by row in drawn order (`fills[r · columns + c]`). */
  fills: string[];
  /** The colour bar's place: right of the cells. */
  legend: { x: number; y: number; height: number };
}

/**
 * Lay out a heatmap without a DOM: room for the labels, the cells' area and size, the drawn row and column orders,
 * the colour scheme (diverging around 0 when the values have both signs) and each cell's fill.
 *
 * @param data - As `matrixHeatmap` takes it.
 * @param options - `width`, `height` (required) and `matrixHeatmap`'s options.
 * @returns The cells' geometry, orders, scheme, range, fills and the colour bar's place.
 * @throws `E_OPTION` for an unknown key or a bad value; `E_RANGE` for a size that is not positive; `E_SHAPE` with the
 *   chart's empty-state message for data the chart would not draw.
 * @example
 * const layout = matrixHeatmapLayout({ values: [[1, -1], [0, 2]] }, { width: 300, height: 200 });
 * layout.scheme; // => "diverging"
 */
export function matrixHeatmapLayout(data: HeatmapData, options: HeatmapOptions & LayoutSize): MatrixHeatmapLayout {
  const input = readLayoutInput(data, options, matrixHeatmapDefaults, readHeatmap);
  const m = input.checked;
  const geometry = heatmapGeometry(m, input.width, input.height, input.options);
  const fills: string[] = new Array(m.rows * m.columns);
  for (let r = 0; r < m.rows; r++)
    for (let c = 0; c < m.columns; c++)
      fills[r * m.columns + c] = geometry.color(m.values[m.rowOrder[r] * m.columns + m.columnOrder[c]]);
  const { left, top, plotWidth, plotHeight, cw, ch, diverging } = geometry;
  return {
    plot: { x: left, y: top, width: plotWidth, height: plotHeight },
    cellWidth: cw,
    cellHeight: ch,
    rowOrder: Array.from(m.rowOrder),
    columnOrder: Array.from(m.columnOrder),
    scheme: diverging ? "diverging" : "sequential",
    low: m.low,
    high: m.high,
    fills,
    legend: { x: left + plotWidth + 12, y: top, height: Math.min(plotHeight, 240) },
  };
}

/** The scheme and colour scale, the room for labels, and the cells' area and size. */
function heatmapGeometry(m: Checked, width: number, height: number, given: HeatmapOptions, dark = false) {
  const options = withDefaults(given, matrixHeatmapDefaults);
  const diverging = options.scheme === "diverging" || (options.scheme === undefined && m.low < 0 && m.high > 0);
  const color =
    options.color ??
    (diverging
      ? divergingColor(Math.max(Math.abs(m.low), Math.abs(m.high)), options.palette)
      : sequentialColor(m.low, m.high, dark));
  // Room for the longest label (about 6.2 px a character at 11 px), at most a third of the chart.
  const longest = (labels?: string[]) => (labels ? (max(labels, (l) => l.length) ?? 0) : 0);
  const left = m.rowLabels ? Math.min(width / 3, 10 + 6.2 * longest(m.rowLabels)) : 8;
  const top = m.columnLabels ? Math.min(height / 3, 10 + 6.2 * longest(m.columnLabels)) : 8;
  const plotWidth = Math.max(1, width - left - 64);
  const plotHeight = Math.max(1, height - top - 8);
  return { diverging, color, left, top, plotWidth, plotHeight, cw: plotWidth / m.columns, ch: plotHeight / m.rows };
}

function drawHeatmap(frame: Frame, m: Checked, given: HeatmapOptions) {
  const options = withDefaults(given, matrixHeatmapDefaults);
  const { marks, width, height } = frame;
  // On a dark page (its --clearbox-background), the sequential ramp runs deep → pale blue.
  const dark = onDarkBackground(frame.svg.node());
  const { color, left, top, plotWidth, plotHeight, cw, ch } = heatmapGeometry(m, width, height, options, dark);
  const highlight = options.highlightRows === undefined ? undefined : new Set(Array.from(options.highlightRows));
  const value = (r: number, c: number) => m.values[m.rowOrder[r] * m.columns + m.columnOrder[c]];
  const cells = m.rows * m.columns;
  const threshold = options.canvasThreshold;
  const grid = marks.selectAll<SVGGElement, null>("g.cells").data([null]).join("g").attr("class", "cells");
  grid.attr("transform", `translate(${left},${top})`);
  // The cells are rebuilt on each call with plain DOM calls (thousands of rects: a keyed join buys nothing here).
  grid.selectAll("*").remove();
  const canvas = cells > threshold ? createCanvas(frame.document) : null;
  if (canvas !== null) {
    paintCanvas(frame.document, grid.node() as SVGGElement, canvas, m, color, plotWidth, plotHeight);
    grid.attr("data-mode", "canvas");
  } else {
    // Without a canvas (server-side), a large matrix is averaged in square blocks — at most `threshold` of them, none
    // smaller than 4 px — drawn as one PNG image (tens of thousands of rects would cost seconds and megabytes).
    const block =
      cells > threshold ? Math.max(Math.ceil(Math.sqrt(cells / threshold)), Math.ceil(4 / Math.min(cw, ch))) : 1;
    const node = grid.node() as SVGGElement;
    if (block > 1) {
      const rowsDrawn = Math.ceil(m.rows / block);
      const columnsDrawn = Math.ceil(m.columns / block);
      const pixels = new Uint8Array(3 * rowsDrawn * columnsDrawn);
      for (let br = 0; br < rowsDrawn; br++) {
        for (let bc = 0; bc < columnsDrawn; bc++) {
          let sum = 0;
          let count = 0;
          for (let r = br * block; r < Math.min(m.rows, (br + 1) * block); r++) {
            for (let c = bc * block; c < Math.min(m.columns, (bc + 1) * block); c++) {
              sum += value(r, c);
              count++;
            }
          }
          const c = rgb(color(sum / count));
          pixels.set([c.r, c.g, c.b], 3 * (br * columnsDrawn + bc));
        }
      }
      grid.attr("data-mode", `averaged ${block} × ${block}`);
      const image = frame.document.createElementNS(SVG_NS, "image");
      // Each pixel a block; the last row and column of blocks may hold fewer cells (they are drawn full size).
      image.setAttribute("width", String(round(columnsDrawn * cw * block)));
      image.setAttribute("height", String(round(rowsDrawn * ch * block)));
      image.setAttribute("preserveAspectRatio", "none");
      image.setAttribute("style", "image-rendering:pixelated");
      image.setAttribute("href", pngDataUrl(columnsDrawn, rowsDrawn, pixels));
      node.appendChild(image);
    } else {
      grid.attr("data-mode", "svg");
      for (let r = 0; r < m.rows; r++) {
        for (let c = 0; c < m.columns; c++) {
          const rect = frame.document.createElementNS(SVG_NS, "rect");
          rect.setAttribute("x", String(round(c * cw)));
          rect.setAttribute("y", String(round(r * ch)));
          rect.setAttribute("width", String(round(cw + 0.02)));
          rect.setAttribute("height", String(round(ch + 0.02)));
          rect.setAttribute("fill", color(value(r, c)));
          rect.setAttribute("data-row", String(m.rowOrder[r]));
          rect.setAttribute("data-value", String(value(r, c)));
          if (highlight !== undefined && !highlight.has(m.rowOrder[r])) rect.setAttribute("fill-opacity", "0.15");
          node.appendChild(rect);
        }
      }
    }
  }
  if (canvas !== null && highlight !== undefined) {
    // Fade the rows outside the highlight with a veil per row (the canvas has no per-cell opacity).
    for (let r = 0; r < m.rows; r++) {
      if (highlight.has(m.rowOrder[r])) continue;
      grid
        .append("rect")
        .attr("x", 0)
        .attr("y", r * ch)
        .attr("width", plotWidth)
        .attr("height", ch)
        .attr("class", "cb-veil")
        .attr("fill-opacity", 0.8);
    }
  }
  labels(frame, m, left, top, cw, ch);
  colorBar(
    marks,
    color,
    m.low,
    m.high === m.low ? m.low + 1 : m.high,
    left + plotWidth + 12,
    top,
    Math.min(plotHeight, 240),
  );

  wireHeatmap(frame, m, options, [left, top, cw, ch]);
}

/**
 * The heatmap's interaction on the cells as drawn (cell box `[left, top, cw, ch]`): the pointer's readout and
 * onHover, a click's onSelect, and the same from the keyboard, row by row (Up/Down move a row).
 */
function wireHeatmap(frame: Frame, m: Checked, options: HeatmapOptions, [left, top, cw, ch]: number[]) {
  const value = (r: number, c: number) => m.values[m.rowOrder[r] * m.columns + m.columnOrder[c]];
  const cellAt = (event: Event): HeatmapCell | null => {
    const [mx, my] = pointer(event, frame.marks.node());
    const c = Math.floor((mx - left) / cw);
    const r = Math.floor((my - top) / ch);
    if (r < 0 || c < 0 || r >= m.rows || c >= m.columns) return null;
    return { row: m.rowOrder[r], column: m.columnOrder[c], value: value(r, c) };
  };
  const describe = (cell: HeatmapCell) => [
    `row ${m.rowLabels?.[cell.row] ?? cell.row}`,
    `column ${m.columnLabels?.[cell.column] ?? cell.column}`,
    `value ${formatValue(cell.value)}`,
  ];
  frame.svg
    .on("pointermove.clearbox", (event: Event) => {
      const cell = cellAt(event);
      const [mx, my] = pointer(event, frame.marks.node());
      frame.readout(cell === null ? null : describe(cell), mx, my);
      options.onHover?.(cell, event);
    })
    .on("pointerleave.clearbox", (event: Event) => {
      frame.readout(null);
      options.onHover?.(null, event);
    })
    .on("click.clearbox", (event: Event) => {
      const cell = cellAt(event);
      if (cell !== null) options.onSelect?.(cell, event);
    });
  const cellOf = (k: number): HeatmapCell => {
    const [r, c] = [Math.floor(k / m.columns), k % m.columns];
    return { row: m.rowOrder[r], column: m.columnOrder[c], value: value(r, c) };
  };
  keyboardMarks(frame, {
    count: m.rows * m.columns,
    columns: m.columns,
    position: (k) => [left + (k % m.columns) * cw, top + Math.floor(k / m.columns) * ch, cw, ch],
    describe: (k) => describe(cellOf(k)),
    select: (k, event) => options.onSelect?.(cellOf(k), event),
    hover: (k, event) => options.onHover?.(k === null ? null : cellOf(k), event),
  });
}

/** Row and column labels, every k-th when the cells are smaller than the text. */
function labels(frame: Frame, m: Checked, left: number, top: number, cw: number, ch: number) {
  const rowStep = Math.max(1, Math.ceil(LABEL_SIZE / ch));
  const columnStep = Math.max(1, Math.ceil(LABEL_SIZE / cw));
  const rowsShown = m.rowLabels ? Array.from({ length: Math.ceil(m.rows / rowStep) }, (_, k) => k * rowStep) : [];
  const columnsShown = m.columnLabels
    ? Array.from({ length: Math.ceil(m.columns / columnStep) }, (_, k) => k * columnStep)
    : [];
  frame.marks
    .selectAll<SVGGElement, null>("g.row-labels")
    .data([null])
    .join("g")
    .attr("class", "row-labels")
    .selectAll<SVGTextElement, number>("text")
    .data(rowsShown)
    .join("text")
    .attr("x", left - 4)
    .attr("y", (r) => top + (r + 0.5) * ch + 3.5)
    .attr("text-anchor", "end")
    .attr("fill", "currentColor")
    .text((r) => m.rowLabels?.[m.rowOrder[r]] ?? "");
  frame.marks
    .selectAll<SVGGElement, null>("g.column-labels")
    .data([null])
    .join("g")
    .attr("class", "column-labels")
    .selectAll<SVGTextElement, number>("text")
    .data(columnsShown)
    .join("text")
    .attr("transform", (c) => `translate(${round(left + (c + 0.5) * cw + 3.5)},${top - 4}) rotate(-90)`)
    .attr("fill", "currentColor")
    .text((c) => m.columnLabels?.[m.columnOrder[c]] ?? "");
}

function createCanvas(document: Document): HTMLCanvasElement | null {
  const canvas = document.createElement("canvas") as HTMLCanvasElement;
  return typeof canvas.getContext === "function" && canvas.getContext("2d") !== null ? canvas : null;
}

/** One pixel per cell, scaled up without smoothing; the colour scale is sampled at 256 levels. */
function paintCanvas(
  document: Document,
  grid: SVGGElement,
  canvas: HTMLCanvasElement,
  m: Checked,
  color: ColorScale,
  plotWidth: number,
  plotHeight: number,
) {
  canvas.width = m.columns;
  canvas.height = m.rows;
  canvas.style.width = `${plotWidth}px`;
  canvas.style.height = `${plotHeight}px`;
  canvas.style.imageRendering = "pixelated";
  canvas.style.display = "block";
  const context = canvas.getContext("2d") as CanvasRenderingContext2D;
  const image = context.createImageData(m.columns, m.rows);
  const levels = 256;
  const lut = new Uint8Array(levels * 3);
  const span = m.high - m.low || 1;
  for (let k = 0; k < levels; k++) {
    const c = rgb(color(m.low + (k / (levels - 1)) * span));
    lut[3 * k] = c.r;
    lut[3 * k + 1] = c.g;
    lut[3 * k + 2] = c.b;
  }
  const pixels = image.data;
  for (let r = 0; r < m.rows; r++) {
    const source = m.rowOrder[r] * m.columns;
    for (let c = 0; c < m.columns; c++) {
      const v = m.values[source + m.columnOrder[c]];
      const k = Math.round(((v - m.low) / span) * (levels - 1));
      const p = 4 * (r * m.columns + c);
      pixels[p] = lut[3 * k];
      pixels[p + 1] = lut[3 * k + 1];
      pixels[p + 2] = lut[3 * k + 2];
      pixels[p + 3] = 255;
    }
  }
  context.putImageData(image, 0, 0);
  const foreign = document.createElementNS(SVG_NS, "foreignObject");
  foreign.setAttribute("width", String(plotWidth));
  foreign.setAttribute("height", String(plotHeight));
  foreign.appendChild(canvas);
  grid.appendChild(foreign);
}

function readHeatmap(data: unknown): Checked | string {
  const object = readObject(data, "data");
  if (typeof object === "string") return object;
  let rows: number;
  let columns: number;
  let values: Float64Array;
  const raw = object.values;
  if (isArrayLike(raw)) {
    rows = raw.length;
    if (rows === 0) return "No cells to draw (data.values is empty).";
    const first = raw[0];
    if (!isArrayLike(first)) return "data.values must be an array of rows.";
    columns = first.length;
    if (columns === 0) return "No cells to draw (data.values has empty rows).";
    values = new Float64Array(rows * columns);
    for (let r = 0; r < rows; r++) {
      const row = readNumbers(raw[r], `data.values[${r}]`, columns);
      if (typeof row === "string") return row;
      values.set(row, r * columns);
    }
  } else {
    const dense = readObject(raw, "data.values");
    if (typeof dense === "string") return dense;
    rows = Number(dense.rows);
    columns = Number(dense.columns);
    if (!Number.isInteger(rows) || !Number.isInteger(columns) || rows < 1 || columns < 1) {
      return "data.values.rows and .columns must be positive integers.";
    }
    const flat = readNumbers(dense.data, "data.values.data", rows * columns);
    if (typeof flat === "string") return flat;
    values = flat;
  }
  const rowLabels = readLabels(object.rowLabels, "data.rowLabels", rows);
  if (typeof rowLabels === "string") return rowLabels;
  const columnLabels = readLabels(object.columnLabels, "data.columnLabels", columns);
  if (typeof columnLabels === "string") return columnLabels;
  const rowOrder = readOrder(object.rowOrder, "data.rowOrder", rows);
  if (typeof rowOrder === "string") return rowOrder;
  const columnOrder = readOrder(object.columnOrder, "data.columnOrder", columns);
  if (typeof columnOrder === "string") return columnOrder;
  let low = Infinity;
  let high = -Infinity;
  for (const v of values) {
    if (v < low) low = v;
    if (v > high) high = v;
  }
  return { rows, columns, values, rowLabels, columnLabels, rowOrder, columnOrder, low, high };
}
