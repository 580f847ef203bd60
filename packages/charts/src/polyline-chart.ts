import { axisBottom, axisLeft } from "d3-axis";
import { brushX } from "d3-brush";
import type { D3BrushEvent } from "d3-brush";
import { rgb } from "d3-color";
import { interpolateBlues } from "./color-schemes.js";
import { pointer } from "d3-selection";
import { line } from "d3-shape";
import { denseLines } from "./dense-lines.js";
import { paintRaster } from "./dense-paint.js";
import { canPaintOffThread, paintDensityOffThread, spawnDensityWorker } from "./dense-context.js";
import { FIRST_BATCH, stridedOrder } from "./dense-context-protocol.js";
import type { DensityProgress, OffThreadDensity } from "./dense-context.js";
import { formatValue, round } from "./format.js";
import { SVG_NS, renderChart } from "./frame.js";
import type { BaseChartOptions, ChartElement, Frame } from "./frame.js";
import { BASE_DEFAULTS, checksOf, keysOf, withDefaults } from "./defaults.js";
import type { ChartDefaults } from "./defaults.js";
import { keyboardMarks } from "./keyboard.js";
import { isArrayLike, readNumbers, readObject } from "./read-data.js";
import { wideAxis, wideLinear } from "./wide-linear.js";
import { readLayoutInput } from "./layout-input.js";
import type { LayoutSize } from "./layout-input.js";
import type { WideLinear } from "./wide-linear.js";

/** Many series over shared steps: rows of equal length, or blue-noise's `{ values, count, length }`. */
export interface PolylineData {
  series: ArrayLike<ArrayLike<number>> | { values: ArrayLike<number>; count: number; length: number };
  /** The x value of each step (e.g. training iterations). Default 0, 1, 2, … */
  steps?: ArrayLike<number>;
  /** Series drawn as SVG lines, with hover (e.g. a blue-noise sample). Default: every series when there are ≤ 200, else none. */
  highlight?: ArrayLike<number>;
  /** Series drawn in the accent colour, on top (e.g. `mostIsolated`). */
  outliers?: ArrayLike<number>;
  labels?: string[];
}

export interface PolylineOptions extends BaseChartOptions {
  /** The other series, beneath: faint lines, a DenseLines density, or nothing. Default "lines". Server-side: a density raster either way. */
  context?: "lines" | "density" | "none";
  /** The focused step range `[from, to]` (x values). Default: all. */
  range?: readonly [number, number];
  /** Height of the focus+context strip with its brush (0 hides it). Default 40. */
  overviewHeight?: number;
  /** A step marked by a rule (the step picker); a click on the plot moves it. */
  selectedStep?: number;
  onHover?: (series: number | null, event: Event) => void;
  /** A click on the plot: the nearest step. Turns the step picker on. */
  onSelectStep?: (step: number, event: Event) => void;
  /** The brush on the overview: the focused `[from, to]` (x values), or null when cleared. */
  onBrush?: (range: [number, number] | null, event: Event | null) => void;
  /**
   * Where the density context is counted and painted: "auto" (default) in a worker on an OffscreenCanvas when the
   * context has at least 10⁶ values and the browser can (Worker, OffscreenCanvas), else on the main thread; "always"
   * in a worker whenever the browser can; "never" on the main thread. Off the thread, the first paint comes from a
   * spread-out subset of the series and refines: `onDensity` says when it is complete.
   */
  offThread?: "auto" | "always" | "never";
  /** After each paint of an off-thread density: series counted of the total, `complete`, and then the raster. */
  onDensity?: (progress: DensityProgress) => void;
  /** Stops the off-thread density (its worker is terminated; the picture stays as far as it got). */
  signal?: AbortSignal;
}

/** polylineChart's options: defaults, allowed values and the docs' table, written once. */
export const polylineChartDefaults = {
  ...BASE_DEFAULTS,
  context: {
    default: "lines",
    choices: ["lines", "density", "none"],
    doc: "the other series, beneath (server-side: a density raster either way)",
  },
  range: { defaultText: "all", doc: "the focused `[from, to]` x range" },
  overviewHeight: { default: 40, min: 0, doc: "the overview with its brush (0 hides it)" },
  selectedStep: { doc: "a step marked by a dashed rule" },
  onHover: { doc: "`(series | null, event)` over the SVG lines" },
  onSelectStep: { doc: "`(step, event)` on a click or Enter: turns the step picker on" },
  onBrush: { doc: "`([from, to] | null, event)` when a brush ends" },
  offThread: {
    default: "auto",
    choices: ["auto", "always", "never"],
    doc: "the density counted and painted in a worker: from 10⁶ values (auto), whenever possible, or never",
  },
  onDensity: { doc: "`({ complete, series, total, columns, rows, raster? })` after each off-thread paint" },
  signal: { doc: "an AbortSignal that stops the off-thread density's worker" },
} as const satisfies ChartDefaults<PolylineOptions>;

