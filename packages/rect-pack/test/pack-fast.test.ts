import fc from "fast-check";
import potpack from "potpack";
import { describe, expect, it } from "vitest";
import { createRandom } from "@clearbox/core";
import { packFast, packingDensity } from "../src/index.js";
import { expectValidPacking } from "./expect-valid-packing.js";
import { randomRects } from "./random-rects.js";

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
          expectValidPacking(rects, packing, padding);
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
      expectValidPacking(rects, ours);
      expect(ours.density).toBeCloseTo(packingDensity(ours), 12);
      expect(ours.density).toBeGreaterThanOrEqual(peer.fill);
      expect(packFast(rects, { quality: "best" }).density).toBeGreaterThanOrEqual(ours.density);
    }
  });

  it('"best" packs consecutive squares 1…N within 5.6 % of the proven optimum (OEIS A038666), validly', () => {
    const optimum: Record<number, number> = { 13: 836, 17: 1794, 20: 2890, 22: 3822, 25: 5547 };
    for (const [N, area] of Object.entries(optimum)) {
      const squares = Array.from({ length: Number(N) }, (_, i) => ({ width: i + 1, height: i + 1 }));
      const packing = packFast(squares, { quality: "best" });
      expectValidPacking(squares, packing);
      expect(packing.width * packing.height).toBeLessThanOrEqual(area * 1.056);
    }
  });

  it('"best" on a few rectangles never leaves a fixed width', () => {
    const random = createRandom(4);
    const rects = Array.from({ length: 30 }, () => ({ width: 5 + random.int(20), height: 5 + random.int(20) }));
    const packing = packFast(rects, { quality: "best", maxWidth: 60, padding: 1 });
    expectValidPacking(rects, packing, 1);
    expect(packing.width).toBeLessThanOrEqual(60);
  });

  it("stays within a fixed width and refuses a rectangle wider than it", () => {
    const rects = randomRects(200, 4);
    const packing = packFast(rects, { maxWidth: 300 });
    expect(packing.width).toBeLessThanOrEqual(300);
    expectValidPacking(rects, packing);
    expect(() => packFast([{ width: 50, height: 10 }], { maxWidth: 40 })).toThrow(
      expect.objectContaining({ code: "E_RANGE", argument: "rects[0]" }),
    );
    // Rotation makes it fit.
    expectValidPacking(
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

  it('"best" takes seed, signal and onProgress like every long computation', () => {
    const squares = Array.from({ length: 17 }, (_, i) => ({ width: i + 1, height: i + 1 }));
    const seen: number[] = [];
    const a = packFast(squares, { quality: "best", seed: 7, onProgress: (f) => seen.push(f) });
    const b = packFast(squares, { quality: "best", seed: 7 });
    expect(b).toEqual(a);
    expectValidPacking(squares, packFast(squares, { quality: "best", seed: 8 }));
    expect(seen.at(-1)).toBe(1);
    expect(seen.filter((f) => f === 1)).toHaveLength(1);
    expect(seen.length).toBeGreaterThan(3);
    expect(seen.every((f, i) => i === 0 || f >= seen[i - 1])).toBe(true);
    const controller = new AbortController();
    let calls = 0;
    const aborting = () =>
      packFast(squares, {
        quality: "best",
        signal: controller.signal,
        onProgress: () => {
          if (++calls === 2) controller.abort();
        },
      });
    expect(aborting).toThrow(expect.objectContaining({ code: "E_ABORTED" }));
    expect(() => packFast(squares, { qualty: "best" } as object)).toThrow(
      expect.objectContaining({ code: "E_OPTION", argument: "options.qualty" }),
    );
  });
});
