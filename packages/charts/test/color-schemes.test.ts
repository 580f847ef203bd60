import * as chromatic from "d3-scale-chromatic";
import { describe, expect, it } from "vitest";
import { interpolateBlues, interpolateRdBu, schemeTableau10 } from "../src/color-schemes.js";
import { isDarkColor, sequentialColor } from "../src/colors.js";

// The schemes written out in src/color-schemes.ts are d3-scale-chromatic's, colour for colour.
describe("color schemes", () => {
  it("match d3-scale-chromatic at 1,001 points and Tableau 10 exactly", () => {
    for (let k = 0; k <= 1000; k++) {
      expect(interpolateRdBu(k / 1000)).toBe(chromatic.interpolateRdBu(k / 1000));
      expect(interpolateBlues(k / 1000)).toBe(chromatic.interpolateBlues(k / 1000));
    }
    expect([...schemeTableau10]).toEqual([...chromatic.schemeTableau10]);
  });
});

describe("the sequential ramp on a dark page", () => {
  const sum = (css: string) => (css.match(/\d+/g) ?? []).slice(0, 3).reduce((s, v) => s + Number(v), 0);

  it("tells dark backgrounds from light ones (relative luminance), light when unset", () => {
    expect(isDarkColor("#1e1e1e")).toBe(true);
    expect(isDarkColor("rgb(20, 24, 33)")).toBe(true);
    expect(isDarkColor("#fff")).toBe(false);
    expect(isDarkColor("#d0d0d0")).toBe(false);
    expect(isDarkColor("")).toBe(false);
    expect(isDarkColor("not a colour")).toBe(false);
  });

  it("runs light → dark on a light page and deep → pale on a dark one, never near white there", () => {
    const light = sequentialColor(0, 1);
    const dark = sequentialColor(0, 1, true);
    expect(sum(light(0))).toBeGreaterThan(sum(light(1)));
    expect(sum(dark(0))).toBeLessThan(sum(dark(1)));
    // The light ramp starts near white (the glare on a dark page); the dark one stays below it everywhere.
    expect(sum(light(0))).toBeGreaterThan(730);
    for (let t = 0; t <= 1; t += 0.125) expect(sum(dark(t))).toBeLessThan(650);
  });
});
