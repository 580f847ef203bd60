import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { bundleLayout, clusterStrengths, weightedBicluster } from "../src/index.js";

// The real conv-2 kernel (3 × 3 × 8 × 16) of the digits CNN, its maps grouped into clusters: the pipeline's
// guarantees hold on trained weights, not only on random ones.
const trained = JSON.parse(readFileSync(new URL("../../../data/digits/digits-cnn.json", import.meta.url), "utf8")) as {
  network: { layers: Array<{ kernel?: number[][][][] }> };
};
const kernel = trained.network.layers[2].kernel as number[][][][];

describe("on the digits CNN's conv-2 kernel", () => {
  const inputLabels = Array.from({ length: 8 }, (_, c) => c % 4);
  const outputLabels = Array.from({ length: 16 }, (_, c) => c % 6);
  const strengths = clusterStrengths({ kernel }, inputLabels, outputLabels);

  it("counts every non-zero kernel entry once, in the pair of its maps' clusters", () => {
    const nonZero = kernel.flat(3).filter((w) => w !== 0).length;
    expect(strengths.reduce((s, p) => s + p.nPos + p.nNeg, 0)).toBe(nonZero);
    expect(strengths.length).toBe(4 * 6);
  });

  it("bundles with fewer curves than edges (greedy) and lays every curve out", () => {
    const largest = Math.max(...strengths.flatMap((s) => [s.pos ?? 0, -(s.neg ?? 0)]));
    for (const tau of [0.1, 0.25, 0.5]) {
      const result = weightedBicluster(strengths, { tau: tau * largest });
      expect(result.edges).toBe(
        strengths.reduce((s, p) => s + (p.pos === undefined ? 0 : 1) + (p.neg === undefined ? 0 : 1), 0),
      );
      expect(result.curves).toBeLessThanOrEqual(result.edges);
      const geometry = bundleLayout(result, {
        inputPositions: [0, 1, 2, 3].map((k) => 20 + 40 * k),
        outputPositions: [0, 1, 2, 3, 4, 5].map((k) => 10 + 28 * k),
        width: 300,
        height: 160,
      });
      expect(geometry.curves.length).toBe(result.curves);
      expect(geometry.overflow).toBe(false);
    }
  });
});
