import { quantileSorted } from "d3-array";
import { arc } from "d3-shape";
import type { Selection } from "d3-selection";

/** A box plot's five numbers on a 0–1 scale (median optional). */
export interface GlyphStats {
  min: number;
  q1: number;
  median?: number;
  q3: number;
  max: number;
}

/** One glyph to draw: where, how big the node inside the ring is, and its numbers. */
export interface PlacedGlyph {
  x: number;
  y: number;
  /** Radius of the node the ring goes around. */
  radius: number;
  stats: GlyphStats;
}

/** min, quartiles, median and max of values in [0, 1] (d3-array's quantiles); null when there are none. */
export function glyphStats(values: ArrayLike<number>): GlyphStats | null {
  if (values.length === 0) return null;
  const sorted = Array.from(values).sort((a, b) => a - b);
  return {
    min: sorted[0],
    q1: quantileSorted(sorted, 0.25) as number,
    median: quantileSorted(sorted, 0.5) as number,
    q3: quantileSorted(sorted, 0.75) as number,
    max: sorted[sorted.length - 1],
  };
}

const TAU = 2 * Math.PI;

/**
 * Draw ring glyphs (MutualRanker §5.3.2): a box plot bent around the node, clockwise from 12 o'clock over the full
 * circle for 0 → 1 — a faint track, a thin arc from min to max, a thick arc from the lower to the upper quartile, a
 * tick at the median.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any parent selection (a chart's layer)
export function drawGlyphs<G extends PlacedGlyph>(layer: Selection<SVGGElement, any, any, any>, glyphs: G[]) {
  const groups = layer
    .selectAll<SVGGElement, G>("g.glyph")
    .data(glyphs)
    .join((enter) => {
      const g = enter.append("g").attr("class", "glyph");
      g.append("path").attr("class", "track");
      g.append("path").attr("class", "whisker");
      g.append("path").attr("class", "box");
      g.append("path").attr("class", "median");
      // Where the ring starts (0 at 12 o'clock), so a short arc reads as low, not as anywhere.
      g.append("path").attr("class", "start");
      return g;
    })
    .attr("transform", (d) => `translate(${d.x},${d.y})`)
    .attr("data-min", (d) => d.stats.min)
    .attr("data-q1", (d) => d.stats.q1)
    .attr("data-q3", (d) => d.stats.q3)
    .attr("data-max", (d) => d.stats.max);
  const ring = (d: G, from: number, to: number, inner: number, outer: number) =>
    arc()({
      innerRadius: d.radius + inner,
      outerRadius: d.radius + outer,
      startAngle: from * TAU,
      endAngle: to * TAU,
    }) ?? "";
  groups
    .select("path.track")
    .attr("d", (d) => ring(d, 0, 1, 2, 8))
    .attr("fill", "currentColor")
    .attr("fill-opacity", 0.08);
  groups
    .select("path.whisker")
    .attr("d", (d) => ring(d, d.stats.min, d.stats.max, 4.5, 5.5))
    .attr("fill", "currentColor")
    .attr("fill-opacity", 0.7);
  groups
    .select("path.box")
    .attr("d", (d) => ring(d, d.stats.q1, d.stats.q3, 2, 8))
    .attr("class", "box cb-uncertainty-fill");
  groups
    .select("path.median")
    .attr("d", (d) =>
      d.stats.median === undefined ? "" : ring(d, d.stats.median - 0.004, d.stats.median + 0.004, 1, 9),
    )
    .attr("fill", "currentColor");
  groups
    .select("path.start")
    .attr("d", (d) => ring(d, -0.003, 0.003, 0, 10))
    .attr("fill", "currentColor")
    .attr("fill-opacity", 0.55);
  return groups;
}
