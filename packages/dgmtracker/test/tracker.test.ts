import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { createTracker, memoryStorage, openRun } from "../src/index.js";
import { fitCallback } from "../src/tfjs.js";

beforeAll(async () => {
  tf.env().set("PROD", true);
  await tf.setBackend("cpu");
});

/** A small classifier 4-8-3 with seeded weights, and 96 points of three blobs. */
function problem() {
  const model = tf.sequential({
    layers: [
      tf.layers.dense({
        inputShape: [4],
        units: 8,
        activation: "relu",
        name: "hidden",
        kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
      }),
      tf.layers.dense({
        units: 3,
        activation: "softmax",
        name: "out",
        kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }),
      }),
    ],
  });
  model.compile({ optimizer: tf.train.sgd(0.1), loss: "categoricalCrossentropy" });
  const xs = Array.from({ length: 96 }, (_, i) =>
    [0, 1, 2, 3].map((d) => Math.sin(i * 7 + d * 3) + (i % 3) * (d === i % 3 ? 2 : 0)),
  );
  const x = tf.tensor2d(xs);
  const y = tf.oneHot(
    tf.tensor1d(
      xs.map((_, i) => i % 3),
      "int32",
    ),
    3,
  );
  return { model, x, y };
}

describe("createTracker with model.fit", () => {
  it("records every batch: the loss, each layer's kernel in full or as stats, activations on the probes", async () => {
    const { model, x, y } = problem();
    const probes = x.slice([0, 0], [5, 4]);
    const tracker = createTracker({ full: ["hidden"], online: { layer: "hidden", count: 4, seed: 1 } });
    const callback = fitCallback(tracker, { model, probes });
    const losses: number[] = [];
    const before = tf.memory().numTensors;
    await model.fit(x, y, {
      epochs: 3,
      batchSize: 16,
      shuffle: false,
      callbacks: [callback, { onBatchEnd: async (_: number, logs?: tf.Logs) => void losses.push(logs!.loss) }],
    });
    expect(tf.memory().numTensors).toBeLessThanOrEqual(before + 2); // nothing leaks per batch
    const run = tracker.close();
    expect(run.length).toBe(18); // 3 epochs × 6 batches
    expect(Array.from(run.steps())).toEqual(Array.from({ length: 18 }, (_, t) => t));
    expect(Array.from(run.scalar("loss"))).toEqual(losses);
    // The last step is the model as it stands: its kernels' stats, the full series' last values, the activations.
    const hidden = model.layers[0].getWeights()[0].dataSync();
    const stats = run.stats("hidden", "weights");
    expect(stats.max[17]).toBe(Math.max(...hidden));
    expect(stats.min[17]).toBe(Math.min(...hidden));
    const window = run.readSeries("hidden", "weights", { from: 17, to: 18 });
    expect(window.count).toBe(32);
    window.values.forEach((v, i) => expect(Math.abs(v - hidden[i])).toBeLessThanOrEqual(window.maxError + 1e-7));
    expect(run.fullSeries().map((s) => `${s.kind}:${s.count}:${s.shape ?? ""}`)).toEqual([
      "weights:32:4,8",
      "activations:40:",
    ]);
    const activations = (
      model.execute(probes, (model.layers[0].output as tf.SymbolicTensor).name) as tf.Tensor
    ).dataSync();
    expect(run.stats("hidden", "activations").max[17]).toBeCloseTo(Math.max(...activations), 6);
    expect(run.stats("out", "activations").mean[17]).toBeCloseTo(1 / 3, 6); // softmax rows sum to 1
    expect((run.manifest.meta.online as { indices: number[] }).indices).toHaveLength(4);
    tf.dispose([x, y, probes]);
  });

  it("records every n-th step and only the layers asked for", async () => {
    const { model, x, y } = problem();
    const tracker = createTracker({ every: 4, layers: ["out"] });
    await model.fit(x, y, { epochs: 2, batchSize: 16, shuffle: false, callbacks: fitCallback(tracker, { model }) });
    const run = tracker.close();
    expect(Array.from(run.steps())).toEqual([0, 4, 8]);
    expect(run.manifest.stats).toEqual([{ layer: "out", kind: "weights" }]);
    tf.dispose([x, y]);
  });
});

describe("createTracker in a custom loop", () => {
  it("records weights and gradients as tensors, into any storage, read back as written", () => {
    const w = tf.variable(tf.tensor2d([[0.5], [-0.3]]), true, "w");
    const x = tf.tensor2d([
      [1, 2],
      [3, 1],
      [0, 1],
      [2, 2],
    ]);
    const y = tf.tensor2d([[1], [2], [0.5], [2]]);
    const optimizer = tf.train.sgd(0.05);
    const storage = memoryStorage();
    const tracker = createTracker({ store: storage, full: ["linear"], meta: { task: "regression" } });
    const gradients: number[][] = [];
    for (let step = 0; step < 25; step++) {
      const { value, grads } = tf.variableGrads(() => tf.losses.meanSquaredError(y, tf.matMul(x, w)) as tf.Scalar);
      gradients.push(Array.from(grads.w.dataSync()));
      tracker.record(step, {
        scalars: { loss: value.dataSync()[0] },
        layers: { linear: { weights: w, gradients: grads.w } },
      });
      optimizer.applyGradients(grads);
      tf.dispose([value, ...Object.values(grads)]);
    }
    tracker.close();
    const run = openRun(storage); // another reader of the same files
    expect(run.manifest.meta).toEqual({ task: "regression" });
    const loss = run.scalar("loss");
    expect(loss[24]).toBeLessThan(loss[0] / 2);
    const g = run.readSeries("linear", "gradients");
    gradients.forEach((row, t) =>
      row.forEach((v, i) => expect(Math.abs(g.values[i * 25 + t] - v)).toBeLessThanOrEqual(g.maxError + 1e-7)),
    );
    expect(run.stats("linear", "gradients").max[3]).toBe(Math.max(...gradients[3].map(Math.fround)));
    tf.dispose([w, x, y]);
  });

  it("rejects an unknown option and an online layer that is not kept in full", () => {
    expect(() => createTracker({ ful: ["a"] } as never)).toThrow(expect.objectContaining({ code: "E_OPTION" }));
    expect(() => createTracker({ online: { layer: "a", count: 2 } })).toThrow(
      expect.objectContaining({ code: "E_OPTION" }),
    );
    expect(() => createTracker({ every: 0 })).toThrow(expect.objectContaining({ code: "E_RANGE" }));
  });
});
