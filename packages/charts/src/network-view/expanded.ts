import type { Selection } from "d3-selection";
import { sequentialColor } from "../colors.js";
import type { Frame } from "../frame.js";
import { TYPE } from "../theme.js";
import type { NetworkViewLayout } from "./layout.js";
import type { NetworkViewOptions } from "./network-view.js";
import type { NetworkCluster, NetworkViewData } from "./types.js";

interface Panel {
  cluster: NetworkCluster;
  column: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The expanded cluster over the view: its packing enlarged on the left, its reordered matrix on the right. */
export function drawExpanded(
  frame: Frame,
  data: NetworkViewData,
  layout: NetworkViewLayout,
  options: NetworkViewOptions,
) {
  const ref = options.expanded;
  const cluster = ref ? data.columns[ref.column]?.clusters.find((c) => c.id === ref.cluster) : undefined;
  const panels: Panel[] = cluster
    ? [
        {
          cluster,
          column: data.columns[ref!.column].name,
          x: frame.width * 0.15,
          y: layout.top,
          width: frame.width * 0.7,
          height: layout.band,
        },
      ]
    : [];
  const panel = frame.marks
    .selectAll<SVGGElement, Panel>("g.expanded")
    .data(panels)
    .join("g")
    .attr("class", "expanded")
    .attr("role", "group")
    .attr("aria-label", (p) => `cluster ${p.cluster.id} of ${p.column}, expanded`);
  panel.selectAll("*").remove();
  panel.each(function (p) {
    const g = frame.svg.select<SVGGElement>("g.expanded");
    g.append("rect")
      .attr("class", "cb-veil")
      .attr("x", p.x)
      .attr("y", p.y)
      .attr("width", p.width)
      .attr("height", p.height)
      .attr("stroke", "currentColor")
      .attr("stroke-opacity", 0.4);
    g.append("text")
      .attr("x", p.x + 8)
      .attr("y", p.y + 16)
      .attr("font-size", TYPE.body)
      .attr("font-weight", 600)
      .attr("fill", "currentColor")
      .text(`${p.cluster.label ?? `cluster ${p.cluster.id}`} · ${p.column}`);
    g.append("text")
      .attr("class", "close")
      .attr("x", p.x + p.width - 16)
      .attr("y", p.y + 16)
      .attr("fill", "currentColor")
      .attr("cursor", "pointer")
      .text("×")
      .on("click.clearbox", (event: Event) => options.onSelect?.(null, event));
    drawPacking(g, p, { x: p.x + 8, y: p.y + 26, width: p.width / 2 - 16, height: p.height - 34 });
    drawMatrix(g, p, data.classes, {
      x: p.x + p.width / 2 + 8,
      y: p.y + 26,
      width: p.width / 2 - 16,
      height: p.height - 34,
    });
    void this;
  });
}

type Box = { x: number; y: number; width: number; height: number };
type Group = Selection<SVGGElement, unknown, null, undefined>;

function drawPacking(g: Group, p: Panel, box: Box) {
  const { packing, neurons } = p.cluster;
  const scale = Math.min(box.width / Math.max(packing.width, 1e-9), box.height / Math.max(packing.height, 1e-9));
  const items = Array.from(packing.placements);
  const sel = g
    .append("g")
    .attr("class", "expanded-packing")
    .selectAll("image")
    .data(items.filter((r) => neurons[r.index]?.href))
    .join("image");
  sel
    .attr("x", (r) => box.x + r.x * scale)
    .attr("y", (r) => box.y + r.y * scale)
    .attr("width", (r) => r.width * scale)
    .attr("height", (r) => r.height * scale)
    .attr("preserveAspectRatio", "none")
    .attr("href", (r) => neurons[r.index].href!);
}

function drawMatrix(g: Group, p: Panel, classes: string[] | undefined, box: Box) {
  const matrix = p.cluster.matrix;
  if (matrix === undefined || matrix.values.length === 0) return;
  const rows = Array.from(matrix.order);
  const columns = matrix.values[0].length;
  let high = 0;
  for (const row of Array.from(matrix.values)) for (let c = 0; c < columns; c++) high = Math.max(high, row[c]);
  const color = sequentialColor(0, high || 1);
  const cw = box.width / columns;
  const rh = Math.min(18, (box.height - 14) / rows.length);
  const cells = rows.flatMap((r, i) => Array.from({ length: columns }, (_, c) => ({ i, c, v: matrix.values[r][c] })));
  const m = g.append("g").attr("class", "expanded-matrix");
  m.selectAll("rect")
    .data(cells)
    .join("rect")
    .attr("x", (d) => box.x + d.c * cw)
    .attr("y", (d) => box.y + 14 + d.i * rh)
    .attr("width", Math.max(0.5, cw - 0.5))
    .attr("height", Math.max(0.5, rh - 0.5))
    .attr("fill", (d) => color(d.v));
  m.selectAll("text")
    .data(Array.from({ length: columns }, (_, c) => c))
    .join("text")
    .attr("x", (c) => box.x + (c + 0.5) * cw)
    .attr("y", box.y + 10)
    .attr("text-anchor", "middle")
    .attr("font-size", TYPE.small)
    .attr("fill", "currentColor")
    .text((c) => classes?.[c] ?? String(c));
}
