import { describe, expect, it } from "vitest";
import { distanceMatrix, similarityMatrix } from "../src/index.js";

describe("pairwise matrices at the extremes", () => {
  it("refuse more rows than PAIRWISE_MAX_ROWS with E_TOO_LARGE, before allocating n²", () => {
    const rows = Array.from({ length: 40_000 }, (_, i) => [i, 1]);
    expect(() => similarityMatrix(rows)).toThrow(expect.objectContaining({ code: "E_TOO_LARGE", argument: "rows" }));
    expect(() => distanceMatrix(rows)).toThrow(expect.objectContaining({ code: "E_TOO_LARGE" }));
  });

  it("stay finite and scale-free at ±1e300 and for denormals", () => {
    for (const metric of ["cosine", "correlation", "euclidean"] as const) {
      for (const rows of [
        [
          [1e300, -1e300],
          [-1e300, 1e300],
          [1e300, 1e300],
        ],
        [
          [5e-324, 0],
          [0, 5e-324],
          [1e-323, 1e-323],
        ],
      ]) {
        const values = [...distanceMatrix(rows, { metric }).values, ...similarityMatrix(rows, { metric }).values];
        expect(values.every(Number.isFinite), `${metric} ${rows[0][0]}`).toBe(true);
      }
    }
    expect(
      distanceMatrix(
        [
          [1e300, 0],
          [-1e300, 0],
        ],
        { metric: "euclidean" },
      ).values[1],
    ).toBe(2e300);
    expect(
      distanceMatrix(
        [
          [5e-324, 0],
          [0, 0],
        ],
        { metric: "euclidean" },
      ).values[1],
    ).toBe(5e-324);
    expect(
      distanceMatrix([
        [1e300, 1e300],
        [2e300, 2e300],
      ]).values[1],
    ).toBeCloseTo(0, 12);
  });
});
