// forwardPass against model.predict on the architectures people use, read by fromLayersModel.
import * as tf from "@tensorflow/tfjs-core";
import * as tfl from "@tensorflow/tfjs-layers";
import { describe, expect, it } from "vitest";
import { createRandom } from "@clearbox/core";
import { disposeNetwork, forwardPass, fromLayersModel, prepareNetwork } from "../src/index.js";
import {
  inceptionLike,
  mobileNetV2,
  predict,
  resnet18Like,
  seedWeights,
  separableDilated,
} from "./fixtures/keras-models.js";

/** max |a − b| ≤ relative · max |b|. */
function expectRelative(actual: ArrayLike<number>, expected: ArrayLike<number>, relative = 1e-4): void {
  expect(actual.length).toBe(expected.length);
  let scale = 0;
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    scale = Math.max(scale, Math.abs(expected[i]));
    worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
  }
  expect(worst).toBeLessThanOrEqual(relative * scale);
}

function randomInput(size: number, seed: number): Float32Array {
  const random = createRandom(seed);
  return Float32Array.from({ length: size }, () => random.next());
}

function checkAgainstPredict(model: tfl.LayersModel, options = {}): ReturnType<typeof fromLayersModel> {
  const network = fromLayersModel(model, options);
  const prepared = prepareNetwork(network);
  const size = prepared.inputShape.reduce((p, s) => p * s, 1);
  for (const seed of [1, 2]) {
    const x = randomInput(size, seed);
    const before = tf.memory().numTensors;
    const logits = forwardPass(network, x).activations.at(-1) as Float32Array;
    expect(tf.memory().numTensors).toBe(before);
    expectRelative(logits, predict(model, x));
  }
  disposeNetwork(prepared);
  return network;
}

describe("forwardPass equals model.predict (relative 1e-4 on the logits)", () => {
  it("a ResNet-18-shaped model: batch norm, residual adds, projection shortcuts, global average pooling", () => {
    const model = resnet18Like();
    seedWeights(model, 1);
    const network = checkAgainstPredict(model);
    const types = network.layers.map((l) => l.type);
    expect(types.filter((t) => t === "add")).toHaveLength(8);
    expect(types.filter((t) => t === "batchNorm")).toHaveLength(20);
    model.dispose();
  });

  it("an Inception-style model: four-branch concatenations, average pooling inside, global max pooling", () => {
    const model = inceptionLike();
    seedWeights(model, 2);
    const network = checkAgainstPredict(model);
    expect(network.layers.filter((l) => l.type === "concatenate").map((l) => l.inputs?.length)).toEqual([4, 4]);
    model.dispose();
  });

  it("separable, dilated and depthwise (multiplier 2) convolutions, padding, cropping, upsampling, reshape", () => {
    const model = separableDilated();
    seedWeights(model, 3);
    const network = checkAgainstPredict(model);
    // SeparableConv2D is read as a depthwise and a pointwise convolution.
    expect(network.layers.slice(0, 2).map((l) => [l.type, l.name])).toEqual([
      ["depthwiseConv2d", "sep1/depthwise"],
      ["conv2d", "sep1"],
    ]);
    model.dispose();
  });

  it("MobileNetV2 (alpha 0.35, 96 × 96): ZeroPadding2D, DepthwiseConv2D, BN × 52, relu6, residual adds, softmax dropped", () => {
    const model = mobileNetV2(96, 0.35);
    seedWeights(model, 4);
    expect(() => fromLayersModel(model)).toThrow(
      expect.objectContaining({ code: "E_OPTION", message: expect.stringMatching(/dropSoftmax/) }),
    );
    const network = fromLayersModel(model, { dropSoftmax: true });
    const count = (type: string) => network.layers.filter((l) => l.type === type).length;
    expect([count("batchNorm"), count("depthwiseConv2d"), count("add"), count("zeroPadding2d")]).toEqual([
      52, 17, 10, 5,
    ]);
    // The logits: predict of the model up to the last dense layer's input, times its kernel.
    const logitsModel = tfl.model({ inputs: model.inputs, outputs: model.layers.at(-1)!.input as tfl.SymbolicTensor });
    const [kernel, bias] = model.layers.at(-1)!.getWeights();
    const x = randomInput(96 * 96 * 3, 5);
    const expected = tf.tidy(() => {
      const features = logitsModel.predict(tf.tensor(x, [1, 96, 96, 3])) as tf.Tensor2D;
      return tf.add(tf.matMul(features, kernel as tf.Tensor2D), bias).dataSync();
    });
    expectRelative(forwardPass(network, x).activations.at(-1) as Float32Array, expected);
    model.dispose();
  }, 60_000);
});

describe("each activation, fused and as a layer", () => {
  const fused = [
    "relu",
    "relu6",
    "sigmoid",
    "tanh",
    "elu",
    "selu",
    "softplus",
    "softsign",
    "swish",
    "mish",
    "gelu",
    "gelu_new",
    "hardSigmoid",
    "linear",
  ];
  it.each(fused)("%s", (activation) => {
    const model = tfl.sequential();
    model.add(tfl.layers.dense({ inputShape: [6], units: 8, activation: activation as never }));
    model.add(tfl.layers.activation({ activation: activation as never }));
    model.add(tfl.layers.dense({ units: 3 }));
    seedWeights(model, 7);
    const random = createRandom(8);
    const x = Array.from({ length: 6 }, () => 3 * random.normal());
    expectRelative(forwardPass(fromLayersModel(model), x).activations.at(-1) as Float32Array, predict(model, x), 1e-5);
    model.dispose();
  });

  it("LeakyReLU(alpha), ReLU(maxValue), ELU, Softmax as layers", () => {
    const model = tfl.sequential();
    model.add(tfl.layers.dense({ inputShape: [6], units: 8 }));
    model.add(tfl.layers.leakyReLU({ alpha: 0.1 }));
    model.add(tfl.layers.dense({ units: 8 }));
    model.add(tfl.layers.reLU({ maxValue: 0.5 }));
    model.add(tfl.layers.dense({ units: 8 }));
    model.add(tfl.layers.elu());
    model.add(tfl.layers.dense({ units: 3 }));
    model.add(tfl.layers.softmax());
    seedWeights(model, 9);
    const x = Array.from({ length: 6 }, (_, i) => i - 2.5);
    const logits = forwardPass(fromLayersModel(model, { dropSoftmax: true }), x).activations.at(-1) as Float32Array;
    const probabilities = Array.from(logits, Math.exp);
    const total = probabilities.reduce((a, b) => a + b);
    expectRelative(
      probabilities.map((p) => p / total),
      predict(model, x),
      1e-5,
    );
    model.dispose();
  });
});
