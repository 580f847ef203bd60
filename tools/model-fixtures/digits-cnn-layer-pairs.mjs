// The layer pairs of the digits CNN (data/digits/digits-cnn.json) as CNNVis bundles them: each layer's neurons (or
// feature maps) clustered by their per-class mean activations (thesis eq. 3-1) with @clearbox/cluster's k-means, and
// the weights between consecutive clustered layers. Shared by the bicluster story, bench, docs figure and tests, so
// they all show the same real data. The caller loads the files (Node reads them, the browser imports them).
import { classMeanVectors, kmeans } from "@clearbox/cluster";
import { forwardPass, prepareNetwork } from "@clearbox/credit";

/**
 * @param trained - the parsed digits-cnn.json
 * @param pixels - digit images as rows of 64 values 0–16; labels - their classes
 * @param options - samples: how many digits feed the class means (default 600, from the first rows); seed
 * @returns [{ name, weights, inputLabels, outputLabels, inputClusters, outputClusters }] for conv → conv and
 *   flatten → logits
 */
export function digitsCnnLayerPairs(trained, pixels, labels, { samples = 600, seed = 1 } = {}) {
  const network = prepareNetwork(trained.network);
  const count = Math.min(samples, pixels.length);
  const perLayer = []; // perLayer[l][s] = activations of network output l (0 = input) for sample s
  for (let s = 0; s < count; s++) {
    const { activations } = forwardPass(
      network,
      pixels[s].map((v) => v / 16),
    );
    activations.forEach((a, l) => (perLayer[l] ??= []).push(a));
  }
  const sampleLabels = labels.slice(0, count);
  const shapes = [network.inputShape, ...network.outputShapes];
  // One vector of class means per feature map (the mean over its positions) or per neuron.
  const unitVectors = (l, byMap) => {
    const shape = shapes[l];
    const channels = shape[shape.length - 1];
    const rows = perLayer[l].map((a) => {
      if (!byMap) return Array.from(a);
      const sums = new Array(channels).fill(0);
      for (let i = 0; i < a.length; i++) sums[i % channels] += a[i];
      return sums.map((v) => v / (a.length / channels));
    });
    return classMeanVectors(rows, sampleLabels, 10);
  };
  const cluster = (vectors, k) => Array.from(kmeans(vectors, Math.min(k, vectors.length), { seed }).labels);
  const layers = trained.network.layers;
  // Layer 2 (conv 3×3, 8 → 16 maps) reads the pooled conv-1 maps (network output 2) and writes output 3.
  const convIn = cluster(unitVectors(2, true), 4);
  const convOut = cluster(unitVectors(3, true), 6);
  // Layer 4 (dense 256 → 10) reads the flattened maps (output 4) and writes the logits, one cluster per class.
  const denseIn = cluster(unitVectors(4, false), 16);
  const logits = Array.from({ length: 10 }, (_, c) => c);
  const clusters = (ids) => Math.max(...ids) + 1;
  return [
    {
      name: "conv 2: pooled conv-1 maps → conv-2 maps",
      weights: { kernel: layers[2].kernel },
      inputLabels: convIn,
      outputLabels: convOut,
      inputClusters: clusters(convIn),
      outputClusters: clusters(convOut),
    },
    {
      name: "dense: flattened conv-2 neurons → logits",
      weights: layers[4].kernel,
      inputLabels: denseIn,
      outputLabels: logits,
      inputClusters: clusters(denseIn),
      outputClusters: 10,
    },
  ];
}
