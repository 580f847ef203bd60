// @clearbox/credit: LRP and influence timings on TensorFlow.js's cpu and wasm backends, side by side.
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import "@tensorflow/tfjs-backend-wasm";
import { createRandom } from "@clearbox/core";
import {
  backwardInfluence,
  disposeNetwork,
  forwardInfluence,
  forwardPass,
  fromLayersModel,
  lrp,
  lrpBatch,
  prepareNetwork,
} from "@clearbox/credit";
import { cifarCnn, mobileNetV2 } from "./credit-models.mjs";
import { measure, writeReport } from "./measure.mjs";

const normal = (random, scale) => random.normal() * scale;

function dense(random, inputs, outputs, activation) {
  return {
    type: "dense",
    kernel: Array.from({ length: inputs }, () =>
      Array.from({ length: outputs }, () => normal(random, 1 / Math.sqrt(inputs))),
    ),
    bias: Array.from({ length: outputs }, () => normal(random, 0.01)),
    activation,
  };
}

function conv(random, k, inputs, outputs) {
  const scale = 1 / Math.sqrt(k * k * inputs);
  return {
    type: "conv2d",
    kernel: Array.from({ length: k }, () =>
      Array.from({ length: k }, () =>
        Array.from({ length: inputs }, () => Array.from({ length: outputs }, () => normal(random, scale))),
      ),
    ),
    bias: Array.from({ length: outputs }, () => normal(random, 0.01)),
    activation: "relu",
  };
}

/** The MLP the issue names. */
function mlp(seed) {
  const random = createRandom(seed);
  return {
    layers: [dense(random, 784, 256, "relu"), dense(random, 256, 128, "relu"), dense(random, 128, 10, "linear")],
  };
}

/** A small MNIST CNN: 28×28×1 → conv 3×3×16 → max pool 2 → conv 3×3×32 → max pool 2 → dense 800 → 10. */
function cnn(seed) {
  const random = createRandom(seed);
  return {
    inputShape: [28, 28, 1],
    layers: [
      conv(random, 3, 1, 16),
      { type: "maxPool2d", poolSize: 2 },
      conv(random, 3, 16, 32),
      { type: "maxPool2d", poolSize: 2 },
      { type: "flatten" },
      dense(random, 800, 10, "linear"),
    ],
  };
}

const fmtRatio = (r) => `${r.toFixed(2)} ×`;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function timed(f) {
  const start = performance.now();
  f();
  return performance.now() - start;
}

/**
 * f and g called in alternation after 10 warm-up pairs: median times, the median of the per-pair ratios g / f, and
 * the ratio of the fastest calls (on a loaded machine the least disturbed ones: nearest a quiet run's).
 */
function alternate(f, g, pairs) {
  for (let w = 0; w < 10; w++) {
    f();
    g();
  }
  const rows = Array.from({ length: pairs }, () => [timed(f), timed(g)]);
  return summary(rows);
}

/** Medians, the median per-row ratio, and the ratio of the fastest of each. */
function summary(rows) {
  const fastest = (k) => Math.min(...rows.map((r) => r[k]));
  return {
    f: median(rows.map((r) => r[0])),
    g: median(rows.map((r) => r[1])),
    ratio: median(rows.map(([a, b]) => b / a)),
    fastest: fastest(1) / fastest(0),
  };
}

/**
 * Back-to-back blocks: `count` calls of f, then `count` of g (each block warmed by 3 calls first), repeated `rounds`
 * times; median per-call times over the rounds and the median of the per-round ratios g / f. Unlike alternation, f
 * runs after itself here, with its own weights still in the caches.
 */
function blocks(f, g, count, rounds) {
  const block = (h) => {
    for (let w = 0; w < 3; w++) h();
    const start = performance.now();
    for (let i = 0; i < count; i++) h();
    return (performance.now() - start) / count;
  };
  const rows = Array.from({ length: rounds }, () => [block(f), block(g)]);
  return summary(rows);
}

/**
 * max |forwardPass − predict| ÷ max |predict| on the logits (issue #34 asks ≤ 1e-4). A model ending in a softmax
 * (read with it dropped) is compared on log-probabilities: the logits less their log-sum-exp against log(predict).
 */
function forwardError(model, network, x, predicted) {
  let [mine, theirs] = [Array.from(forwardPass(network, x).activations.at(-1)), Array.from(predicted)];
  if (model.layers.at(-1).getConfig().activation === "softmax") {
    const top = Math.max(...mine);
    const logSum = top + Math.log(mine.reduce((s, v) => s + Math.exp(v - top), 0));
    [mine, theirs] = [mine.map((v) => v - logSum), theirs.map(Math.log)];
  }
  const scale = Math.max(...theirs.map(Math.abs));
  return Math.max(...mine.map((v, i) => Math.abs(v - theirs[i]))) / scale;
}

