// Record the training dynamics that the blue-noise docs, story, bench and tests sample: an MLP 64-32-10 trained with
// TensorFlow.js on the UCI digits (rows 0–1199, pixels / 16; Adam 0.01, batch 32, 400 steps cycling through the rows
// in order, seeded initializers, cpu backend). After every step it records every first-layer weight (64 × 32 = 2,048
// series) and the 32 hidden units' activations on 30 fixed probe digits (rows 1200–1229: 960 series).
// Writes data/training/digits-mlp.json (header: what is where) and data/training/digits-mlp.f32 (little-endian
// Float32, series-major: series i's steps are contiguous). Run by hand: node packages/blue-noise/scripts/record-digits-training.mjs
import { Buffer } from "node:buffer";
import { writeFileSync } from "node:fs";
// The umbrella package registers the gradients that training needs.
import * as tf from "@tensorflow/tfjs";
import { readDigits } from "@clearbox/fixtures/digits";

const root = new URL("../../../", import.meta.url);
const digits = readDigits();
const TRAIN = 1200;
const STEPS = 400;
const BATCH = 32;
const PROBES = 30;
const pixels = digits.pixels.map((r) => r.map((v) => v / 16));
const labels = digits.labels;

await tf.setBackend("cpu");
const init = (seed) => tf.initializers.glorotUniform({ seed });
const hidden = tf.layers.dense({ inputShape: [64], units: 32, activation: "relu", kernelInitializer: init(11) });
const output = tf.layers.dense({ units: 10, activation: "softmax", kernelInitializer: init(12) });
const model = tf.sequential({ layers: [hidden, output] });
const optimizer = tf.train.adam(0.01);
const probe = tf.tensor2d(pixels.slice(TRAIN, TRAIN + PROBES));
const hiddenOf = tf.model({ inputs: model.inputs, outputs: hidden.output });

const weights = new Float32Array(64 * 32 * STEPS); // series-major: weight k's steps at k * STEPS
const activations = new Float32Array(PROBES * 32 * STEPS); // series (probe p, unit u) = p * 32 + u
const loss = new Float32Array(STEPS);
for (let step = 0; step < STEPS; step++) {
  const start = (step * BATCH) % TRAIN;
  const indices = Array.from({ length: BATCH }, (_, k) => (start + k) % TRAIN);
  const x = tf.tensor2d(indices.map((i) => pixels[i]));
  const y = tf.oneHot(
    tf.tensor1d(
      indices.map((i) => labels[i]),
      "int32",
    ),
    10,
  );
  const value = optimizer.minimize(
    () => tf.mean(tf.metrics.categoricalCrossentropy(y, model.apply(x, { training: true }))),
    true,
  );
  loss[step] = value.dataSync()[0];
  tf.dispose([x, y, value]);
  const kernel = hidden.getWeights()[0].dataSync();
  for (let k = 0; k < kernel.length; k++) weights[k * STEPS + step] = kernel[k];
  const a = tf.tidy(() => hiddenOf.predict(probe).dataSync());
  for (let k = 0; k < a.length; k++) activations[k * STEPS + step] = a[k];
}

const test = tf.tensor2d(pixels.slice(TRAIN));
const predicted = tf.tidy(() => model.predict(test).argMax(-1).dataSync());
const accuracy = labels.slice(TRAIN).filter((label, i) => predicted[i] === label).length / (pixels.length - TRAIN);

const blob = new Float32Array(weights.length + activations.length + loss.length);
blob.set(weights, 0);
blob.set(activations, weights.length);
blob.set(loss, weights.length + activations.length);
writeFileSync(new URL("data/training/digits-mlp.f32", root), Buffer.from(blob.buffer));
const header = {
  about:
    "Training dynamics of an MLP 64-32-10 on the UCI digits (data/digits/digits.csv rows 0–1199, pixels / 16), recorded after every step by packages/blue-noise/scripts/record-digits-training.mjs with TensorFlow.js 4.22 (Adam 0.01, batch 32, rows in order, seeded initializers, cpu backend).",
  file: "digits-mlp.f32",
  encoding:
    "little-endian Float32, series-major: series i of a block occupies [offset + i * steps, offset + (i + 1) * steps)",
  steps: STEPS,
  testAccuracy: { rows: "1200–1796", accuracy: Number(accuracy.toFixed(4)) },
  blocks: [
    {
      name: "weights",
      description: "first-layer kernel entry (input pixel i, hidden unit u) = series i * 32 + u",
      count: 64 * 32,
      offset: 0,
    },
    {
      name: "activations",
      description: "hidden unit u's ReLU activation on probe digit p (row 1200 + p) = series p * 32 + u",
      count: PROBES * 32,
      offset: weights.length,
    },
    {
      name: "loss",
      description: "the training batch's cross-entropy",
      count: 1,
      offset: weights.length + activations.length,
    },
  ],
};
writeFileSync(new URL("data/training/digits-mlp.json", root), JSON.stringify(header, null, 2) + "\n");
console.log(
  `recorded ${STEPS} steps: test accuracy ${(100 * accuracy).toFixed(1)} %, final loss ${loss[STEPS - 1].toFixed(3)}, ${(blob.byteLength / 2 ** 20).toFixed(2)} MiB`,
);