interface Checked {
  values: Float32Array | Float64Array;
  /** Every series' mean at each step. */
  mean: Float64Array;
  count: number;
  length: number;
  steps: Float64Array;
  highlight: number[];
  outliers: number[];
  labels?: string[];
  low: number;
  high: number;
}

const MARGIN = { left: 44, right: 12, top: 8, gap: 26 };
/** The density's raster cell in CSS pixels (a canvas scaled up smoothly). */
const DENSITY_CELL = 2;
/** From this many context values (series × steps), "auto" counts the density in a worker. */
const OFF_THREAD_VALUES = 1_000_000;

/** What drawContext needs to hand the density to a worker, and what it calls back. */
interface DensityHooks {
  choice: "auto" | "always" | "never";
  signal?: AbortSignal;
  onPainted(progress: DensityProgress): void;
  onError(): void;
}

/**
 * Draw many series over shared steps (DGMTracker §4.4): the highlighted ones (≤ ~1,000, e.g. a blue-noise sample)
 * as SVG lines with hover, the others beneath on a canvas as faint lines or as a DenseLines density (each series'
 * contribution normalised per column, so steep lines are not over-counted), outliers in the accent colour; under the
 * plot an overview with a brush (d3-brush) that focuses the x range; a step picker for a loss curve. Server-side,
 * the context becomes a coarse density raster so the string stays small.
 *
 * @param container - The element to draw into.
 * @param data - `{ series, steps?, highlight?, outliers?, labels? }`.
 * @param options - Size, `title`, `context`, `range`, `overviewHeight`, `selectedStep`, `onHover`, `onSelectStep`, `onBrush`, `document`, `resize`.
 * @returns The chart's SVG element, with `destroy()`.
 * @throws `E_TYPE` when `container` is not an element; `E_OPTION` for an unknown option key; `E_RANGE` for a size
 *   ≤ 0. Bad data (NaN, series of different lengths, fewer than two steps) draws an empty state with a message.
 * @example
 * // Fragment
 * polylineChart(element, { series, highlight: sampleBlueNoise(series, { count: 200 }).indices, outliers }, { context: "density" });
 */
export function polylineChart(container: Element, data: PolylineData, options?: PolylineOptions): ChartElement {
  spawned = spawnEarly(data, options);
  let chart: ChartElement;
  try {
    chart = renderChart(
      {
        kind: "polyline-chart",
        defaultWidth: 640,
        defaultHeight: 360,
        defaultTitle: "Series",
        keys: keysOf<PolylineOptions>(polylineChartDefaults),
        ...checksOf(polylineChartDefaults),
        read: readSeries,
        draw: drawChart,
      },
      container,
      data,
      options,
    );
  } finally {
    // Not taken by the drawing (bad data or options, a small context): not needed.
    spawned?.terminate();
    spawned = null;
  }
  // An empty state drawn over a density leaves its worker nothing to paint.
  if (!chart.querySelector("g.context canvas")) stopDensity(chart);
  if (!withWorkerStop.has(chart)) {
    withWorkerStop.add(chart);
    const destroy = chart.destroy;
    Object.defineProperty(chart, "destroy", {
      configurable: true,
      value: () => {
        stopDensity(chart);
        destroy.call(chart);
      },
    });
  }
  return chart;
}

/** A density worker started before the values are checked, so that its start-up overlaps the check; see spawnEarly. */
let spawned: Worker | null = null;

/** A worker for a density that will surely go off the thread (10⁶ values or more), started at once; else null. */
function spawnEarly(data: PolylineData, options: PolylineOptions | undefined): Worker | null {
  if (options?.context !== "density" || options.offThread === "never" || typeof Worker !== "function") return null;
  if (typeof OffscreenCanvas !== "function") return null;
  const series = (data as Partial<PolylineData> | null)?.series as { values?: ArrayLike<number> } | undefined;
  if (!(series?.values instanceof Float32Array) || series.values.length < OFF_THREAD_VALUES) return null;
  try {
    return spawnDensityWorker();
  } catch {
    return null;
  }
}

/** Charts whose destroy() already stops their density worker. */
const withWorkerStop = new WeakSet<Element>();

