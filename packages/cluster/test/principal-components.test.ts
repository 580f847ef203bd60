import { describe, expect, it } from "vitest";
import { principalComponents } from "../src/index.js";
import { loadDigits } from "./digits.js";

describe("principalComponents", () => {
  it("finds orthonormal axes that satisfy C v = λ v on the digits, variance descending", () => {
    const { pixels } = loadDigits();
    const { components, explainedVariance, mean, projection } = principalComponents(pixels, 3);
    const n = pixels.length;
    const d = 64;
    const cov = (a: number, b: number) => pixels.reduce((s, p) => s + (p[a] - mean[a]) * (p[b] - mean[b]), 0) / n;
    const C = Array.from({ length: d }, (_, a) => Array.from({ length: d }, (_, b) => cov(a, b)));
    components.forEach((v, c) => {
      const Cv = C.map((row) => row.reduce((s, x, b) => s + x * v[b], 0));
      Cv.forEach((x, a) => expect(x).toBeCloseTo(explainedVariance[c] * v[a], 6));
      components.forEach((u, e) => expect(u.reduce((s, x, a) => s + x * v[a], 0)).toBeCloseTo(c === e ? 1 : 0, 9));
      if (c > 0) expect(explainedVariance[c]).toBeLessThanOrEqual(explainedVariance[c - 1]);
    });
    // scikit-learn's PCA on the digits: explained variance of the first axis is 179.0 (divisor n − 1).
    expect((explainedVariance[0] * n) / (n - 1)).toBeCloseTo(179.0, 0);
    // The projection's variance along each axis is that axis's eigenvalue.
    const variance0 = projection.reduce((s, p) => s + p[0] * p[0], 0) / n;
    expect(variance0).toBeCloseTo(explainedVariance[0], 6);
  });

  it("handles degenerate data and rejects too many components", () => {
    const flat = principalComponents(
      [
        [1, 1],
        [1, 1],
        [1, 1],
      ],
      2,
    );
    expect(flat.explainedVariance).toEqual([0, 0]);
    expect(() => principalComponents([[1, 2]], 3)).toThrow(
      expect.objectContaining({ code: "E_RANGE", argument: "components" }),
    );
  });
});
