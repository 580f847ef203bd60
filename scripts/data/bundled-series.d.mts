/** Synthetic series in five bundles plus planted outliers (see the .mjs). */
export function bundledSeries(
  n: number,
  length: number,
  seed: number,
  outliers?: number,
): { series: { values: Float32Array; count: number; length: number }; outliers: number[] };
