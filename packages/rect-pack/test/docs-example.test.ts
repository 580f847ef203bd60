import { describe, expect, it } from "vitest";
import { packFast, packHierarchical, packOptimal, squarify } from "../src/index.js";

// The runnable example of docs/packages/rect-pack.md.
describe("the documented example", () => {
  it("prints what the docs say", () => {
    const { width, height, density } = packFast([
      { width: 40, height: 30 },
      { width: 20, height: 30 },
      { width: 60, height: 10 },
    ]);
    expect([width, height, density]).toEqual([60, 40, 1]);
    expect(squarify([6, 6, 4, 3, 2, 2, 1], { width: 6, height: 4 })[0]).toMatchObject({
      x: 0,
      y: 0,
      width: 3,
      height: 2,
      value: 6,
    });
  });

  it("the README's example does what its comments say", () => {
    const squares = Array.from({ length: 13 }, (_, i) => ({ width: i + 1, height: i + 1 }));
    expect(packOptimal(squares)).toMatchObject({ width: 22, height: 38, optimal: true });
    const rects = [
      { width: 40, height: 30 },
      { width: 20, height: 30 },
      { width: 60, height: 10 },
    ];
    const layout = packHierarchical(rects, {
      features: [
        [1, 0],
        [0.9, 0.1],
        [0, 1],
      ],
    });
    expect(layout.placements.map((p) => p.index)).toEqual([0, 1, 2]);
    expect(layout.regions.length).toBeGreaterThan(0);
  });
});
