import { describe, expect, it } from "vitest";
import { isClearboxError } from "@clearbox/core";
import { bundleEdges } from "../src/edge-bundling.js";

/** Ink: the 1-px grid cells that a set of polylines passes through (sampled every 0.25 px). */
function ink(paths: Float64Array[]): number {
  const cells = new Set<number>();
  for (const p of paths) {
    for (let k = 0; k + 3 < p.length; k += 2) {
      const length = Math.hypot(p[k + 2] - p[k], p[k + 3] - p[k + 1]);
      const steps = Math.max(1, Math.ceil(length * 4));
      for (let s = 0; s <= steps; s++) {
        const x = p[k] + ((p[k + 2] - p[k]) * s) / steps;
        const y = p[k + 1] + ((p[k + 3] - p[k + 1]) * s) / steps;
        cells.add(Math.floor(x) * 100_000 + Math.floor(y));
      }
    }
  }
  return cells.size;
}

/** The largest distance of a path's points from the straight line between its ends. */
function deviation(p: Float64Array): number {
  const [x1, y1, x2, y2] = [p[0], p[1], p[p.length - 2], p[p.length - 1]];
  const length = Math.hypot(x2 - x1, y2 - y1);
  let worst = 0;
  for (let k = 0; k < p.length; k += 2) {
    worst = Math.max(worst, Math.abs((x2 - x1) * (y1 - p[k + 1]) - (x1 - p[k]) * (y2 - y1)) / length);
  }
  return worst;
}

describe("bundleEdges (force-directed edge bundling)", () => {
  it("pulls parallel compatible edges together: far less ink than drawn straight", () => {
    const edges = Array.from(
      { length: 12 },
      (_, i) => [0, 100 + 6 * i, 400, 100 + 6 * i] as [number, number, number, number],
    );
    const straight = edges.map((e) => Float64Array.from(e));
    const bundled = bundleEdges(edges);
    expect(bundled.compatiblePairs).toBe((12 * 11) / 2);
    expect(bundled.truncated).toBe(false);
    expect(ink(bundled.paths)).toBeLessThan(0.6 * ink(straight));
    // The middles meet: their spread shrinks from 66 px to a few.
    // The y of the point nearest the middle (a path holds the two ends and 2^cycles interior points).
    const middles = bundled.paths.map((p) => p[p.length / 2 + 1]);
    expect(Math.max(...middles) - Math.min(...middles)).toBeLessThan(10);
    // Ends stay where they were.
    bundled.paths.forEach((p, i) => expect([p[0], p[1], p[p.length - 2], p[p.length - 1]]).toEqual(edges[i]));
  });

  it("leaves incompatible (perpendicular) edges nearly straight", () => {
    // Two crossing pairs, each pair perpendicular, the pairs far apart.
    const edges: [number, number, number, number][] = [
      [0, 200, 400, 200],
      [200, 0, 200, 400],
      [1000, 0, 1400, 400],
      [1000, 400, 1400, 0],
    ];
    const bundled = bundleEdges(edges);
    expect(bundled.compatiblePairs).toBe(0);
    for (const p of bundled.paths) expect(deviation(p)).toBeLessThan(0.01 * 400);
  });

  it("gives the same geometry for the same seed, and meets reversed edges point to point", () => {
    // The second edge runs the other way: matched end to end, the two bow towards each other.
    const edges: [number, number, number, number][] = [
      [0, 0, 300, 0],
      [300, 30, 0, 30],
    ];
    const a = bundleEdges(edges, { seed: 3 });
    const b = bundleEdges(edges, { seed: 3 });
    expect(a.paths.map((p) => Array.from(p))).toEqual(b.paths.map((p) => Array.from(p)));
    expect(a.compatiblePairs).toBe(1);
    for (const p of a.paths) expect(deviation(p)).toBeGreaterThan(5);
    // Point k of one edge meets point P − 1 − k of the other: near the middle they are close.
    const y = (p: Float64Array, k: number) => p[2 * k + 1];
    const P = a.paths[0].length / 2;
    expect(Math.abs(y(a.paths[0], P / 2) - y(a.paths[1], P / 2 - 1))).toBeLessThan(16);
  });

  it("stops at the work budget on 1,000 edges and says so", () => {
    const edges = Array.from(
      { length: 1000 },
      (_, i) => [i % 50, (i * 7) % 300, 400 + (i % 30), (i * 11) % 300] as [number, number, number, number],
    );
    const result = bundleEdges(edges, { maxWork: 2e6 });
    expect(result.truncated).toBe(true);
    expect(result.work).toBeLessThanOrEqual(2e6);
    expect(result.paths.length).toBe(1000);
    for (const p of result.paths) for (const v of p) expect(Number.isFinite(v)).toBe(true);
  });

  it("rejects bad edges and options with coded errors", () => {
    const code = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        expect(isClearboxError(error)).toBe(true);
        return (error as { code: string }).code;
      }
      return null;
    };
    expect(code(() => bundleEdges([[0, 0, NaN, 1]]))).toBe("E_NAN");
    expect(code(() => bundleEdges([[0, 0, 1]] as never))).toBe("E_TYPE");
    expect(code(() => bundleEdges(null as never))).toBe("E_TYPE");
    expect(code(() => bundleEdges([], { compatibility: 2 }))).toBe("E_RANGE");
    expect(code(() => bundleEdges([], { cycle: 2 } as never))).toBe("E_OPTION");
    expect(bundleEdges([]).paths).toEqual([]);
  });
});
