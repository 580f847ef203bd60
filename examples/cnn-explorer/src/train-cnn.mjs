// Build and train the explorer's CNN with TensorFlow.js on the wasm backend (Node or browser). Deterministic: seeded
// initialisers, no shuffling, one thread.
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { SIDE } from "./mnist.mjs";

/**
 * The wasm backend has no Conv2DBackpropFilter kernel, so Conv2D's gradient is re-registered here: the input
 * gradient through conv2dTranspose (which wasm has), the filter gradient as a conv2d with batch and channels swapped
 * (∂W[i,j,c,o] = Σ_b,y,x x̂[b, y+i, x+j, c] · dy[b, y, x, o], x̂ the padded input). Stride 1 and dilation 1 only: the
 * explorer's CNN downsamples with pooling.
 */
function registerConv2dGradient() {
  tf.registerGradient({
    kernelName: "Conv2D",
    inputsToSave: ["x", "filter"],
    /** @param {tf.Tensor4D} dy @param {tf.Tensor4D[]} saved @param {{ strides: number | number[], pad: "valid" | "same" }} attrs */
    gradFunc: (dy, saved, attrs) => {
      const [x, filter] = saved;
      const { strides, pad } = attrs;
      const [kh, kw] = filter.shape;
      if ((Array.isArray(strides) ? strides.some((s) => s !== 1) : strides !== 1) || typeof pad !== "string") {
        throw new Error("cnn-explorer's Conv2D gradient handles stride 1 with 'same' or 'valid' padding only");
      }
      return {
        x: () => tf.conv2dTranspose(dy, filter, x.shape, 1, pad),
        filter: () => {
          const top = pad === "same" ? Math.floor((kh - 1) / 2) : 0;
          const left = pad === "same" ? Math.floor((kw - 1) / 2) : 0;
          const padded =
            pad === "same"
              ? tf.pad(x, [
                  [0, 0],
                  [top, kh - 1 - top],
                  [left, kw - 1 - left],
                  [0, 0],
                ])
              : x;
          const swapped = tf.conv2d(tf.transpose(padded, [3, 1, 2, 0]), tf.transpose(dy, [1, 2, 0, 3]), 1, "valid");
          return tf.transpose(swapped, [1, 2, 0, 3]);
        },
      };
    },
  });
}

let ready;
/** Select the wasm backend once (SIMD, one thread; the .wasm files ship inside the npm package). */
export function useWasm() {
  ready ??= (async () => {
    registerConv2dGradient();
    tf.env().set("PROD", true);
    await tf.setBackend("wasm");
    await tf.ready();
  })();
  return ready;
}

/**
 * conv 3×3×8 → pool 2 → conv 3×3×16 → pool 2 → conv 3×3×32 → pool 2 → dense 10 (softmax): three convolution
 * blocks, so that grouping layers between pooling layers (ALGORITHMS.md §1 a) gives three groups and the logits.
 * @param {number} seed
 */
export function buildCnn(seed = 1) {
  const init = (offset) => tf.initializers.glorotUniform({ seed: seed * 10 + offset });
  const conv = (filters, offset, extra = {}) =>
    tf.layers.conv2d({
      filters,
      kernelSize: 3,
      padding: "same",
      activation: "relu",
      kernelInitializer: init(offset),
      ...extra,
    });
  const model = tf.sequential();
  model.add(conv(8, 1, { inputShape: [SIDE, SIDE, 1], name: "conv1" }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2, name: "pool1" }));
  model.add(conv(16, 2, { name: "conv2" }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2, name: "pool2" }));
  model.add(conv(32, 3, { name: "conv3" }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2, name: "pool3" }));
  model.add(tf.layers.flatten({ name: "flatten" }));
  model.add(tf.layers.dense({ units: 10, activation: "softmax", kernelInitializer: init(4), name: "logits" }));
  return model;
}

/**
 * Train with Adam, batch 64, unshuffled; report progress after every epoch.
 * @param {tf.Sequential} model
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
