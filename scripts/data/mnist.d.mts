export const MNIST_SIDE: 28;
type Split = { images: Float32Array; labels: number[] };
export function splitMnist(
  mnist: Array<{ length: number; get(i: number): number[] }>,
  options?: { trainPerClass?: number },
): { train: Split; test: Split };