/** LRP of one input against model.predict of the same input, side by side on wasm, measured both ways. */
async function versusPredict() {
  await tf.setBackend("wasm");
  const rows = [];
  for (const [name, build, repeats] of [
    ["CIFAR-sized CNN (4 conv, 2 pool, dense 384; 1.6 M parameters), 32 × 32 × 3", cifarCnn, 15],
    ["MobileNetV2 (alpha 1, 3.5 M parameters), 224 × 224 × 3", mobileNetV2, 9],
  ]) {
    const model = build();
    const shape = model.inputs[0].shape.slice(1);
    const size = shape.reduce((a, b) => a * b, 1);
    const random = createRandom(5);
    const x = Float32Array.from({ length: size }, () => random.next());
    const network = prepareNetwork(fromLayersModel(model, { dropSoftmax: true }));
    const predictOnce = () => tf.tidy(() => model.predict(tf.tensor(x, [1, ...shape])).dataSync());
    const options = { rule: "epsilon", target: 3 };
    const inputOnly = () => lrp(network, x, { ...options, read: "input" });
    // Alternating calls (predict, LRP, predict, LRP, …): a change in the machine's load hits both alike, and each
    // call finds the caches as the other left them, as when a user calls predict and then lrp on every input.
    const pairs = alternate(predictOnce, inputOnly, repeats);
    // Back-to-back blocks (N predicts, then N LRPs): each call finds its own weights still cached.
    const back = blocks(predictOnce, inputOnly, repeats, 5);
    const allRun = alternate(predictOnce, () => lrp(network, x, options), repeats);
    const error = forwardError(model, network, x, predictOnce());
    rows.push({
      task: name,
      "predict (pairs)": fmt(pairs.f),
      "lrp (pairs)": fmt(pairs.g),
      "ratio (pairs)": `${fmtRatio(pairs.ratio)} (fastest ${fmtRatio(pairs.fastest)})`,
      "predict (blocks)": fmt(back.f),
      "lrp (blocks)": fmt(back.g),
      "ratio (blocks)": `${fmtRatio(back.ratio)} (fastest ${fmtRatio(back.fastest)})`,
      "lrp, every layer read (pairs)": fmt(allRun.g),
      "ratio, every layer": `${fmtRatio(allRun.ratio)} (fastest ${fmtRatio(allRun.fastest)})`,
      "forwardPass vs predict (relative)": error.toExponential(1),
    });
    disposeNetwork(network);
    model.dispose();
  }
  return rows;
}

async function perInputInBatches() {
  await tf.setBackend("wasm");
  const rows = [];
  const random = createRandom(6);
  const cifar = cifarCnn();
  for (const [name, network, size] of [
    ["MLP 784-256-128-10", prepareNetwork(mlp(1)), 784],
    ["CIFAR-sized CNN", prepareNetwork(fromLayersModel(cifar)), 3072],
  ]) {
    const inputs = Array.from({ length: 32 }, () => Float32Array.from({ length: size }, () => random.next()));
    const targets = inputs.map((_, i) => i % 10);
    const one = measure(() => lrp(network, inputs[0], { rule: "epsilon", target: 3, read: "input" }), {
      repeats: 9,
    }).ms;
    const batch = measure(() => lrpBatch(network, inputs, { rule: "epsilon", target: targets, read: "input" }), {
      repeats: 5,
    }).ms;
    rows.push({ task: name, "one call per input": fmt(one), "per input, batch of 32": fmt(batch / 32) });
    disposeNetwork(network);
  }
  cifar.dispose();
  return rows;
}

const fmt = (ms) => `${ms.toFixed(2)} ms`;