function drawChart(frame: Frame, d: Checked, given: PolylineOptions) {
  const options = withDefaults(given, polylineChartDefaults);
  const { marks, width, height, svg } = frame;
  const overview = options.overviewHeight;
  const plotBottom = height - (overview > 0 ? overview + MARGIN.gap : 22);
  const left = MARGIN.left;
  const right = width - MARGIN.right;
  const fullX = [d.steps[0], d.steps[d.length - 1]] as [number, number];
  const y = wideLinear(d.low, d.high, plotBottom, MARGIN.top, true);
  // A nested SVG clips the plot (no clipPath id to keep unique); its viewBox keeps the outer coordinates.
  const plot = marks
    .selectAll<SVGSVGElement, null>("svg.plot")
    .data([null])
    .join("svg")
    .attr("class", "plot")
    .attr("x", left)
    .attr("y", MARGIN.top)
    .attr("width", Math.max(1, right - left))
    .attr("height", Math.max(1, plotBottom - MARGIN.top))
    .attr("viewBox", `${left} ${MARGIN.top} ${Math.max(1, right - left)} ${Math.max(1, plotBottom - MARGIN.top)}`);
  const contextLayer = plot.selectAll<SVGGElement, null>("g.context").data([null]).join("g").attr("class", "context");
  const lineLayer = plot
    .selectAll<SVGGElement, null>("g.lines")
    .data([null])
    .join("g")
    .attr("class", "lines")
    .attr("fill", "none");
  const xAxis = marks
    .selectAll<SVGGElement, null>("g.x-axis")
    .data([null])
    .join("g")
    .attr("class", "x-axis")
    .attr("transform", `translate(0,${plotBottom})`);
  marks
    .selectAll<SVGGElement, null>("g.y-axis")
    .data([null])
    .join("g")
    .attr("class", "y-axis")
    .attr("transform", `translate(${left},0)`)
    .call(wideAxis(axisLeft, y, Math.max(2, Math.floor((plotBottom - MARGIN.top) / 40))));
  const rule = marks
    .selectAll<SVGLineElement, null>("line.step")
    .data([null])
    .join("line")
    .attr("class", "step")
    .attr("stroke", "currentColor")
    .attr("stroke-dasharray", "3 2");
  const shown = new Set([...d.highlight, ...d.outliers]);
  const outlierSet = new Set(d.outliers);
  const context = options.context;

  // The step range the context canvas was last painted for (the brush's quick path stretches it).
  let painted: [number, number] | null = null;
  // The density being painted by a worker, if any, and the range of the view it was last asked for.
  let worker: OffThreadDensity | null = null;
  let asked: [number, number] | null = null;
  stopDensity(svg.node());
  const layerNode = contextLayer.node() as SVGGElement;
  // What holds the painted context (a canvas, or the worker's canvases in a box): the brush stretches it.
  const canvasOf = () => layerNode.querySelector("foreignObject > *") as HTMLElement | null;
  const paintContext = (x: WideLinear, offThread: boolean) => {
    const hooks: DensityHooks = {
      choice: offThread ? options.offThread : "never",
      signal: options.signal,
      onPainted: (progress) => {
        // The worker's picture is of the range last asked for: stretched onto the range shown now.
        const canvas = canvasOf();
        painted = asked;
        if (canvas && painted) stretchCanvas(canvas, painted, focus, right - left);
        contextLayer.attr("data-density", progress.complete ? "complete" : "partial");
        options.onDensity?.(progress);
      },
      onError: () => {
        // The worker did not run (e.g. its file was not served): the same density, on this thread.
        worker = null;
        contextLayer.selectAll("*").remove();
        paintContext(x, false);
        // Painted whole, at once: said as the worker's last paint would have said it.
        contextLayer.attr("data-density", "complete");
        const total = d.count - shown.size;
        const [columns, rows] = [
          Math.ceil((right - left) / DENSITY_CELL),
          Math.ceil((plotBottom - MARGIN.top) / DENSITY_CELL),
        ];
        options.onDensity?.({ complete: true, series: total, total, columns, rows });
      },
    };
    const mode = context === "density" ? "density" : "lines";
    worker = drawContext(frame, layerNode, d, shown, x, y, mode, left, right, plotBottom, hooks);
    if (worker) densities.set(svg.node() as Element, worker);
    asked = [x.domain()[0], x.domain()[1]];
    contextLayer.attr(
      "data-mode",
      canvasOf() ? (worker ? "offscreen density" : `canvas ${context}`) : "density raster",
    );
  };
  let focus: [number, number] = fullX;
  const drawFocus = (range: [number, number], quick = false) => {
    svg.attr("data-range", `${range[0]},${range[1]}`);
    focus = range;
    const x = wideLinear(range[0], range[1], left, right);
    xAxis.call(wideAxis(axisBottom, x, Math.max(2, Math.floor((right - left) / 80))));
    const canvas = canvasOf();
    const others = context === "none" ? 0 : d.count - shown.size;
    if (quick && canvas && painted) {
      // While the brush moves: the painted canvas stretched to the new range (a CSS transform, no repaint); the
      // context is painted anew when the brush ends.
      stretchCanvas(canvas, painted, x.domain(), right - left);
    } else if (worker && canvas) {
      // The worker counts the new range; its old picture stays, stretched, until the first paint of the new one.
      asked = [x.domain()[0], x.domain()[1]];
      worker.view(stepColumns(d.steps, x, left, DENSITY_CELL));
      contextLayer.attr("data-density", "partial");
    } else {
      // Context: every series not drawn as a line.
      contextLayer.selectAll("*").remove();
      contextLayer.attr("data-density", null);
      painted = [x.domain()[0], x.domain()[1]];
      if (others > 0) paintContext(x, true);
      else contextLayer.attr("data-mode", "none");
    }
    const { ordered, pathOf } = linePaths(d, x, y, range);
    lineLayer
      .selectAll<SVGPathElement, number>("path")
      .data(ordered, (i) => String(i))
      .join("path")
      .attr("class", (i) => (outlierSet.has(i) ? "series outlier cb-accent" : "series"))
      .attr("stroke", (i) => (outlierSet.has(i) ? null : "#1565c0"))
      .attr("stroke-width", (i) => (outlierSet.has(i) ? 1.6 : 1))
      .attr("stroke-opacity", (i) =>
        outlierSet.has(i) ? 0.95 : Math.max(0.25, Math.min(0.9, 30 / Math.max(1, shown.size))),
      )
      .attr("data-index", (i) => i)
      .attr("d", pathOf)
      .on("pointerenter.clearbox", (event: Event, i) => {
        const [mx, my] = pointer(event, marks.node());
        frame.readout([d.labels?.[i] ?? `series ${i}`, outlierSet.has(i) ? "outlier" : "sampled"], mx, my);
        options.onHover?.(i, event);
      })
      .on("pointerleave.clearbox", (event: Event) => {
        frame.readout(null);
        options.onHover?.(null, event);
      });
    const step = svg.attr("data-step");
    if (step !== null && step !== "") {
      const sx = x(Number(step));
      rule
        .attr("x1", sx)
        .attr("x2", sx)
        .attr("y1", MARGIN.top)
        .attr("y2", plotBottom)
        .attr("display", sx >= left && sx <= right ? null : "none");
    } else rule.attr("display", "none");
    return x;
  };

  const initialRange = (): [number, number] => {
    const stored = svg.attr("data-range");
    if (options.range && options.range.every((v) => Number.isFinite(v))) return [options.range[0], options.range[1]];
    if (stored) {
      const [a, b] = stored.split(",").map(Number);
      if (a >= fullX[0] && b <= fullX[1] && a < b) return [a, b];
    }
    return fullX;
  };
  if (options.selectedStep !== undefined && Number.isFinite(options.selectedStep))
    svg.attr("data-step", options.selectedStep);
  let x = drawFocus(initialRange());

  // Step picker: a click on the plot selects the nearest step.
  const stepAt = (event: Event) => {
    const [mx, my] = pointer(event, marks.node());
    if (mx < left || mx > right || my < MARGIN.top || my > plotBottom) return null;
    const value = x.invert(mx);
    let best = 0;
    for (let k = 1; k < d.length; k++) if (Math.abs(d.steps[k] - value) < Math.abs(d.steps[best] - value)) best = k;
    return d.steps[best];
  };
  svg.on("click.clearbox", (event: Event) => {
    if (options.onSelectStep === undefined) return;
    const step = stepAt(event);
    if (step === null) return;
    svg.attr("data-step", step);
    x = drawFocus(x.domain() as [number, number]);
    options.onSelectStep(step, event);
  });
  // The step picker from the keyboard: the arrows walk the steps, Enter picks one.
  if (options.onSelectStep !== undefined) {
    const onSelectStep = options.onSelectStep;
    keyboardMarks(frame, {
      count: d.length,
      position: (k) => [x(d.steps[k]), MARGIN.top, 0, plotBottom - MARGIN.top],
      describe: (k) => [`step ${formatValue(d.steps[k])}`],
      select(k, event) {
        svg.attr("data-step", d.steps[k]);
        x = drawFocus(x.domain() as [number, number]);
        onSelectStep(d.steps[k], event);
      },
    });
  }

  // Overview with the brush.
  const strip = marks.selectAll<SVGGElement, null>("g.overview").data(overview > 0 ? [null] : []);
  strip.exit().remove();
  if (overview > 0) {
    const top = height - overview - 4;
    const group = strip.enter().append("g").attr("class", "overview").merge(strip);
    const ox = wideLinear(fullX[0], fullX[1], left, right);
    const oy = wideLinear(...y.domain(), top + overview - 18, top);
    // The mean series, as a sketch of the whole run.
    const mean = Array.from(d.mean);
    group
      .selectAll<SVGPathElement, null>("path.mean")
      .data([null])
      .join("path")
      .attr("class", "mean")
      .attr("fill", "none")
      .attr("stroke", "currentColor")
      .attr("stroke-opacity", 0.6)
      .attr(
        "d",
        line<number>()
          .x((_, k) => round(ox(d.steps[k])))
          .y((v) => round(oy(v)))(mean),
      );
    group
      .selectAll<SVGGElement, null>("g.overview-axis")
      .data([null])
      .join("g")
      .attr("class", "overview-axis")
      .attr("transform", `translate(0,${top + overview - 18})`)
      .call(wideAxis(axisBottom, ox, Math.max(2, Math.floor((right - left) / 80))));
    const brush = brushX<null>()
      .extent([
        [left, top],
        [right, top + overview - 18],
      ])
      .touchable(() => typeof navigator !== "undefined" && navigator.maxTouchPoints > 0)
      .on("brush.clearbox end.clearbox", (event: D3BrushEvent<null>) => {
        if (event.sourceEvent === null || event.sourceEvent === undefined) return;
        const selection = event.selection as [number, number] | null;
        const range: [number, number] | null =
          selection === null ? null : [ox.invert(selection[0]), ox.invert(selection[1])];
        x = drawFocus(range ?? fullX, event.type === "brush");
        if (event.type === "end") options.onBrush?.(range, event.sourceEvent as Event);
      });
    const brushLayer = group
      .selectAll<SVGGElement, null>("g.brush")
      .data([null])
      .join("g")
      .attr("class", "brush")
      .call(brush);
    const focused = x.domain();
    if (focused[0] > fullX[0] || focused[1] < fullX[1]) brushLayer.call(brush.move, [ox(focused[0]), ox(focused[1])]);
    else brushLayer.call(brush.move, null);
  }
}

