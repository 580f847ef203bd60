import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-wasm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRandom } from "@clearbox/core";
import {
  aggregateInfluence,
  backwardInfluence,
  forwardInfluence,
  forwardPass,
  lrp,
  prepareNetwork,
} from "../src/index.js";
import type { LrpRule, Network } from "../src/index.js";
import { randomConvNetwork } from "./conv-reference.js";
import { expectClose } from "./expect-close.js";
import type { Shape, Spec } from "./conv-reference.js";
import { gradientRef, propagateRef } from "./reference.js";
import type { RefLayer, RefParams } from "./reference.js";

// Registering the wasm backend makes it the preferred one; the suites below choose explicitly.
await tf.setBackend("cpu");

const params = { epsilon: 1e-6, gamma: 0.25, alpha: 2, beta: 1, low: -3, high: 3 };
const rules: LrpRule[] = ["lrp0", "epsilon", "gamma", "alphabeta", "zb", "flat", "wsquare"];

// Both pad before the first row somewhere (a 3 × 3 window with "same" padding), so an offset error shows.
// A classifier (conv, max pooling with "same" padding, strided convs, flatten, dense) and a decoder (transposed
// convs with "same" and "valid" padding, average pooling with both paddings).
const classifier: { input: Shape; specs: Spec[] } = {
  input: [7, 7, 2],
  specs: [
    { type: "conv2d", k: 3, cout: 3, s: 1, padding: "same", act: "relu" },
    { type: "maxPool2d", k: 3, s: 2, padding: "same" },
    { type: "conv2d", k: 3, cout: 4, s: 2, padding: "same", act: "relu" },
    { type: "flatten" },
    { type: "dense", in: 16, out: 5, act: "linear" },
  ],
};
const decoder: { input: Shape; specs: Spec[] } = {
  input: [3, 3, 2],
  specs: [
    { type: "conv2dTranspose", k: 3, cout: 3, s: 2, padding: "same", act: "relu" },
    { type: "avgPool2d", k: 2, s: 1, padding: "valid" },
    { type: "conv2dTranspose", k: 2, cout: 2, s: 1, padding: "valid", act: "relu" },
    { type: "avgPool2d", k: 3, s: 1, padding: "same" },
    { type: "conv2dTranspose", k: 3, cout: 2, s: 2, padding: "valid", act: "linear" },
    { type: "flatten" },
    { type: "dense", in: 338, out: 4, act: "linear" },
  ],
};

// Dilated and depthwise convolutions (multiplier 2, strided, dilated) and a batch norm of its own (after a ReLU, so
// not folded), as MobileNet-style networks have them.
const mobile: { input: Shape; specs: Spec[] } = {
  input: [8, 8, 2],
  specs: [
    { type: "conv2d", k: 3, cout: 3, s: 1, d: 2, padding: "same", act: "relu" },
    { type: "depthwiseConv2d", k: 3, mult: 2, s: 2, d: 1, padding: "same", act: "relu" },
    { type: "batchNorm" },
    { type: "depthwiseConv2d", k: 2, mult: 1, s: 1, d: 2, padding: "valid", act: "relu" },
    { type: "flatten" },
    { type: "dense", in: 24, out: 4, act: "linear" },
  ],
};
// 1 × 1 kernels of stride 2 on an odd size: the adjoint's zero-stuffed canvas is longer than the input (cut back).
const strided1x1: { input: Shape; specs: Spec[] } = {
  input: [7, 7, 2],
  specs: [
    { type: "conv2d", k: 1, cout: 3, s: 2, padding: "valid", act: "relu" },
    { type: "depthwiseConv2d", k: 1, mult: 1, s: 2, d: 1, padding: "same", act: "relu" },
    { type: "flatten" },
    { type: "dense", in: 12, out: 3, act: "linear" },
  ],
};

// Disjoint 2 × 2 max-pool windows after a ReLU (ties at zero): relevance is written straight into the output
// tensor, in place on wasm (see kinds/host-values.ts), not summed in float64 first as for overlapping windows.
const pooled: { input: Shape; specs: Spec[] } = {
  input: [6, 6, 2],
  specs: [
    { type: "conv2d", k: 3, cout: 3, s: 1, padding: "same", act: "relu" },
    { type: "maxPool2d", k: 2, s: 2, padding: "valid" },
    { type: "flatten" },
    { type: "dense", in: 27, out: 3, act: "linear" },
  ],
};

function inputOf(size: number, seed: number): number[] {
  const random = createRandom(seed);
  return Array.from({ length: size }, () => Math.max(-3, Math.min(3, random.normal())));
}

