export { bundledSeries } from "@clearbox/fixtures/bundled-series";

/** Series i as an array. */
export function row(
  series: { values: Float32Array | Float64Array; length: number },
  i: number,
): Float32Array | Float64Array {
  return series.values.subarray(i * series.length, (i + 1) * series.length);
}
