/** A number for a readout: fixed to two decimals, exponential when very large or small. */
export function formatValue(v: number): string {
  return Math.abs(v) >= 1000 || (Math.abs(v) < 0.01 && v !== 0) ? v.toExponential(2) : v.toFixed(2);
}

/** v rounded to `digits` decimals, for attribute values that stay short and stable (golden files). */
export function round(v: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
