import type { FlatSeries } from "./series.js";

/**
 * How many of the chosen series cross each pixel of a `columns × rows` raster over all series' value range (row 0 at
 * the lowest value). Each series counts once per pixel; between two columns its line covers every row it passes.
 */
export function rasterCounts(data: FlatSeries, which: Int32Array, columns: number, rows: number): Uint32Array {
  const { values, length } = data;
  let low = Infinity;
  let high = -Infinity;
  for (let k = 0; k < values.length; k++) {
    low = Math.min(low, values[k]);
    high = Math.max(high, values[k]);
  }
  const span = high > low ? high - low : 1;
  const counts = new Uint32Array(columns * rows);
  const rowAt = new Int32Array(columns);
  for (const i of which) {
    const offset = i * length;
    for (let c = 0; c < columns; c++) {
      const t = (c / (columns - 1)) * (length - 1);
      const t0 = Math.min(length - 2, Math.floor(t));
      const v = values[offset + t0] + (t - t0) * (values[offset + t0 + 1] - values[offset + t0]);
      rowAt[c] = Math.min(rows - 1, Math.max(0, Math.floor(((v - low) / span) * rows)));
    }
    for (let c = 0; c < columns; c++) {
      const a = rowAt[c];
      const b = c + 1 < columns ? rowAt[c + 1] : a;
      for (let r = Math.min(a, b); r <= Math.max(a, b); r++) counts[r * columns + c]++;
    }
  }
  return counts;
}
