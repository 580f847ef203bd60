import { axisRight } from "d3-axis";
import type { Selection } from "d3-selection";
import type { ColorScale } from "./colors.js";
import { wideAxis, wideLinear } from "./wide-linear.js";
import { TYPE, textWidth } from "./theme.js";

type Layer = Selection<SVGGElement, unknown, null, undefined>;

/** A vertical colour bar from `low` (bottom) to `high` (top) with a d3 axis, at (x, y). */
export function colorBar(
  layer: Layer,
  color: ColorScale,
  low: number,
  high: number,
  x: number,
  y: number,
  height: number,
) {
  const legend = layer.selectAll<SVGGElement, null>("g.legend").data([null]).join("g").attr("class", "legend");
  legend.attr("transform", `translate(${x},${y})`);
  const steps = 32;
  const span = high - low;
  legend
    .selectAll("rect.step")
    .data(Array.from({ length: steps }, (_, i) => i))
    .join("rect")
    .attr("class", "step")
    .attr("x", 0)
    .attr("width", 10)
    .attr("y", (i) => height - ((i + 1) * height) / steps)
    .attr("height", height / steps + 0.5)
    .attr("fill", (i) => color(low + ((i + 0.5) / steps) * span));
  const scale = wideLinear(low, high, height, 0);
  const count = Math.max(2, Math.floor(height / 40));
  const axis = wideAxis(axisRight, scale, count);
  legend
    .selectAll<SVGGElement, null>("g.axis")
    .data([null])
    .join("g")
    .attr("class", "axis")
    .attr("transform", "translate(10,0)")
    .call(axis);
}

/** Swatches and labels, one row per group, from (x, y). */
export function swatchLegend(
  layer: Layer,
  groups: number[],
  color: (group: number) => string,
  label: (group: number) => string,
  x: number,
  y: number,
) {
  const legend = layer.selectAll<SVGGElement, null>("g.legend").data([null]).join("g").attr("class", "legend");
  legend.attr("transform", `translate(${x},${y})`);
  const rows = legend
    .selectAll<SVGGElement, number>("g.entry")
    .data(groups, (g) => String(g))
    .join((enter) => {
      const row = enter.append("g").attr("class", "entry");
      row.append("rect").attr("width", 10).attr("height", 10).attr("y", -8);
      row.append("text").attr("x", 15).attr("fill", "currentColor");
      return row;
    })
    .attr("data-group", (g) => g)
    .attr("transform", (_, i) => `translate(0,${i * 17})`);
  rows.select("rect").attr("fill", (g) => color(g));
  rows.select("text").text((g) => label(g));
  return rows;
}

/** One entry of a key: a filled swatch (by CSS class or colour) or a line of a given width, and its text. */
export interface KeyEntry {
  label: string;
  /** A swatch filled with this CSS class (e.g. "cb-positive-fill") or colour. */
  swatch?: { className?: string; color?: string };
  /** A line of this width, stroked with this CSS class (e.g. "cb-flow"). */
  line?: { width: number; className?: string };
  /** A ring (an unfilled circle) stroked with this CSS class, as a chart marks a node by a ring. */
  ring?: { className?: string };
}

/**
 * A one-row key of the chart's encodings (sign colours, widths) at (x, y), entries side by side; returns its width.
 * Text widths are estimated (no DOM measuring), so the spacing is generous.
 */
export function keyLegend(layer: Layer, entries: KeyEntry[], x: number, y: number): number {
  const key = layer.selectAll<SVGGElement, null>("g.key").data([null]).join("g").attr("class", "key");
  key.attr("transform", `translate(${x},${y})`).attr("aria-label", entries.map((e) => e.label).join(", "));
  let at = 0;
  const offsets = entries.map((e) => {
    const start = at;
    at += 22 + textWidth(e.label, TYPE.small) + 12;
    return start;
  });
  const rows = key
    .selectAll<SVGGElement, KeyEntry>("g.key-entry")
    .data(entries)
    .join((enter) => {
      const g = enter.append("g").attr("class", "key-entry");
      g.append("rect");
      g.append("line");
      g.append("circle");
      g.append("text").attr("fill", "currentColor").attr("x", 22).attr("y", 4).attr("font-size", TYPE.small);
      return g;
    })
    .attr("transform", (_, i) => `translate(${offsets[i]},0)`);
  rows
    .select("rect")
    .attr("display", (e) => (e.swatch ? null : "none"))
    .attr("x", 2)
    .attr("y", -5)
    .attr("width", 14)
    .attr("height", 10)
    .attr("class", (e) => e.swatch?.className ?? null)
    .attr("fill", (e) => e.swatch?.color ?? null);
  rows
    .select("line")
    .attr("display", (e) => (e.line ? null : "none"))
    .attr("x1", 0)
    .attr("x2", 18)
    .attr("stroke-width", (e) => e.line?.width ?? 0)
    .attr("class", (e) => e.line?.className ?? null)
    .attr("stroke", (e) => (e.line?.className ? null : "currentColor"));
  rows
    .select("circle")
    .attr("display", (e) => (e.ring ? null : "none"))
    .attr("cx", 9)
    .attr("r", 5)
    .attr("fill", "none")
    .attr("stroke-width", 2)
    .attr("class", (e) => e.ring?.className ?? null)
    .attr("stroke", (e) => (e.ring?.className ? null : "currentColor"));
  rows.select("text").text((e) => e.label);
  return at;
}
