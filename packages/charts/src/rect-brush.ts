import { pointer } from "d3-selection";
import type { BaseType, Selection } from "d3-selection";

/** A brushed rectangle in the layer's coordinates: `[[x0, y0], [x1, y1]]`, x0 ≤ x1 and y0 ≤ y1. */
export type BrushBox = [[number, number], [number, number]];

/** Drags shorter than this (px, either side) are clicks: they clear the rectangle instead of drawing one. */
const MIN_DRAG = 3;

/**
 * A rectangular brush in `layer`, limited to `bounds`: drag to draw a rectangle, click outside a drag to clear it;
 * `onEnd` gets the rectangle (or null when cleared) and the pointer event. Written here rather than taken from
 * d3-brush: d3-brush brings d3-transition, d3-drag, d3-ease and d3-timer (26 kB minified) into every page that shows
 * a scatter plot, for a rectangle that needs none of them. The overlay lets pointer events bubble, so the chart's
 * hover and click keep working through it.
 */
export function rectangleBrush<D, P extends BaseType, PD>(
  layer: Selection<SVGGElement, D, P, PD>,
  bounds: BrushBox,
  onEnd: (box: BrushBox | null, event: Event) => void,
): void {
  const [[left, top], [right, bottom]] = bounds;
  const clampX = (x: number) => Math.max(left, Math.min(right, x));
  const clampY = (y: number) => Math.max(top, Math.min(bottom, y));
  const overlay = layer
    .selectAll<SVGRectElement, null>("rect.overlay")
    .data([null])
    .join("rect")
    .attr("class", "overlay")
    .attr("x", left)
    .attr("y", top)
    .attr("width", right - left)
    .attr("height", bottom - top)
    .attr("fill", "none")
    .attr("pointer-events", "all")
    .style("cursor", "crosshair");
  const box = layer
    .selectAll<SVGRectElement, null>("rect.selection")
    .data([null])
    .join("rect")
    .attr("class", "selection")
    .attr("fill", "var(--cb-accent, #4e79a7)")
    .attr("fill-opacity", 0.15)
    .attr("stroke", "var(--cb-accent, #4e79a7)")
    .attr("pointer-events", "none")
    .attr("display", "none");
  let start: [number, number] | null = null;
  const current = (event: Event): BrushBox => {
    const [mx, my] = pointer(event, layer.node());
    const [sx, sy] = start as [number, number];
    const [x, y] = [clampX(mx), clampY(my)];
    return [
      [Math.min(sx, x), Math.min(sy, y)],
      [Math.max(sx, x), Math.max(sy, y)],
    ];
  };
  const show = ([[x0, y0], [x1, y1]]: BrushBox) =>
    box
      .attr("display", null)
      .attr("x", x0)
      .attr("y", y0)
      .attr("width", x1 - x0)
      .attr("height", y1 - y0);
  overlay
    .on("pointerdown.brush", (event: PointerEvent) => {
      const [mx, my] = pointer(event, layer.node());
      start = [clampX(mx), clampY(my)];
      (event.target as Element).setPointerCapture?.(event.pointerId);
    })
    .on("pointermove.brush", (event: PointerEvent) => {
      if (start !== null) show(current(event));
    })
    .on("pointerup.brush pointercancel.brush", (event: PointerEvent) => {
      if (start === null) return;
      const drawn = current(event);
      start = null;
      const [[x0, y0], [x1, y1]] = drawn;
      const isClick = x1 - x0 < MIN_DRAG && y1 - y0 < MIN_DRAG;
      if (isClick) box.attr("display", "none");
      else show(drawn);
      onEnd(isClick ? null : drawn, event);
    });
}
