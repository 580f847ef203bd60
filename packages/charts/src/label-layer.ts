import type { Selection } from "d3-selection";
import { round } from "./format.js";
import type { PlacedLabel } from "./label-placer.js";

/**
 * Draw placed labels into `layer` (a keyed join on the request index): each text with a halo in the background
 * colour so it stays legible over marks, and a leader line to its mark when it sits away from it. `data-index` is
 * the request's index, so a chart can link a label to its item.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any parent selection (a chart's layer)
export function drawLabels(layer: Selection<SVGGElement, any, any, any>, placed: PlacedLabel[], className: string) {
  const group = layer
    .selectAll<SVGGElement, null>(`g.${className}`)
    .data([null])
    .join("g")
    .attr("class", className)
    .attr("pointer-events", "none");
  group
    .selectAll<SVGLineElement, PlacedLabel>("line.cb-leader")
    .data(
      placed.filter((p) => p.leader !== null),
      (p) => String(p.index),
    )
    .join("line")
    .attr("class", "cb-leader")
    .attr("x1", (p) => round((p.leader as number[])[0]))
    .attr("y1", (p) => round((p.leader as number[])[1]))
    .attr("x2", (p) => round((p.leader as number[])[2]))
    .attr("y2", (p) => round((p.leader as number[])[3]));
  return group
    .selectAll<SVGTextElement, PlacedLabel>("text")
    .data(placed, (p) => String(p.index))
    .join("text")
    .attr("class", "cb-halo")
    .attr("data-index", (p) => p.index)
    .attr("x", (p) => round(p.x))
    .attr("y", (p) => round(p.y))
    .attr("font-size", (p) => p.size)
    .attr("text-anchor", (p) => p.anchor)
    .attr("fill", "currentColor")
    .text((p) => p.text);
}