const size = (shape: Shape) => shape[0] * shape[1] * shape[2];
const times = (L: RefLayer, R: number[]) => L.W.map((row) => row.reduce((s, w, j) => s + w * R[j], 0));

/**
 * Reference relevance of layer l's inputs from clearbox's own relevance of its outputs and its own (float32)
 * activations: each layer's rule is checked on its own, so float32 rounding does not compound through the layers.
 */
function referenceLayer(
  unrolled: { ref: RefLayer[]; kinds: string[] },
  l: number,
  activations: Float32Array[],
  upper: Float32Array,
  rule: string,
  p: RefParams,
  conditioning: number[],
): number[] {
  const { ref, kinds } = unrolled;
  const [a, R] = [Array.from(activations[l]), Array.from(upper)];
  if (kinds[l] === "linear") return propagateRef(ref[l], a, R, rule, p, conditioning);
  if (kinds[l] === "avgPool2d") return propagateRef(ref[l], a, R, "lrp0", p, conditioning);
  return times(ref[l], R);
}

for (const [name, net, backend] of [
  ["classifier", classifier, "cpu"],
  ["decoder", decoder, "cpu"],
  ["classifier", classifier, "wasm"],
  ["decoder", decoder, "wasm"],
  ["mobile (dilated, depthwise, batch norm)", mobile, "cpu"],
  ["mobile (dilated, depthwise, batch norm)", mobile, "wasm"],
  ["1 × 1 stride 2 on an odd size", strided1x1, "cpu"],
  ["1 × 1 stride 2 on an odd size", strided1x1, "wasm"],
  ["disjoint max pooling", pooled, "cpu"],
  ["disjoint max pooling", pooled, "wasm"],
] as const) {
  describe(`${name} network on the ${backend} backend`, () => {
    beforeAll(async () => {
      expect(await tf.setBackend(backend)).toBe(true);
    });
    afterAll(async () => {
      await tf.setBackend("cpu");
    });

    it("forwardPass agrees with the unrolled float64 reference (conv, transposed conv, pooling)", () => {
      const { network, unroll } = randomConvNetwork(net.input, net.specs, 1, true);
      const x = inputOf(size(net.input), 2);
      const before = tf.memory().numTensors;
      const { activations, shapes } = forwardPass(network, x);
      expect(tf.memory().numTensors).toBe(before);
      const { a } = unroll(x);
      activations.forEach((values, l) => expectClose(values, a[l]));
      expect(shapes[0]).toEqual(net.input);
      expect(prepareNetwork(network).outputShapes.map((s) => s.reduce((p, v) => p * v, 1))).toEqual(
        a.slice(1).map((v) => v.length),
      );
    });

    for (const rule of rules) {
      it(`${rule}: matches the reference at every layer, with biases`, () => {
        for (const seed of [1, 2]) {
          const { network, unroll } = randomConvNetwork(net.input, net.specs, seed, true);
          const x = inputOf(size(net.input), seed + 20);
          const before = tf.memory().numTensors;
          const target = seed;
          const { relevance } = lrp(network, x, { rule, ...params, target });
          expect(tf.memory().numTensors).toBe(before);
          const unrolled = unroll(x);
          const { activations } = forwardPass(network, x);
          const top = unrolled.a[unrolled.a.length - 1].map((v, j) => (j === target ? v : 0));
          expectClose(relevance[relevance.length - 1], top);
          for (let l = relevance.length - 2; l >= 0; l--) {
            const conditioning = new Array<number>(relevance[l].length).fill(0);
            const expected = referenceLayer(unrolled, l, activations, relevance[l + 1], rule, params, conditioning);
            expectClose(relevance[l], expected, 1e-5, conditioning);
          }
        }
      });
    }
  });
}

describe("conservation and gradient × input in a ReLU CNN", () => {
  it("LRP-0 without biases conserves relevance at every layer and equals gradient × input", () => {
    const { network, unroll } = randomConvNetwork(classifier.input, classifier.specs, 5, false);
    const x = inputOf(size(classifier.input), 6);
    const { relevance, absorbed } = lrp(network, x, { rule: "lrp0", target: 3 });
    const total = relevance[relevance.length - 1].reduce((s, v) => s + v, 0);
    for (const R of relevance) expect(R.reduce((s, v) => s + v, 0)).toBeCloseTo(total, 5);
    for (const value of absorbed) expect(Math.abs(value)).toBeLessThan(1e-5 * Math.max(1, Math.abs(total)));
    const { ref } = unroll(x);
    const gradient = gradientRef(ref, x, 3);
    expectClose(
      relevance[0],
      gradient.map((g, i) => g * x[i]),
      1e-5,
    );
  });

  it("with biases, a conv layer absorbs exactly the biases' share Σ_j R_j b_j / z_j", () => {
    const { network, unroll } = randomConvNetwork(decoder.input, decoder.specs, 7, true);
    const x = inputOf(size(decoder.input), 8);
    const { relevance, absorbed } = lrp(network, x, { rule: "lrp0" });
    const { ref, kinds, z } = unroll(x);
    kinds.forEach((kind, l) => {
      if (kind !== "linear") return;
      const share = relevance[l + 1].reduce((s, r, j) => s + (z[l][j] === 0 ? r : (r * ref[l].b[j]) / z[l][j]), 0);
      expect(absorbed[l]).toBeCloseTo(share, 4);
    });
  });
});

