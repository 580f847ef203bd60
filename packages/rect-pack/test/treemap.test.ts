import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { squarify } from "../src/index.js";
import type { TreemapCell } from "../src/index.js";

const worstAspect = (cells: TreemapCell[]) =>
  Math.max(...cells.filter((c) => c.width * c.height > 0).map((c) => Math.max(c.width / c.height, c.height / c.width)));

function expectTiling(cells: TreemapCell[], x: number, y: number, w: number, h: number): void {
  for (const c of cells) {
    expect(c.x).toBeGreaterThanOrEqual(x - 1e-9);
    expect(c.y).toBeGreaterThanOrEqual(y - 1e-9);
    expect(c.x + c.width).toBeLessThanOrEqual(x + w + 1e-9);
    expect(c.y + c.height).toBeLessThanOrEqual(y + h + 1e-9);
  }
  for (let a = 0; a < cells.length; a++) {
    for (let b = a + 1; b < cells.length; b++) {
      const [p, q] = [cells[a], cells[b]];
      const overlap =
        Math.max(0, Math.min(p.x + p.width, q.x + q.width) - Math.max(p.x, q.x)) *
        Math.max(0, Math.min(p.y + p.height, q.y + q.height) - Math.max(p.y, q.y));
      expect(overlap).toBeLessThan(1e-9);
    }
  }
}

describe("squarify", () => {
  it("gives every weight an area in proportion, tiling the rectangle without overlap (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 30 }),
        fc.constantFrom("squarify", "slice-dice"),
        (weights, method) => {
          const total = weights.reduce((s, v) => s + v, 0);
          const cells = squarify(weights, { width: 300, height: 200, method: method as "squarify" | "slice-dice" });
          expect(cells).toHaveLength(weights.length);
          cells.forEach((c, i) => {
            expect(c.value).toBe(weights[i]);
            expect(c.width * c.height).toBeCloseTo(total > 0 ? (weights[i] / total) * 60000 : 0, 6);
          });
          expectTiling(cells, 0, 0, 300, 200);
        },
      ),
    );
  });

  it("keeps cells closer to square than slice-and-dice (Bruls et al.'s point)", () => {
    const weights = [6, 6, 4, 3, 2, 2, 1];
    const squares = squarify(weights, { width: 6, height: 4 });
    expect(worstAspect(squares)).toBeLessThan(
      worstAspect(squarify(weights, { width: 6, height: 4, method: "slice-dice" })),
    );
    // The paper's example: 6, 6, 4, 3, 2, 2, 1 in a 6 × 4 rectangle; the first row is two cells of 3 × 2.
    expect(squares[0]).toMatchObject({ x: 0, y: 0, width: 3, height: 2 });
    expect(squares[1]).toMatchObject({ x: 0, y: 2, width: 3, height: 2 });
  });

  it("lays out a hierarchy: parents hold their children, weights sum up, padding separates", () => {
    const root = {
      children: [
        { children: [{ value: 3 }, { value: 1 }] },
        { value: 4 },
        { children: [{ value: 2 }, { value: 2 }, { value: 4 }] },
      ],
    };
    const cell = squarify(root, { width: 100, height: 60, padding: 2 });
    expect(cell.value).toBe(16);
    expect(cell.children.map((c) => c.value)).toEqual([4, 4, 8]);
    for (const child of cell.children) {
      expectTiling(child.children, child.x + 2, child.y + 2, child.width - 4, child.height - 4);
    }
    expectTiling(cell.children, 2, 2, 96, 56);
  });

  it("rejects negative or non-finite weights and bad sizes", () => {
    expect(() => squarify([1, -1], { width: 1, height: 1 })).toThrow(expect.objectContaining({ code: "E_RANGE" }));
    expect(() => squarify([1, Number.NaN], { width: 1, height: 1 })).toThrow(
      expect.objectContaining({ code: "E_NAN" }),
    );
    expect(() => squarify([1], { width: -1, height: 1 })).toThrow(expect.objectContaining({ code: "E_RANGE" }));
    expect(() => squarify([1], { width: 1, height: 1, method: "strip" as never })).toThrow(
      expect.objectContaining({ code: "E_OPTION" }),
    );
  });
});
