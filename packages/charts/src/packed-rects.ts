import { sequentialColor } from "./colors.js";
import type { ColorScale } from "./colors.js";
import { formatValue } from "./format.js";
import { isAllowedImage, readImageOrigins } from "./image-href.js";
import { renderChart } from "./frame.js";
import { BASE_DEFAULTS, checksOf, keysOf } from "./defaults.js";
import type { ChartDefaults } from "./defaults.js";
import { readLayoutInput } from "./layout-input.js";
import type { LayoutSize } from "./layout-input.js";
import type { BaseChartOptions, ChartElement, Frame } from "./frame.js";
import { keyboardOnElements } from "./keyboard.js";
import { readIndices, readLabels, readNumbers, readObject } from "./read-data.js";

/** One packed rectangle: where input item `index` went (the shape of rect-pack's `Placement`). */
export interface PackedRect {
  index: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A packing of one neuron cluster (the shape of rect-pack's results), and what to show per rectangle. */
export interface PackedRectsData {
  /** The enclosing size of the packing. */
  width: number;
  height: number;
  placements: ArrayLike<PackedRect>;
  /** Sub-regions to outline (e.g. `packHierarchical`'s `regions`). */
  regions?: ArrayLike<{ x: number; y: number; width: number; height: number }>;
  /** Importance per input item: the fill (sequential). */
  importance?: ArrayLike<number>;
  /** Class (or any category) per input item, for `selectedClasses`. */
  classes?: ArrayLike<number>;
  /**
   * An image per input item (e.g. a feature map as a data URL), drawn inside its rectangle: a
   * `data:image/(png|jpeg|gif|webp)` URL, or an http(s) URL whose origin `options.imageOrigins` names. Any other
   * URL draws the empty state naming the item, and is never written out.
   */
  href?: Array<string | undefined>;
  /** A name per input item, for the readout. */
  labels?: string[];
  /** The cluster's label, drawn above its frame. */
  label?: string;
}

export interface PackedRectsOptions extends BaseChartOptions {
  /** Items of these classes stay opaque, the others turn translucent. Default: all opaque. */
  selectedClasses?: ArrayLike<number>;
  /** Importance → colour. Default light → dark blue over the importances. */
  color?: ColorScale;
  /** A fill per item (by input index), e.g. by class; overrides the importance colour. */
  fill?: (index: number) => string;
  /**
   * Origins (`"https://cdn.example.org"`) whose images `data.href` may name. Default none: only `data:image/...`
   * URLs, so a rendered report fetches nothing from outside.
   */
  imageOrigins?: string[];
  onHover?: (index: number | null, event: Event) => void;
  /** A click on a rectangle. */
  onSelect?: (index: number, event: Event) => void;
}

/** packedRects' options: defaults, allowed values and the docs' table, written once. */
export const packedRectsDefaults = {
  ...BASE_DEFAULTS,
  selectedClasses: { defaultText: "all opaque", doc: "items of these classes stay opaque (others 0.2)" },
  color: { defaultText: "light → dark blue", doc: "importance → colour" },
  fill: { doc: "a colour per item index, overriding `color`" },
  imageOrigins: { defaultText: "none", doc: "http(s) origins `href` images may come from" },
  onHover: { doc: "`(index | null, event)`" },
  onSelect: { doc: "`(index, event)` on a click or Enter" },
} as const satisfies ChartDefaults<PackedRectsOptions>;

interface Checked {
  width: number;
  height: number;
  rects: PackedRect[];
  regions: { x: number; y: number; width: number; height: number }[];
  importance?: Float64Array;
  classes?: Int32Array;
  href?: Array<string | undefined>;
  labels?: string[];
  label?: string;
}

/**
 * Draw a neuron cluster as packed rectangles (CNNVis §3.4): each rectangle an item sized by the packing (size it by
 * importance before packing), filled by importance or showing an image, under a cluster frame and label; items of
 * unselected classes turn translucent; a hover readout. Calling it again on the same container updates in place.
 *
 * @param container - The element to draw into.
 * @param data - A packing `{ width, height, placements, regions? }` and per-item `importance`, `classes`, `href`, `labels`, `label`.
 * @param options - Size, `title`, `selectedClasses`, `color`, `fill`, `imageOrigins`, `onHover`, `onSelect`,
 *   `document`, `resize`.
 * @returns The chart's SVG element, with `destroy()`.
 * @throws `E_TYPE` when `container` is not an element; `E_OPTION` for an unknown option key or an `imageOrigins`
 *   entry that is not an origin; `E_RANGE` for a size ≤ 0. Bad data (NaN, a placement without a size, mismatched
 *   lengths, an image URL the policy refuses) draws an empty state with a message.
 * @example
 * // Fragment
 * packedRects(element, { ...packFast(sizes), importance, label: "cluster 3" }, { selectedClasses: [7] });
 */
export function packedRects(container: Element, data: PackedRectsData, options?: PackedRectsOptions): ChartElement {
  if (typeof options === "object" && options !== null && Object.hasOwn(options, "imageOrigins")) {
    readImageOrigins(options.imageOrigins);
  }
  return renderChart(
    {
      kind: "packed-rects",
      defaultWidth: 360,
      defaultHeight: 360,
      defaultTitle: "Packed rectangles",
      keys: keysOf<PackedRectsOptions>(packedRectsDefaults),
      ...checksOf(packedRectsDefaults),
      read: readPacking,
      draw: drawPacking,
    },
    container,
    data,
    options,
  );
}

/** A box in pixels. */
export interface PixelBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What `packedRectsLayout` returns: every box in the chart's pixels, each item's fill and opacity. */
export interface PackedRectsLayout {
  /** Pixels per packing unit (one scale for both axes, so squares stay square). */
  scale: number;
  /** The cluster's frame around the packing. */
  frame: PixelBox;
  /** The cluster's label above the frame, or null. */
  label: { x: number; y: number; text: string } | null;
  regions: PixelBox[];
  /** One per placement, in its order: `index` is the input item; `opacity` 0.2 for unselected classes. */
  rects: (PackedRect & { fill: string; opacity: number })[];
}

/**
 * Lay out a packing in pixels without a DOM: the packing scaled to fit the chart (aspect kept, centred, room above for
 * the label), each rectangle's fill (by importance, or `fill`) and opacity (by `selectedClasses`).
 *
 * @param data - As `packedRects` takes it.
 * @param options - `width`, `height` (required) and `packedRects`' options.
 * @returns The frame, label, regions and rectangles in pixels.
 * @throws `E_OPTION` for an unknown key or a bad value; `E_RANGE` for a size that is not positive; `E_SHAPE` with the
 *   chart's empty-state message for data the chart would not draw.
 * @example
 * const layout = packedRectsLayout(packFast([4, 2, 1]), { width: 200, height: 200 });
 * layout.rects.length; // => 3
 */
export function packedRectsLayout(data: PackedRectsData, options: PackedRectsOptions & LayoutSize): PackedRectsLayout {
  if (typeof options === "object" && options !== null && Object.hasOwn(options, "imageOrigins")) {
    readImageOrigins(options.imageOrigins);
  }
  const input = readLayoutInput(data, options, packedRectsDefaults, readPacking);
  return layOutPacking(input.checked, input.width, input.height, input.options);
}

function layOutPacking(p: Checked, width: number, height: number, options: PackedRectsOptions): PackedRectsLayout {
  const labelSpace = p.label === undefined ? 0 : 18;
  const pad = 6;
  const scale = Math.min((width - 2 * pad) / p.width, (height - 2 * pad - labelSpace) / p.height);
  const ox = (width - p.width * scale) / 2;
  const oy = labelSpace + pad;
  let low = Infinity;
  let high = -Infinity;
  for (const v of p.importance ?? []) {
    low = Math.min(low, v);
    high = Math.max(high, v);
  }
  const color = options.color ?? (p.importance ? sequentialColor(Math.min(0, low), high) : () => "#90a4ae");
  const selected = options.selectedClasses === undefined ? undefined : new Set(Array.from(options.selectedClasses));
  const opaque = (i: number) => selected === undefined || p.classes === undefined || selected.has(p.classes[i]);
  const box = (r: { x: number; y: number; width: number; height: number }) => ({
    x: ox + r.x * scale,
    y: oy + r.y * scale,
    width: r.width * scale,
    height: r.height * scale,
  });
  return {
    scale,
    frame: { x: ox - 2, y: oy - 2, width: p.width * scale + 4, height: p.height * scale + 4 },
    label: p.label === undefined ? null : { x: ox, y: 13, text: p.label },
    regions: p.regions.map(box),
    rects: p.rects.map((r) => ({
      index: r.index,
      ...box(r),
      fill: options.fill ? options.fill(r.index) : color(p.importance ? p.importance[r.index] : 0),
      opacity: opaque(r.index) ? 1 : 0.2,
    })),
  };
}

function drawPacking(frame: Frame, p: Checked, options: PackedRectsOptions) {
  const { marks, width, height } = frame;
  const layout = layOutPacking(p, width, height, options);
  marks
    .selectAll<SVGTextElement, NonNullable<PackedRectsLayout["label"]>>("text.cluster-label")
    .data(layout.label === null ? [] : [layout.label])
    .join("text")
    .attr("class", "cluster-label")
    .attr("x", (d) => d.x)
    .attr("y", (d) => d.y)
    .attr("font-weight", 600)
    .attr("fill", "currentColor")
    .text((d) => d.text);
  marks
    .selectAll<SVGRectElement, PixelBox>("rect.cb-frame")
    .data([layout.frame])
    .join("rect")
    .attr("class", "cb-frame")
    .attr("x", (b) => b.x)
    .attr("y", (b) => b.y)
    .attr("width", (b) => b.width)
    .attr("height", (b) => b.height)
    .attr("rx", 3);
  marks
    .selectAll<SVGRectElement, PixelBox>("rect.region")
    .data(layout.regions)
    .join("rect")
    .attr("class", "region")
    .attr("x", (r) => r.x)
    .attr("y", (r) => r.y)
    .attr("width", (r) => r.width)
    .attr("height", (r) => r.height)
    .attr("fill", "none")
    .attr("stroke", "currentColor")
    .attr("stroke-opacity", 0.15)
    .attr("stroke-dasharray", "2 2");
  drawItems(frame, p, layout.rects, options);
}

/** The rectangles (with their images), their readout and keyboard. */
function drawItems(frame: Frame, p: Checked, rects: PackedRectsLayout["rects"], options: PackedRectsOptions) {
  type Item = PackedRectsLayout["rects"][number];
  const items = frame.marks
    .selectAll<SVGGElement, Item>("g.item")
    .data(rects, (r) => String(r.index))
    .join((enter) => {
      const g = enter.append("g").attr("class", "item");
      g.append("rect");
      return g;
    })
    .attr("data-index", (r) => r.index)
    .attr("opacity", (r) => r.opacity);
  items
    .select("rect")
    .attr("x", (r) => r.x)
    .attr("y", (r) => r.y)
    .attr("width", (r) => Math.max(0.5, r.width))
    .attr("height", (r) => Math.max(0.5, r.height))
    .attr("fill", (r) => r.fill)
    .attr("class", "cb-gap")
    .attr("stroke-width", 0.5);
  items
    .selectAll<SVGImageElement, Item>("image")
    .data((r) => (p.href?.[r.index] ? [r] : []))
    .join("image")
    .attr("x", (r) => r.x + 1)
    .attr("y", (r) => r.y + 1)
    .attr("width", (r) => Math.max(0, r.width - 2))
    .attr("height", (r) => Math.max(0, r.height - 2))
    .attr("preserveAspectRatio", "none")
    .attr("href", (r) => p.href?.[r.index] ?? "");
  items
    .on("pointerenter.clearbox", (event: Event, r: Item) => {
      const lines = [p.labels?.[r.index] ?? `item ${r.index}`];
      if (p.importance) lines.push(`importance ${formatValue(p.importance[r.index])}`);
      if (p.classes) lines.push(`class ${p.classes[r.index]}`);
      frame.readout(lines, r.x + r.width, r.y);
      options.onHover?.(r.index, event);
    })
    .on("pointerleave.clearbox", (event: Event) => {
      frame.readout(null);
      options.onHover?.(null, event);
    })
    .on("click.clearbox", (event: Event, r: Item) => options.onSelect?.(r.index, event));
  keyboardOnElements(frame, items.nodes());
}

function readPacking(data: unknown, options: PackedRectsOptions): Checked | string {
  const object = readObject(data, "data");
  if (typeof object === "string") return object;
  const size = readNumbers([object.width, object.height], "data.width / data.height");
  if (typeof size === "string" || size[0] <= 0 || size[1] <= 0) return "data.width and data.height must be positive.";
  const placements = object.placements as ArrayLike<unknown> | undefined;
  if (placements === undefined || typeof placements !== "object" || typeof placements.length !== "number") {
    return "data.placements must be an array of { index, x, y, width, height }.";
  }
  if (placements.length === 0) return "No rectangles to draw (data.placements is empty).";
  const rects: PackedRect[] = [];
  let items = 0;
  for (let i = 0; i < placements.length; i++) {
    const r = placements[i] as Record<string, unknown> | null;
    const values = readNumbers([r?.index, r?.x, r?.y, r?.width, r?.height], `data.placements[${i}]`);
    if (typeof values === "string" || !Number.isInteger(values[0]) || values[0] < 0 || values[3] < 0 || values[4] < 0) {
      return `data.placements[${i}] must be { index, x, y, width, height } with finite numbers.`;
    }
    rects.push({ index: values[0], x: values[1], y: values[2], width: values[3], height: values[4] });
    items = Math.max(items, values[0] + 1);
  }
  const regions: Checked["regions"] = [];
  const rawRegions = object.regions as ArrayLike<unknown> | undefined;
  for (let i = 0; i < (rawRegions?.length ?? 0); i++) {
    const r = rawRegions?.[i] as Record<string, unknown> | null;
    const values = readNumbers([r?.x, r?.y, r?.width, r?.height], `data.regions[${i}]`);
    if (typeof values === "string") return values;
    regions.push({ x: values[0], y: values[1], width: values[2], height: values[3] });
  }
  const importance = object.importance === undefined ? undefined : readNumbers(object.importance, "data.importance");
  if (typeof importance === "string") return importance;
  if (importance !== undefined && importance.length < items)
    return `data.importance needs a value for each of ${items} items.`;
  const classes =
    object.classes === undefined
      ? undefined
      : readIndices(object.classes, "data.classes", (object.classes as ArrayLike<number>).length);
  if (typeof classes === "string") return classes;
  if (classes !== undefined && classes.length < items) return `data.classes needs a class for each of ${items} items.`;
  const labels =
    object.labels === undefined
      ? undefined
      : readLabels(object.labels, "data.labels", (object.labels as unknown[]).length);
  if (typeof labels === "string") return labels;
  const href = readHrefs(object.href, options);
  if (typeof href === "string") return href;
  const label = object.label === undefined ? undefined : String(object.label);
  return { width: size[0], height: size[1], rects, regions, importance, classes, href, labels, label };
}

/** The image URLs that pass the policy (see `PackedRectsData.href`), or the empty-state message naming the first that fails. */
function readHrefs(raw: unknown, options: PackedRectsOptions): Array<string | undefined> | string | undefined {
  if (!Array.isArray(raw)) return undefined;
  const origins = readImageOrigins(options.imageOrigins);
  const href: Array<string | undefined> = [];
  for (let i = 0; i < raw.length; i++) {
    const h: unknown = raw[i];
    if (typeof h !== "string" || h === "") {
      href.push(undefined);
    } else if (isAllowedImage(h, origins)) {
      href.push(h);
    } else {
      // Short enough to fit a small chart's empty state; the policy is in the docs of `href` and `imageOrigins`.
      return `data.href[${i}]: image URL not allowed (see imageOrigins).`;
    }
  }
  return href;
}
