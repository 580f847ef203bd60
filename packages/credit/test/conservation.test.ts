// LRP-0 on graphs with zero biases: relevance conserved layer by layer through adds, concatenations, depthwise
// convolutions, batch norm (folded) and global pooling; and equal to gradient × input (gradients from the umbrella
// @tensorflow/tfjs, which registers them: credit itself uses forward ops only).
import * as tfa from "@tensorflow/tfjs";
import * as tfl from "@tensorflow/tfjs-layers";
import { describe, expect, it } from "vitest";
import { createRandom } from "@clearbox/core";
import { fromLayersModel, lrp, prepareNetwork } from "../src/index.js";
import { inceptionLike, resnet18Like, seedWeights } from "./fixtures/keras-models.js";

type T = tfl.SymbolicTensor;

/** Depthwise (multiplier 2, strided) and a residual add, batch norm after each convolution, ReLU only. */
function depthwiseResidual(): tfl.LayersModel {
  const input = tfl.input({ shape: [12, 12, 3] });
  const bn = (x: T) => tfl.layers.batchNormalization().apply(x) as T;
  const relu = (x: T) => tfl.layers.reLU().apply(x) as T;
  let x = relu(bn(tfl.layers.conv2d({ filters: 4, kernelSize: 3, padding: "same", useBias: false }).apply(input) as T));
  const y = relu(
    bn(
      tfl.layers
        .depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2, strides: 2, padding: "same", useBias: false })
        .apply(x) as T,
    ),
  );
  const z = bn(tfl.layers.conv2d({ filters: 8, kernelSize: 1, useBias: false }).apply(y) as T);
  x = relu(tfl.layers.add().apply([y, z]) as T);
  x = tfl.layers.globalAveragePooling2d({}).apply(x) as T;
  return tfl.model({ inputs: input, outputs: tfl.layers.dense({ units: 5, useBias: false }).apply(x) as T });
}

// tfjs's avgPool gradient divides by the whole window at "same"-padded borders, where the forward pass divides by
// the cells inside (a 3 × 3 input of ones: 4/9 at a corner instead of 1/4 + 1/6 + 1/6 + 1/9), so the autodiff
// comparison takes the Inception block's max-pool branch; conservation is checked with both.
const models: [string, () => tfl.LayersModel, boolean][] = [
  ["ResNet-18-shaped", () => resnet18Like(16, [4, 6, 8, 8]), true],
  ["Inception-style, average-pool branch", () => inceptionLike(12, 2), false],
  ["Inception-style, max-pool branch", () => inceptionLike(12, 2, 10, "max"), true],
  ["depthwise residual", depthwiseResidual, true],
];

/** x ⊙ ∂ logit_t / ∂x by autodiff. */
function gradientTimesInput(model: tfl.LayersModel, x: Float32Array, target: number): Float32Array {
  const shape = [1, ...(model.inputs[0].shape.slice(1) as number[])];
  return tfa.tidy(() => {
    const input = tfa.tensor(x, shape);
    const grad = tfa.grad((v: tfa.Tensor) => tfa.gather(tfa.reshape(model.apply(v) as tfa.Tensor, [-1]), target))(
      input,
    );
    return tfa.mul(grad, input).dataSync() as Float32Array;
  });
}

describe("LRP-0 with zero biases", () => {
  it.each(models)(
    "%s: conserves relevance at every layer, equals gradient × input where autodiff is exact",
    (_name, build, exact) => {
      const model = build();
      seedWeights(model, 11, { zeroBias: true });
      const network = prepareNetwork(fromLayersModel(model));
      const size = network.inputShape.reduce((p, s) => p * s, 1);
      const random = createRandom(12);
      const x = Float32Array.from({ length: size }, () => random.next());
      const target = 1;
      const { relevance, absorbed } = lrp(network, x, { rule: "lrp0", target });
      const explained = relevance.at(-1)![target];
      expect(Math.abs(explained)).toBeGreaterThan(0);
      for (const lost of absorbed) expect(Math.abs(lost)).toBeLessThanOrEqual(1e-4 * Math.abs(explained));
      if (!exact) {
        model.dispose();
        return;
      }
      const expected = gradientTimesInput(model, x, target);
      const scale = Math.max(...expected.map(Math.abs));
      relevance[0].forEach((r, i) => expect(Math.abs(r - expected[i])).toBeLessThanOrEqual(1e-4 * scale));
      model.dispose();
    },
  );
});
