import { describe, expect, it } from "vitest";
import { packFast, squarify } from "../src/index.js";

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
});
