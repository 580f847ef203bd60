// The trained digits CNN that the docs and the story explain (data/digits/digits-cnn.json).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { backwardInfluence, forwardInfluence, forwardPass, lrp, prepareNetwork } from "../src/index.js";
import type { Network } from "../src/index.js";

const read = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), "utf8");
const trained = JSON.parse(read("data/digits/digits-cnn.json")) as {
  testAccuracy: { accuracy: number };
  network: Network;
};
const rows = read("data/digits/digits.csv")
  .trim()
  .split("\n")
  .map((line) => line.split(",").map(Number));
const network = prepareNetwork(trained.network);
const heldOut = rows.slice(1200);
const pixels = (row: number[]) => row.slice(0, 64).map((v) => v / 16);
const argmax = (values: ArrayLike<number>) => Array.from(values).indexOf(Math.max(...Array.from(values)));

describe("the digits CNN", () => {
  it("is the trained network: its held-out accuracy is the one recorded", () => {
    const correct = heldOut.filter(
      (row) => argmax(forwardPass(network, pixels(row)).activations[5]) === row[64],
    ).length;
    expect(correct / heldOut.length).toBeCloseTo(trained.testAccuracy.accuracy, 2);
    expect(correct / heldOut.length).toBeGreaterThan(0.95);
  });

  it("LRP-ε gives pixels without ink no relevance; LRP-0 absorbs exactly the biases' share", () => {
    for (const row of heldOut.slice(0, 20)) {
      const x = pixels(row);
      const { relevance } = lrp(network, x, { rule: "epsilon", target: row[64] });
      x.forEach((v, i) => {
        if (v === 0) expect(Math.abs(relevance[0][i])).toBe(0);
      });
      const { relevance: R, absorbed } = lrp(network, x, { rule: "lrp0", target: row[64] });
      const { preActivations } = forwardPass(network, x);
      // The dense top layer: absorbed = Σ_j R_j b_j / z_j.
      const bias = (trained.network.layers[4] as unknown as { bias: number[] }).bias;
      const share = Array.from(R[5]).reduce((s, r, j) => s + (r * bias[j]) / preActivations[4][j], 0);
      expect(absorbed[4]).toBeCloseTo(share, 4);
      // Pooling and flatten pass everything on.
      expect(absorbed[1]).toBeCloseTo(0, 5);
      expect(absorbed[3]).toBe(0);
    }
  });

  it("influence between feature maps of the second convolution sums to 1 per upper map", () => {
    const { activations } = forwardPass(network, pixels(heldOut[0]));
    for (const M of [forwardInfluence(network, activations, 2), backwardInfluence(network, activations, 2)]) {
      expect(M.unit).toBe("featureMap");
      for (let c = 0; c < M.columns; c++) {
        if (M.zeroDenominators.includes(c)) continue;
        let s = 0;
        for (let r = 0; r < M.rows; r++) s += M.values[r * M.columns + c];
        expect(s).toBeCloseTo(1, 9);
      }
    }
  });
});
