import { scaleLinear } from "d3-scale";
import type { NumberValue, ScaleLinear } from "d3-scale";
import type { Axis, AxisScale } from "d3-axis";
import { formatTicks } from "./format.js";

/**
 * A linear position scale that also holds domains whose span exceeds the largest double (e.g. −1e300 … 1e300 spans
 * 2e300, but −1.7e308 … 1.7e308 overflows): d3's scaleLinear divides by `b − a` and would return NaN there. This one
 * keeps a d3 scale on the domain multiplied by `k`, a power of two (so `v · k` and `t / k` are exact): k < 1 for
 * spans that overflow, k > 1 for denormal spans (whose tick step d3 cannot invert), else 1. `axisScale` and `tickFormat` are for d3-axis: ticks sit on the scaled domain and are
 * labelled in data units.
 */
export interface WideLinear {
  (value: number): number;
  /** The domain in data units. */
  domain(): [number, number];
  range(): [number, number];
  /** The data value at a position. */
  invert(position: number): number;
  /** Position as `offset + slope · value`, computed without cancellation (for a raster's inner loop). */
  offset: number;
  slope: number;
  /** The d3 scale on the scaled domain, for d3-axis. */
  axisScale: ScaleLinear<number, number>;
  /** Labels for `axisScale`'s ticks, in data units, readable (no "6e+2"). */
  tickFormat(count: number): (tick: number) => string;
}

/** A `WideLinear` from `[low, high]` to `[r0, r1]`; a zero-width domain is widened by 1 each side; `nice` rounds it. */
export function wideLinear(low: number, high: number, r0: number, r1: number, nice = false): WideLinear {
  let [a, b] = low === high ? [low - 1, high + 1] : [low, high];
  if (a === b) [a, b] = [a - Math.abs(a) * 1e-9, b + Math.abs(b) * 1e-9]; // huge values where ±1 changes nothing
  let k = 1;
  while (!Number.isFinite(b * k - a * k)) k /= 2;
  // And a tiny span (denormals) is scaled up: d3's tick step would be 10^-311, whose inverse overflows.
  const size = Math.max(Math.abs(a), Math.abs(b));
  while (b * k - a * k < 1e-200 && size * k < 1e200) k *= 2;
  const inner = scaleLinear()
    .domain([a * k, b * k])
    .range([r0, r1]);
  if (nice) {
    inner.nice();
    // nice() may round a bound past the largest double: keep the unrounded domain then.
    if (!inner.domain().every(Number.isFinite)) inner.domain([a * k, b * k]);
  }
  const [d0, d1] = inner.domain();
  const slopeScaled = (r1 - r0) / (d1 - d0);
  const scale = ((value: number) => inner(value * k)) as WideLinear;
  scale.domain = () => [d0 / k, d1 / k];
  scale.range = () => [r0, r1];
  scale.invert = (position) => inner.invert(position) / k;
  scale.offset = r0 - d0 * slopeScaled;
  scale.slope = slopeScaled * k;
  scale.axisScale = inner;
  scale.tickFormat = (count) => {
    const label = formatTicks(inner.ticks(count).map((t) => t / k));
    return (t) => label(t / k);
  };
  return scale;
}

/** A d3 axis (`axisLeft`, `axisBottom`, …) on a wide scale: ticks where d3 puts them, labelled in data units. */
export function wideAxis(
  make: (scale: AxisScale<NumberValue>) => Axis<NumberValue>,
  scale: WideLinear,
  count: number,
): Axis<NumberValue> {
  const label = scale.tickFormat(count);
  return make(scale.axisScale)
    .ticks(count)
    .tickFormat((t) => label(+t));
}
