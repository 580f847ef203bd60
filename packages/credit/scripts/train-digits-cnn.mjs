// Train the small CNN that the credit docs, story and tests explain: UCI digits (data/digits), 8 × 8 × 1 inputs
// scaled to [0, 1]. Writes data/digits/digits-cnn.json (clearbox network JSON, softmax dropped, weights rounded to
// 7 significant digits; the file *is* the network). Run by hand: node packages/credit/scripts/train-digits-cnn.mjs
// Not run in CI (about 5 minutes on 2 cores). Seeded initializers, no shuffling, CPU backend.
import { writeFileSync } from "node:fs";
// The umbrella package registers the gradients that training needs (bare tfjs-core does not; clearbox never does).
import * as tf from "@tensorflow/tfjs";
const tfl = tf;
import { fromLayersModel } from "@clearbox/credit";
import { readDigits } from "@clearbox/fixtures/digits";

const root = new URL("../../../", import.meta.url);
const digits = readDigits();
const TRAIN = 1200;
const pixels = digits.pixels.map((r) => r.map((v) => v / 16));
const labels = digits.labels;

await tf.setBackend("cpu");
const init = (seed) => tfl.initializers.glorotUniform({ seed });
const model = tfl.sequential();
model.add(
  tfl.layers.conv2d({
    inputShape: [8, 8, 1],
    filters: 8,
    kernelSize: 3,
    padding: "same",
    activation: "relu",
    kernelInitializer: init(1),
  }),
);
model.add(tfl.layers.maxPooling2d({ poolSize: 2 }));
model.add(
  tfl.layers.conv2d({ filters: 16, kernelSize: 3, padding: "same", activation: "relu", kernelInitializer: init(2) }),
);
model.add(tfl.layers.flatten());
model.add(tfl.layers.dense({ units: 10, activation: "softmax", kernelInitializer: init(3) }));
model.compile({ optimizer: tf.train.adam(0.01), loss: "categoricalCrossentropy", metrics: ["accuracy"] });

const x = tf.tensor4d(pixels.slice(0, TRAIN).flat(), [TRAIN, 8, 8, 1]);
const y = tf.oneHot(tf.tensor1d(labels.slice(0, TRAIN), "int32"), 10);
await model.fit(x, y, { epochs: 40, batchSize: 32, shuffle: false, verbose: 0 });

const test = pixels.length - TRAIN;
const predicted = model
  .predict(tf.tensor4d(pixels.slice(TRAIN).flat(), [test, 8, 8, 1]))
  .argMax(-1)
  .dataSync();
const correct = labels.slice(TRAIN).filter((label, i) => predicted[i] === label).length;
const accuracy = correct / test;

const round = (value) => (Array.isArray(value) ? value.map(round) : Number(value.toPrecision(7)));
const network = fromLayersModel(model, { dropSoftmax: true });
const layers = network.layers.map((layer) =>
  "kernel" in layer ? { ...layer, kernel: round(layer.kernel), bias: round(layer.bias) } : layer,
);
const file = {
  about:
    "A small CNN trained on the UCI digits (data/digits/digits.csv, rows 0–1199; pixels / 16) by packages/credit/scripts/train-digits-cnn.mjs with TensorFlow.js 4.22 (Adam 0.01, 40 epochs, batch 32). Softmax dropped: the output is the logits.",
  testAccuracy: { rows: `${TRAIN}–${pixels.length - 1}`, accuracy: Number(accuracy.toFixed(4)) },
  network: { inputShape: network.inputShape, layers },
};
writeFileSync(new URL("data/digits/digits-cnn.json", root), JSON.stringify(file) + "\n");
console.log(`test accuracy ${(100 * accuracy).toFixed(1)} % on ${test} digits`);
