import type { OptionKeys } from "@clearbox/core/internal";
import { max } from "d3-array";
import { formatValue } from "./format.js";
import { TYPE } from "./theme.js";
import { BASE_KEYS, renderChart } from "./frame.js";
import type { BaseChartOptions, ChartElement, Frame } from "./frame.js";
import { drawGlyphs, glyphStats } from "./glyph.js";
import type { GlyphStats, PlacedGlyph } from "./glyph.js";
import { readNumbers, readObject } from "./read-data.js";

/** One node and the uncertainty of its members: raw values in [0, 1], or their box-plot numbers. */
export interface GlyphItem {
  /** Member uncertainties on a 0–1 scale (e.g. normalised `uncertainty()` of a cluster's members). */
  values?: ArrayLike<number>;
  /** Or the numbers themselves. */
  stats?: GlyphStats;
  label?: string;
  /** Position and node radius; without them the glyphs are laid out in rows. */
  x?: number;
  y?: number;
  radius?: number;
}

export interface UncertaintyGlyphData {
  items: ArrayLike<GlyphItem>;
}

export interface UncertaintyGlyphOptions extends BaseChartOptions {
  onHover?: (index: number | null, event: Event) => void;
  /** A click on a glyph. */
  onSelect?: (index: number, event: Event) => void;
}

const KEYS = { ...BASE_KEYS, onHover: true, onSelect: true } satisfies OptionKeys<UncertaintyGlyphOptions>;

interface Checked {
  glyphs: (PlacedGlyph & { label: string; placed: boolean })[];
}

/**
 * Draw MutualRanker's uncertainty glyphs (§5.3.2): around each node, a box plot of its members' uncertainty bent
 * into a ring — 0 at 12 o'clock, 1 all the way round; a thin arc from min to max, a thick one over the quartiles, a
 * tick at the median. Nodes go where `x`, `y` say, or in rows.
 *
 * @param container - The element to draw into.
 * @param data - `{ items: [{ values | stats, label?, x?, y?, radius? }] }`.
 * @param options - Size, `title`, `onHover`, `onSelect`, `document`, `resize`.
 * @returns The chart's SVG element, with `destroy()`.
 * @throws `E_TYPE` when `container` is not an element; `E_OPTION` for an unknown option key; `E_RANGE` for a size
 *   ≤ 0. Bad data (values outside [0, 1], NaN, no items) draws an empty state with a message.
 * @example
 * // Fragment
 * uncertaintyGlyph(element, { items: clusters.map((c) => ({ label: c.name, values: c.memberUncertainty })) });
 */
export function uncertaintyGlyph(
  container: Element,
  data: UncertaintyGlyphData,
  options?: UncertaintyGlyphOptions,
): ChartElement {
  return renderChart(
    {
      kind: "uncertainty-glyph",
      defaultWidth: 480,
      defaultHeight: 160,
      defaultTitle: "Uncertainty glyphs",
      keys: KEYS,
      read: readGlyphs,
      draw: drawChart,
    },
    container,
    data,
    options,
  );
}

