import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { createRandom } from "@clearbox/core";
import { aggregateInfluence, backwardInfluence, forwardInfluence, forwardPass, lrp } from "../src/index.js";
import type { LrpRule } from "../src/index.js";
import { expectClose } from "./expect-close.js";
import { forwardRef, gradientRef, propagateRef, randomNetwork } from "./reference.js";

const params = { epsilon: 1e-6, gamma: 0.25, alpha: 2, beta: 1, low: -3, high: 3 };
const rules: LrpRule[] = ["lrp0", "epsilon", "gamma", "alphabeta", "zb", "flat", "wsquare"];

function inputOf(size: number, seed: number): number[] {
  const random = createRandom(seed);
  return Array.from({ length: size }, () => random.normal());
}

describe("forwardPass", () => {
  it("agrees with the float64 reference and leaks no tensors", () => {
    const { ref, network } = randomNetwork([12, 9, 7, 4], 1, true);
    const x = inputOf(12, 2);
    const before = tf.memory().numTensors;
    const { activations, preActivations } = forwardPass(network, x);
    expect(tf.memory().numTensors).toBe(before);
    const expected = forwardRef(ref, x);
    activations.forEach((a, l) => expectClose(a, expected.a[l]));
    preActivations.forEach((z, l) => expectClose(z, expected.z[l]));
  });
});

describe("lrp", () => {
  for (const rule of rules) {
    it(`${rule}: matches the float64 reference at every layer (dense ReLU nets, with bias)`, () => {
      for (const seed of [1, 2, 3]) {
        const { ref, network } = randomNetwork([10, 8, 6, 3], seed, true);
        const x = inputOf(10, seed + 10).map((v) => Math.max(-3, Math.min(3, v)));
        const target = seed % 3;
        const before = tf.memory().numTensors;
        const result = lrp(network, x, { rule, ...params, target });
        expect(tf.memory().numTensors).toBe(before);
        const { a } = forwardRef(ref, x);
        let R = a[3].map((v, j) => (j === target ? v : 0));
        expectClose(result.relevance[3], R);
        for (let l = 2; l >= 0; l--) {
          R = propagateRef(ref[l], a[l], R, rule, params);
          expectClose(result.relevance[l], R, 2e-5);
        }
      }
    });
  }

  it("LRP-0 without biases conserves relevance at every layer and equals gradient × input", () => {
    const { ref, network } = randomNetwork([16, 12, 8, 5], 4, false);
    const x = inputOf(16, 5);
    const { relevance, absorbed } = lrp(network, x, { rule: "lrp0", target: 2 });
    const total = relevance[3].reduce((s, v) => s + v, 0);
    for (const layer of relevance) expect(layer.reduce((s, v) => s + v, 0)).toBeCloseTo(total, 5);
    for (const a of absorbed) expect(Math.abs(a)).toBeLessThan(1e-5 * Math.max(1, Math.abs(total)));
    const gradient = gradientRef(ref, x, 2);
    expectClose(
      relevance[0],
      gradient.map((g, i) => g * x[i]),
      1e-5,
    );
  });

  it("with biases, what a layer absorbs is the biases' share Σ_j R_j b_j / z_j (LRP-0)", () => {
    const { ref, network } = randomNetwork([10, 8, 6, 3], 6, true);
    const x = inputOf(10, 7);
    const { relevance, absorbed } = lrp(network, x, { rule: "lrp0" });
    const { z } = forwardRef(ref, x);
    absorbed.forEach((value, l) => {
      const share = relevance[l + 1].reduce((s, r, j) => s + (z[l][j] === 0 ? r : (r * ref[l].b[j]) / z[l][j]), 0);
      expect(value).toBeCloseTo(share, 4);
    });
  });

  it("accepts one rule per layer (e.g. z^B at the input, γ in the middle, ε at the top)", () => {
    const { ref, network } = randomNetwork([10, 8, 6, 3], 8, true);
    const x = inputOf(10, 9).map((v) => Math.max(-3, Math.min(3, v)));
    const perLayer: LrpRule[] = ["zb", "gamma", "epsilon"];
    const { relevance } = lrp(network, x, { rules: perLayer, ...params });
    const { a } = forwardRef(ref, x);
    let R = a[3];
    for (let l = 2; l >= 0; l--) R = propagateRef(ref[l], a[l], R, perLayer[l], params);
    expectClose(relevance[0], R, 2e-5);
  });

  it("rejects bad networks, inputs and options, naming the layer", () => {
    const { network } = randomNetwork([4, 3, 2], 1, true);
    const x = [0.1, 0.2, 0.3, 0.4];
    expect(() => lrp(network, x, { target: 2 })).toThrow(
      expect.objectContaining({ code: "E_RANGE", argument: "options.target" }),
    );
    expect(() => lrp(network, [1, 2, 3])).toThrow(expect.objectContaining({ code: "E_SHAPE", argument: "input" }));
    expect(() => lrp(network, x, { rule: "lrp1" as never })).toThrow(expect.objectContaining({ code: "E_OPTION" }));
    expect(() => lrp(network, x, { alpha: 3, beta: 1 })).toThrow(expect.objectContaining({ code: "E_RANGE" }));
    const broken = { layers: [network.layers[0], { ...network.layers[1], kernel: [[1, 2]] }] };
    expect(() => lrp(broken, x)).toThrow(/network\.layers\[1\]\.kernel has 1 inputs but layer 0 has 3 outputs/);
    const badBias = { layers: [{ ...network.layers[0], bias: [1] }] };
    expect(() => lrp(badBias, x)).toThrow(
      expect.objectContaining({ code: "E_SHAPE", argument: "network.layers[0].bias" }),
    );
    const badActivation = { layers: [{ ...network.layers[0], activation: "prelu" as never }] };
    expect(() => lrp(badActivation, x)).toThrow(expect.objectContaining({ argument: "network.layers[0].activation" }));
    const conv = { layers: [{ type: "lstm" } as never] };
    expect(() => lrp(conv, x)).toThrow(expect.objectContaining({ argument: "network.layers[0].type" }));
  });
});

