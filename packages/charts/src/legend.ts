import { axisRight } from "d3-axis";
import type { Selection } from "d3-selection";
import type { ColorScale } from "./colors.js";
import { wideAxis, wideLinear } from "./wide-linear.js";

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