export async function runCreditBench() {
  const random = createRandom(1);
  const predictRows = await versusPredict();
  const batchRows = await perInputInBatches();
  const x = Array.from({ length: 784 }, () => random.next());
  const nets = {
    "MLP 784-256-128-10": prepareNetwork(mlp(1)),
    "CNN 28×28 (2 conv + 2 pool + dense)": prepareNetwork(cnn(2)),
  };
  const rows = [];
  for (const [name, network] of Object.entries(nets)) {
    const layers = network.outputShapes.length;
    const composite = ["zb", ...new Array(layers - 1).fill("epsilon")];
    const settings = [
      ["lrp0", { rule: "lrp0" }],
      ["epsilon", { rule: "epsilon" }],
      ["alphabeta, α = 2, β = 1", { rule: "alphabeta" }],
      ["zB at the input, ε above", { rules: composite }],
    ];
    for (const [label, options] of settings) {
      const row = { task: `LRP (${label}), one sample, ${name}` };
      for (const backend of ["cpu", "wasm"]) {
        await tf.setBackend(backend);
        row[backend] = fmt(measure(() => lrp(network, x, { ...options, target: 3 }), { repeats: 15 }).ms);
      }
      rows.push(row);
    }
    const row = { task: `forward pass only, ${name}` };
    for (const backend of ["cpu", "wasm"]) {
      await tf.setBackend(backend);
      row[backend] = fmt(measure(() => forwardPass(network, x), { repeats: 15 }).ms);
    }
    rows.push(row);
  }
  await tf.setBackend("cpu");
  const raw = mlp(1);
  rows.push({
    task: "LRP (epsilon), MLP, unprepared network (validated and copied on every call)",
    cpu: fmt(measure(() => lrp(raw, x, { rule: "epsilon", target: 3 }), { repeats: 15 }).ms),
    wasm: "—",
  });

  const wide = prepareNetwork({ layers: [dense(createRandom(3), 512, 512, "relu")] });
  const input = Array.from({ length: 512 }, () => random.next());
  const { activations } = forwardPass(wide, input);
  const influence = [
    ["forward influence matrix, 512 × 512 dense pair", () => forwardInfluence(wide, activations, 0)],
    ["backward influence matrix, 512 × 512 dense pair", () => backwardInfluence(wide, activations, 0)],
  ];
  const cnnActivations = forwardPass(nets["CNN 28×28 (2 conv + 2 pool + dense)"], x).activations;
  influence.push([
    "forward influence between feature maps, CNN conv 2 (16 → 32 maps, 13×13 → 11×11)",
    () => forwardInfluence(nets["CNN 28×28 (2 conv + 2 pool + dense)"], cnnActivations, 2),
  ]);
  const influenceRows = influence.map(([task, fn]) => ({ task, "float64 JS": fmt(measure(fn, { repeats: 9 }).ms) }));

  writeReport("credit", "@clearbox/credit", [
    {
      heading: "LRP of one input ÷ model.predict of the same input (wasm, side by side)",
      note: 'Two ways, both on tfjs-backend-wasm in one process, LRP-ε explaining one class, BN folded, models built with tf.layers and read by fromLayersModel (softmax dropped). "pairs": predict and LRP called in alternation after 10 warm-up pairs (15 pairs for the CNN, 9 for MobileNetV2), medians, and the median of the per-pair ratios. "blocks": N predicts back to back, then N LRPs (N = 15 / 9, each block warmed by 3 calls), 5 rounds, median per-call times and the median per-round ratio; here predict runs right after itself with its weights still cached, so on a quiet machine it is faster than in pairs and the ratio higher: the stricter figure. LRP reads back only relevance[0] (option read: "input"); "every layer read" reads back every layer\'s relevance (pairs). The last column checks forwardPass against predict on the same input: max error ÷ max value on the logits (MobileNetV2, whose predict ends in a softmax, on log-probabilities: the logits less their log-sum-exp); issue #34 asks ≤ 1e-4. Issue #34 asks ≤ 3 ×. "fastest" is the ratio of the fastest LRP to the fastest predict of the same measurement: on a loaded machine the least disturbed calls, nearest what a quiet machine gives. Figures are noisy on a busy machine: ratios within one run are the comparable quantity; the load average at the run is printed above.',
      rows: predictRows,
    },
    {
      heading: "LRP per input: one call each vs a batch of 32 (lrpBatch), wasm",
      note: "LRP-ε, input relevance read back; median of 9 single calls and of 5 batches (divided by 32). Issue #34 asks ≤ 2 ms per input for the MLP in a batch.",
      rows: batchRows,
    },
    {
      heading: "LRP, one sample: cpu vs wasm backend",
      note: "Median of 15 runs after warm-up, on prepared networks (prepareNetwork: validated once). Issue #5 asks ≤ 10 ms for the MLP and ≤ 100 ms for a small CNN on wasm. Random weights; timings do not depend on the values.",
      rows,
    },
    {
      heading: "Influence matrices",
      note: "Median of 9 runs. Computed in float64 loops (backend-independent). Issue #5 asks ≤ 50 ms for 512 × 512.",
      rows: influenceRows,
    },
  ]);
}
