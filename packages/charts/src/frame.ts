import { select } from "d3-selection";
import type { Selection } from "d3-selection";
import { ClearboxError, assertFunction, assertOptions, describeValue, isClearboxError } from "@clearbox/core/internal";
import type { OptionKeys } from "@clearbox/core/internal";
import { CHART_STYLE, TYPE } from "./theme.js";

export const SVG_NS = "http://www.w3.org/2000/svg";

/** The options every chart takes. */
export interface BaseChartOptions {
  /** Width in pixels. Default: the container's width, else the chart's own default. */
  width?: number;
  /** Height in pixels. Default: the container's height, else the chart's own default. */
  height?: number;
  /** The document to create elements in, for use outside a browser (the SSR entry passes linkedom's). */
  document?: Document;
  /** The accessible name: the SVG's `<title>` and `aria-label`. Default: `heading`, else the chart's kind. */
  title?: string;
  /** A visible title drawn above the marks (the title slot); the marks get the height below it. Default: none. */
  heading?: string;
  /** Redraw at the container's size whenever it changes (a ResizeObserver, where the platform has one). */
  resize?: boolean;
}

export const BASE_KEYS = {
  width: true,
  height: true,
  document: true,
  title: true,
  heading: true,
  resize: true,
} satisfies OptionKeys<BaseChartOptions>;

/** What a chart returns: its SVG element, with `destroy()` to remove its listeners and the element. */
export type ChartElement = SVGSVGElement & {
  /** Remove every listener (and the ResizeObserver) and take the SVG out of its container. */
  destroy(): void;
};

/** What a chart's draw function gets: the SVG, a layer for marks, the size and the document. */
export interface Frame {
  svg: Selection<SVGSVGElement, unknown, null, undefined>;
  /** The layer the chart draws into (below the readout). */
  marks: Selection<SVGGElement, unknown, null, undefined>;
  width: number;
  height: number;
  document: Document;
  /** False when drawn for a string (a `document` passed, as the SSR entry does): no keyboard, nothing to focus. */
  interactive: boolean;
  /** Show a hover readout (a few lines of text) near (x, y), or hide it with `null`. */
  readout(lines: string[] | null, x?: number, y?: number): void;
}

interface ChartState {
  kind: string;
  svg: ChartElement;
  observer?: ResizeObserver;
  rerender?: () => void;
}

const states = new WeakMap<Element, ChartState>();

/** A chart's description: its name, defaults, option keys, data check and drawing. */
export interface ChartSpec<D, O extends BaseChartOptions> {
  kind: string;
  defaultWidth: number;
  defaultHeight: number;
  defaultTitle: string;
  keys: OptionKeys<O>;
  /** Allowed values of the options that take a name (checked before drawing: a misspelt value is an E_OPTION). */
  choices?: Partial<Record<keyof O, readonly unknown[]>>;
  /** Numeric options: the smallest allowed value (inclusive) and whether it must be an integer. */
  numbers?: Partial<Record<keyof O, { min: number; integer?: boolean }>>;
  /** The checked data, or a message for the empty state (never a throw: bad data draws a message). */
  read(data: unknown, options: O): D | string;
  draw(frame: Frame, data: D, options: O): void;
}

/**
 * Render (or update in place) the chart `spec` in `container`: the contract every chart shares. Bad options and a
 * missing container throw a `ClearboxError`; bad data draws an empty state with a message.
 */
