import { describe, expect, it } from "vitest";
import { bundleEdges } from "../src/edge-bundling.js";
import { edgeGeometry, reachFactor, signedCompatibility } from "../src/edge-partners.js";

const random = (seed: number) => () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;

function randomEdges(n: number, seed = 1): [number, number, number, number][] {
  const next = random(seed);
  return Array.from({ length: n }, () => [400 * next(), 400 * next(), 400 * next(), 400 * next()]);
}

describe("bundleEdges' budget and spatial index", () => {
  it("never compares edges too far apart to reach the threshold, and finds every compatible pair (brute force)", () => {
    // Short edges scattered over a wide plane: most pairs are far apart.
    const next = random(3);
    const edges = Array.from({ length: 400 }, () => {
      const [x, y] = [4000 * next(), 4000 * next()];
      return [x, y, x + 20 + 20 * next(), y + 10 * next()] as [number, number, number, number];
    });
    const result = bundleEdges(edges, { cycles: 1, iterations: 1 });
    const g = edgeGeometry(Float64Array.from(edges.flat()));
    let compatible = 0;
    for (let i = 0; i < edges.length; i++)
      for (let j = i + 1; j < edges.length; j++) {
        const c = Math.abs(signedCompatibility(g, i, j));
        if (c >= 0.6 && c > 0) compatible++;
      }
    expect(result.compatiblePairs).toBe(compatible);
    expect(result.compared).toBeLessThan((400 * 399) / 2 / 10);
    expect(result.truncated).toBe(false);
  });

  it("the reach bound holds: a pair beyond it is below the threshold", () => {
    for (const t of [0.2, 0.6, 0.9]) {
      const reach = reachFactor(t);
      // Edge 0 of length 10; edge 1 parallel, of the best length, just beyond reach.
      for (const ratio of [0.5, 1, 2, 3]) {
        const ends = Float64Array.from([0, 0, 10, 0, 0, reach * 10 + 1e-6, 10 * ratio, reach * 10 + 1e-6]);
        const shift = 5 - 5 * ratio; // centre the midpoints horizontally
        ends[4] += shift;
        ends[6] += shift;
        expect(Math.abs(signedCompatibility(edgeGeometry(ends), 0, 1))).toBeLessThan(t + 1e-9);
      }
    }
  });

  it("counts the compatibility pass in the budget, stops within it and says so", () => {
    const edges = randomEdges(3000);
    for (const maxWork of [0, 1e4, 1e6, 1e7]) {
      const result = bundleEdges(edges, { maxWork });
      expect(result.work).toBeLessThanOrEqual(maxWork);
      expect(result.truncated).toBe(true);
      expect(result.paths.every((path) => path.every(Number.isFinite))).toBe(true);
    }
  });

  it("stays finite at the extremes of float64 and scales exactly with the drawing", () => {
    const edges = randomEdges(30, 5);
    const base = bundleEdges(edges, { cycles: 3 });
    for (const factor of [2 ** 990, 2 ** -1000, -(2 ** 900)]) {
      const scaled = bundleEdges(
        edges.map((e) => e.map((v) => v * factor) as [number, number, number, number]),
        { cycles: 3 },
      );
      scaled.paths.forEach((path, e) =>
        path.forEach((v, k) => {
          expect(Number.isFinite(v)).toBe(true);
          expect(v / factor).toBeCloseTo(base.paths[e][k], 3);
        }),
      );
    }
    const huge = bundleEdges([
      [-1e300, -1e300, 1e300, 1e300],
      [-1e300, -0.9e300, 1e300, 1.1e300],
    ]);
    for (const path of huge.paths) for (const v of path) expect(Number.isFinite(v)).toBe(true);
  });
});
