import { ClearboxError, assertOptions, assertPositive } from "@clearbox/core/internal";
import { readNetwork } from "./read.js";
import type { BundleCurveShape } from "../layer-bundles.js";
import type { NetworkCluster, NetworkViewData } from "./types.js";

/** A drawn neuron: its rectangle in chart pixels. */
export interface NeuronBox {
  column: number;
  cluster: number;
  /** Index into the cluster's `neurons`. */
  index: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A drawn cluster: its frame, its slot, and its neurons. */
export interface ClusterBox {
  column: number;
  id: number;
  x: number;
  y: number;
  width: number;
  height: number;
  neurons: NeuronBox[];
  /** A key that changes only when what it draws changes (members, geometry): unchanged clusters are not redrawn. */
  key: string;
}

/** A drawn bundle curve, as an SVG path, and a bicluster rectangle. */
export interface BundlePath {
  pair: number;
  d: string;
  sign: 1 | -1;
  weight: number;
  kind: BundleCurveShape["kind"];
}

export interface NetworkViewLayout {
  columns: { name: string; x: number; width: number }[];
  clusters: ClusterBox[];
  curves: BundlePath[];
  rects: {
    pair: number;
    x: number;
    y: number;
    width: number;
    height: number;
    negativeRatio: number;
    bicluster: number;
  }[];
  /** The band's top and height in pixels. */
  top: number;
  band: number;
}

const MARGIN = { left: 8, right: 8, top: 30, bottom: 8 };

/** Pixels per packing unit shared by a column's clusters (so areas compare), fitting each cluster into its slot. */
function columnScale(clusters: NetworkCluster[], width: number, slot: number): number {
  let scale = Infinity;
  for (const c of clusters) {
    if (c.packing.width > 0) scale = Math.min(scale, width / c.packing.width);
    if (c.packing.height > 0) scale = Math.min(scale, slot / c.packing.height);
  }
  return Number.isFinite(scale) ? scale : 1;
}

function clusterBox(
  c: NetworkCluster,
  column: number,
  x: number,
  cy: number,
  width: number,
  scale: number,
): ClusterBox {
  const w = c.packing.width * scale;
  const h = c.packing.height * scale;
  const left = x + (width - w) / 2;
  const top = cy - h / 2;
  const neurons: NeuronBox[] = [];
  for (let i = 0; i < c.packing.placements.length; i++) {
    const p = c.packing.placements[i];
    neurons.push({
      column,
      cluster: c.id,
      index: p.index,
      x: left + p.x * scale,
      y: top + p.y * scale,
      width: p.width * scale,
      height: p.height * scale,
    });
  }
  const members = c.neurons.map((n) => `${n.unit}:${n.href?.length ?? 0}`).join(",");
  const key = `${column}/${c.id}/${w.toFixed(2)}x${h.toFixed(2)}@${left.toFixed(2)},${top.toFixed(2)}/${members}`;
  return { column, id: c.id, x: left, y: top, width: w, height: h, neurons, key };
}

function slotsOf(clusters: NetworkCluster[]): number {
  let most = 0;
  for (const c of clusters) most = Math.max(most, c.id);
  return most + 1;
}

/** Pixel frame of the bundle band: its top, the column width, and the pair geometry's scale in x and y. */
interface BandFrame {
  top: number;
  columnWidth: number;
  sx: number;
  sy: number;
}

/**
 * A bundle curve in pixels. The geometry's curves run from one column's edge to the next; an end at a cluster is moved
 * (with its control point, so the curve still leaves horizontally) to that cluster's frame: its right edge on the left
 * column, its left edge on the right one, so that no curve starts in the gap beside a narrow cluster.
 */
function curvePath(c: BundleCurveShape, x0: number, frame: BandFrame, start?: ClusterBox, end?: ClusterBox): string {
  const q = Array.from(c.points, (v, j) => (j % 2 === 0 ? x0 + v * frame.sx : frame.top + v * frame.sy));
  if (start !== undefined) {
    const shift = start.x + start.width - q[0];
    q[0] += shift;
    q[2] += shift;
  }
  if (end !== undefined) {
    const shift = end.x - q[6];
    q[6] += shift;
    q[4] += shift;
  }
  const f = q.map((v) => v.toFixed(1));
  return `M${f[0]},${f[1]}C${f[2]},${f[3]} ${f[4]},${f[5]} ${f[6]},${f[7]}`;
}

/** Every pair's curves and bicluster rectangles in pixels, curve ends on the frames of the clusters they join. */
function pairShapes(
  data: NetworkViewData,
  columns: NetworkViewLayout["columns"],
  clusters: ClusterBox[],
  frame: BandFrame,
): Pick<NetworkViewLayout, "curves" | "rects"> {
  const boxes = new Map(clusters.map((b) => [`${b.column}/${b.id}`, b]));
  const curves: BundlePath[] = [];
  const rects: NetworkViewLayout["rects"] = [];
  data.pairs.forEach((pair, p) => {
    const x0 = columns[p].x + frame.columnWidth;
    for (let i = 0; i < pair.curves.length; i++) {
      const c = pair.curves[i];
      const start = c.kind === "output" ? undefined : boxes.get(`${p}/${c.input}`);
      const end = c.kind === "input" ? undefined : boxes.get(`${p + 1}/${c.output}`);
      const d = curvePath(c, x0, frame, start, end);
      curves.push({ pair: p, d, sign: c.sign, weight: c.weight, kind: c.kind });
    }
    for (let i = 0; i < pair.rects.length; i++) {
      const r = pair.rects[i];
      rects.push({
        pair: p,
        x: x0 + r.x * frame.sx,
        y: frame.top + r.y * frame.sy,
        width: r.width * frame.sx,
        height: r.height * frame.sy,
        negativeRatio: r.negativeRatio,
        bicluster: r.bicluster,
      });
    }
  });
  return { curves, rects };
}

/**
 * The CNNVis main view laid out in pixels (a pure function: no DOM): columns of equal width with bundle gaps of the
 * same width between them, each cluster centred in its slot at one scale per column, the bundle geometry of each
 * pair stretched from one column's right edge to the next one's left edge, with each curve's end at a cluster moved
 * onto that cluster's frame.
 * @param data - the chart's data.
 * @param options - the chart's `width` and `height` in pixels.
 * @returns columns, clusters (with their neurons), bundle curves as SVG paths and bicluster rectangles.
 * @throws `E_OPTION` for a key other than width and height; `E_RANGE` for a size that is not positive; `E_SHAPE` (with
 *   the chart's empty-state message) for data the chart would not draw.
 * @example
 * const layout = networkViewLayout(data, { width: 900, height: 480 });
 */
export function networkViewLayout(
  data: NetworkViewData,
  options: { width: number; height: number },
): NetworkViewLayout {
  const size = assertOptions(options, "options", { width: true, height: true });
  assertPositive(size?.width, "options.width");
  assertPositive(size?.height, "options.height");
  const checked = readNetwork(data, undefined, false); // image URLs are the renderer's to check
  if (typeof checked === "string") throw new ClearboxError("E_SHAPE", checked, { argument: "data" });
  const count = data.columns.length;
  const inner = Math.max(1, size.width - MARGIN.left - MARGIN.right);
  const columnWidth = inner / Math.max(1, 2 * count - 1);
  const top = MARGIN.top;
  const band = Math.max(1, size.height - MARGIN.top - MARGIN.bottom);
  const columns = data.columns.map((c, g) => ({
    name: c.name,
    x: MARGIN.left + 2 * g * columnWidth,
    width: columnWidth,
  }));
  const clusters = data.columns.flatMap((column, g) => {
    const slots = slotsOf(column.clusters);
    const slot = band / slots;
    const scale = columnScale(column.clusters, columnWidth - 4, slot - 2);
    return column.clusters.map((c) => clusterBox(c, g, columns[g].x, top + (c.id + 0.5) * slot, columnWidth, scale));
  });
  const frame = { top, columnWidth, sx: columnWidth / data.pairWidth, sy: band / data.bandHeight };
  const { curves, rects } = pairShapes(data, columns, clusters, frame);
  return { columns, clusters, curves, rects, top, band };
}
