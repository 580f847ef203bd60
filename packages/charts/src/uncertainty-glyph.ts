import { max, quantile } from "d3-array";
import { formatValue } from "./format.js";
import { TYPE, textWidth } from "./theme.js";
import { drawLabels } from "./label-layer.js";
import { measurerFor, placeLabels } from "./label-placer.js";
import type { PlacedLabel } from "./label-placer.js";
import { renderChart } from "./frame.js";
import { BASE_DEFAULTS, checksOf, keysOf } from "./defaults.js";
import type { ChartDefaults } from "./defaults.js";
import { readLayoutInput } from "./layout-input.js";
import type { LayoutSize } from "./layout-input.js";
import type { BaseChartOptions, ChartElement, Frame } from "./frame.js";
import { keyboardOnElements } from "./keyboard.js";
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

/** uncertaintyGlyph's options: defaults, allowed values and the docs' table, written once. */
export const uncertaintyGlyphDefaults = {
  ...BASE_DEFAULTS,
  onHover: { doc: "`(index | null, event)`" },
  onSelect: { doc: "`(index, event)` on a click or Enter" },
} as const satisfies ChartDefaults<UncertaintyGlyphOptions>;

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
      keys: keysOf<UncertaintyGlyphOptions>(uncertaintyGlyphDefaults),
      ...checksOf(uncertaintyGlyphDefaults),
      read: readGlyphs,
      draw: drawChart,
    },
    container,
    data,
    options,
  );
}

/** A glyph as laid out: its item's index and label, position and node radius. */
export type LaidOutGlyph = PlacedGlyph & { index: number; label: string };

/** What `uncertaintyGlyphLayout` returns: the glyphs inside the frame, their labels, and how many items there were. */
export interface UncertaintyGlyphLayout {
  glyphs: LaidOutGlyph[];
  labels: PlacedLabel[];
  total: number;
}

/** Outer edge of the ring beyond the node's radius (the track's outer radius in glyph.ts). */
const RING = 9;

/**
 * Lay out uncertainty glyphs without a DOM: items without a position in rows (room below each for its label), only
 * the glyphs inside the frame kept (10⁵ items in rows would be 10⁶ elements, nearly all off the chart), and the
 * labels placed below their rings without overlaps — earlier items first; a label with no room is dropped (the
 * readout names it).
 *
 * @param data - As `uncertaintyGlyph` takes it.
 * @param options - `width`, `height` (required) and `uncertaintyGlyph`'s options.
 * @returns The glyphs inside the chart (each with its item's `index` and box-plot `stats`), their placed labels, and
 *   how many items there were.
 * @throws `E_OPTION` for an unknown key; `E_RANGE` for a size that is not positive; `E_SHAPE` with the chart's
 *   empty-state message for data the chart would not draw (values outside [0, 1], NaN, no items).
 * @example
 * const layout = uncertaintyGlyphLayout({ items: [{ label: "a", values: [0.1, 0.5] }] }, { width: 200, height: 80 });
 * layout.glyphs[0].stats.max; // => 0.5
 */
export function uncertaintyGlyphLayout(
  data: UncertaintyGlyphData,
  options: UncertaintyGlyphOptions & LayoutSize,
): UncertaintyGlyphLayout {
  const input = readLayoutInput(data, options, uncertaintyGlyphDefaults, readGlyphs);
  return layOutGlyphs(input.checked.glyphs, input.width, input.height);
}

function layOutGlyphs(
  items: ReadonlyArray<PlacedGlyph & { label: string; placed: boolean }>,
  width: number,
  height: number,
  measure?: (text: string, size: number) => number,
): UncertaintyGlyphLayout {
  const ring = 2 * ((max(items, (g) => g.radius) ?? 0) + RING + 3);
  // Wide enough for a typical name below each ring (the median of the first 100, at most 160 px), so rows of long
  // names do not all compete for the same room.
  const widths = items.slice(0, 100).map((g) => (measure ?? textWidth)(g.label, TYPE.small));
  const cellWidth = Math.max(ring, Math.min(160, (quantile(widths, 0.5) ?? 0) + 8));
  const cellHeight = ring + 1.2 * TYPE.small + 4;
  // A left margin for the first column's names when they are wider than a cell (they are centred below the ring).
  const left = Math.min(40, Math.max(4, ((max(widths) ?? 0) - cellWidth) / 2 + 2));
  const perRow = Math.max(1, Math.floor((width - left) / cellWidth));
  const inside = (g: LaidOutGlyph) =>
    g.x + g.radius > 0 && g.x - g.radius < width && g.y + g.radius > 0 && g.y - g.radius < height;
  let k = 0;
  const glyphs: LaidOutGlyph[] = [];
  items.forEach((g, index) => {
    const at = g.placed ? -1 : k++;
    const x = g.placed ? g.x : left + cellWidth * ((at % perRow) + 0.5);
    const y = g.placed ? g.y : cellHeight * Math.floor(at / perRow) + ring / 2;
    const glyph = { x, y, radius: g.radius, stats: g.stats, index, label: g.label };
    if (inside(glyph)) glyphs.push(glyph);
  });
  const { placed } = placeLabels(
    glyphs.map((g, i) => ({
      x: g.x,
      y: g.y,
      text: g.label,
      priority: -i,
      radius: g.radius + RING,
      angles: [Math.PI / 2, -Math.PI / 2, 0, Math.PI],
    })),
    {
      bounds: [0, 0, width, height],
      obstacles: glyphs.map((g) => [
        g.x - g.radius - RING,
        g.y - g.radius - RING,
        g.x + g.radius + RING,
        g.y + g.radius + RING,
      ]),
      measure,
    },
  );
  return { glyphs, labels: placed, total: items.length };
}

function drawChart(frame: Frame, data: Checked, options: UncertaintyGlyphOptions) {
  const { marks, width, height } = frame;
  const { glyphs, labels, total } = layOutGlyphs(data.glyphs, width, height, measurerFor(frame.document));
  frame.svg.attr("data-shown", glyphs.length).attr("data-total", total);
  frame.svg.select("desc").text(glyphs.length < total ? `Showing ${glyphs.length} of ${total} glyphs.` : "");
  marks
    .selectAll<SVGCircleElement, PlacedGlyph>("circle.node")
    .data(glyphs)
    .join("circle")
    .attr("class", "node cb-box")
    .attr("cx", (g) => g.x)
    .attr("cy", (g) => g.y)
    .attr("r", (g) => g.radius);
  // Full names, placed so that none overlaps (labels are indices into `glyphs`).
  drawLabels(
    marks,
    labels.map((l) => ({ ...l, index: glyphs[l.index].index })),
    "node-labels",
  );
  const layer = marks.selectAll<SVGGElement, null>("g.glyphs").data([null]).join("g").attr("class", "glyphs");
  const glyphMarks = drawGlyphs(layer, glyphs)
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
  keyboardOnElements(frame, glyphMarks.nodes());
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
