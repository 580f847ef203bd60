import { interpolateLab, piecewise } from "d3-interpolate";
import { scaleDiverging, scaleSequential } from "d3-scale";
import { interpolateBlues, interpolateSinebow, schemeTableau10 } from "d3-scale-chromatic";

/** A colour for a value: any function, so a d3 scale fits. */
export type ColorScale = (value: number) => string;

/** CNNVis's diverging ramp: negative red, zero a light grey, positive green. */
export const interpolateRedGreen = piecewise(interpolateLab, ["#b71c1c", "#ef9a9a", "#f5f5f5", "#a5d6a7", "#1b5e20"]);

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
