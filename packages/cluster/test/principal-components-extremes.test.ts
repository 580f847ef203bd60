import { describe, expect, it } from "vitest";
import { principalComponents } from "../src/principal-components.js";

describe("principalComponents at the extremes of float64", () => {
  const base = [
    [1, 2, 0.5],
    [2, 1, 0.25],
    [3, 5, 1],
    [4, 3, 0.75],
    [0, 1, 2],
  ];

  it("gives the same axes for data scaled by any power of two, and scaled variances and projections", () => {
    const reference = principalComponents(base, 2);
    for (const exponent of [990, 700, -700, -1060]) {
      const scale = 2 ** exponent;
      const result = principalComponents(
        base.map((row) => row.map((x) => x * scale)),
        2,
      );
      result.components.forEach((axis, c) =>
        axis.forEach((v, a) => expect(v).toBeCloseTo(reference.components[c][a], 9)),
      );
      result.explainedVariance.forEach((v, c) => {
        expect(Number.isNaN(v)).toBe(false);
        const expected = reference.explainedVariance[c] * scale * scale;
        if (Number.isFinite(expected) && expected > 1e-300) expect(v / expected).toBeCloseTo(1, 9);
      });
      result.projection.forEach((row, i) =>
        row.forEach((v, c) => {
          expect(Number.isFinite(v)).toBe(true);
          if (exponent > -1000) expect(v / scale).toBeCloseTo(reference.projection[i][c], 9);
        }),
      );
    }
  });

  it("never returns NaN for rows at ±1e300 or too many dimensions (E_TOO_LARGE before allocating d²)", () => {
    const huge = principalComponents(
      [
        [1e300, -1e300],
        [-1e300, 1e300],
        [1e300, 1e300],
      ],
      2,
    );
    // The variances (~1e600) are beyond float64 and read Infinity; nothing is NaN, and axes and projections are finite.
    const numbers = [...huge.components.flat(), ...huge.projection.flat(), ...huge.mean, ...huge.explainedVariance];
    expect(numbers.some(Number.isNaN)).toBe(false);
    expect([...huge.components.flat(), ...huge.projection.flat()].every(Number.isFinite)).toBe(true);
    const wide = principalComponents([Array.from({ length: 2_000 }, (_, i) => i % 7), Array(2_000).fill(1)], 1);
    expect(wide.components[0]).toHaveLength(2_000);
    const tooWide = [Array.from({ length: 200_000 }, (_, i) => i % 7), Array(200_000).fill(1)];
    expect(() => principalComponents(tooWide, 1)).toThrow(expect.objectContaining({ code: "E_TOO_LARGE" }));
  });
});
