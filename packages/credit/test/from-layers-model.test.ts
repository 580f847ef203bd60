import * as tf from "@tensorflow/tfjs-core";
import * as tfl from "@tensorflow/tfjs-layers";
import { describe, expect, it } from "vitest";
import { createRandom } from "@clearbox/core";
import { forwardPass, fromLayersModel, lrp } from "../src/index.js";

function mnistLike(softmax: boolean): tfl.Sequential {
  const model = tfl.sequential();
  model.add(
    tfl.layers.conv2d({ inputShape: [12, 12, 1], filters: 4, kernelSize: 3, padding: "same", activation: "relu" }),
  );
  model.add(tfl.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tfl.layers.conv2d({ filters: 6, kernelSize: 3, strides: 2, activation: "linear" }));
  model.add(tfl.layers.activation({ activation: "relu" }));
  model.add(tfl.layers.averagePooling2d({ poolSize: 2, padding: "same" }));
  model.add(tfl.layers.flatten());
  model.add(tfl.layers.dropout({ rate: 0.5 }));
  model.add(tfl.layers.dense({ units: 10, activation: softmax ? "softmax" : "linear" }));
  return model;
}

describe("fromLayersModel", () => {
  it("reads a tfjs-layers CNN whose forward pass equals model.predict", () => {
    const model = mnistLike(false);
    const network = fromLayersModel(model);
    expect(network.inputShape).toEqual([12, 12, 1]);
    expect(network.layers.map((l) => l.type)).toEqual([
      "conv2d",
      "maxPool2d",
      "conv2d",
      "avgPool2d",
      "flatten",
      "dense",
    ]);
    const random = createRandom(1);
    const x = Array.from({ length: 144 }, () => random.next());
    const expected = tf.tidy(() => (model.predict(tf.tensor4d(x, [1, 12, 12, 1])) as tf.Tensor).dataSync());
    const { activations } = forwardPass(network, x);
    const output = activations[activations.length - 1];
    for (let j = 0; j < 10; j++) expect(output[j]).toBeCloseTo(expected[j], 5);
    // JSON round trip: the network is plain data.
    const copy = JSON.parse(JSON.stringify(network));
    expect(lrp(copy, x, { target: 3 }).relevance[0]).toEqual(lrp(network, x, { target: 3 }).relevance[0]);
    model.dispose();
  });

  it("drops a final softmax only when asked, and names unsupported layers", () => {
    const model = mnistLike(true);
    expect(() => fromLayersModel(model)).toThrow(
      expect.objectContaining({ code: "E_OPTION", message: expect.stringMatching(/dropSoftmax/) }),
    );
    const network = fromLayersModel(model, { dropSoftmax: true });
    expect(network.layers[network.layers.length - 1]).toMatchObject({ type: "dense", activation: "linear" });
    model.dispose();

    const lstm = tfl.sequential();
    lstm.add(tfl.layers.dense({ inputShape: [4], units: 3, name: "d" }));
    lstm.add(tfl.layers.layerNormalization({ name: "norm" }));
    expect(() => fromLayersModel(lstm)).toThrow(
      expect.objectContaining({
        code: "E_OPTION",
        message: expect.stringMatching(/norm \(LayerNormalization\).*BatchNormalization/),
      }),
    );
    lstm.dispose();
    expect(() => fromLayersModel({} as never)).toThrow(expect.objectContaining({ code: "E_TYPE", argument: "model" }));
  });
});
