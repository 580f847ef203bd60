// The explorer's own CNN, trained for the report and for the cached files in data/ (Node only: reads MNIST).
import { loadMnist } from "./mnist.mjs";
import { accuracy, buildCnn, trainCnn, useWasm } from "./train-cnn.mjs";

export const EPOCHS = 2;
export const LEARNING_RATE = 3e-3;
export const SEED = 1;
/** Analysed digits per class, the first of each class in the test split. */
export const SAMPLE_PER_CLASS = 30;

/**
 * Load MNIST, train the CNN for real (deterministic), measure test accuracy, and pick the analysed sample.
 * @param {{ onProgress?: (line: string) => void }} [options]
 */
export async function trainExplorerCnn({ onProgress = () => {} } = {}) {
  let start = performance.now();
  const { train, test } = loadMnist();
  onProgress(`MNIST read: ${train.labels.length} training and ${test.labels.length} test digits (${seconds(start)})`);
  await useWasm();
  const model = buildCnn(SEED);
  start = performance.now();
  await trainCnn(model, train, {
    epochs: EPOCHS,
    learningRate: LEARNING_RATE,
    onEpoch: (epoch, loss, s) =>
      onProgress(`epoch ${epoch + 1}/${EPOCHS}: loss ${loss.toFixed(3)} (${s.toFixed(1)} s)`),
  });
  const trainSeconds = (performance.now() - start) / 1000;
  const testAccuracy = accuracy(model, test);
  onProgress(`test accuracy ${(100 * testAccuracy).toFixed(1)} % on ${test.labels.length} held-out digits`);
  return {
    model,
    testAccuracy,
    trainSeconds,
    sample: pickSample(test),
    trainCount: train.labels.length,
    testCount: test.labels.length,
  };
}

/** The first SAMPLE_PER_CLASS test digits of every class, interleaved as in the split. */
function pickSample(test) {
  const size = 28 * 28;
  const taken = new Array(10).fill(0);
  const images = [];
  const labels = [];
  test.labels.forEach((label, i) => {
    if (taken[label] >= SAMPLE_PER_CLASS) return;
    taken[label]++;
    images.push(...test.images.subarray(i * size, (i + 1) * size));
    labels.push(label);
  });
  return { images: Float32Array.from(images), labels };
}

function seconds(start) {
  return `${((performance.now() - start) / 1000).toFixed(1)} s`;
}
