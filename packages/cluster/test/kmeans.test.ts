import { createRandom } from "@clearbox/core";
import fc from "fast-check";
import { Matrix } from "ml-matrix";
import { describe, expect, it } from "vitest";
import { kmeans } from "../src/index.js";
import { loadDigits, reference } from "./digits.js";

function sse(points: number[][], labels: ArrayLike<number>, centroids: number[][]): number {
  return points.reduce((s, p, i) => s + p.reduce((t, v, j) => t + (v - centroids[labels[i]][j]) ** 2, 0), 0);
}

/** Optimal k-means cost by enumerating every assignment of points to k labels (tiny n only). */
function bruteForceOptimum(points: number[][], k: number): number {
  const n = points.length;
  let best = Infinity;
  const labels = new Array<number>(n).fill(0);
  const visit = (i: number, used: number): void => {
    if (i === n) {
      if (used < k) return;
      const cost = Array.from({ length: k }, (_, c) => {
        const members = points.filter((_, p) => labels[p] === c);
        const mean = members[0].map((_, j) => members.reduce((s, m) => s + m[j], 0) / members.length);
        return members.reduce((s, m) => s + m.reduce((t, v, j) => t + (v - mean[j]) ** 2, 0), 0);
      }).reduce((a, b) => a + b, 0);
      best = Math.min(best, cost);
      return;
    }
    // Canonical labelling: point i may open at most one new cluster, which removes relabelled duplicates.
    for (let c = 0; c < Math.min(k, used + 1); c++) {
      labels[i] = c;
      visit(i + 1, Math.max(used, c + 1));
    }
  };
  visit(0, 0);
  return best;
}

describe("kmeans", () => {
  const digits = loadDigits();

  it("matches scikit-learn's inertia on the digits within 1 % (k = 10, nInit = 10)", () => {
    const sklearn = [...reference.digits_kmeans_k10_ninit10_inertia_by_random_state].sort((a, b) => a - b);
    const median = sklearn[Math.floor(sklearn.length / 2)];
    for (const seed of [0, 1, 2]) {
      const result = kmeans(digits.pixels, 10, { seed, nInit: 10 });
      expect(result.inertia).toBeLessThanOrEqual(median * 1.01);
      expect(result.inertia).toBeCloseTo(sse(digits.pixels, result.labels, result.centroids), 3);
      expect(result.converged).toBe(true);
    }
  });

  it("finds the brute-force optimum on tiny inputs", () => {
    const tiny = fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 20 })), {
      minLength: 3,
      maxLength: 7,
    });
    fc.assert(
      fc.property(tiny, fc.integer({ min: 1, max: 3 }), (points, k) => {
        const data = points.map(([x, y]) => [x, y]);
        if (k > data.length) return;
        const result = kmeans(data, k, { seed: 1, nInit: 10 });
        expect(result.inertia).toBeCloseTo(bruteForceOptimum(data, k), 6);
      }),
      { numRuns: 60, seed: 20261121 },
    );
  });

  it("assigns every point to its nearest centroid and keeps every label in [0, k)", () => {
    const result = kmeans(digits.pixels.slice(0, 400), 7, { seed: 5 });
    digits.pixels.slice(0, 400).forEach((p, i) => {
      const distances = result.centroids.map((c) => c.reduce((s, v, j) => s + (v - p[j]) ** 2, 0));
      expect(distances[result.labels[i]]).toBeCloseTo(Math.min(...distances), 8);
    });
    expect(new Set(result.labels).size).toBe(7);
  });

  it("is deterministic for a seed, accepts ml-matrix and never mutates its input", () => {
    const data = digits.pixels.slice(0, 300);
    const copy = structuredClone(data);
    const a = kmeans(data, 5, { seed: 9, nInit: 3 });
    const b = kmeans(new Matrix(data), 5, { seed: 9, nInit: 3 });
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
    expect(a.inertia).toBe(b.inertia);
    expect(data).toEqual(copy);
  });

  it("copes with duplicate points and k = n", () => {
    const same = Array.from({ length: 6 }, () => [1, 1]);
    const result = kmeans(same, 6, { seed: 0 });
    expect(result.inertia).toBe(0);
    const two = kmeans([[0], [0], [0], [5]], 4, { seed: 0 });
    expect(two.inertia).toBe(0);
  });

  it("reports progress and honours an abort signal", () => {
    const seen: number[] = [];
    kmeans(digits.pixels.slice(0, 200), 4, { seed: 0, nInit: 2, onProgress: (f) => seen.push(f) });
    expect(seen.at(-1)).toBe(1);
    const controller = new AbortController();
    controller.abort();
    expect(() => kmeans(digits.pixels, 10, { signal: controller.signal })).toThrow(
      expect.objectContaining({ code: "E_ABORTED" }),
    );
  });

  it("checks its signal inside the seeding and every few thousand points, not only between iterations", () => {
    const random = createRandom(3);
    const points = Array.from({ length: 20_000 }, () => Array.from({ length: 8 }, () => random.normal()));
    let reads = 0;
    const signal = {
      get aborted() {
        reads++;
        return false;
      },
    } as unknown as AbortSignal;
    kmeans(points, 10, { nInit: 1, maxIterations: 1, signal });
    // Seeding: 9 centres × 4 trials; the first assignment and one E-step: 4 checks each; before, 2 reads in all.
    expect(reads).toBeGreaterThan(40);
  });

  it("rejects bad input with ClearboxError codes that name the argument", () => {
    expect(() => kmeans([], 1)).toThrow(expect.objectContaining({ code: "E_EMPTY", argument: "data" }));
    expect(() => kmeans([[1, 2], [3]], 1)).toThrow(expect.objectContaining({ code: "E_SHAPE" }));
    expect(() => kmeans([[1, Number.NaN]], 1)).toThrow(
      expect.objectContaining({ code: "E_NAN", argument: "data[0][1]" }),
    );
    expect(() => kmeans([[1], [2]], 0)).toThrow(expect.objectContaining({ code: "E_RANGE", argument: "k" }));
    expect(() => kmeans([[1], [2]], 3)).toThrow("k must be between 1 and 2, got 3.");
    expect(() => kmeans([[1], [2]], 1, { nInit: 0 })).toThrow(expect.objectContaining({ argument: "options.nInit" }));
    expect(() => kmeans([[1], [2]], 1, { tolerance: -1 })).toThrow(expect.objectContaining({ code: "E_RANGE" }));
  });
});
