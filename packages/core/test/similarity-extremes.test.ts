import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { correlationSimilarity, cosineSimilarity } from "../src/index.js";
import { rowCosine, rowNorms } from "../src/internal.js";

// Cosine and correlation ignore positive scale: at the extremes of float64 they must equal their value on the same
// vectors brought near 1, never NaN and never a false 0.
describe("similarities at the extremes of float64", () => {
  it("cosine of huge and denormal vectors", () => {
    expect(cosineSimilarity([1e300, 1e300], [1e300, 1e300])).toBeCloseTo(1, 14);
    expect(cosineSimilarity([1e300, -1e300], [1e300, 1e300])).toBe(0);
    expect(cosineSimilarity([-1.7e308, 0], [1.7e308, 0])).toBeCloseTo(-1, 14);
    expect(cosineSimilarity([5e-324, 5e-324], [5e-324, 5e-324])).toBeCloseTo(1, 14);
    expect(cosineSimilarity([5e-324, 0], [0, 5e-324])).toBe(0);
    expect(cosineSimilarity([0, 0], [1e300, 1])).toBe(0);
    // fast-check's counterexample: products of entries scaled by 2^-519 fall into the denormals.
    const a = [0, 0.0010000000000000002, 0, 0];
    const b = [0, 1.0010000000000001, 2, 3];
    const tiny = (x: number[]) => x.map((v) => v * 2 ** -519);
    expect(cosineSimilarity(tiny(a), tiny(b))).toBeCloseTo(cosineSimilarity(a, b), 12);
    // fast-check's counterexample (CI, 2026-12-05): at a 2^511 scale only |b|² overflows, which left the cosine a
    // finite, false 0.
    const c = [-0.0010000000000000002, 0, 0];
    const d = c.map((v, t) => v + t);
    const huge = (x: number[]) => x.map((v) => v * 2 ** 511);
    expect(cosineSimilarity(huge(c), huge(d))).toBeCloseTo(cosineSimilarity(c, d), 12);
  });

  it("correlation of huge and denormal vectors", () => {
    expect(correlationSimilarity([1e308, -1e308, 1e308], [1, -1, 1])).toBeCloseTo(1, 12);
    expect(correlationSimilarity([1e300, 1e300, 1e300], [1, 2, 3])).toBe(0);
    expect(correlationSimilarity([5e-324, 0, 1e-323], [1, 0, 2])).toBeCloseTo(1, 12);
  });

  it("equals the value on scaled copies, for any scale (property)", () => {
    const vector = fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 2, maxLength: 8 });
    fc.assert(
      fc.property(vector, fc.integer({ min: -1070, max: 1020 }), (a, exponent) => {
        const b = a.map((v, t) => v + t);
        const scale = 2 ** exponent;
        const scaled = (x: number[]) => x.map((v) => v * scale);
        const expected = cosineSimilarity(a, b);
        const actual = cosineSimilarity(scaled(a), scaled(b));
        expect(Number.isNaN(actual)).toBe(false);
        // Denormal scaling loses digits: compare loosely, but the sign and rough value must survive.
        if (exponent > -1000 && a.some((v) => Math.abs(v) > 1e-3)) expect(actual).toBeCloseTo(expected, 6);
        expect(Number.isNaN(correlationSimilarity(scaled(a), scaled(b)))).toBe(false);
      }),
    );
  });

  it("rowCosine on rows whose norms overflow or underflow", () => {
    const matrix = { rows: 2, columns: 2, values: Float64Array.from([1e300, 1e300, 2e300, 2e300]) };
    expect(rowCosine(matrix, rowNorms(matrix), 0, 1)).toBeCloseTo(1, 14);
    const tiny = { rows: 2, columns: 2, values: Float64Array.from([5e-324, 0, 5e-324, 0]) };
    expect(rowCosine(tiny, rowNorms(tiny), 0, 1)).toBeCloseTo(1, 14);
  });
});
