import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bundleLayout, weightedBicluster } from "../src/index.js";
import type { ClusterStrength, WeightedBiclustering } from "../src/index.js";

const biclustering = (members: Array<{ inputs: number[]; outputs: number[] }>): WeightedBiclustering => ({
  biclusters: members.map((m, k) => ({ ...m, sign: 1, meanWeight: 0.5 + k / 10, negativeRatio: 0.2, iteration: k })),
  directEdges: [{ input: 0, output: 1, sign: -1, weight: -0.3, iteration: members.length }],
  iterations: members.length + 1,
  edges: 0,
  curves: 0,
  truncated: false,
});

describe("bundleLayout", () => {
  it("keeps rectangles in the band, in order, apart by the gap, and at their wanted place when there is room", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            inputs: fc.uniqueArray(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 4 }),
            outputs: fc.uniqueArray(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 4 }),
          }),
          { maxLength: 12 },
        ),
        fc.array(fc.double({ min: 0, max: 300, noNaN: true }), { minLength: 10, maxLength: 10 }),
        (members, ys) => {
          const result = biclustering(
            members.map((m) => ({
              inputs: [...m.inputs].sort((a, b) => a - b),
              outputs: [...m.outputs].sort((a, b) => a - b),
            })),
          );
          const geometry = bundleLayout(result, {
            inputPositions: ys,
            outputPositions: ys,
            width: 400,
            height: 300,
            gap: 2,
          });
          const rects = [...geometry.rects].sort((a, b) => a.y - b.y);
          expect(geometry.overflow).toBe(false);
          for (const r of rects) {
            expect(r.y).toBeGreaterThanOrEqual(-1e-9);
            expect(r.y + r.height).toBeLessThanOrEqual(300 + 1e-9);
            expect(r.x + r.width / 2).toBeCloseTo(200, 9);
          }
          for (let k = 1; k < rects.length; k++)
            expect(rects[k].y).toBeGreaterThanOrEqual(rects[k - 1].y + rects[k - 1].height + 2 - 1e-9);
          // Curves: inputs start at x = 0 on their cluster, outputs end at x = width on theirs, and all are drawn.
          for (const c of geometry.curves) {
            if (c.kind !== "output") expect([c.points[0], c.points[1]]).toEqual([0, ys[c.input]]);
            if (c.kind !== "input") expect([c.points[6], c.points[7]]).toEqual([400, ys[c.output]]);
          }
          const expected = members.reduce((s, m) => s + m.inputs.length + m.outputs.length, 0) + 1;
          expect(geometry.curves.length).toBe(expected);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("places a lone bicluster at the mean of its members and spreads two that want the same place evenly", () => {
    const ys = [0, 100, 200, 300];
    const one = bundleLayout(biclustering([{ inputs: [0, 1], outputs: [2, 3] }]), {
      inputPositions: ys,
      outputPositions: ys,
      width: 100,
      height: 300,
    });
    expect(one.rects[0].y + one.rects[0].height / 2).toBeCloseTo(150, 9);
    const two = bundleLayout(
      biclustering([
        { inputs: [0, 3], outputs: [1] },
        { inputs: [1], outputs: [0, 3] },
      ]),
      { inputPositions: ys, outputPositions: ys, width: 100, height: 300, gap: 4 },
    );
    const centres = two.rects.map((r) => r.y + r.height / 2);
    // Both want 133.3; least squares moves each by half the needed separation.
    expect((centres[0] + centres[1]) / 2).toBeCloseTo(400 / 3, 9);
    expect(Math.abs(centres[1] - centres[0])).toBeCloseTo(two.rects[0].height + 4, 9);
    expect(two.weightExtent).toEqual([0.3, 0.6]);
  });

  it("lays out a real biclustering end to end, and reports an overflow it cannot avoid", () => {
    const strengths: ClusterStrength[] = [];
    for (let i = 0; i < 6; i++)
      for (let o = 0; o < 6; o++)
        strengths.push({ input: i, output: o, pos: (i + o) % 3 === 0 ? 0.9 : 0.3, nPos: 1, nNeg: 0 });
    const result = weightedBicluster(strengths, { tau: 0.05 });
    const positions = [10, 30, 50, 70, 90, 110];
    const geometry = bundleLayout(result, {
      inputPositions: positions,
      outputPositions: positions,
      width: 200,
      height: 120,
    });
    expect(geometry.rects.length).toBe(result.biclusters.length);
    expect(geometry.curves.length).toBe(result.curves);
    const crowded = bundleLayout(result, {
      inputPositions: positions,
      outputPositions: positions,
      width: 200,
      height: 5,
      minRectHeight: 4,
    });
    expect(crowded.overflow).toBe(result.biclusters.length > 1);
  });

  it("rejects missing positions and bad sizes with coded errors", () => {
    const result = biclustering([{ inputs: [0, 5], outputs: [1] }]);
    expect(() =>
      bundleLayout(result, { inputPositions: [0, 1], outputPositions: [0, 1], width: 10, height: 10 }),
    ).toThrow(expect.objectContaining({ code: "E_SHAPE", argument: "options.inputPositions" }));
    expect(() =>
      bundleLayout(result, { inputPositions: [0, 1, 2, 3, 4, NaN], outputPositions: [0, 1], width: 10, height: 10 }),
    ).toThrow(expect.objectContaining({ code: "E_NAN" }));
    expect(() => bundleLayout(result, { inputPositions: [], outputPositions: [], width: 0, height: 10 })).toThrow(
      expect.objectContaining({ code: "E_RANGE", argument: "options.width" }),
    );
    expect(() => bundleLayout(null as never, { inputPositions: [], outputPositions: [], width: 1, height: 1 })).toThrow(
      expect.objectContaining({ code: "E_TYPE", argument: "result" }),
    );
  });
});