describe("influence matrices", () => {
  const { network } = randomNetwork([10, 8, 6, 3], 3, false);
  const x = inputOf(10, 4);
  const { activations } = forwardPass(network, x);

  it("forward influence: columns sum to 1 and F · R(l+1) is LRP-0's R(l) without bias", () => {
    const { relevance } = lrp(network, x, { rule: "lrp0" });
    for (let layer = 0; layer < 3; layer++) {
      const F = forwardInfluence(network, activations, layer);
      for (let j = 0; j < F.columns; j++) {
        if (F.zeroDenominators.includes(j)) continue;
        let s = 0;
        for (let i = 0; i < F.rows; i++) s += F.values[i * F.columns + j];
        expect(s).toBeCloseTo(1, 9);
      }
      const propagated = Array.from({ length: F.rows }, (_, i) =>
        Array.from({ length: F.columns }, (_, j) => F.values[i * F.columns + j] * relevance[layer + 1][j]).reduce(
          (s, v) => s + v,
          0,
        ),
      );
      expectClose(relevance[layer], propagated, 1e-4);
    }
  });

  it("backward influence: columns (lower neurons) sum to 1; aggregation keeps that", () => {
    const B = backwardInfluence(network, activations, 1);
    expect([B.rows, B.columns]).toEqual([6, 8]);
    for (let j = 0; j < B.columns; j++) {
      if (B.zeroDenominators.includes(j)) continue;
      let s = 0;
      for (let k = 0; k < B.rows; k++) s += B.values[k * B.columns + j];
      expect(s).toBeCloseTo(1, 9);
    }
    const F = forwardInfluence(network, activations, 0);
    const A = aggregateInfluence(
      F,
      [
        [0, 1, 2, 3],
        [4, 5, 6],
        [7, 8, 9],
      ],
      [
        [0, 1],
        [2, 3, 4],
        [5, 6, 7],
      ],
    );
    const zeroFree = F.zeroDenominators.length === 0;
    if (zeroFree) {
      for (let t = 0; t < A.columns; t++) {
        let s = 0;
        for (let g = 0; g < A.rows; g++) s += A.values[g * A.columns + t];
        expect(s).toBeCloseTo(1, 9);
      }
    }
    expect(() => aggregateInfluence(F, [[0, 99]], [[0]])).toThrow(expect.objectContaining({ code: "E_RANGE" }));
    expect(() => forwardInfluence(network, [activations[0]], 1)).toThrow(expect.objectContaining({ code: "E_SHAPE" }));
  });
});