const influenceCases = [
  { name: "decoder", net: decoder, layers: [0, 2, 4] },
  { name: "classifier", net: classifier, layers: [0, 2] },
];
for (const { name, net, layers } of influenceCases) {
  describe(`influence in the ${name}'s convolutional layers`, () => {
    const { network, unroll } = randomConvNetwork(net.input, net.specs, 9, false);
    const x = inputOf(size(net.input), 10);
    const { activations } = forwardPass(network, x);
    // The definitions are checked on the same (float32) activations: near-zero denominators would amplify the
    // float32-vs-float64 difference of the forward pass itself.
    const { ref } = unroll(x);
    const a = activations.map((values) => Array.from(values));
    const channelGroups = (n: number, channels: number) =>
      Array.from({ length: channels }, (_, c) => Array.from({ length: n / channels }, (_, p) => p * channels + c));

    for (const layer of layers) {
      const spec = net.specs[layer] as Extract<Spec, { type: "conv2d" | "conv2dTranspose" }>;
      it(`layer ${layer} (${spec.type}): neuron-level matrices equal the definition; feature maps aggregate them`, () => {
        const L = ref[layer];
        const F = forwardInfluence(network, activations, layer, { spatial: true });
        expect(F.unit).toBe("neuron");
        const Z = L.W[0].map((_, j) => L.W.reduce((s, row, i) => s + row[j] * a[layer][i], 0));
        const expectedF = L.W.flatMap((row, i) => row.map((w, j) => (Z[j] === 0 ? 0 : (w * a[layer][i]) / Z[j])));
        expectClose(F.values, expectedF, 1e-5);
        const upper = a[layer + 1];
        const Y = L.W.map((row) => row.reduce((s, w, k) => s + w * upper[k], 0));
        const B = backwardInfluence(network, activations, layer, { spatial: true });
        const expectedB = upper.flatMap((ak, k) => L.W.map((row, j) => (Y[j] === 0 ? 0 : (row[k] * ak) / Y[j])));
        expectClose(B.values, expectedB, 1e-5);

        const maps = forwardInfluence(network, activations, layer);
        expect(maps.unit).toBe("featureMap");
        const inChannels = (layer === 0 ? net.input : [0, 0, 0])[2] || (net.specs[layer - 2] as { cout: number }).cout;
        expect([maps.rows, maps.columns]).toEqual([inChannels, spec.cout]);
        if (F.zeroDenominators.length === 0) {
          const aggregated = aggregateInfluence(
            F,
            channelGroups(F.rows, inChannels),
            channelGroups(F.columns, spec.cout),
          );
          expectClose(maps.values, Array.from(aggregated.values), 1e-9);
        }
        for (const M of [maps, backwardInfluence(network, activations, layer)]) {
          for (let c = 0; c < M.columns; c++) {
            if (M.zeroDenominators.includes(c)) continue;
            let s = 0;
            for (let r = 0; r < M.rows; r++) s += M.values[r * M.columns + c];
            expect(s).toBeCloseTo(1, 9);
          }
        }
      });
    }
  });
}

describe("influence and LRP agree", () => {
  const { network } = randomConvNetwork(decoder.input, decoder.specs, 9, false);
  const x = inputOf(size(decoder.input), 10);
  const { activations } = forwardPass(network, x);

  it("F · R(l+1) is LRP-0's R(l) through a convolution without bias", () => {
    const { relevance } = lrp(network, x, { rule: "lrp0" });
    const F = forwardInfluence(network, activations, 4, { spatial: true });
    const propagated = Array.from({ length: F.rows }, (_, i) => {
      let s = 0;
      for (let j = 0; j < F.columns; j++) s += F.values[i * F.columns + j] * relevance[5][j];
      return s;
    });
    expectClose(relevance[4], propagated, 1e-4);
  });

  it("rejects pooling layers and oversized neuron-level matrices", () => {
    expect(() => forwardInfluence(network, activations, 1)).toThrow(
      expect.objectContaining({ code: "E_OPTION", argument: "layer", message: expect.stringMatching(/avgPool2d/) }),
    );
  });
});

