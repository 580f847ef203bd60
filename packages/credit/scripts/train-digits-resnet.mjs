// Train the residual CNN with batch norm that the story "credit/LRP through a residual CNN" explains: UCI digits
// (data/digits), 8 × 8 × 1 inputs scaled to [0, 1]. A functional model: stem conv + BN + ReLU, one residual block
// (two conv + BN, an Add with the block's input), max pooling, conv + BN + ReLU, global average pooling, dense 10.
// Writes data/digits/digits-resnet.json (clearbox network JSON read by fromLayersModel, softmax dropped, weights rounded
// to 7 significant digits). Run by hand: node packages/credit/scripts/train-digits-resnet.mjs (a few minutes, cpu).
import { writeFileSync } from "node:fs";
// The umbrella package registers the gradients that training needs (bare tfjs-core does not; clearbox never does).
import * as tf from "@tensorflow/tfjs";
import { fromLayersModel } from "@clearbox/credit";
import { readDigits } from "@clearbox/fixtures/digits";

const root = new URL("../../../", import.meta.url);
const digits = readDigits();
const TRAIN = 1200;
const pixels = digits.pixels.map((r) => r.map((v) => v / 16));
const labels = digits.labels;

await tf.setBackend("cpu");
let seed = 1;
const conv = (filters, name) =>
  tf.layers.conv2d({
    filters,
    kernelSize: 3,
    padding: "same",
    useBias: false,
    name,
    kernelInitializer: tf.initializers.heNormal({ seed: seed++ }),
  });
const bn = (name) => tf.layers.batchNormalization({ name });
const relu = (name) => tf.layers.reLU({ name });

const input = tf.input({ shape: [8, 8, 1], name: "pixels" });
const stem = relu("stem_relu").apply(bn("stem_bn").apply(conv(8, "stem").apply(input)));
let y = relu("block_relu1").apply(bn("block_bn1").apply(conv(8, "block_conv1").apply(stem)));
y = bn("block_bn2").apply(conv(8, "block_conv2").apply(y));
let x = relu("block_out").apply(tf.layers.add({ name: "residual" }).apply([stem, y]));
x = tf.layers.maxPooling2d({ poolSize: 2, name: "pool" }).apply(x);
x = relu("head_relu").apply(bn("head_bn").apply(conv(16, "head").apply(x)));
x = tf.layers.globalAveragePooling2d({ name: "gap" }).apply(x);
const output = tf.layers
  .dense({
    units: 10,
    activation: "softmax",
    name: "logits",
    kernelInitializer: tf.initializers.glorotUniform({ seed: seed++ }),
  })
  .apply(x);
const model = tf.model({ inputs: input, outputs: output });
model.compile({ optimizer: tf.train.adam(0.01), loss: "categoricalCrossentropy", metrics: ["accuracy"] });

const xs = tf.tensor4d(pixels.slice(0, TRAIN).flat(), [TRAIN, 8, 8, 1]);
const ys = tf.oneHot(tf.tensor1d(labels.slice(0, TRAIN), "int32"), 10);
await model.fit(xs, ys, { epochs: 30, batchSize: 32, shuffle: false, verbose: 0 });

const test = pixels.length - TRAIN;
const predicted = model
  .predict(tf.tensor4d(pixels.slice(TRAIN).flat(), [test, 8, 8, 1]))
  .argMax(-1)
  .dataSync();
const correct = labels.slice(TRAIN).filter((label, i) => predicted[i] === label).length;
const accuracy = correct / test;

const round = (value) => (Array.isArray(value) ? value.map(round) : Number(value.toPrecision(7)));
const network = fromLayersModel(model, { dropSoftmax: true });
const weights = ["kernel", "bias", "gamma", "beta", "movingMean", "movingVariance"];
const layers = network.layers.map((layer) =>
  Object.fromEntries(
    Object.entries(layer).map(([key, value]) => [
      key,
      weights.includes(key) && value !== undefined ? round(value) : value,
    ]),
  ),
);
const file = {
  about:
    "A residual CNN with batch norm trained on the UCI digits (data/digits/digits.csv, rows 0–1199; pixels / 16) by packages/credit/scripts/train-digits-resnet.mjs with TensorFlow.js 4.22 (Adam 0.01, 30 epochs, batch 32), read by fromLayersModel. Softmax dropped: the output is the logits.",
  testAccuracy: { rows: `${TRAIN}–${pixels.length - 1}`, accuracy: Number(accuracy.toFixed(4)) },
  network: { inputShape: network.inputShape, inputName: network.inputName, layers },
};
writeFileSync(new URL("data/digits/digits-resnet.json", root), JSON.stringify(file) + "\n");
console.log(`test accuracy ${(100 * accuracy).toFixed(1)} % on ${test} digits`);