function drawChart(frame: Frame, data: Checked, options: UncertaintyGlyphOptions) {
  const { marks, width, height } = frame;
  // Rows of glyphs for items without a position.
  const cell = 2 * ((max(data.glyphs, (g) => g.radius) ?? 0) + 12);
  const perRow = Math.max(1, Math.floor(width / cell));
  let k = 0;
  const all = data.glyphs.map((g, index) => {
    if (g.placed) return { ...g, index };
    const at = k++;
    return { ...g, index, x: cell * ((at % perRow) + 0.5), y: cell * (Math.floor(at / perRow) + 0.5) };
  });
  // Only the glyphs inside the frame are drawn (10⁵ items in rows would be 10⁶ elements, nearly all off the chart);
  // the chart says how many it shows.
  const inside = (g: (typeof all)[number]) =>
    g.x + g.radius > 0 && g.x - g.radius < width && g.y + g.radius > 0 && g.y - g.radius < height;
  const glyphs = all.filter(inside);
  frame.svg.attr("data-shown", glyphs.length).attr("data-total", all.length);
  frame.svg.select("desc").text(glyphs.length < all.length ? `Showing ${glyphs.length} of ${all.length} glyphs.` : "");
  marks
    .selectAll<SVGCircleElement, PlacedGlyph>("circle.node")
    .data(glyphs)
    .join("circle")
    .attr("class", "node cb-box")
    .attr("cx", (g) => g.x)
    .attr("cy", (g) => g.y)
    .attr("r", (g) => g.radius);
  marks
    .selectAll<SVGTextElement, (typeof glyphs)[number]>("text.node-label")
    .data(glyphs)
    .join("text")
    .attr("class", "node-label")
    .attr("x", (g) => g.x)
    .attr("y", (g) => g.y + 3.5)
    .attr("text-anchor", "middle")
    .attr("font-size", TYPE.small)
    .attr("fill", "currentColor")
    .text((g) => g.label.slice(0, Math.max(1, Math.floor(g.radius / 3))));
  const layer = marks.selectAll<SVGGElement, null>("g.glyphs").data([null]).join("g").attr("class", "glyphs");
  drawGlyphs(layer, glyphs)
    .attr("data-index", (_, i) => i)
    .on("pointerenter.clearbox", (event: Event, g) => {
      const i = (g as (typeof glyphs)[number]).index;
      const s = g.stats;
      frame.readout(
        [
          data.glyphs[i].label,
          `min ${formatValue(s.min)} · max ${formatValue(s.max)}`,
          `quartiles ${formatValue(s.q1)} – ${formatValue(s.q3)}`,
        ],
        g.x + g.radius,
        g.y,
      );
      options.onHover?.(i, event);
    })
    .on("pointerleave.clearbox", (event: Event) => {
      frame.readout(null);
      options.onHover?.(null, event);
    })
    .on("click.clearbox", (event: Event, g) => options.onSelect?.((g as (typeof glyphs)[number]).index, event));
}

/** Box-plot numbers from an item's values or stats, or a message. */
export function readGlyphItem(item: unknown, name: string): GlyphStats | string {
  const object = readObject(item, name);
  if (typeof object === "string") return object;
  let stats: GlyphStats | null;
  if (object.stats !== undefined) {
    const s = readObject(object.stats, `${name}.stats`);
    if (typeof s === "string") return s;
    const numbers = readNumbers([s.min, s.q1, s.q3, s.max], `${name}.stats`);
    if (typeof numbers === "string") return `${name}.stats needs min, q1, q3 and max.`;
    stats = { min: numbers[0], q1: numbers[1], q3: numbers[2], max: numbers[3] };
    if (typeof s.median === "number") stats.median = s.median;
  } else {
    const values = readNumbers(object.values, `${name}.values`);
    if (typeof values === "string") return values;
    stats = glyphStats(values);
    if (stats === null) return `${name}.values is empty.`;
  }
  const all = [stats.min, stats.q1, stats.q3, stats.max];
  if (all.some((v) => v < 0 || v > 1)) return `${name}: uncertainty must be on a 0–1 scale (normalise it first).`;
  if (!(stats.min <= stats.q1 && stats.q1 <= stats.q3 && stats.q3 <= stats.max)) {
    return `${name}.stats must satisfy min ≤ q1 ≤ q3 ≤ max.`;
  }
  return stats;
}

function readGlyphs(data: unknown): Checked | string {
  const object = readObject(data, "data");
  if (typeof object === "string") return object;
  const items = object.items as ArrayLike<unknown> | undefined;
  if (items === undefined || typeof items !== "object" || typeof items.length !== "number") {
    return "data.items must be an array of { values } or { stats }.";
  }
  if (items.length === 0) return "No glyphs to draw (data.items is empty).";
  const glyphs: Checked["glyphs"] = [];
  for (let i = 0; i < items.length; i++) {
    const stats = readGlyphItem(items[i], `data.items[${i}]`);
    if (typeof stats === "string") return stats;
    const item = items[i] as GlyphItem;
    const placed =
      typeof item.x === "number" && typeof item.y === "number" && Number.isFinite(item.x) && Number.isFinite(item.y);
    const radius =
      typeof item.radius === "number" && item.radius > 0 && Number.isFinite(item.radius) ? item.radius : 14;
    glyphs.push({
      x: placed ? (item.x as number) : 0,
      y: placed ? (item.y as number) : 0,
      radius,
      stats,
      placed,
      label: item.label === undefined ? String(i) : String(item.label),
    });
  }
  return { glyphs };
}
