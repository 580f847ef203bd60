// The explorer's analysis, a thin layer over @clearbox/cnnvis (the CNNVis pipeline) and @clearbox/credit (LRP), shared
// by the Vite page and the Node report so that the two cannot disagree:
//   analyzeModel(model, sample)       → cnnvis's analysis of any tf.layers model credit reads, each neuron's top-patch
//                                       image as a PNG data URL, and the LRP of one sample
//   deriveViews / moveNeuron          → cnnvis's, as they are
import { pngDataUrl } from "@clearbox/charts";
import { analyzeModel as analyze, deriveViews, moveNeuron, neuronImage } from "@clearbox/cnnvis";
import { forwardBatch, fromLayersModel, lrp } from "@clearbox/credit";

export { deriveViews, moveNeuron };

/**
 * Analyse a trained tf.layers model on labelled samples with @clearbox/cnnvis (layer groups, class means, importance,
 * top patches, k-means clusters), and explain one sample with LRP.
 * @param {import("@clearbox/credit").LayersModelLike} model - Sequential or functional; a softmax output is read as logits.
 * @param {{ images: Float32Array, labels: number[], classes?: string[] }} sample - inputs in the model's input shape, flat.
 * @param {{ explain?: number, onProgress?: (f: number) => void }} [options]
 */
export function analyzeModel(model, sample, { explain = 0, onProgress } = {}) {
  const network = fromLayersModel(model, { dropSoftmax: true });
  const analysis = analyze(network, sample, {
    batchSize: 128,
    ...(sample.classes && { classes: sample.classes }),
    ...(onProgress && { onProgress }),
  });
  const hrefs = analysis.groups.map((group) =>
    Array.from({ length: group.units }, (_, u) => {
      const { width, height, rgb } = neuronImage(group, u);
      return pngDataUrl(width, height, rgb);
    }),
  );
  const index = Math.min(Math.max(0, explain), analysis.count - 1);
  return { ...analysis, network, hrefs, explanation: explainSample(network, sample, index, analysis.inputShape) };
}

/**
 * LRP of one sample for its predicted class, by the composite εγ-box (z^B at the input, γ in convolutions, ε above),
 * summed over colour channels for display.
 * @param {import("@clearbox/credit").Network} network
 * @param {{ images: Float32Array, labels: number[] }} sample
 * @param {number} index - which sample
 * @param {number[]} inputShape - [height, width, channels]
 */
export function explainSample(network, sample, index, inputShape) {
  const size = inputShape.reduce((a, b) => a * b, 1);
  const channels = inputShape[2] ?? 1;
  const input = sample.images.subarray(index * size, (index + 1) * size);
  const logits = forwardBatch(network, [input]).get(network.layers.length); // only the output is read back
  let predicted = 0;
  for (let i = 1; i < logits.length; i++) if (logits[i] > logits[predicted]) predicted = i;
  const { relevance } = lrp(network, input, {
    composite: "epsilonGammaBox",
    low: 0,
    high: 1,
    target: predicted,
    read: "input",
  });
  const perPixel = (values, scale) =>
    Array.from({ length: size / channels }, (_, p) => {
      let sum = 0;
      for (let c = 0; c < channels; c++) sum += values[p * channels + c];
      return sum * scale;
    });
  return {
    index,
    label: sample.labels[index],
    predicted,
    relevance: perPixel(relevance[0], 1),
    pixels: perPixel(input, 1 / channels),
    width: inputShape[1],
  };
}
