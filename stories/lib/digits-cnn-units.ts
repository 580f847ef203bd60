import { classMeanVectors, kmeans } from "@clearbox/cluster";
import { forwardInfluence, forwardPass, prepareNetwork } from "@clearbox/credit";
import type { Network } from "@clearbox/credit";
import trained from "../../data/digits/digits-cnn.json";
import { digits } from "./digits.js";

/** The digits CNN (96 % on held-out digits), prepared once for the chart stories. */
export const network = prepareNetwork(trained.network as unknown as Network);

/** The 256 flattened conv-2 neurons, over the first 300 digits: per-class means, importance, cluster and class. */
export interface DenseNeurons {
  /** classMeans[n][c]: neuron n's mean activation over digits of class c (CNNVis eq. 3-1). */
  classMeans: number[][];
  /** Mean activation over all the digits. */
  importance: number[];
  /** k-means cluster (16) of the class-mean vectors. */
  cluster: number[];
  /** The class each neuron responds to most. */
  topClass: number[];
}

let cached: DenseNeurons | undefined;

export function denseNeurons(): DenseNeurons {
  if (cached) return cached;
  const samples = 300;
  const rows = digits.pixels.slice(0, samples).map((p) => {
    const { activations } = forwardPass(
      network,
      p.map((v) => v / 16),
    );
    return Array.from(activations[4]);
  });
  const classMeans = classMeanVectors(rows, digits.labels.slice(0, samples), 10);
  const importance = classMeans.map((_, n) => rows.reduce((s, r) => s + r[n], 0) / rows.length);
  const cluster = Array.from(kmeans(classMeans, 16, { seed: 1 }).labels);
  const topClass = classMeans.map((v) => v.indexOf(Math.max(...v)));
  cached = { classMeans, importance, cluster, topClass };
  return cached;
}

/**
 * Two layers of the digits CNN for one digit as one grid: row 0 the 8 pooled conv-1 maps, rows 1–2 the 16 conv-2
 * maps, valued by mean activation; `influences[8 + k][i]` is conv-1 map i's forward influence on conv-2 map k.
 */
export function convMapsGrid(row: number) {
  const { activations } = forwardPass(
    network,
    digits.pixels[row].map((v) => v / 16),
  );
  const meanPerMap = (a: ArrayLike<number>, channels: number) => {
    const sums = new Array<number>(channels).fill(0);
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
