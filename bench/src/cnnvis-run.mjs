// One @clearbox/cnnvis measurement in its own Node process (so that peak RSS is its own), printing one JSON line:
//   node cnnvis-run.mjs app <model.json> <images>   the app's CNN on the first <images> MNIST digits (all 10,000)
//   node cnnvis-run.mjs resnet <images>             the app's residual MNIST CNN with batch norm at twice its width
//                                                   (32/64/128 channels, seeded weights) on the first <images> digits
//   node cnnvis-run.mjs mobilenet <images>          MobileNetV2 224² (alpha 1, seeded weights) on <images> random images
//   node cnnvis-run.mjs views <units>               deriveViews on a <units> × <units> pair, one cluster per unit
import { Buffer } from "node:buffer";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { createRandom } from "@clearbox/core";
import { analyzeModel, deriveViews } from "@clearbox/cnnvis";
import { mobileNetV2, seedWeights } from "@clearbox/fixtures/keras-models";
import { randomLayerPair } from "@clearbox/fixtures/random-layer-pair";
import { residualMnistCnn } from "@clearbox/model-fixtures/residual-mnist-cnn";

const [mode, ...args] = process.argv.slice(2);
tf.env().set("PROD", true);
await tf.setBackend("wasm");
await tf.ready();

/** The cnn-explorer's stored model (topology, specs, base64 weights). */
async function storedModel(path) {
  const stored = JSON.parse(readFileSync(path, "utf8"));
  const weights = Buffer.from(stored.weightData, "base64");
  const buffer = weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength);
  return tf.loadLayersModel(
    tf.io.fromMemory({ modelTopology: stored.modelTopology, weightSpecs: stored.weightSpecs, weightData: buffer }),
  );
}

/** All MNIST digits of the `mnist` package, class by class. */
function mnistDigits(count) {
  const mnist = createRequire(import.meta.url)("mnist");
  const images = new Float32Array(count * 784);
  const labels = [];
  for (let i = 0; labels.length < count; i++) {
    for (let d = 0; d < 10 && labels.length < count; d++) {
      if (i >= mnist[d].length) continue;
      images.set(mnist[d].get(i), labels.length * 784);
      labels.push(d);
    }
    if (i > 2000) break;
  }
  return { images: images.subarray(0, labels.length * 784), labels };
}

function timed(f) {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const result = f();
  const used = process.cpuUsage(cpu);
  return { result, ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
}

const report = (fields) => console.log(JSON.stringify({ ...fields, peakRss: process.resourceUsage().maxRSS * 1024 }));

if (mode === "app") {
  const model = await storedModel(args[0]);
  const samples = mnistDigits(Number(args[1]));
  const { result, ms, cpuMs } = timed(() => analyzeModel(model, samples, { batchSize: 256 }));
  report({ images: samples.labels.length, ms, cpuMs, groups: result.groups.map((g) => `${g.units}`).join("/") });
} else if (mode === "resnet") {
  const model = residualMnistCnn({ channels: [32, 64, 128], seed: 1 });
  const samples = mnistDigits(Number(args[0]));
  const { result, ms, cpuMs } = timed(() => analyzeModel(model, samples, { batchSize: 256 }));
  report({ images: samples.labels.length, ms, cpuMs, groups: result.groups.map((g) => `${g.units}`).join("/") });
} else if (mode === "mobilenet") {
  const model = mobileNetV2(224, 1, 1000);
  seedWeights(model, 1);
  const count = Number(args[0]);
  const random = createRandom(1);
  // Generated block by block: the images are never all in memory at once.
  const blocks = function* () {
    for (let from = 0; from < count; from += 50) {
      const n = Math.min(50, count - from);
      yield {
        images: Float32Array.from({ length: n * 224 * 224 * 3 }, () => random.next()),
        labels: Array.from({ length: n }, (_, i) => (from + i) % 10),
      };
    }
  };
  const classes = Array.from({ length: 10 }, (_, c) => String(c));
  const { result, ms, cpuMs } = timed(() => analyzeModel(model, blocks(), { batchSize: 25, classes }));
  report({ images: count, ms, cpuMs, groups: result.groups.map((g) => `${g.units}`).join("/") });
} else if (mode === "views") {
  const n = Number(args[0]);
  const analysis = randomLayerPair(n, { seed: 2 });
  const identity = Array.from({ length: n }, (_, u) => u);
  const { result, ms, cpuMs } = timed(() => deriveViews(analysis, [identity, identity]));
  report({
    units: n,
    ms,
    cpuMs,
    pairs: result.bundles[0].pairs,
    kept: result.bundles[0].kept,
    curves: result.bundles[0].curves,
  });
}