/** The series drawn as lines, outliers last (on top), and each one's path over the steps in `range`. */
function linePaths(d: Checked, x: (v: number) => number, y: (v: number) => number, range: [number, number]) {
  const outliers = new Set(d.outliers);
  const ordered = [...new Set([...d.highlight, ...d.outliers])].sort(
    (a, b) => Number(outliers.has(a)) - Number(outliers.has(b)) || a - b,
  );
  const [from, to] = visibleSteps(d.steps, range);
  const visible = Array.from({ length: to - from + 1 }, (_, j) => from + j);
  // Tenths of a pixel are plenty, and keep a server-rendered string small.
  const path = line<number>().x((k) => round(x(d.steps[k]), 1));
  const pathOf = (i: number) => path.y((k) => round(y(d.values[i * d.length + k]), 1))(visible) ?? "";
  return { ordered, pathOf };
}

/** What `polylineChartLayout` returns: the plot's box, its axes' domains, and the series drawn as lines. */
export interface PolylineChartLayout {
  /** The focus plot (lines and context are clipped to it). */
  plot: { x: number; y: number; width: number; height: number };
  /** The focused x range and the y range (every series' min and max). */
  xDomain: [number, number];
  yDomain: [number, number];
  /** Series drawn as lines (highlight ∪ outliers), outliers last: each one's path over the focused steps. */
  lines: { index: number; outlier: boolean; d: string }[];
  /** The overview strip with its brush, or null when `overviewHeight` is 0. */
  overview: { x: number; y: number; width: number; height: number } | null;
}

