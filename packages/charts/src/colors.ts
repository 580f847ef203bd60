import { ClearboxError, describeValue } from "@clearbox/core/internal";
import { interpolateLab, piecewise } from "d3-interpolate";
import { scaleDiverging, scaleSequential } from "d3-scale";
import { interpolateBlues, interpolateSinebow, schemeTableau10 } from "d3-scale-chromatic";

/** A colour for a value: any function, so a d3 scale fits. */
export type ColorScale = (value: number) => string;

const redGreen = piecewise(interpolateLab, ["#b71c1c", "#ef9a9a", "#f5f5f5", "#a5d6a7", "#1b5e20"]);

/**
 * CNNVis's diverging ramp as a d3 interpolator: 0 deep red (negative), 0.5 a light grey (zero), 1 deep green
 * (positive); t outside [0, 1] is clamped. Use it in your own scale, e.g. `scaleDiverging(interpolateRedGreen)`.
 *
 * @param t - Position on the ramp, 0 … 1.
 * @returns A CSS colour, `rgb(r, g, b)`.
 * @throws `E_NAN` when t is not a number.
 * @example
 * interpolateRedGreen(0.5); // => "rgb(245, 245, 245)"
 */
export function interpolateRedGreen(t: number): string {
  if (typeof t !== "number" || Number.isNaN(t)) {
    throw new ClearboxError("E_NAN", `t must be a number in [0, 1], got ${describeValue(t)}.`, { argument: "t" });
  }
  return redGreen(Math.max(0, Math.min(1, t)));
}

/** Light to dark blue over [low, high]: the darkest mark is the largest value. */
export function sequentialColor(low: number, high: number): ColorScale {
  return scaleSequential(interpolateBlues).domain([low, high === low ? low + 1 : high]);
}

/** Red (negative) to green (positive), symmetric around 0 so that equal magnitudes get equal strength. */
export function divergingColor(extent: number): ColorScale {
  const m = extent > 0 ? extent : 1;
  return scaleDiverging(interpolateRedGreen).domain([-m, 0, m]);
}

/**
 * A colour per group id 0 … count − 1, fixed by the id (not by the order groups are met): Tableau 10 up to ten
 * groups, evenly spaced sinebow hues beyond (Tableau's colours would repeat).
 */
export function categoricalColor(count: number): (group: number) => string {
  if (count <= schemeTableau10.length) return (group) => schemeTableau10[group % schemeTableau10.length];
  return (group) => interpolateSinebow((group % count) / count);
}
