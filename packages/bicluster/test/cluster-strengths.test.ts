import fc from "fast-check";
import { Matrix } from "ml-matrix";
import { describe, expect, it } from "vitest";
import { clusterStrengths } from "../src/index.js";

describe("clusterStrengths", () => {
  it("averages each sign apart per cluster pair, and leaves a missing sign out rather than 0", () => {
    const weights = [
      [0.5, -0.2, 0],
      [0.3, 0, 0.4],
      [-0.6, 0.1, 0],
    ];
    expect(clusterStrengths(weights, [0, 0, 1], [0, 1, 1])).toEqual([
      { input: 0, output: 0, pos: 0.4, nPos: 2, nNeg: 0 },
      { input: 0, output: 1, pos: 0.4, neg: -0.2, nPos: 1, nNeg: 1 },
      { input: 1, output: 0, neg: -0.6, nPos: 0, nNeg: 1 },
      { input: 1, output: 1, pos: 0.1, nPos: 1, nNeg: 0 },
    ]);
  });

  it("gives the same strengths from dense rows, an ml-matrix, sparse triplets and typed-array rows", () => {
    const matrix = fc.array(fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 4, maxLength: 4 }), {
      minLength: 1,
      maxLength: 6,
    });
    fc.assert(
      fc.property(matrix, fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 6, maxLength: 6 }), (rows, labels) => {
        const inputLabels = labels.slice(0, rows.length);
        const outputLabels = [0, 1, 1, 2];
        const dense = clusterStrengths(rows, inputLabels, outputLabels);
        expect(clusterStrengths(new Matrix(rows), inputLabels, outputLabels)).toEqual(dense);
        expect(
          clusterStrengths(
            rows.map((r) => Float64Array.from(r)),
            inputLabels,
            outputLabels,
          ),
        ).toEqual(dense);
        const triplets = rows.flatMap((r, i) => r.map((w, j) => [i, j, w] as [number, number, number]));
        expect(clusterStrengths({ rows: rows.length, columns: 4, triplets }, inputLabels, outputLabels)).toEqual(dense);
        // Conservation: the counts add up to the non-zero weights, and each mean lies within its sign's range.
        const nonZero = rows.flat().filter((w) => w !== 0).length;
        expect(dense.reduce((s, p) => s + p.nPos + p.nNeg, 0)).toBe(nonZero);
        for (const p of dense) {
          if (p.pos !== undefined) expect(p.pos).toBeGreaterThan(0);
          if (p.neg !== undefined) expect(p.neg).toBeLessThan(0);
          expect(p.pos === undefined).toBe(p.nPos === 0);
          expect(p.neg === undefined).toBe(p.nNeg === 0);
        }
      }),
    );
  });

  it("reads a convolution kernel [kh][kw][cin][cout] as kh·kw edges per pair of feature maps", () => {
    // 2 × 1 kernel, 2 input maps, 2 output maps.
    const kernel = [
      [
        [
          [1, -1],
          [0.5, 0],
        ],
      ],
      [
        [
          [3, -2],
          [0, 0.25],
        ],
      ],
    ];
    expect(clusterStrengths({ kernel }, [0, 1], [0, 1])).toEqual([
      { input: 0, output: 0, pos: 2, nPos: 2, nNeg: 0 },
      { input: 0, output: 1, neg: -1.5, nPos: 0, nNeg: 2 },
      { input: 1, output: 0, pos: 0.5, nPos: 1, nNeg: 0 },
      { input: 1, output: 1, pos: 0.25, nPos: 1, nNeg: 0 },
    ]);
  });

  it("rejects NaN weights, labels of the wrong length and bad labels, naming the argument", () => {
    expect(() => clusterStrengths([[1, NaN]], [0], [0, 0])).toThrow(
      expect.objectContaining({ code: "E_NAN", argument: "weights[0][1]" }),
    );
    expect(() => clusterStrengths([[1, 2]], [0, 1], [0, 0])).toThrow(
      expect.objectContaining({ code: "E_SHAPE", argument: "inputLabels" }),
    );
    expect(() => clusterStrengths([[1, 2]], [0], [0])).toThrow(
      expect.objectContaining({ code: "E_SHAPE", argument: "outputLabels" }),
    );
    expect(() => clusterStrengths([[1, 2]], [-1], [0, 0])).toThrow(
      expect.objectContaining({ code: "E_RANGE", argument: "inputLabels[0]" }),
    );
    expect(() => clusterStrengths([[1, 2], [3]], [0, 0], [0, 0])).toThrow(expect.objectContaining({ code: "E_SHAPE" }));
    expect(() => clusterStrengths({ rows: 1, columns: 1, triplets: [[0, 1, 1]] }, [0], [0])).toThrow(
      expect.objectContaining({ code: "E_RANGE", argument: "weights.triplets[0][1]" }),
    );
    expect(() => clusterStrengths({ kernel: [[[[1, Infinity]]]] }, [0], [0, 0])).toThrow(
      expect.objectContaining({ code: "E_NAN" }),
    );
    expect(() => clusterStrengths("x" as never, [], [])).toThrow(expect.objectContaining({ code: "E_TYPE" }));
  });
});
