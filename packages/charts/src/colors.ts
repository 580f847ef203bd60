import { interpolateLab, piecewise } from "d3-interpolate";
import { scaleDiverging, scaleOrdinal, scaleSequential } from "d3-scale";
import { interpolateBlues, schemeTableau10 } from "d3-scale-chromatic";

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

/** Tableau 10 for groups 0, 1, 2, … */
export function categoricalColor(): (group: number) => string {
  const scale = scaleOrdinal<number, string>(schemeTableau10);
  return (group) => scale(group);
}
