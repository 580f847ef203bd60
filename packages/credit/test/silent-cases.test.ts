// What used to be read silently wrong — ReLU(maxValue), a shared layer, two heads on one trunk, a Dropout in the
// middle — is now read exactly or refused with a coded error; and inputs beyond float32 are refused, not NaN.
import * as tf from "@tensorflow/tfjs-core";
import * as tfl from "@tensorflow/tfjs-layers";
import { describe, expect, it } from "vitest";
import { forwardPass, fromLayersModel, lrp } from "../src/index.js";
import { predict, seedWeights } from "./fixtures/keras-models.js";

type T = tfl.SymbolicTensor;
const x8 = [3, -2, 7, 1, -4, 5, 2, -1];

function expectSameLogits(network: ReturnType<typeof fromLayersModel>, expected: ArrayLike<number>, x = x8): void {
  const logits = forwardPass(network, x).activations.at(-1) as Float32Array;
  const scale = Math.max(...Array.from(expected, Math.abs));
  Array.from(expected).forEach((e, i) => expect(Math.abs(logits[i] - e)).toBeLessThanOrEqual(1e-5 * scale));
}

describe("formerly silent cases", () => {
  it("ReLU({ maxValue }) clips where the values exceed it (relu6, and any other bound)", () => {
    for (const maxValue of [6, 1.5]) {
      const model = tfl.sequential();
      model.add(tfl.layers.dense({ inputShape: [8], units: 16, kernelInitializer: "ones" }));
      model.add(tfl.layers.reLU({ maxValue }));
      model.add(tfl.layers.dense({ units: 3 }));
      seedWeights(model, 1);
      const network = fromLayersModel(model);
      // relu6 folds into the dense layer before it; another bound stays an activation layer of its own.
      if (maxValue === 6) expect(network.layers[0]).toMatchObject({ type: "dense", activation: "relu6" });
      else expect(network.layers[1]).toMatchObject({ type: "activation", activation: "relu", maxValue });
      expectSameLogits(
        network,
        predict(
          model,
          x8.map((v) => 10 * v),
        ),
        x8.map((v) => 10 * v),
      );
      model.dispose();
    }
  });

  it("a layer applied twice is read once per call site, with the same weights", () => {
    const input = tfl.input({ shape: [8] });
    const shared = tfl.layers.dense({ units: 8, activation: "relu", name: "shared" });
    const twice = shared.apply(shared.apply(input)) as T;
    const model = tfl.model({ inputs: input, outputs: tfl.layers.dense({ units: 3, name: "out" }).apply(twice) as T });
    seedWeights(model, 2);
    const network = fromLayersModel(model);
    expect(network.layers.map((l) => l.name)).toEqual(["shared", "shared@1", "out"]);
    expectSameLogits(network, predict(model, x8));
    model.dispose();
  });

  it("two heads on one trunk: one is chosen by name or index, never chained after the other", () => {
    const input = tfl.input({ shape: [8] });
    const trunk = tfl.layers.dense({ units: 6, activation: "relu", name: "trunk" }).apply(input) as T;
    const heads = ["head_a", "head_b"].map((name, i) => tfl.layers.dense({ units: 2 + i, name }).apply(trunk) as T);
    const model = tfl.model({ inputs: input, outputs: heads });
    seedWeights(model, 3);
    expect(() => fromLayersModel(model)).toThrow(
      expect.objectContaining({ code: "E_OPTION", message: expect.stringMatching(/2 outputs \(head_a, head_b\)/) }),
    );
    const expected = tf.tidy(() => (model.predict(tf.tensor2d([x8])) as tf.Tensor[]).map((t) => t.dataSync()));
    for (const [output, k] of [
      ["head_b", 1],
      [0, 0],
    ] as const) {
      const network = fromLayersModel(model, { output });
      expect(network.layers.map((l) => l.name)).toEqual(["trunk", k === 0 ? "head_a" : "head_b"]);
      expectSameLogits(network, expected[k]);
    }
    expect(() => fromLayersModel(model, { output: "head_c" })).toThrow(
      expect.objectContaining({ code: "E_OPTION", argument: "options.output" }),
    );
    model.dispose();
  });

  it("a Dropout in the middle is skipped without shifting any name; a nested model is flattened", () => {
    const inner = tfl.sequential({ name: "inner" });
    inner.add(tfl.layers.dense({ inputShape: [6], units: 5, activation: "tanh", name: "d" }));
    inner.add(tfl.layers.dropout({ rate: 0.5, name: "drop_inner" }));
    const model = tfl.sequential();
    model.add(tfl.layers.dense({ inputShape: [8], units: 6, name: "first" }));
    model.add(tfl.layers.dropout({ rate: 0.5, name: "drop" }));
    model.add(inner);
    model.add(tfl.layers.dense({ units: 3, name: "last" }));
    seedWeights(model, 4);
    const network = fromLayersModel(model);
    expect(network.layers.map((l) => l.name)).toEqual(["first", "inner/d", "last"]);
    expectSameLogits(network, predict(model, x8));
    model.dispose();
  });

  it("refuses what it cannot read, naming the layer, its class and the classes it reads", () => {
    const input = tfl.input({ shape: [8] });
    const a = tfl.layers.dense({ units: 4 }).apply(input) as T;
    const b = tfl.layers.dense({ units: 4 }).apply(input) as T;
    const model = tfl.model({ inputs: input, outputs: tfl.layers.multiply({ name: "gate" }).apply([a, b]) as T });
    expect(() => fromLayersModel(model)).toThrow(
      expect.objectContaining({ code: "E_OPTION", message: expect.stringMatching(/gate \(Multiply\).*Concatenate/) }),
    );
    model.dispose();
  });

  it("inputs beyond float32's range are refused (E_RANGE), not explained as NaN; so is an overflow inside", () => {
    const network = { layers: [{ type: "dense" as const, kernel: [[1], [1]], activation: "relu" as const }] };
    expect(() => lrp(network, [1e300, 1e300])).toThrow(
      expect.objectContaining({ code: "E_RANGE", argument: "input[0]" }),
    );
    expect(() => forwardPass(network, [-1e300, 1])).toThrow(expect.objectContaining({ code: "E_RANGE" }));
    expect(() => lrp(network, [3e38, 3e38])).toThrow(
      expect.objectContaining({ code: "E_RANGE", message: expect.stringMatching(/overflowed/) }),
    );
    const { relevance } = lrp(network, [1e30, 2e30]);
    expect(relevance[0].every(Number.isFinite)).toBe(true);
  });
});
