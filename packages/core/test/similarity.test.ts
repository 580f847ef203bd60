import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  correlationSimilarity,
  cosineSimilarity,
  resolveSimilarity,
  rowCosine,
  rowNorms,
  toDenseMatrix,
  vectorCorrelation,
  vectorCosine,
} from "../src/internal.js";

const vector = fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 3, maxLength: 3 });

describe("similarities", () => {
  it("cosine is symmetric, in [-1, 1], 1 on itself, and 0 for a zero vector", () => {
    fc.assert(
      fc.property(vector, vector, (a, b) => {
        const s = cosineSimilarity(a, b);
        expect(s).toBeGreaterThanOrEqual(-1);
        expect(s).toBeLessThanOrEqual(1);
        expect(s).toBeCloseTo(cosineSimilarity(b, a), 12);
      }),
    );
    expect(cosineSimilarity([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
    expect(cosineSimilarity([0, 0, 0], [1, 2, 3])).toBe(0);
  });

  it("correlation is 1 for an affine copy, -1 for a reflection and 0 for a constant vector", () => {
    expect(correlationSimilarity([1, 2, 4], [3, 5, 9])).toBeCloseTo(1, 12);
    expect(correlationSimilarity([1, 2, 4], [-1, -2, -4])).toBeCloseTo(-1, 12);
    expect(correlationSimilarity([2, 2, 2], [1, 5, 3])).toBe(0);
  });

  it("rowCosine agrees with cosineSimilarity", () => {
    const rows = [
      [1, 0, 2],
      [0, 0, 0],
      [3, 1, -1],
    ];
    const m = toDenseMatrix(rows);
    const norms = rowNorms(m);
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) expect(rowCosine(m, norms, i, j)).toBeCloseTo(cosineSimilarity(rows[i], rows[j]), 12);
  });

  it("resolves names and rejects unknown ones", () => {
    expect(resolveSimilarity("cosine")).toBe(vectorCosine);
    expect(resolveSimilarity("correlation")).toBe(vectorCorrelation);
    expect(() => resolveSimilarity("euclid" as "cosine")).toThrow(expect.objectContaining({ code: "E_OPTION" }));
  });

  it("the public similarities check their vectors; the hot-loop forms agree with them", () => {
    expect(() => cosineSimilarity([1, NaN], [1, 2])).toThrow(
      expect.objectContaining({ code: "E_NAN", argument: "a[1]" }),
    );
    expect(() => correlationSimilarity([1, 2], [1, 2, 3])).toThrow(
      expect.objectContaining({ code: "E_SHAPE", argument: "b" }),
    );
    expect(() => cosineSimilarity(undefined as unknown as number[], [1])).toThrow(
      expect.objectContaining({ code: "E_TYPE" }),
    );
    expect(vectorCosine([1, 0], [1, 1])).toBe(cosineSimilarity([1, 0], [1, 1]));
    expect(vectorCorrelation([1, 2, 3], [2, 4, 7])).toBe(correlationSimilarity([1, 2, 3], [2, 4, 7]));
  });
});
