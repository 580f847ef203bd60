import { interpolateRgbBasis } from "d3-interpolate";

// The three ColorBrewer / Tableau schemes the charts use, written out as d3-scale-chromatic builds them (its
// `ramp(scheme)` is interpolateRgbBasis over the largest variant): importing d3-scale-chromatic keeps all its ~40
// schemes in a user's bundle (17 kB minified, its module-level ramps are not tree-shaken). test/color-schemes.test.ts
// checks them against d3-scale-chromatic itself.

const colors = (specifier: string): string[] => specifier.match(/.{6}/g)?.map((hex) => `#${hex}`) ?? [];

/** Tableau 10, d3's `schemeTableau10`. */
export const schemeTableau10: readonly string[] = colors(
  "4e79a7f28e2ce1575976b7b259a14fedc949af7aa1ff9da79c755fbab0ab",
);

/** ColorBrewer RdBu (11 classes) as a continuous ramp, d3's `interpolateRdBu`: 0 dark red … 1 dark blue. */
export const interpolateRdBu = interpolateRgbBasis(
  colors("67001fb2182bd6604df4a582fddbc7f7f7f7d1e5f092c5de4393c32166ac053061"),
);

/** ColorBrewer Blues (9 classes) as a continuous ramp, d3's `interpolateBlues`: 0 near white … 1 dark blue. */
export const interpolateBlues = interpolateRgbBasis(colors("f7fbffdeebf7c6dbef9ecae16baed64292c62171b508519c08306b"));