/**
 * Lay out a polyline chart without a DOM: the focus plot above the overview strip, the x scale over the focused range
 * and the y scale over every series, and the paths of the series drawn as lines (the highlighted ones, then the
 * outliers on top). The context beneath (faint lines or a density) is painted, not laid out.
 *
 * @param data - As `polylineChart` takes it.
 * @param options - `width`, `height` (required) and `polylineChart`'s options.
 * @returns The plot's box, domains, line paths and the overview's box.
 * @throws `E_OPTION` for an unknown key or a bad value; `E_RANGE` for a size that is not positive; `E_SHAPE` with the
 *   chart's empty-state message for data the chart would not draw.
 * @example
 * const layout = polylineChartLayout({ series: [[1, 2, 3], [3, 2, 1]] }, { width: 400, height: 200 });
 * layout.lines.length; // => 2
 */
export function polylineChartLayout(data: PolylineData, options: PolylineOptions & LayoutSize): PolylineChartLayout {
  const input = readLayoutInput(data, options, polylineChartDefaults, readSeries);
  const d = input.checked;
  const { width, height } = input;
  const overview = input.options.overviewHeight;
  const plotBottom = height - (overview > 0 ? overview + MARGIN.gap : 22);
  const [left, right] = [MARGIN.left, width - MARGIN.right];
  const range = input.options.range;
  const xDomain: [number, number] =
    range && range.every((v) => Number.isFinite(v)) ? [range[0], range[1]] : [d.steps[0], d.steps[d.length - 1]];
  const x = wideLinear(xDomain[0], xDomain[1], left, right);
  const y = wideLinear(d.low, d.high, plotBottom, MARGIN.top, true);
  const { ordered, pathOf } = linePaths(d, x, y, xDomain);
  const outliers = new Set(d.outliers);
  return {
    plot: { x: left, y: MARGIN.top, width: Math.max(1, right - left), height: Math.max(1, plotBottom - MARGIN.top) },
    xDomain,
    yDomain: y.domain() as [number, number],
    lines: ordered.map((index) => ({ index, outlier: outliers.has(index), d: pathOf(index) })),
    overview: overview > 0 ? { x: left, y: height - overview - 4, width: right - left, height: overview - 18 } : null,
  };
}

