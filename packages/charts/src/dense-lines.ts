/**
 * DenseLines (Moritz & Fisher 2018): how many series pass through each cell of a raster, each series adding a total
 * of 1 to every column it crosses — spread evenly over the rows its segment covers in that column — so that a steep
 * line counts as much as a flat one instead of once per pixel it paints. Series are row-major in `values` (each
 * `length` long); `series` lists those to count; `x[k]` is step k's column, `y.offset + y.slope · value` a value's row.
 * Returns `columns × rows` weights, row-major.
 */
export function denseLines(
  values: ArrayLike<number>,
  series: ArrayLike<number>,
  length: number,
  x: ArrayLike<number>,
  y: { offset: number; slope: number },
  columns: number,
  rows: number,
): Float32Array {
  const raster = new Float32Array(columns * rows);
  const ys = new Float64Array(length);
  for (let s = 0; s < series.length; s++) {
    const base = series[s] * length;
    for (let k = 0; k < length; k++) ys[k] = y.offset + y.slope * values[base + k];
    // The last column this series has written: a column where two segments meet counts once, for the first.
    let written = -1;
    for (let k = 0; k + 1 < length; k++) {
      const x0 = x[k];
      const x1 = x[k + 1];
      if (x1 <= 0 || x0 >= columns || x1 <= x0) continue;
      const y0 = ys[k];
      const y1 = ys[k + 1];
      const first = Math.max(0, Math.floor(x0), written + 1);
      const last = Math.min(columns - 1, Math.ceil(x1) - 1);
      for (let c = first; c <= last; c++) {
        const ta = Math.max(0, (c - x0) / (x1 - x0));
        const tb = Math.min(1, (c + 1 - x0) / (x1 - x0));
        const ya = y0 + ta * (y1 - y0);
        const yb = y0 + tb * (y1 - y0);
        const r0 = Math.max(0, Math.floor(Math.min(ya, yb)));
        const r1 = Math.min(rows - 1, Math.floor(Math.max(ya, yb)));
        if (r1 < r0) continue;
        const w = 1 / (r1 - r0 + 1);
        for (let r = r0; r <= r1; r++) raster[r * columns + c] += w;
        written = c;
      }
    }
  }
  return raster;
}