describe("bad convolutional networks name the layer", () => {
  const kernel = (kh: number, kw: number, a: number, b: number) =>
    Array.from({ length: kh }, () =>
      Array.from({ length: kw }, () => Array.from({ length: a }, () => new Array(b).fill(0.1))),
    );
  const input = new Array(4 * 4 * 2).fill(1);
  const cases: [string, Network, object][] = [
    [
      "no input shape",
      { layers: [{ type: "conv2d", kernel: kernel(3, 3, 2, 4) }] },
      { argument: "network.inputShape" },
    ],
    [
      "channels that do not chain",
      { inputShape: [4, 4, 2], layers: [{ type: "conv2d", kernel: kernel(3, 3, 3, 4) }] },
      { code: "E_SHAPE", argument: "network.layers[0].kernel" },
    ],
    [
      "a bias per output channel",
      { inputShape: [4, 4, 2], layers: [{ type: "conv2d", kernel: kernel(3, 3, 2, 4), bias: [0, 0] }] },
      { code: "E_SHAPE", argument: "network.layers[0].bias" },
    ],
    [
      "dense straight after a conv",
      {
        inputShape: [4, 4, 2],
        layers: [
          { type: "conv2d", kernel: kernel(3, 3, 2, 1) },
          { type: "dense", kernel: [[1]] },
        ],
      },
      { code: "E_SHAPE", message: expect.stringMatching(/add a flatten layer/) },
    ],
    [
      "a window larger than the input",
      { inputShape: [4, 4, 2], layers: [{ type: "maxPool2d", poolSize: 5 }] },
      { code: "E_SHAPE", argument: "network.layers[0].poolSize" },
    ],
    [
      "an unknown padding",
      { inputShape: [4, 4, 2], layers: [{ type: "conv2d", kernel: kernel(3, 3, 2, 1), padding: "full" as never }] },
      { code: "E_OPTION", argument: "network.layers[0].padding" },
    ],
    [
      "a ragged kernel",
      { inputShape: [4, 4, 2], layers: [{ type: "conv2d", kernel: [...kernel(2, 2, 2, 1), [[[1]]]] }] },
      { code: "E_SHAPE", argument: "network.layers[0].kernel[2]" },
    ],
    [
      "a zero stride",
      { inputShape: [4, 4, 2], layers: [{ type: "conv2d", kernel: kernel(3, 3, 2, 1), strides: 0 }] },
      { code: "E_RANGE", argument: "network.layers[0].strides" },
    ],
  ];
  for (const [what, network, expected] of cases) {
    it(what, () => {
      const copy = JSON.stringify(network);
      expect(() => lrp(network, input)).toThrow(expect.objectContaining(expected));
      expect(JSON.stringify(network)).toBe(copy);
    });
  }
});

describe("influence in dilated, depthwise and batch-norm layers", () => {
  const { network, unroll } = randomConvNetwork(mobile.input, mobile.specs, 9, false);
  const x = inputOf(size(mobile.input), 10);
  const { activations } = forwardPass(network, x);
  const { ref } = unroll(x);
  const a = activations.map((values) => Array.from(values));
  for (const layer of [0, 1, 2, 3]) {
    it(`layer ${layer} (${mobile.specs[layer].type}): neuron-level matrices equal the definition; maps' columns sum to 1`, () => {
      const L = ref[layer];
      const F = forwardInfluence(network, activations, layer, { spatial: true });
      const Z = L.W[0].map((_, j) => L.W.reduce((s, row, i) => s + row[j] * a[layer][i], 0));
      expectClose(
        F.values,
        L.W.flatMap((row, i) => row.map((w, j) => (Z[j] === 0 ? 0 : (w * a[layer][i]) / Z[j]))),
        1e-5,
      );
      const upper = a[layer + 1];
      const Y = L.W.map((row) => row.reduce((s, w, k) => s + w * upper[k], 0));
      const B = backwardInfluence(network, activations, layer, { spatial: true });
      expectClose(
        B.values,
        upper.flatMap((ak, k) => L.W.map((row, j) => (Y[j] === 0 ? 0 : (row[k] * ak) / Y[j]))),
        1e-5,
      );
      for (const M of [forwardInfluence(network, activations, layer), backwardInfluence(network, activations, layer)]) {
        expect(M.unit).toBe("featureMap");
        for (let c = 0; c < M.columns; c++) {
          if (M.zeroDenominators.includes(c)) continue;
          let s = 0;
          for (let r = 0; r < M.rows; r++) s += M.values[r * M.columns + c];
          expect(s).toBeCloseTo(1, 9);
        }
      }
    });
  }
});