/** The first and last step indices inside the range, widened by one so lines run to the edges. */
function visibleSteps(steps: Float64Array, [a, b]: [number, number]): [number, number] {
  let from = 0;
  while (from + 1 < steps.length && steps[from + 1] < a) from++;
  let to = steps.length - 1;
  while (to - 1 > 0 && steps[to - 1] > b) to--;
  return [from, to];
}

/** The series not drawn as lines: on a canvas in a browser (faint lines or density), else a coarse density raster. */
function drawContext(
  frame: Frame,
  layer: SVGGElement,
  d: Checked,
  shown: Set<number>,
  x: WideLinear,
  y: WideLinear,
  mode: "lines" | "density",
  left: number,
  right: number,
  bottom: number,
  hooks: DensityHooks,
): OffThreadDensity | null {
  const width = right - left;
  const height = bottom - MARGIN.top;
  const canvas = frame.document.createElement("canvas") as HTMLCanvasElement;
  if (mode === "density" && wantsWorker(hooks.choice, (d.count - shown.size) * d.length, canvas)) {
    const geometry = { left, top: MARGIN.top, width, height, cell: DENSITY_CELL };
    const worker = hooks.signal?.aborted ? null : startWorker(frame, layer, canvas, d, shown, x, y, geometry, hooks);
    if (worker !== undefined) return worker;
  }
  const context = typeof canvas.getContext === "function" ? canvas.getContext("2d") : null;
  const pixelRatio = context ? Math.min(2, (globalThis as { devicePixelRatio?: number }).devicePixelRatio ?? 1) : 1;
  // Density on a raster of 2 px cells (a canvas, scaled up smoothly) or 4 px (SVG rects, to keep the string small);
  // faint lines at the screen's resolution.
  const cell = context ? (mode === "density" ? DENSITY_CELL : 1 / pixelRatio) : 4;
  const columns = Math.max(1, Math.ceil(width / cell));
  const rows = Math.max(1, Math.ceil(height / cell));
  // The series of the context: every one not drawn as a line (indices, not a copy of the values).
  const others = new Int32Array(d.count - shown.size);
  let count = 0;
  for (let i = 0; i < d.count; i++) if (!shown.has(i)) others[count++] = i;
  const sx = stepColumns(d.steps, x, left, cell);
  // y as a + b·v (the scale is linear): no function call per value in the raster's inner loop.
  const y0 = (y.offset - MARGIN.top) / cell;
  const slope = y.slope / cell;
  if (context && mode === "lines") {
    canvas.width = Math.ceil(width * pixelRatio);
    canvas.height = Math.ceil(height * pixelRatio);
    context.scale(pixelRatio, pixelRatio);
    context.strokeStyle = "#607d8b";
    context.globalAlpha = Math.max(0.02, Math.min(0.3, 20 / count));
    context.lineWidth = 1;
    // One stroke per series: a single path of every series is far slower to rasterise (Skia tessellates it whole).
    const xs = Float64Array.from(d.steps, (s) => x(s) - left);
    const [from, to] = visibleSteps(d.steps, x.domain() as [number, number]);
    for (let i = 0; i < count; i++) {
      context.beginPath();
      const base = others[i] * d.length;
      context.moveTo(xs[from], cell * (y0 + slope * d.values[base + from]));
      for (let k = from + 1; k <= to; k++) context.lineTo(xs[k], cell * (y0 + slope * d.values[base + k]));
      context.stroke();
    }
  } else {
    const raster = denseLines(d.values, others, d.length, sx, { offset: y0, slope }, columns, rows);
    let max = 0;
    for (const v of raster) max = Math.max(max, v);
    // Square root of the normalised density, so that sparse regions stay visible.
    const level = (v: number) => Math.sqrt(v / (max || 1));
    if (context) {
      canvas.width = columns;
      canvas.height = rows;
      paintRaster(context, raster, columns, rows, densityColours());
    } else {
      // Runs of equal level (eight levels) per raster row, one rect each.
      for (let r = 0; r < rows; r++) {
        let c = 0;
        while (c < columns) {
          const q = Math.ceil(8 * level(raster[r * columns + c]));
          let end = c + 1;
          while (end < columns && Math.ceil(8 * level(raster[r * columns + end])) === q) end++;
          if (q > 0) {
            const rect = frame.document.createElementNS(SVG_NS, "rect");
            rect.setAttribute("x", String(round(left + c * cell)));
            rect.setAttribute("y", String(round(MARGIN.top + r * cell)));
            rect.setAttribute("width", String(round((end - c) * cell)));
            rect.setAttribute("height", String(cell));
            rect.setAttribute("fill", interpolateBlues(q / 8));
            layer.appendChild(rect);
          }
          c = end;
        }
      }
      return null;
    }
  }
  placeCanvas(frame, layer, [canvas], { left, top: MARGIN.top, width, height });
  return null;
}