export function renderChart<D, O extends BaseChartOptions>(
  spec: ChartSpec<D, O>,
  container: unknown,
  data: unknown,
  options: O | undefined,
): ChartElement {
  const checked = assertOptions(options, "options", spec.keys);
  checkOptionValues(spec, checked);
  const host = readContainer(container);
  for (const key of Object.keys(checked) as (keyof O)[]) {
    if (String(key).startsWith("on") && checked[key] !== undefined)
      assertFunction(checked[key], `options.${String(key)}`);
  }
  for (const key of ["width", "height"] as const) {
    const value = checked[key];
    if (value !== undefined && !(typeof value === "number" && Number.isFinite(value) && value > 0)) {
      throw new ClearboxError("E_RANGE", `options.${key} must be a positive number, got ${describeValue(value)}.`, {
        argument: `options.${key}`,
      });
    }
  }
  const document = checked.document ?? host.ownerDocument;
  let state = states.get(host);
  if (state !== undefined && state.kind !== spec.kind) {
    state.svg.destroy();
    state = undefined;
  }
  if (state === undefined) {
    const svg = createSvg(document, spec.kind);
    host.appendChild(svg);
    state = { kind: spec.kind, svg };
    const own = state;
    Object.defineProperty(svg, "destroy", {
      configurable: true,
      value: () => {
        own.observer?.disconnect();
        select(svg).selectAll("*").on(".clearbox", null);
        select(svg).on(".clearbox", null);
        svg.remove();
        if (states.get(host) === own) states.delete(host);
      },
    });
    states.set(host, state);
  }
  const current = state;
  const draw = () => {
    // The container's own size, without the chart in it (else the chart's last size, or an empty SVG's 300 × 150).
    current.svg.setAttribute("style", "display:none");
    const [hostWidth, hostHeight] = [host.clientWidth, host.clientHeight];
    current.svg.setAttribute("style", "display:block");
    const width = checked.width ?? (hostWidth || spec.defaultWidth);
    const height = checked.height ?? (hostHeight || spec.defaultHeight);
    drawInto(current.svg, spec, data, checked, width, height, document);
  };
  draw();
  current.observer?.disconnect();
  current.observer = undefined;
  const Observer = (globalThis as { ResizeObserver?: typeof ResizeObserver }).ResizeObserver;
  if (checked.resize === true && Observer !== undefined && checked.document === undefined) {
    let first = true;
    current.observer = new Observer(() => {
      // The observer reports once on observe(); the chart is already drawn at that size.
      if (first) first = false;
      else draw();
    });
    current.observer.observe(host);
  }
  return current.svg;
}

function readContainer(container: unknown): Element {
  const candidate = container as Element | null;
  if (
    typeof container !== "object" ||
    candidate === null ||
    typeof candidate.appendChild !== "function" ||
    typeof candidate.ownerDocument !== "object" ||
    candidate.ownerDocument === null
  ) {
    throw new ClearboxError("E_TYPE", `container must be a DOM element, got ${describeValue(container)}.`, {
      argument: "container",
    });
  }
  return candidate;
}

function createSvg(document: Document, kind: string): ChartElement {
  const svg = document.createElementNS(SVG_NS, "svg") as ChartElement;
  const root = select(svg)
    .attr("xmlns", SVG_NS)
    .attr("class", `clearbox-chart clearbox-${kind}`)
    .attr("data-chart", kind)
    .attr("role", "img")
    // Block, not inline: an inline SVG leaves a descender gap below it, so a container sized by its content would
    // grow a few pixels on every redraw at the container's size (a loop with `resize`).
    .attr("style", "display:block")
    // Also as attributes: a standalone SVG viewer that ignores <style> still gets the font and size.
    .attr("font-family", "system-ui, sans-serif")
    .attr("font-size", TYPE.body);
  root.append("title");
  root.append("desc");
  // Sign colours and the readout's background through CSS custom properties (a dark page sets them); scoped to the
  // chart's class, so the page needs no stylesheet and nothing leaks out.
  root.append("style").text(CHART_STYLE);
  root.append("g").attr("class", "marks");
  // A polite live region: what the keyboard focuses is read out as the pointer's hover is shown.
  const readout = root
    .append("g")
    .attr("class", "readout")
    .attr("pointer-events", "none")
    .attr("display", "none")
    .attr("aria-live", "polite");
  readout
    .append("rect")
    .attr("rx", 3)
    .attr("class", "cb-readout-box")
    .attr("stroke", "currentColor")
    .attr("stroke-opacity", 0.3);
  readout.append("text").attr("fill", "currentColor");
  return svg;
}

