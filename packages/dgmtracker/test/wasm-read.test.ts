import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTracker, memoryStorage } from "../src/index.js";
import type { RunStorage } from "../src/index.js";

beforeAll(async () => {
  tf.env().set("PROD", true);
  await tf.setBackend("wasm");
});
afterAll(async () => {
  await tf.setBackend("cpu");
});

/** A custom loop on a 12-16-3 MLP, recorded twice: once given the tensors, once given dataSync's copies. */
function recordBoth(steps: number): { fromTensors: RunStorage; fromCopies: RunStorage; dataSyncCalls: number } {
  const w0 = tf.variable(tf.randomNormal([12, 16], 0, 0.5, "float32", 1), true, "w0");
  const w1 = tf.variable(tf.randomNormal([16, 3], 0, 0.5, "float32", 2), true, "w1");
  const x = tf.randomUniform([32, 12], -1, 1, "float32", 3);
  const y = tf.oneHot(tf.randomUniform([32], 0, 3, "int32", 4), 3).asType("float32");
  const optimizer = tf.train.sgd(0.1);
  const fromTensors = memoryStorage();
  const fromCopies = memoryStorage();
  const a = createTracker({ store: fromTensors, full: ["hidden"], chunkSteps: 4 });
  const b = createTracker({ store: fromCopies, full: ["hidden"], chunkSteps: 4 });
  let dataSyncCalls = 0;
  for (let step = 0; step < steps; step++) {
    const { value, grads } = tf.variableGrads(() =>
      tf.losses.softmaxCrossEntropy(y, tf.matMul(tf.relu(tf.matMul(x, w0)), w1)),
    );
    const loss = value.dataSync()[0];
    const copies = { weights: w0.dataSync(), gradients: grads.w0.dataSync(), out: w1.dataSync() };
    const watched = [w0, grads.w0, w1].map((t) => vi.spyOn(t, "dataSync"));
    a.record(step, {
      scalars: { loss },
      layers: { hidden: { weights: w0, gradients: grads.w0 }, out: { weights: w1 } },
    });
    dataSyncCalls += watched.reduce((sum, spy) => sum + spy.mock.calls.length, 0);
    watched.forEach((spy) => spy.mockRestore());
    b.record(step, {
      scalars: { loss },
      layers: { hidden: { weights: copies.weights, gradients: copies.gradients }, out: { weights: copies.out } },
    });
    optimizer.applyGradients(grads);
    tf.dispose([value, ...Object.values(grads)]);
  }
  a.close();
  b.close();
  tf.dispose([w0, w1, x, y]);
  return { fromTensors, fromCopies, dataSyncCalls };
}

describe("the tracker on tfjs-backend-wasm", () => {
  it("reads tensors in place (no dataSync) and stores exactly what dataSync's copies give", () => {
    expect(tf.getBackend()).toBe("wasm");
    const { fromTensors, fromCopies, dataSyncCalls } = recordBoth(10);
    expect(dataSyncCalls).toBe(0);
    const names = ["run.json", "stats.bin", "series-0.bin", "series-1.bin"];
    for (const name of names) {
      expect(fromTensors.size(name), name).toBeGreaterThan(0);
      expect(fromTensors.read(name, 0, fromTensors.size(name)), name).toEqual(
        fromCopies.read(name, 0, fromCopies.size(name)),
      );
    }
  });

  it("still reports a value that is not finite, naming the layer and the index", () => {
    const w = tf.variable(tf.tensor1d([1, 2, NaN, 4]), true, "w");
    const tracker = createTracker({ full: ["layer"] });
    expect(() => tracker.record(0, { layers: { layer: { weights: w } } })).toThrow(
      expect.objectContaining({ code: "E_NAN", argument: "record.layers.layer.weights[2]" }),
    );
    w.dispose();
  });
});
