import fc from "fast-check";
import potpack from "potpack";
import { describe, expect, it } from "vitest";
import { createRandom } from "@clearbox/core";
import { packFast, packingDensity } from "../src/index.js";
import type { Packing, RectSize } from "../src/index.js";

/** Every invariant a packing must keep: one placement per input in order, sizes kept, inside, no overlaps, gaps. */
function expectValid(rects: RectSize[], packing: Packing, padding = 0): void {
  expect(packing.placements).toHaveLength(rects.length);
  packing.placements.forEach((p, i) => {
    expect(p.index).toBe(i);
    const [w, h] = p.rotated ? [rects[i].height, rects[i].width] : [rects[i].width, rects[i].height];
    expect(p.width).toBe(w);
    expect(p.height).toBe(h);
    expect(p.x).toBeGreaterThanOrEqual(-1e-9);
    expect(p.y).toBeGreaterThanOrEqual(-1e-9);
    expect(p.x + p.width).toBeLessThanOrEqual(packing.width + 1e-6);
    expect(p.y + p.height).toBeLessThanOrEqual(packing.height + 1e-6);
  });
  const ps = packing.placements;
  const overlapping: Array<[number, number]> = [];
  for (let a = 0; a < ps.length; a++) {
    for (let b = a + 1; b < ps.length; b++) {
      const apart =
        ps[a].x + ps[a].width + padding <= ps[b].x + 1e-6 ||
        ps[b].x + ps[b].width + padding <= ps[a].x + 1e-6 ||
        ps[a].y + ps[a].height + padding <= ps[b].y + 1e-6 ||
        ps[b].y + ps[b].height + padding <= ps[a].y + 1e-6;
      if (!apart) overlapping.push([a, b]);
    }
  }
  expect(overlapping).toEqual([]);
}

function randomRects(n: number, seed: number): RectSize[] {
  const random = createRandom(seed);
  return Array.from({ length: n }, () => ({ width: 10 + random.int(91), height: 10 + random.int(91) }));
}

const rectList = fc.array(
  fc.record({ width: fc.integer({ min: 1, max: 40 }), height: fc.integer({ min: 1, max: 40 }) }),
  { maxLength: 40 },
);

describe("packFast", () => {
  it("keeps every placement valid: sizes, inside the box, no overlaps (property, with rotation and padding)", () => {
    fc.assert(
      fc.property(
        rectList,
        fc.boolean(),
        fc.integer({ min: 0, max: 3 }),
        fc.constantFrom("fast", "best"),
        (rects, rotate, padding, quality) => {
          const packing = packFast(rects, { allowRotation: rotate, padding, quality: quality as "fast" | "best" });
          expectValid(rects, packing, padding);
          if (!rotate) packing.placements.forEach((p) => expect(p.rotated).toBe(false));
        },
      ),
      { numRuns: 80 },
    );
  });

  it("is at least as dense as potpack on 1,000 random rectangles (sides 10–100, three seeds)", () => {
    for (const seed of [1, 2, 3]) {
      const rects = randomRects(1000, seed);
      const peer = potpack(rects.map((r) => ({ w: r.width, h: r.height })));
      const ours = packFast(rects);
      expectValid(rects, ours);
      expect(ours.density).toBeCloseTo(packingDensity(ours), 12);
      expect(ours.density).toBeGreaterThanOrEqual(peer.fill);
      expect(packFast(rects, { quality: "best" }).density).toBeGreaterThanOrEqual(ours.density);
    }
  });

  it("stays within a fixed width and refuses a rectangle wider than it", () => {
    const rects = randomRects(200, 4);
    const packing = packFast(rects, { maxWidth: 300 });
    expect(packing.width).toBeLessThanOrEqual(300);
    expectValid(rects, packing);
    expect(() => packFast([{ width: 50, height: 10 }], { maxWidth: 40 })).toThrow(
      expect.objectContaining({ code: "E_RANGE", argument: "rects[0]" }),
    );
    // Rotation makes it fit.
    expectValid(
      [{ width: 50, height: 10 }],
      packFast([{ width: 50, height: 10 }], { maxWidth: 40, allowRotation: true }),
    );
  });

  it("returns an empty packing for no rectangles, never mutates, and is deterministic", () => {
    expect(packFast([])).toEqual({ width: 0, height: 0, placements: [], density: 1 });
    const rects = randomRects(50, 5);
    const copy = structuredClone(rects);
    expect(packFast(rects)).toEqual(packFast(rects));
    expect(rects).toEqual(copy);
  });

  it("rejects zero, negative, NaN and infinite sizes, naming the rectangle", () => {
    expect(() => packFast([{ width: 0, height: 1 }])).toThrow(
      expect.objectContaining({ code: "E_RANGE", argument: "rects[0].width" }),
    );
    expect(() =>
      packFast([
        { width: 1, height: 1 },
        { width: 1, height: -2 },
      ]),
    ).toThrow("rects[1].height must be greater than 0, got -2.");
    expect(() => packFast([{ width: Number.NaN, height: 1 }])).toThrow(expect.objectContaining({ code: "E_NAN" }));
    expect(() => packFast([{ width: Number.POSITIVE_INFINITY, height: 1 }])).toThrow(
      expect.objectContaining({ code: "E_NAN" }),
    );
    expect(() => packFast([{ width: 1 }] as never)).toThrow(expect.objectContaining({ code: "E_TYPE" }));
    expect(() => packFast([{ width: 1, height: 1 }], { padding: -1 })).toThrow(
      expect.objectContaining({ argument: "options.padding" }),
    );
    expect(() => packFast([{ width: 1, height: 1 }], { quality: "max" as never })).toThrow(
      expect.objectContaining({ code: "E_OPTION" }),
    );
  });
});
