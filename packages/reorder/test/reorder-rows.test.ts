import { readFileSync } from "node:fs";
import fc from "fast-check";
import { Matrix } from "ml-matrix";
import { describe, expect, it } from "vitest";
import { classMeanVectors } from "@clearbox/cluster";
import { createRandom } from "@clearbox/core";
import { distanceMatrix, heldKarp, pathCost, reorderRows, similarityMatrix } from "../src/index.js";

function digitsMatrix(): number[][] {
  const rows = readFileSync(new URL("../../../data/digits/digits.csv", import.meta.url), "utf8")
    .trim()
    .split("\n")
    .map((line) => line.split(",").map(Number));
  return classMeanVectors(
    rows.map((r) => r.slice(0, 64)),
    rows.map((r) => r[64]),
    10,
  );
}

/** Rows drawn around `clusters` random prototypes (planted structure), shuffled. */
function plantedRows(n: number, columns: number, clusters: number, seed: number): number[][] {
  const random = createRandom(seed);
  const prototypes = Array.from({ length: clusters }, () => Array.from({ length: columns }, () => random.next()));
  return random.shuffle(
    Array.from({ length: n }, (_, i) => prototypes[i % clusters].map((v) => Math.max(0, v + 0.15 * random.normal()))),
  );
}

function bestSingleTwoOptGain(d: { n: number; values: Float64Array }, order: number[]): number {
  const { n, values } = d;
  let best = 0;
  for (let i = 0; i < order.length - 1; i++) {
    for (let j = i + 1; j < order.length; j++) {
      let delta = 0;
      if (i > 0) delta += values[order[i - 1] * n + order[j]] - values[order[i - 1] * n + order[i]];
      if (j < order.length - 1) delta += values[order[i] * n + order[j + 1]] - values[order[j] * n + order[j + 1]];
      best = Math.min(best, delta);
    }
  }
  return best;
}

