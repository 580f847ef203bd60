import { ClearboxError, describeValue } from "@clearbox/core/internal";
import { rgb } from "d3-color";
import { interpolateLab, piecewise } from "d3-interpolate";
import { interpolateBlues, interpolateRdBu, schemeTableau10 } from "./color-schemes.js";

/** A colour for a value: any function, so a d3 scale fits. */
export type ColorScale = (value: number) => string;

/** The diverging palettes: blue-red (ColorBrewer RdBu, readable with every common colour-vision deficiency, the
 * default) and CNNVis's red-green (the original system's colours; not colour-blind safe). */
export type DivergingPalette = "blue-red" | "red-green";

export const DIVERGING_PALETTES: readonly DivergingPalette[] = ["blue-red", "red-green"];

/** The palette option checked: undefined → the default; anything else must be one of DIVERGING_PALETTES. */
export function checkPalette(value: unknown): DivergingPalette {
  if (value === undefined) return "blue-red";
  if (!DIVERGING_PALETTES.includes(value as DivergingPalette)) {
    throw new ClearboxError(
      "E_OPTION",
      `options.palette must be one of ${DIVERGING_PALETTES.map((p) => `"${p}"`).join(", ")}, got ${describeValue(value)}.`,
      { argument: "options.palette" },
    );
  }
  return value as DivergingPalette;
}

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

/** 0 deep red (negative) … 0.5 near white … 1 deep blue (positive). */
const blueRed = (t: number) => interpolateRdBu(Math.max(0, Math.min(1, t)));

// The scales below are written out rather than d3's scaleSequential / scaleDiverging: those divide by the domain's
// span, which is Infinity for denormal extents (1 / 5e-324) and NaN for spans past the largest double.

/**
 * Light to dark blue over [low, high]: the darkest mark is the largest value. On a dark background (`dark`) the ramp
 * runs the other way, from a deep blue near the page's own colour to a pale one, so that large values still stand out
 * and small ones do not glare (the light ramp's near-white start is the brightest thing on a dark page).
 */
export function sequentialColor(low: number, high: number, dark = false): ColorScale {
  // Halved only when the span overflows: halving a denormal would lose its bits.
  const k = Number.isFinite(high - low) ? 1 : 0.5;
  const span = high * k - low * k;
  const ramp = dark ? (t: number) => interpolateBlues(0.95 - 0.6 * t) : interpolateBlues;
  return (value) => ramp(span > 0 ? Math.max(0, Math.min(1, (value * k - low * k) / span)) : 0.5);
}

/**
 * Whether a CSS colour (the page's `--clearbox-background`) is dark: its relative luminance below 0.2. Unparseable
 * or empty (no theme set, or server-side) counts as light, the charts' default.
 */
export function isDarkColor(css: string): boolean {
  const c = rgb(css.trim());
  if (!css.trim() || Number.isNaN(c.r)) return false;
  const linear = (v: number) => {
    const s = v / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b) < 0.2;
}

/**
 * Whether the chart sits on a dark page: its `--clearbox-background` as the browser computes it, else (a chart drawn
 * before its container joins the page, where nothing is computed yet) as the nearest ancestor's inline style sets it.
 * False outside a browser.
 */
export function onDarkBackground(element: Element | null): boolean {
  const view = element?.ownerDocument?.defaultView as (Window & typeof globalThis) | null | undefined;
  if (!element || typeof view?.getComputedStyle !== "function") return false;
  const computed = view.getComputedStyle(element).getPropertyValue("--clearbox-background");
  if (computed.trim() !== "") return isDarkColor(computed);
  for (let node: Element | null = element; node !== null; node = node.parentElement) {
    const inline = (node as HTMLElement).style?.getPropertyValue?.("--clearbox-background") ?? "";
    if (inline.trim() !== "") return isDarkColor(inline);
  }
  return false;
}

/** Negative ← 0 → positive, symmetric around 0 so that equal magnitudes get equal strength; blue-red by default. */
export function divergingColor(extent: number, palette: DivergingPalette = "blue-red"): ColorScale {
  const ramp = palette === "red-green" ? redGreen : blueRed;
  const m = extent > 0 && Number.isFinite(extent) ? extent : 1;
  return (value) => ramp(0.5 + 0.5 * Math.max(-1, Math.min(1, value / m)));
}

/** The colour of the groups past the ninth largest, when there are more than ten. */
export const OTHER_GROUPS_COLOR = "#9e9e9e";

/**
 * Colours for categorical groups that stay distinguishable: Tableau 10 by group id when the ids fit in ten; beyond,
 * the nine largest groups (by member count) get Tableau's first nine colours and every other group one grey — a
 * rainbow of more hues cannot be told apart (its groups 4, 5, 6 look alike), so charts label those groups instead.
 *
 * @returns `color(group)`; `named`, the groups with a colour of their own (legend order); `others`, how many share grey.
 */
export function groupColors(groups: ArrayLike<number>): {
  color: (group: number) => string;
  named: number[];
  others: number;
} {
  const counts = new Map<number, number>();
  for (let i = 0; i < groups.length; i++) counts.set(groups[i], (counts.get(groups[i]) ?? 0) + 1);
  const ids = [...counts.keys()].sort((a, b) => a - b);
  if (ids[ids.length - 1] < schemeTableau10.length) {
    return { color: (group) => schemeTableau10[group] ?? OTHER_GROUPS_COLOR, named: ids, others: 0 };
  }
  const bySize = [...ids].sort((a, b) => (counts.get(b) as number) - (counts.get(a) as number) || a - b);
  const named = bySize.slice(0, ids.length <= schemeTableau10.length ? ids.length : 9);
  const rank = new Map(named.map((g, k) => [g, k]));
  return {
    color: (group) => {
      const k = rank.get(group);
      return k === undefined ? OTHER_GROUPS_COLOR : schemeTableau10[k];
    },
    named,
    others: ids.length - named.length,
  };
}
