import { describe, expect, it } from "vitest";
import { distanceMatrix, reorderRows, seriationCriteria } from "../src/index.js";

// The runnable example of docs/packages/reorder.md and the package README.
describe("the documented example", () => {
  it("prints what the docs say", () => {
    const activations = [
      [0.9, 0.1, 0.0],
      [0.0, 0.2, 0.9],
      [0.8, 0.3, 0.0],
      [0.1, 0.9, 0.2],
      [0.0, 0.1, 1.0],
      [0.2, 1.0, 0.1],
    ];
    const { order, optimal } = reorderRows(activations);
    expect(order).toEqual([0, 2, 5, 3, 1, 4]);
    expect(optimal).toBe(true);
    const d = distanceMatrix(activations);
    expect(seriationCriteria(d, order).pathLength).toBeLessThan(seriationCriteria(d, [0, 1, 2, 3, 4, 5]).pathLength);
  });
});
