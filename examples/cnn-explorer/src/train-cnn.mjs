// Build and train the explorer's CNN with TensorFlow.js on the wasm backend (Node or browser). Deterministic: seeded
// initialisers, no shuffling, one thread.
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { SIDE } from "./mnist.mjs";
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

/** Channels of the three residual stages (at 14², 7² and 3² pixels); the stem has the first stage's. */
export const STAGE_CHANNELS = [16, 32, 64];

/**
 * A residual CNN with batch norm, the kind CNNVis analyses at MNIST's scale: a conv-BN-ReLU stem at 28², then per
 * stage (after a 2 × 2 max pool) a conv-BN-ReLU widening to the stage's channels (not in the first stage) and one
 * residual block (conv-BN-ReLU, conv-BN, add the block's input, ReLU), global average pooling, dense 10 (softmax).
 * 336 channels in 10 convolutions, 122 k parameters, ≈ 3 M multiply-adds per digit; grouping layers between pooling
 * layers (ALGORITHMS.md §1 a) gives four convolution groups and the logits.
 * @param {number} seed
 * @returns {tf.LayersModel}
 */
export function buildCnn(seed = 1) {
  let offset = 0;
  const apply = (layer, x) => /** @type {tf.SymbolicTensor} */ (layer.apply(x));
  const convBn = (x, filters, name, relu = true) => {
    const kernelInitializer = tf.initializers.heNormal({ seed: seed * 100 + ++offset });
    const conv = tf.layers.conv2d({ filters, kernelSize: 3, padding: "same", useBias: false, kernelInitializer, name });
    // momentum 0.9, not Keras's 0.99: two epochs are 250 steps, too few for 0.99's moving averages to forget their start
    const y = apply(tf.layers.batchNormalization({ momentum: 0.9, name: `${name}_bn` }), apply(conv, x));
    return relu ? apply(tf.layers.reLU({ name: `${name}_relu` }), y) : y;
  };
  const input = tf.input({ shape: [SIDE, SIDE, 1], name: "digit" });
  let x = convBn(input, STAGE_CHANNELS[0], "stem");
  STAGE_CHANNELS.forEach((filters, s) => {
    x = apply(tf.layers.maxPooling2d({ poolSize: 2, name: `pool${s + 1}` }), x);
    if (s > 0) x = convBn(x, filters, `stage${s + 1}_widen`);
    const y = convBn(convBn(x, filters, `stage${s + 1}_a`), filters, `stage${s + 1}_b`, false);
    const sum = apply(tf.layers.add({ name: `stage${s + 1}_add` }), [x, y]);
    x = apply(tf.layers.reLU({ name: `stage${s + 1}_out` }), sum);
  });
  x = apply(tf.layers.globalAveragePooling2d({ name: "gap" }), x);
  const kernelInitializer = tf.initializers.glorotUniform({ seed: seed * 100 + ++offset });
  const logits = tf.layers.dense({ units: 10, activation: "softmax", kernelInitializer, name: "logits" });
  return tf.model({ inputs: input, outputs: apply(logits, x), name: "residual_cnn" });
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
