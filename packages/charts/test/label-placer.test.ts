import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { placeLabels } from "../src/label-placer.js";
import { textWidth } from "../src/theme.js";

const overlaps = (a: number[], b: number[]) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];

describe("placeLabels", () => {
  it("never places two labels that overlap, nor one outside the bounds or over an obstacle (random inputs)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            x: fc.double({ min: 0, max: 300, noNaN: true }),
            y: fc.double({ min: 0, max: 200, noNaN: true }),
            text: fc.string({ minLength: 1, maxLength: 14 }),
            priority: fc.double({ min: 0, max: 1, noNaN: true }),
            radius: fc.double({ min: 0, max: 12, noNaN: true }),
          }),
          { maxLength: 60 },
        ),
        (requests) => {
          const obstacles = requests.map(
            (r) => [r.x - r.radius, r.y - r.radius, r.x + r.radius, r.y + r.radius] as const,
          );
          const { placed, dropped } = placeLabels(requests, { bounds: [0, 0, 300, 200], obstacles });
          expect(placed.length + dropped.length).toBe(requests.length);
          for (const [i, a] of placed.entries()) {
            expect(a.box[0]).toBeGreaterThanOrEqual(0);
            expect(a.box[2]).toBeLessThanOrEqual(300);
            expect(a.box[1]).toBeGreaterThanOrEqual(0);
            expect(a.box[3]).toBeLessThanOrEqual(200);
            for (const b of placed.slice(i + 1)) expect(overlaps(a.box, b.box)).toBe(false);
            for (const o of obstacles) expect(overlaps(a.box, [...o])).toBe(false);
          }
        },
      ),
      { numRuns: 200, seed: 39 },
    );
  });

  it("drops the least important label when two compete for the only room", () => {
    // Two marks at one point, room for exactly one label to their right.
    const text = "#democraticdebates";
    const requests = [
      { x: 0, y: 6, text, priority: 1 },
      { x: 0, y: 6, text: "post 11054", priority: 5 },
    ];
    const { placed, dropped } = placeLabels(requests, { bounds: [0, 0, 3 + textWidth(text, 10) + 1, 12] });
    expect(placed.map((p) => p.index)).toEqual([1]);
    expect(dropped).toEqual([0]);
  });

  it("keeps a label beside its mark when it is free, and draws a leader only when it had to move away", () => {
    const { placed } = placeLabels([{ x: 50, y: 50, text: "a", priority: 1, radius: 5 }], { bounds: [0, 0, 100, 100] });
    expect(placed[0].anchor).toBe("start");
    expect(placed[0].x).toBe(58);
    expect(placed[0].leader).toBeNull();
    // The near ring blocked all round: the label goes farther out, with a leader back to the mark.
    const near: [number, number, number, number] = [30, 30, 70, 70];
    const moved = placeLabels([{ x: 50, y: 50, text: "a", priority: 1, radius: 5 }], {
      bounds: [0, 0, 100, 100],
      obstacles: [near],
    });
    expect(moved.placed[0].leader).not.toBeNull();
  });

  it("measures a bold label in its weight, so bold text drawn wider than the regular estimate never overlaps", () => {
    const measure = (text: string, size: number, bold?: boolean) => text.length * size * (bold ? 0.8 : 0.5);
    const request = { x: 10, y: 10, text: "#debatewithbernie", priority: 1, angles: [0] };
    const regular = placeLabels([request], { bounds: [0, 0, 400, 40], measure }).placed[0];
    const bold = placeLabels([{ ...request, bold: true }], { bounds: [0, 0, 400, 40], measure }).placed[0];
    expect(bold.box[2] - bold.box[0]).toBeCloseTo(request.text.length * 10 * 0.8);
    expect(bold.box[2] - bold.box[0]).toBeGreaterThan(regular.box[2] - regular.box[0]);
  });
});
