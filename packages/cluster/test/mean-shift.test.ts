import { describe, expect, it } from "vitest";
import { createRandom } from "@clearbox/core";
import { classMeanVectors, estimateBandwidth, meanShift } from "../src/index.js";
import { loadDigits, reference } from "./digits.js";

describe("meanShift", () => {
  it("agrees with scikit-learn on the digits' per-class pixel vectors (bandwidth and cluster count)", () => {
    const { pixels, labels } = loadDigits();
    const vectors = classMeanVectors(pixels, labels, 10);
    const result = meanShift(vectors);
    expect(result.bandwidth).toBeCloseTo(reference.digits_class_means_meanshift.bandwidth, 9);
    expect(result.centers).toHaveLength(reference.digits_class_means_meanshift.clusters);
  });

  it("finds the modes of well-separated blobs, with or without bin seeding", () => {
    const random = createRandom(4);
    const centres = [
      [0, 0],
      [10, 10],
      [0, 12],
    ];
    const points = centres.flatMap(([x, y]) =>
      Array.from({ length: 60 }, () => [x + 0.5 * random.normal(), y + 0.5 * random.normal()]),
    );
    for (const binSeeding of [false, true]) {
      const result = meanShift(points, { bandwidth: 2, binSeeding });
      expect(result.centers).toHaveLength(3);
      for (const [x, y] of centres) {
        const nearest = Math.min(...result.centers.map(([cx, cy]) => Math.hypot(cx - x, cy - y)));
        expect(nearest).toBeLessThan(0.3);
      }
      // Each blob's points share one label.
      for (let b = 0; b < 3; b++) expect(new Set(result.labels.slice(b * 60, b * 60 + 60)).size).toBe(1);
    }
  });

  it("estimates the bandwidth as the mean k-th neighbour distance", () => {
    // On a line at 0, 1, 2, 3 with quantile 0.5: k = 2, the nearest other point is 1 away for everyone.
    expect(estimateBandwidth([[0], [1], [2], [3]], { quantile: 0.5 })).toBe(1);
  });

  it("rejects bad options and degenerate data", () => {
    expect(() => meanShift([[1], [2]], { bandwidth: 0 })).toThrow(expect.objectContaining({ code: "E_RANGE" }));
    expect(() => meanShift([[1], [1], [1]])).toThrow(expect.objectContaining({ argument: "options.bandwidth" }));
    expect(() => estimateBandwidth([[1], [2]], { quantile: 2 })).toThrow(expect.objectContaining({ code: "E_RANGE" }));
    expect(() => meanShift([])).toThrow(expect.objectContaining({ code: "E_EMPTY" }));
  });
});
