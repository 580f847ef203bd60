import { curveBasis, line } from "d3-shape";
import { max } from "d3-array";
import type { Selection } from "d3-selection";
import { bundleEdges } from "./edge-bundling.js";
import type { BundleEdgesOptions } from "./edge-bundling.js";

/** One flow of uncertainty from a node to another (mutual-rank's `propagation` returns these). */
export interface Flow {
  from: number;
  to: number;
  flow: number;
}

/** A flow as drawn: its curve's points and its width. */
export interface DrawnFlow extends Flow {
  points: [number, number][];
  width: number;
}

/**
 * Lay out flows between placed nodes: straight, or bundled by FDEB (`bundleEdges`) so that flows from several
 * sources that run alike share their path; widths ∝ flow, up to `maxWidth`.
 */
export function layOutFlows(
  position: (node: number) => [number, number],
  flows: Flow[],
  bundle: boolean | BundleEdgesOptions,
  maxWidth = 6,
): { flows: DrawnFlow[]; truncated: boolean } {
  const largest = max(flows, (f) => f.flow) ?? 0;
  const segments = flows.map((f) => [...position(f.from), ...position(f.to)] as [number, number, number, number]);
  const bundled = bundle === false ? null : bundleEdges(segments, bundle === true ? {} : bundle);
  return {
    flows: flows.map((f, k) => {
      const path = bundled?.paths[k] ?? Float64Array.from(segments[k]);
      const points: [number, number][] = [];
      for (let p = 0; p < path.length; p += 2) points.push([path[p], path[p + 1]]);
      return { ...f, points, width: largest > 0 ? 0.75 + (maxWidth - 0.75) * (f.flow / largest) : 1 };
    }),
    truncated: bundled?.truncated ?? false,
  };
}

/** Draw laid-out flows as smooth curves (B-spline through the subdivision points), widest last. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any parent selection (a chart's layer)
export function drawFlows(layer: Selection<SVGGElement, any, any, any>, flows: DrawnFlow[]) {
  const curve = line().curve(curveBasis);
  return layer
    .selectAll<SVGPathElement, DrawnFlow>("path.flow")
    .data([...flows].sort((a, b) => a.width - b.width))
    .join("path")
    .attr("class", "flow cb-flow")
    .attr("fill", "none")
    .attr("stroke-linecap", "round")
    .attr("stroke-opacity", 0.55)
    .attr("stroke-width", (f) => Math.round(f.width * 100) / 100)
    .attr("data-from", (f) => f.from)
    .attr("data-to", (f) => f.to)
    .attr("d", (f) => curve(f.points.map(([x, y]) => [Math.round(x * 100) / 100, Math.round(y * 100) / 100])) ?? "");
}