describe("reorderRows", () => {
  it("beats R's best TSP seriation on the digits matrix (64 pixels × 10 classes, 1 − cosine)", () => {
    const matrix = digitsMatrix();
    const d = distanceMatrix(matrix);
    const identity = pathCost(d, [...Array(64).keys()]);
    expect(identity).toBeCloseTo(17.49, 2); // R: identity order 17.49
    const result = reorderRows(matrix);
    expect(result.pathLength).toBeLessThanOrEqual(8.79); // R's seriate(method = "TSP"): 8.79
    expect(result.pathLength).toBeCloseTo(pathCost(d, result.order), 10);
    expect(result.objective).toBeCloseTo(63 - result.pathLength, 10);
    expect(result.optimal).toBe(false);
  });

  it("is exact and optimal up to exactLimit (brute force through Held–Karp)", () => {
    const rows = fc.array(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 4, maxLength: 4 }), {
      minLength: 1,
      maxLength: 9,
    });
    fc.assert(
      fc.property(rows, (matrix) => {
        const result = reorderRows(matrix);
        expect(result.optimal).toBe(true);
        expect(result.pathLength).toBeCloseTo(heldKarp(distanceMatrix(matrix)).cost, 10);
        expect([...result.order].sort((a, b) => a - b)).toEqual([...Array(matrix.length).keys()]);
      }),
      { numRuns: 60 },
    );
  });

  it("solves every part exactly, caps parts at leafSize and leaves no improving 2-opt move", () => {
    const matrix = plantedRows(120, 8, 6, 3);
    const d = distanceMatrix(matrix);
    const result = reorderRows(matrix, { leafSize: 8, exactLimit: 10 });
    expect(result.parts.flat().sort((a, b) => a - b)).toEqual([...Array(120).keys()]);
    for (const part of result.parts) {
      expect(part.length).toBeLessThanOrEqual(8);
      if (part.length < 3) continue;
      const sub = part.map((a) => part.map((b) => d.values[a * d.n + b]));
      const exact = heldKarp(sub).cost;
      expect(pathCost(d, part)).toBeCloseTo(exact, 10);
    }
    expect(bestSingleTwoOptGain(d, result.order)).toBeGreaterThan(-1e-9);
  });

  it("merges better than the thesis's concatenation", () => {
    for (const seed of [1, 2, 3]) {
      const matrix = plantedRows(200, 10, 8, seed);
      const concatenated = reorderRows(matrix, { merge: "concatenate", polish: false }).pathLength;
      const merged = reorderRows(matrix, { polish: false }).pathLength;
      const polished = reorderRows(matrix).pathLength;
      expect(merged).toBeLessThanOrEqual(concatenated + 1e-9);
      expect(polished).toBeLessThanOrEqual(merged + 1e-9);
    }
  });

  it("handles n = 0, 1, 2, duplicate rows and all-zero rows", () => {
    expect(reorderRows([])).toEqual({ order: [], objective: 0, pathLength: 0, optimal: true, parts: [] });
    expect(reorderRows([[1, 2]]).order).toEqual([0]);
    expect(
      reorderRows([
        [1, 2],
        [2, 1],
      ]).order,
    ).toHaveLength(2);
    const duplicates = reorderRows([
      [1, 0],
      [0, 1],
      [1, 0],
      [0, 1],
    ]);
    expect(duplicates.pathLength).toBeCloseTo(1, 12); // both pairs adjacent, one junction of distance 1
    const zeros = reorderRows([
      [0, 0],
      [1, 0],
      [0, 0],
      [1, 1],
    ]);
    expect(zeros.objective).toBeCloseTo(Math.SQRT1_2, 12); // zero rows add nothing; (1,0)–(1,1) adds cos 45°
    expect(
      similarityMatrix([
        [0, 0],
        [1, 0],
      ]).values[0],
    ).toBe(0);
  });

  it("accepts ml-matrix and typed rows, never mutates, is deterministic, reports progress", () => {
    const matrix = plantedRows(60, 5, 4, 9);
    const copy = structuredClone(matrix);
    const seen: number[] = [];
    const a = reorderRows(matrix, { onProgress: (f) => seen.push(f) });
    const b = reorderRows(new Matrix(matrix));
    const c = reorderRows(matrix.map((r) => Float64Array.from(r)));
    expect(a.order).toEqual(b.order);
    expect(a.order).toEqual(c.order);
    expect(matrix).toEqual(copy);
    expect(seen.at(-1)).toBe(1);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1]);
  });

  it("supports correlation and euclidean metrics", () => {
    const matrix = plantedRows(40, 6, 3, 4);
    const euclid = reorderRows(matrix, { metric: "euclidean" });
    expect(euclid.objective).toBeCloseTo(-euclid.pathLength, 12);
    expect(euclid.pathLength).toBeCloseTo(pathCost(distanceMatrix(matrix, { metric: "euclidean" }), euclid.order), 10);
    const corr = reorderRows(matrix, { metric: "correlation" });
    expect(corr.pathLength).toBeCloseTo(pathCost(distanceMatrix(matrix, { metric: "correlation" }), corr.order), 10);
  });

  it("rejects bad input and options with ClearboxError", () => {
    expect(() => reorderRows([[1, 2], [3]])).toThrow(expect.objectContaining({ code: "E_SHAPE" }));
    expect(() => reorderRows([[1, Number.POSITIVE_INFINITY]])).toThrow(expect.objectContaining({ code: "E_NAN" }));
    expect(() => reorderRows([[1]], { metric: "manhattan" as never })).toThrow(
      expect.objectContaining({ code: "E_OPTION" }),
    );
    expect(() => reorderRows([[1]], { leafSize: 20, exactLimit: 10 })).toThrow(
      expect.objectContaining({ argument: "options.leafSize" }),
    );
    expect(() => reorderRows([[1]], { exactLimit: 30 })).toThrow(expect.objectContaining({ code: "E_RANGE" }));
    expect(() => reorderRows([[1]], { merge: "zip" as never })).toThrow(
      expect.objectContaining({ argument: "options.merge" }),
    );
    const controller = new AbortController();
    controller.abort();
    expect(() => reorderRows(plantedRows(100, 4, 3, 1), { signal: controller.signal })).toThrow(
      expect.objectContaining({ code: "E_ABORTED" }),
    );
  });
});
