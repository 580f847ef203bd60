// MNIST for the explorer (Node only: the package's per-digit JSON files are 21 MB, too large for the page, which
// reads the vendored sample in data/sample.json that scripts/train.mjs writes from the same split).
import { createRequire } from "node:module";
import { splitMnist } from "@clearbox/fixtures/mnist";

export { MNIST_SIDE as SIDE } from "@clearbox/fixtures/mnist";

/** The first 800 digits of each class train, the rest test (see splitMnist). */
export function loadMnist() {
  return splitMnist(createRequire(import.meta.url)("mnist"), { trainPerClass: 800 });
}
