// Build and train the explorer's CNN with TensorFlow.js on the wasm backend (Node or browser). Deterministic: seeded
// initialisers, no shuffling, one thread.
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { SIDE } from "./mnist.mjs";
import { residualMnistCnn } from "@clearbox/model-fixtures/residual-mnist-cnn";
import { registerWasmTrainingKernels } from "./wasm-training-kernels.mjs";

let ready;
/** Select the wasm backend once (SIMD, one thread; the .wasm files ship inside the npm package). */
export function useWasm() {
  ready ??= (async () => {
    registerWasmTrainingKernels();
    tf.env().set("PROD", true);
    await tf.setBackend("wasm");
    await tf.ready();
  })();
  return ready;
}

/**
 * The explorer's CNN: @clearbox/model-fixtures' residual MNIST CNN with batch norm at 16/32/64 channels (the bench
 * measures the same architecture at 32/64/128).
 * @param {number} seed
 */
export function buildCnn(seed = 1) {
  return residualMnistCnn({ channels: [16, 32, 64], seed });
}

/**
 * Train with Adam, batch 64, unshuffled; report progress after every epoch.
 * @param {tf.LayersModel} model
 * @param {{ images: Float32Array, labels: number[] }} train
 * @param {{ epochs?: number, learningRate?: number, onEpoch?: (epoch: number, loss: number, seconds: number) => void }} options
 */
export async function trainCnn(model, train, { epochs = 3, learningRate = 3e-3, onEpoch } = {}) {
  await useWasm();
  model.compile({ optimizer: tf.train.adam(learningRate), loss: "categoricalCrossentropy", metrics: ["accuracy"] });
  const count = train.labels.length;
  const x = tf.tensor4d(train.images, [count, SIDE, SIDE, 1]);
  const y = tf.oneHot(tf.tensor1d(train.labels, "int32"), 10);
  let start = performance.now();
  await model.fit(x, y, {
    epochs,
    batchSize: 64,
    shuffle: false,
    verbose: 0,
    callbacks: {
      onEpochEnd: (epoch, logs) => {
        onEpoch?.(epoch, logs.loss, (performance.now() - start) / 1000);
        start = performance.now();
      },
    },
  });
  tf.dispose([x, y]);
}

/**
 * Share of correctly classified digits.
 * @param {tf.LayersModel} model
 * @param {{ images: Float32Array, labels: number[] }} set
 */
export function accuracy(model, set) {
  const count = set.labels.length;
  const predicted = tf.tidy(() =>
    model
      .predict(tf.tensor4d(set.images, [count, SIDE, SIDE, 1]))
      // @ts-expect-error one input, one output: predict returns a single tensor
      .argMax(-1)
      .dataSync(),
  );
  return set.labels.filter((label, i) => predicted[i] === label).length / count;
}