/** The context's canvases in the plot, at their CSS size (their pixels may be fewer: a density's 2 px cells), stacked. */
function placeCanvas(
  frame: Frame,
  layer: SVGGElement,
  canvases: HTMLCanvasElement[],
  box: { left: number; top: number; width: number; height: number },
) {
  for (const canvas of canvases) {
    canvas.style.width = `${box.width}px`;
    canvas.style.height = `${box.height}px`;
    canvas.style.display = "block";
  }
  let content: HTMLElement = canvases[0];
  if (canvases.length > 1) {
    // One box for the brush's stretch; the canvases on top of each other in it.
    content = frame.document.createElement("div");
    content.style.cssText = `position:relative;width:${box.width}px;height:${box.height}px`;
    for (const canvas of canvases) canvas.style.position = "absolute";
    content.append(...canvases);
  }
  const foreign = frame.document.createElementNS(SVG_NS, "foreignObject");
  foreign.setAttribute("x", String(box.left));
  foreign.setAttribute("y", String(box.top));
  foreign.setAttribute("width", String(box.width));
  foreign.setAttribute("height", String(box.height));
  foreign.appendChild(content);
  layer.appendChild(foreign);
}

/** Each step's column on a raster of `cell`-pixel cells whose first column is at `left`. */
function stepColumns(steps: Float64Array, x: WideLinear, left: number, cell: number): Float64Array {
  return Float64Array.from(steps, (s) => (x(s) - left) / cell);
}

/** The density's 256 colours (light to dark blue), r g b each. */
function densityColours(): Uint8Array {
  const lut = new Uint8Array(3 * 256);
  for (let k = 0; k < 256; k++) {
    const c = rgb(interpolateBlues(k / 255));
    lut.set([c.r, c.g, c.b], 3 * k);
  }
  return lut;
}

/** Whether the density goes to a worker: by choice and size, and only where the browser can. */
function wantsWorker(choice: DensityHooks["choice"], values: number, canvas: HTMLCanvasElement) {
  if (choice === "never" || values === 0) return false;
  return (choice === "always" || values >= OFF_THREAD_VALUES) && canPaintOffThread(canvas);
}

/**
 * The density handed to a worker (src/dense-context.ts), stopped by the signal; and, while the worker starts up, a
 * first picture painted here from the batch it counts first (1,000 spread-out series), which its first paint replaces.
 */
function startWorker(
  frame: Frame,
  layer: SVGGElement,
  canvas: HTMLCanvasElement,
  d: Checked,
  shown: Set<number>,
  x: WideLinear,
  y: WideLinear,
  box: { left: number; top: number; width: number; height: number; cell: number },
  hooks: DensityHooks,
): OffThreadDensity | undefined {
  const others = new Int32Array(d.count - shown.size);
  let count = 0;
  for (let i = 0; i < d.count; i++) if (!shown.has(i)) others[count++] = i;
  const [columns, rows] = [Math.max(1, Math.ceil(box.width / box.cell)), Math.max(1, Math.ceil(box.height / box.cell))];
  const sx = stepColumns(d.steps, x, box.left, box.cell);
  const rowOf = { offset: (y.offset - box.top) / box.cell, slope: y.slope / box.cell };
  const lut = densityColours();
  let preview: HTMLCanvasElement | null = null;
  const onPainted = (progress: DensityProgress) => {
    preview?.remove();
    preview = null;
    hooks.onPainted(progress);
  };
  let worker: OffThreadDensity;
  try {
    const job = { values: d.values, others, count: d.count, length: d.length, sx, y: rowOf, columns, rows, lut };
    worker = paintDensityOffThread(canvas, { ...job, onPainted, onError: hooks.onError }, spawned ?? undefined);
    spawned = null;
  } catch {
    // No worker here (a bundle without import.meta.url, a page whose policy forbids workers): the main thread paints.
    return undefined;
  }
  const first = stridedOrder(others.length, FIRST_BATCH).subarray(0, Math.min(FIRST_BATCH, others.length));
  preview = frame.document.createElement("canvas") as HTMLCanvasElement;
  [preview.width, preview.height] = [columns, rows];
  const raster = denseLines(
    d.values,
    Int32Array.from(first, (j) => others[j]),
    d.length,
    sx,
    rowOf,
    columns,
    rows,
  );
  const context = preview.getContext("2d");
  if (context) paintRaster(context, raster, columns, rows, lut);
  placeCanvas(frame, layer, [canvas, preview], box);
  // Reported once the call has returned (as the worker's paints are).
  const progress = { complete: false, series: first.length, total: others.length, columns, rows };
  queueMicrotask(() => preview && hooks.onPainted(progress));
  hooks.signal?.addEventListener("abort", () => worker.stop(), { once: true });
  return worker;
}

/** Stretch a canvas painted for the x range `painted` onto the range `shown` (a CSS transform, no repaint). */
function stretchCanvas(canvas: HTMLElement, painted: [number, number], shown: [number, number], width: number) {
  const [a, b] = shown;
  const k = (painted[1] - painted[0]) / (b - a);
  const shift = ((painted[0] - a) / (b - a)) * width;
  canvas.style.transformOrigin = "0 0";
  canvas.style.transform = k === 1 && shift === 0 ? "" : `translateX(${shift}px) scaleX(${k})`;
}

