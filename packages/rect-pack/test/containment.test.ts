import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SearchBudget } from "../src/exact/budget.js";
import { ContainmentSearch } from "../src/exact/containment.js";
import { subsetSums } from "../src/exact/subset-sums.js";
import type { Placement } from "../src/rectangles.js";
import { expectValidPacking } from "./expect-valid-packing.js";
import { fitsByGrid } from "./fits-by-grid.js";

const instancesOf = (maxLength: number) =>
  fc
    .record({
      sizes: fc.array(fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 })), {
        minLength: 2,
        maxLength,
      }),
      extraW: fc.integer({ min: 0, max: 3 }),
      extraH: fc.integer({ min: 0, max: 3 }),
      rotate: fc.boolean(),
    })
    .map(({ sizes, extraW, extraH, rotate }) => {
      const ws = sizes.map((s) => s[0]);
      const hs = sizes.map((s) => s[1]);
      const side = (i: number) => (rotate ? Math.min(ws[i], hs[i]) : 0);
      const W = Math.max(...ws.map((w, i) => (rotate ? side(i) : w))) + extraW;
      const H = Math.max(...hs.map((h, i) => (rotate ? side(i) : h))) + extraH;
      return { ws, hs, W, H, rotate };
    });
const instances = instancesOf(6);

describe("ContainmentSearch", () => {
  it("agrees with a grid search on tight enclosures, and its packings are valid", () => {
    fc.assert(
      fc.property(instances, ({ ws, hs, W, H, rotate }) => {
        const area = ws.reduce((s, w, i) => s + w * hs[i], 0);
        fc.pre(area <= W * H && area >= 0.8 * W * H);
        const sides = rotate ? [...ws, ...hs] : ws;
        const xs = subsetSums(sides, W)!;
        const ys = subsetSums(rotate ? [...ws, ...hs] : hs, H)!;
        const budget = new SearchBudget(1e8);
        const search = new ContainmentSearch(Float64Array.from(ws), Float64Array.from(hs), rotate, xs, ys, budget);
        const found = search.fits(W, H);
        expect(found !== "infeasible").toBe(fitsByGrid(ws, hs, W, H, rotate));
        if (found === "infeasible" || found === "timeout") return;
        expectPacked(found, ws, hs, W, H);
      }),
      { numRuns: 400 },
    );
  });

  it("leaves the smallest squares (g × g, g the common divisor) to the end and still agrees with the grid search", () => {
    const withFillers = fc.record({
      base: instancesOf(3),
      fillers: fc.integer({ min: 1, max: 2 }),
      scale: fc.integer({ min: 1, max: 3 }),
    });
    fc.assert(
      fc.property(withFillers, ({ base, fillers, scale }) => {
        const ws = [...base.ws, ...Array<number>(fillers).fill(1)];
        const hs = [...base.hs, ...Array<number>(fillers).fill(1)];
        const { W, H, rotate } = base;
        const area = ws.reduce((s, w, i) => s + w * hs[i], 0);
        fc.pre(area <= W * H && area >= 0.8 * W * H);
        // Scaled by `scale`, the squares of side `scale` are the fillers; the answer is the unscaled one's.
        const sw = ws.map((w) => w * scale);
        const sh = hs.map((h) => h * scale);
        const xs = subsetSums(rotate ? [...sw, ...sh] : sw, W * scale)!;
        const ys = subsetSums(rotate ? [...sw, ...sh] : sh, H * scale)!;
        const budget = new SearchBudget(1e8);
        const search = new ContainmentSearch(Float64Array.from(sw), Float64Array.from(sh), rotate, xs, ys, budget);
        const found = search.fits(W * scale, H * scale);
        expect(found !== "infeasible").toBe(fitsByGrid(ws, hs, W, H, rotate));
        if (found === "infeasible" || found === "timeout") return;
        expectPacked(found, sw, sh, W * scale, H * scale);
      }),
      { numRuns: 300 },
    );
  });
});

/** The search's packing, checked like every other packing of the package (expectValidPacking). */
function expectPacked(found: Placement[], ws: number[], hs: number[], W: number, H: number): void {
  const rects = ws.map((width, i) => ({ width, height: hs[i] }));
  expectValidPacking(rects, { width: W, height: H, placements: found });
}

describe("subsetSums", () => {
  it("lists every sub-multiset sum once, for integers and reals, and gives up honestly on too many", () => {
    expect(subsetSums([3, 3, 5], 20)).toEqual([0, 3, 5, 6, 8, 11]);
    expect(subsetSums([3, 3, 5], 7)).toEqual([0, 3, 5, 6]);
    expect(subsetSums([0.5, 0.25], 2)).toEqual([0, 0.25, 0.5, 0.75]);
    const many = Array.from({ length: 30 }, (_, i) => Math.SQRT2 * (i + 1) + 1 / (i + 3));
    expect(subsetSums(many, 1e6)).toBeNull();
  });
});
