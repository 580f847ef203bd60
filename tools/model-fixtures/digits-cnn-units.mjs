// Units of the digits CNN (data/digits/digits-cnn.json) as the chart stories, docs figures and benches show them:
// the 256 flattened conv-2 neurons summarised over digits (CNNVis eq. 3-1), and the pooled conv-1 → conv-2 feature
// maps of one digit with their forward influences. The caller loads the files (Node reads them, the browser imports).
import { classMeanVectors, kmeans } from "@clearbox/cluster";
import { forwardInfluence, forwardPass } from "@clearbox/credit";

/**
 * @param network - the prepared digits CNN (prepareNetwork(trained.network))
 * @param pixels - digit images as rows of 64 values 0–16; labels - their classes
 * @param options - samples: digits summarised (default 300, the first rows); clusters: k-means clusters (default 16)
 * @returns { classMeans: neurons × 10 mean activations, importance: mean activation, cluster, topClass }
 */
export function denseNeurons(network, pixels, labels, { samples = 300, clusters = 16 } = {}) {
  const rows = pixels.slice(0, samples).map((p) =>
    Array.from(
      forwardPass(
        network,
        p.map((v) => v / 16),
      ).activations[4],
    ),
  );
  const classMeans = classMeanVectors(rows, labels.slice(0, samples), 10);
  const importance = classMeans.map((_, n) => rows.reduce((s, r) => s + r[n], 0) / rows.length);
  const cluster = Array.from(kmeans(classMeans, clusters, { seed: 1 }).labels);
  const topClass = classMeans.map((v) => v.indexOf(Math.max(...v)));
  return { classMeans, importance, cluster, topClass };
}

/**
 * One digit's pooled conv-1 maps (row 0 of an 8-wide grid) and conv-2 maps (rows 1–2) by mean activation, with
 * `influences[8 + k][i]` = conv-1 map i's forward influence on conv-2 map k.
 * @param network - the prepared digits CNN; pixels - one digit's 64 values 0–16
 */
export function convMapsGrid(network, pixels) {
  const { activations } = forwardPass(
    network,
    pixels.map((v) => v / 16),
  );
  const meanPerMap = (a, channels) => {
    const sums = new Array(channels).fill(0);
    for (let i = 0; i < a.length; i++) sums[i % channels] += a[i];
    return sums.map((s) => s / (a.length / channels));
  };
  const lower = meanPerMap(activations[2], 8);
  const upper = meanPerMap(activations[3], 16);
  const matrix = forwardInfluence(network, activations, 2);
  const values = [...lower, ...upper];
  const influences = values.map((_, j) =>
    values.map((_, i) => (j >= 8 && i < 8 ? matrix.values[i * matrix.columns + (j - 8)] : 0)),
  );
  const labels = [...lower.map((_, i) => `conv-1 map ${i}`), ...upper.map((_, k) => `conv-2 map ${k}`)];
  return { values, influences, labels, columns: 8 };
}
