// A batch in one call gives what one call per input gives, leaks no tensors, and a prepared network's cached
// weight tensors are freed by disposeNetwork.
import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { createRandom } from "@clearbox/core";
import { disposeNetwork, fromLayersModel, lrp, lrpBatch, prepareNetwork } from "../src/index.js";
import { resnet18Like, seedWeights } from "./fixtures/keras-models.js";

describe("lrpBatch", () => {
  it("equals lrp per input (a ResNet-shaped model, one target per input), and frees what it made", () => {
    const model = resnet18Like(16, [4, 6, 8, 8]);
    seedWeights(model, 21);
    const network = prepareNetwork(fromLayersModel(model));
    model.dispose();
    const random = createRandom(22);
    const inputs = [0, 1, 2].map(() => Float32Array.from({ length: 16 * 16 * 3 }, () => random.next()));
    const before = tf.memory().numTensors;
    const batch = lrpBatch(network, inputs, { rule: "epsilon", target: [0, 4, 9] });
    const cached = tf.memory().numTensors - before;
    expect(cached).toBeGreaterThan(0); // the prepared network keeps its weights on the backend
    inputs.forEach((x, n) => {
      const one = lrp(network, x, { rule: "epsilon", target: [0, 4, 9][n] });
      one.relevance.forEach((r, l) => {
        const scale = Math.max(...Array.from(r, Math.abs), 1e-12);
        r.forEach((v, i) => expect(Math.abs(batch[n].relevance[l][i] - v)).toBeLessThanOrEqual(1e-5 * scale));
      });
      one.absorbed.forEach((a, l) => expect(batch[n].absorbed[l]).toBeCloseTo(a, 4));
    });
    expect(tf.memory().numTensors - before).toBe(cached);
    disposeNetwork(network);
    expect(tf.memory().numTensors).toBe(before);
    expect(() => lrpBatch(network, inputs, { target: [1, 2] })).toThrow(expect.objectContaining({ code: "E_SHAPE" }));
    expect(() => lrpBatch(network, [])).toThrow(expect.objectContaining({ code: "E_EMPTY" }));
  });

  it("reads back only the entries of relevance listed in read (the others empty), the same values as read: all", () => {
    const model = resnet18Like(12, [4, 6, 8, 8], 5);
    seedWeights(model, 23);
    const network = prepareNetwork(fromLayersModel(model));
    model.dispose();
    const random = createRandom(24);
    const inputs = [0, 1].map(() => Float32Array.from({ length: 12 * 12 * 3 }, () => random.next()));
    const last = network.outputShapes.length;
    const listed = [0, 7, last];
    const all = lrpBatch(network, inputs, { target: 2 });
    const some = lrpBatch(network, inputs, { target: 2, read: listed });
    some.forEach((result, n) => {
      expect(result.absorbed).toEqual(all[n].absorbed);
      result.relevance.forEach((r, l) =>
        expect(r).toEqual(listed.includes(l) ? all[n].relevance[l] : new Float32Array(0)),
      );
    });
    expect(lrp(network, inputs[0], { target: 2, read: [7] }).relevance[7]).toEqual(all[0].relevance[7]);
    expect(() => lrp(network, inputs[0], { read: [last + 1] })).toThrow(expect.objectContaining({ code: "E_RANGE" }));
    expect(() => lrp(network, inputs[0], { read: "some" as never })).toThrow(
      expect.objectContaining({ code: "E_OPTION" }),
    );
    disposeNetwork(network);
  });
});
