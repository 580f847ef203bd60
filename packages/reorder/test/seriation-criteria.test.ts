import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { classMeanVectors } from "@clearbox/cluster";
import { distanceMatrix, seriationCriteria } from "../src/index.js";

interface RCriteria {
  Path_length: number;
  AR_events: number;
  Gradient_raw: number;
  Moore_stress: number;
  Neumann_stress: number;
}
const reference = JSON.parse(readFileSync(new URL("./fixtures/reference.json", import.meta.url), "utf8")) as {
  digits_orders: Record<string, { order: number[]; criteria: RCriteria }>;
  small: { distance: number[][]; order: number[]; criteria: RCriteria };
};

function expectSameAsR(ours: ReturnType<typeof seriationCriteria>, r: RCriteria): void {
  expect(ours.pathLength).toBeCloseTo(r.Path_length, 8);
  expect(ours.arEvents).toBe(r.AR_events);
  expect(ours.gradientRaw).toBe(r.Gradient_raw);
  expect(ours.mooreStress).toBeCloseTo(r.Moore_stress, 6);
  expect(ours.neumannStress).toBeCloseTo(r.Neumann_stress, 6);
}

describe("seriationCriteria", () => {
  it("agrees with R's seriation package on the digits distance matrix", () => {
    const rows = readFileSync(new URL("../../../data/digits/digits.csv", import.meta.url), "utf8")
      .trim()
      .split("\n")
      .map((line) => line.split(",").map(Number));
    const d = distanceMatrix(
      classMeanVectors(
        rows.map((r) => r.slice(0, 64)),
        rows.map((r) => r[64]),
        10,
      ),
    );
    for (const { order, criteria } of Object.values(reference.digits_orders)) {
      expectSameAsR(seriationCriteria(d, order), criteria);
    }
  });

  it("agrees with R on a random symmetric matrix", () => {
    const { distance, order, criteria } = reference.small;
    expectSameAsR(seriationCriteria(distance, order), criteria);
  });

  it("rejects orders that are not permutations", () => {
    const d = [
      [0, 1],
      [1, 0],
    ];
    expect(() => seriationCriteria(d, [0])).toThrow(expect.objectContaining({ code: "E_SHAPE" }));
    expect(() => seriationCriteria(d, [0, 0])).toThrow(
      expect.objectContaining({ code: "E_RANGE", argument: "order[1]" }),
    );
  });
});