/** The worker painting each chart's density, so that a redraw or `destroy()` stops it. */
const densities = new WeakMap<Element, OffThreadDensity>();

function stopDensity(svg: Element | null) {
  if (svg === null) return;
  densities.get(svg)?.stop();
  densities.delete(svg);
}

/**
 * The smallest and largest value, the first that is not finite (−1 if none) and the mean series (the overview's
 * sketch), in one pass in memory order: 10⁵ series × 200 steps are 80 MB, and each pass costs tens of milliseconds.
 */
function summarise(values: Float32Array | Float64Array, count: number, length: number) {
  let low = Infinity;
  let high = -Infinity;
  // v · 0 is NaN for NaN and ±∞ alone: one multiply-add per value instead of a call.
  let check = 0;
  const mean = new Float64Array(length);
  // float32 values cannot overflow a double's sum; doubles near the largest are divided first.
  const scale = values instanceof Float32Array ? 1 : 1 / count;
  for (let i = 0; i < count; i++) {
    const base = i * length;
    for (let k = 0; k < length; k++) {
      const v = values[base + k];
      if (v < low) low = v;
      if (v > high) high = v;
      check += v * 0;
      mean[k] += v * scale;
    }
  }
  if (scale === 1) for (let k = 0; k < length; k++) mean[k] /= count;
  const bad = check === 0 ? -1 : values.findIndex((v) => !Number.isFinite(v));
  return { low, high, bad, mean };
}

function readSeries(data: unknown): Checked | string {
  const object = readObject(data, "data");
  if (typeof object === "string") return object;
  const raw = object.series;
  let values: Float32Array | Float64Array;
  let count: number;
  let length: number;
  // A `{ values, count, length }` block has a length too: it is told apart by its values.
  const block = typeof raw === "object" && raw !== null && !Array.isArray(raw) && "count" in raw && "values" in raw;
  if (isArrayLike(raw) && !block) {
    count = raw.length;
    if (count === 0) return "No series to draw (data.series is empty).";
    const first = raw[0];
    if (!isArrayLike(first)) return "data.series must be an array of series (arrays of numbers).";
    length = first.length;
    // Doubles: the rows are JS numbers already, and a float32 would turn values past 3.4e38 into Infinity.
    values = new Float64Array(count * length);
    for (let i = 0; i < count; i++) {
      const row = readNumbers(raw[i], `data.series[${i}]`, length);
      if (typeof row === "string")
        return row.includes("values;") ? `data.series[${i}] has another length than data.series[0] (${length}).` : row;
      values.set(row, i * length);
    }
  } else {
    const fields = readObject(raw, "data.series");
    if (typeof fields === "string") return fields;
    count = Number(fields.count);
    length = Number(fields.length);
    if (!Number.isInteger(count) || !Number.isInteger(length) || count < 1 || length < 1) {
      return "data.series.count and .length must be positive integers.";
    }
    if (fields.values instanceof Float32Array) {
      // The common case (blue-noise's blocks): checked in place, not copied (10⁵ series are 80 MB).
      if (fields.values.length !== count * length)
        return `data.series.values has ${fields.values.length} values; ${count * length} were expected.`;
      values = fields.values;
    } else {
      const flat = readNumbers(fields.values, "data.series.values", count * length);
      if (typeof flat === "string") return flat;
      values = flat;
    }
  }
  if (length < 2) return "Each series needs at least two steps.";
  const steps =
    object.steps === undefined
      ? Float64Array.from({ length }, (_, k) => k)
      : readNumbers(object.steps, "data.steps", length);
  if (typeof steps === "string") return steps;
  for (let k = 1; k < length; k++) if (!(steps[k] > steps[k - 1])) return "data.steps must increase.";
  const indices = (value: unknown, name: string): number[] | string => {
    if (value === undefined) return [];
    const list = readNumbers(value, name);
    if (typeof list === "string") return list;
    for (const i of list)
      if (!Number.isInteger(i) || i < 0 || i >= count) return `${name} lists ${i}, not a series index.`;
    return Array.from(list);
  };
  const highlight =
    object.highlight === undefined
      ? count <= 200
        ? Array.from({ length: count }, (_, i) => i)
        : []
      : indices(object.highlight, "data.highlight");
  if (typeof highlight === "string") return highlight;
  const outliers = indices(object.outliers, "data.outliers");
  if (typeof outliers === "string") return outliers;
  const { low, high, bad, mean } = summarise(values, count, length);
  if (bad >= 0) return `data.series.values[${bad}] is not a finite number.`;
  const labels = Array.isArray(object.labels) && object.labels.length === count ? object.labels.map(String) : undefined;
  return { values, count, length, steps, highlight, outliers, labels, low, high, mean };
}