function drawInto<D, O extends BaseChartOptions>(
  element: ChartElement,
  spec: ChartSpec<D, O>,
  data: unknown,
  options: O,
  width: number,
  height: number,
  document: Document,
) {
  const svg = select(element as SVGSVGElement);
  const title = options.title ?? options.heading ?? spec.defaultTitle;
  svg.attr("width", width).attr("height", height).attr("viewBox", `0 0 ${width} ${height}`).attr("aria-label", title);
  svg.select("title").text(title);
  const marks = svg.select<SVGGElement>("g.marks");
  const top = drawHeading(svg, options.heading);
  marks.attr("transform", top > 0 ? `translate(0,${top})` : null);
  const innerHeight = Math.max(1, height - top);
  const readoutLayer = svg.select<SVGGElement>("g.readout");
  const readout = (lines: string[] | null, x = 0, y = 0) => {
    if (lines === null || lines.length === 0) {
      readoutLayer.attr("display", "none");
      return;
    }
    const lineHeight = 14;
    const boxWidth = 12 + 6.2 * Math.max(...lines.map((line) => line.length));
    const boxHeight = 8 + lineHeight * lines.length;
    // Beside the pointer, kept inside the chart.
    const left = Math.max(0, Math.min(x + 12, width - boxWidth));
    const above = Math.max(0, Math.min(y + top + 12, height - boxHeight));
    readoutLayer.attr("display", null).attr("transform", `translate(${left},${above})`);
    readoutLayer.select("rect").attr("width", boxWidth).attr("height", boxHeight);
    readoutLayer
      .select("text")
      .selectAll("tspan")
      .data(lines)
      .join("tspan")
      .attr("x", 6)
      .attr("y", (_, i) => 4 + lineHeight * (i + 0.8))
      .text((line) => line);
  };
  readout(null);
  const checked = readData(spec, data, options);
  if (typeof checked === "string") {
    marks.selectAll("*").remove();
    svg.select("desc").text(checked);
    marks
      .append("text")
      .attr("class", "empty-state")
      .attr("x", width / 2)
      .attr("y", innerHeight / 2)
      .attr("text-anchor", "middle")
      .attr("fill", "currentColor")
      .attr("fill-opacity", 0.7)
      .text(checked);
    svg.attr("data-empty", "true");
    return;
  }
  svg.attr("data-empty", null);
  svg.select("desc").text("");
  marks.select(".empty-state").remove();
  const interactive = options.document === undefined;
  spec.draw({ svg, marks, width, height: innerHeight, document, readout, interactive }, checked, options);
}

function readData<D, O extends BaseChartOptions>(spec: ChartSpec<D, O>, data: unknown, options: O): D | string {
  try {
    return spec.read(data, options);
  } catch (error) {
    // Data too large to draw is refused (the caller must choose what to draw); anything else a reader trips over
    // ends in the empty state, with what it said.
    if (isClearboxError(error) && error.code === "E_TOO_LARGE") throw error;
    return `No chart: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** The visible heading at the top (the title slot), or none; returns the height it takes. */
function drawHeading(svg: Selection<SVGSVGElement, unknown, null, undefined>, heading: string | undefined) {
  const text = svg
    .selectAll<SVGTextElement, string>("text.cb-heading")
    .data(heading === undefined || heading === "" ? [] : [heading])
    .join((enter) => enter.insert("text", "g.marks").attr("class", "cb-heading"))
    .attr("x", 4)
    .attr("y", TYPE.title + 2)
    .attr("font-size", TYPE.title)
    .attr("font-weight", 600)
    .attr("fill", "currentColor")
    .text((d) => d);
  return text.empty() ? 0 : TYPE.title + 10;
}

/** Each named option is one of its allowed values, each numeric option a finite number in range: else E_OPTION. */
export function checkOptionValues<O extends BaseChartOptions>(
  spec: Pick<ChartSpec<unknown, O>, "choices" | "numbers">,
  options: O,
) {
  for (const [key, allowed] of Object.entries(spec.choices ?? {}) as [string, readonly unknown[]][]) {
    const value = (options as Record<string, unknown>)[key];
    if (value === undefined || allowed.includes(value)) continue;
    const list = allowed.map((v) => JSON.stringify(v)).join(", ");
    throw new ClearboxError("E_OPTION", `options.${key} must be one of ${list}, got ${describeValue(value)}.`, {
      argument: `options.${key}`,
    });
  }
  for (const [key, rule] of Object.entries(spec.numbers ?? {}) as [string, { min: number; integer?: boolean }][]) {
    const value = (options as Record<string, unknown>)[key];
    if (value === undefined) continue;
    const ok =
      typeof value === "number" &&
      Number.isFinite(value) &&
      value >= rule.min &&
      (!rule.integer || Number.isInteger(value));
    if (!ok) {
      const kind = rule.integer ? "an integer" : "a finite number";
      throw new ClearboxError(
        "E_OPTION",
        `options.${key} must be ${kind} ≥ ${rule.min}, got ${describeValue(value)}.`,
        {
          argument: `options.${key}`,
        },
      );
    }
  }
}
