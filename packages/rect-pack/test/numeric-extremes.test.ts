import { describe, expect, it } from "vitest";
import { packFast, squarify } from "../src/index.js";

const finite = (value: unknown): boolean =>
  !JSON.stringify(value, (_, v) => (Number.isNaN(v) ? "NaN" : v)).includes("NaN");

describe("packing and treemaps at the extremes of float64", () => {
  it("packFast with sizes near 1e300 and denormal ones reports a density, never NaN", () => {
    const packing = packFast([
      { width: 1e300, height: 1e300 },
      { width: 1e300, height: 5e299 },
      { width: 5e-324, height: 5e-324 },
    ]);
    expect(finite(packing)).toBe(true);
    expect(packing.density).toBeGreaterThan(0);
    expect(packing.density).toBeLessThanOrEqual(1 + 1e-12);
  });

  it("squarify of denormal values and of a 1e300 box equals the layout of the same proportions", () => {
    const reference = squarify([2, 1, 1], { width: 4, height: 2 });
    const tiny = squarify([1e-323, 5e-324, 5e-324], { width: 4, height: 2 });
    const huge = squarify([2, 1, 1], { width: 4e300, height: 2e300 });
    expect(tiny.map((c) => [c.x, c.y, c.width, c.height])).toEqual(reference.map((c) => [c.x, c.y, c.width, c.height]));
    huge.forEach((c, i) => {
      expect(c.width / 1e300).toBeCloseTo(reference[i].width, 12);
      expect(c.height / 1e300).toBeCloseTo(reference[i].height, 12);
    });
    expect(finite(squarify([5e-324, 5e-324], { width: 100, height: 100 }))).toBe(true);
    expect(finite(squarify([1e308, 1e308, 1e308], { width: 1, height: 1 }))).toBe(true);
  });
});
