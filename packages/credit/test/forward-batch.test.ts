// forwardBatch (the batched forward pass cnnvis streams images through) and applyActivation (the activation table).
import * as tf from "@tensorflow/tfjs-core";
import * as tfl from "@tensorflow/tfjs-layers";
import { describe, expect, it } from "vitest";
import { createRandom, isClearboxError } from "@clearbox/core";
import type { Activation } from "../src/index.js";
import {
  applyActivation,
  disposeNetwork,
  forwardBatch,
  forwardPass,
  fromLayersModel,
  prepareNetwork,
} from "../src/index.js";
import { predict, resnet18Like, seedWeights } from "./fixtures/keras-models.js";

const inputs = (count: number, size: number, seed: number) => {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => Float32Array.from({ length: size }, () => random.next()));
};

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (error) {
    return isClearboxError(error) ? error.code : "not a ClearboxError";
  }
  return undefined;
}

describe("forwardBatch", () => {
  // A small ResNet (batch norm, residual adds, global pooling): outputs are read by several layers and freed late.
  const model = resnet18Like(12, [4, 6, 8, 8], 5);
  seedWeights(model, 3);
  const prepared = prepareNetwork(fromLayersModel(model));
  const size = prepared.inputShape.reduce((p, s) => p * s, 1);
  const last = prepared.outputShapes.length;
  const xs = inputs(4, size, 1);

  it("equals forwardPass input by input at every layer read, and model.predict at the output", () => {
    const layers = [0, 1, 5, 9, last];
    const batch = forwardBatch(prepared, xs, { layers });
    expect([...batch.keys()]).toEqual(layers);
    xs.forEach((x, n) => {
      const one = forwardPass(prepared, x).activations;
      for (const l of layers) {
        const width = one[l].length;
        const mine = batch.get(l)!.subarray(n * width, (n + 1) * width);
        const scale = Math.max(...one[l].map(Math.abs));
        mine.forEach((v, i) => expect(Math.abs(v - one[l][i])).toBeLessThanOrEqual(1e-5 * scale));
      }
      const expected = predict(model, x);
      const logits = batch.get(last)!.subarray(n * 5, (n + 1) * 5);
      logits.forEach((v, i) =>
        expect(Math.abs(v - expected[i])).toBeLessThanOrEqual(1e-4 * Math.max(1, Math.abs(expected[i]))),
      );
    });
  });

  it("hands each listed layer to read as a [N, ...shape] tensor, frees every tensor it made, keeps the inputs", () => {
    const copies = xs.map((x) => Float32Array.from(x));
    const before = tf.memory().numTensors;
    const shapes = forwardBatch(prepared, xs, { layers: [2, last], read: (t, index) => [index, ...t.shape] });
    expect(tf.memory().numTensors).toBe(before);
    expect(shapes.get(2)).toEqual([2, 4, ...prepared.outputShapes[1]]);
    expect(shapes.get(last)).toEqual([last, 4, 5]);
    expect(xs).toEqual(copies);
  });

  it("defaults to the output; refuses bad arguments with coded errors", () => {
    expect([...forwardBatch(prepared, xs.slice(0, 1)).keys()]).toEqual([last]);
    expect(codeOf(() => forwardBatch(prepared, []))).toBe("E_EMPTY");
    expect(codeOf(() => forwardBatch(prepared, xs, { layers: [last + 1] }))).toBe("E_RANGE");
    expect(codeOf(() => forwardBatch(prepared, xs, { read: 3 as never }))).toBe("E_OPTION");
    expect(codeOf(() => forwardBatch(prepared, xs, { layer: [1] } as never))).toBe("E_OPTION");
    expect(codeOf(() => forwardBatch(prepared, [new Float32Array(3)]))).toBe("E_SHAPE");
  });

  it("frees a plain network's weights after the call", () => {
    const before = tf.memory().numTensors;
    forwardBatch(fromLayersModel(model), xs.slice(0, 2));
    expect(tf.memory().numTensors).toBe(before);
    disposeNetwork(prepared);
  });
});

describe("applyActivation", () => {
  const random = createRandom(4);
  const x = tf.tensor(
    Array.from({ length: 24 }, () => 4 * random.normal()),
    [2, 3, 4],
  );
  const layersName: Partial<Record<Activation, string>> = { geluNew: "gelu_new" };
  const names: Activation[] = [
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
    "geluNew",
    "hardSigmoid",
    "linear",
  ];

  const close = (a: tf.Tensor, b: tf.Tensor) => {
    const [u, v] = [a.dataSync(), b.dataSync()];
    u.forEach((value, i) => expect(Math.abs(value - v[i])).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(v[i]))));
  };

  it.each(names)("%s equals tfjs-layers' activation", (name) => {
    const layer = tfl.layers.activation({ activation: (layersName[name] ?? name) as never });
    close(applyActivation(x, name), layer.apply(x) as tf.Tensor);
  });

  it("ReLU(maxValue) and LeakyReLU(alpha) equal tfjs-layers' layers", () => {
    close(applyActivation(x, "relu", { maxValue: 2.5 }), tfl.layers.reLU({ maxValue: 2.5 }).apply(x) as tf.Tensor);
    close(applyActivation(x, "leakyRelu", { alpha: 0.1 }), tfl.layers.leakyReLU({ alpha: 0.1 }).apply(x) as tf.Tensor);
  });

  it("refuses what it cannot compute with coded errors", () => {
    expect(codeOf(() => applyActivation([1, 2] as never, "relu"))).toBe("E_TYPE");
    expect(codeOf(() => applyActivation(x, "softmax" as never))).toBe("E_OPTION");
    expect(codeOf(() => applyActivation(x, "tanh", { maxValue: 1 }))).toBe("E_OPTION");
    expect(codeOf(() => applyActivation(x, "relu", { cap: 1 } as never))).toBe("E_OPTION");
  });
});
