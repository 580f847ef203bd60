// DGMTracker (thesis chapter 4, ALGORITHMS.md §5–§7) over a recorded training run, composed from the clearbox
// packages. One module for the Vite page and the Node report, so that the two cannot disagree:
//   loadRun(reader)            → the run as the views use it: the dgmtracker reader, its manifest's meta, the loss
//   analyzeRun(run)            → dgmtracker's sampleRun (blue noise vs random with their quality, the online sample
//                                against both), and the layer's neuron clusters
//   dataflow(run, kind)        → dgmtracker's dataflow over the VAE's layer graph
//   credit(run, analysis, u)   → forward and backward credit of one neuron, and the cluster-aggregated influence
import { kmeans } from "@clearbox/cluster";
import { aggregateInfluence, backwardInfluence, forwardInfluence, forwardPass, prepareNetwork } from "@clearbox/credit";
import { dataflow as runDataflow, sampleRun } from "@clearbox/dgmtracker";
import { createTimings } from "@clearbox/demo-kit/timings";

/** Series drawn in the blue-noise and the random panels. */
export const SAMPLE_COUNT = 100;
/** Clusters of the full layer's neurons in the credit view. */
export const NEURON_CLUSTERS = 8;
export const KINDS = ["weights", "gradients", "activations"];

/**
 * The run as the views use it, from a dgmtracker reader (`openRun`): the reader, what the recorder kept in the
 * manifest (settings, layers, the decoder's final weights, the probes' codes, the online sample), the loss.
 * @param {import("@clearbox/dgmtracker").RunReader} reader
 * @returns {Record<string, any> & { reader: import("@clearbox/dgmtracker").RunReader, steps: number, loss: Float64Array }}
 */
export function loadRun(reader) {
  const meta = /** @type {Record<string, any>} what the recorder kept */ (reader.manifest.meta);
  return {
    ...meta,
    reader,
    steps: reader.length,
    loss: reader.scalar("loss"),
    stats: (layer, kind) => reader.stats(layer, kind),
    online: meta.online ? { indices: Int32Array.from(meta.online.indices) } : undefined,
  };
}

/**
 * The series a planted anomaly touched: those of the full layer that belong to the anomalous units. Weights and
 * gradients are `input · units + unit` (a dense kernel, row-major), activations `probe · units + unit`.
 * @param {object} run - loadRun's result
 * @param {import("@clearbox/dgmtracker").SeriesKind} [kind]
 */
export function anomalousSeries(run, kind = "weights") {
  const { anomaly } = run.settings;
  const { count } = run.reader.fullSeries().find((s) => s.layer === run.fullLayer && s.kind === kind);
  const units = run.decoder[run.fullLayer].bias.length;
  return Array.from({ length: count }, (_, i) => i).filter((i) => anomaly.units.includes(i % units));
}

/**
 * Blue-noise versus random sampling of the full layer's series at the same count, with `samplingQuality` (outliers =
 * the series the planted anomaly touched), the online sample kept during training against the fresh one, and k-means
 * clusters of the layer's neurons (by their final incoming weights).
 * @param {object} run - loadRun's result
 * @param {{ count?: number, seed?: number, kind?: "weights" | "gradients" | "activations" }} [options]
 */
export function analyzeRun(run, { count = SAMPLE_COUNT, seed = 1, kind = "weights" } = {}) {
  const outliers = anomalousSeries(run, kind);
  const { timings, timed } = createTimings();
  const online = kind === "weights" && run.online ? run.online.indices : undefined;
  const sample = timed(`read the ${kind} of ${run.fullLayer}, sample them (blue noise, random), their quality`, () =>
    sampleRun(run.reader, run.fullLayer, kind, { count, seed, outliers, ...(online && { compare: online }) }),
  );
  const { window: series, blue, random } = sample;
  const quality = { ...sample.quality, online: sample.quality.compare };
  const onlineOverlap = online ? online.filter((i) => blue.indices.includes(i)).length : undefined;
  const network = decoderNetwork(run);
  const kernel = run.decoder[run.fullLayer].kernel; // inputs × units
  const vectors = kernel[0].map((_, u) => kernel.map((row) => row[u]));
  const clusters = Array.from(kmeans(vectors, NEURON_CLUSTERS, { seed }).labels);
  return { kind, series, outliers, blue, random, quality, onlineOverlap, network, clusters, timings };
}

/**
 * The snapshot-level DAG (§4.3): the VAE's layers with min / mean / max of one statistic per step.
 * @param {object} run - loadRun's result
 * @param {import("@clearbox/dgmtracker").SeriesKind} [kind]
 * @param {Array<{ id: string, label: string, parents: string[] }>} [layers]
 */
export function dataflow(run, kind = "weights", layers = run.layers) {
  const graph = [
    { id: "input", label: run.inputLabel ?? "784 pixels" },
    ...layers.map((layer) => ({
      id: layer.id,
      label: layer.label,
      parents: layer.parents.length ? layer.parents : ["input"],
    })),
  ];
  const { steps, nodes } = runDataflow(run.reader, graph, kind);
  return { steps: Array.from(steps), nodes };
}

/** The decoder as a clearbox network (the sigmoid dropped: credit explains the logits). */
function decoderNetwork(run) {
  const { dec1, dec2 } = run.decoder;
  return prepareNetwork({
    inputShape: [dec1.kernel.length],
    layers: [
      { type: "dense", kernel: dec1.kernel, bias: dec1.bias, activation: "relu" },
      { type: "dense", kernel: dec2.kernel, bias: dec2.bias, activation: "linear" },
    ],
  });
}

/**
 * Credit (§4.5) of one neuron of the decoder's first layer on a probe digit's latent code: its forward influence on
 * every output pixel, the backward credit of each latent dimension in it, and the influence of every neuron cluster
 * on 7 × 7 blocks of output pixels (aggregated by `aggregateInfluence`).
 * @param {number} unit - a neuron of the full layer
 * @param {number} [probe] - which probe digit's code feeds the decoder
 */
export function credit(run, analysis, unit, probe = 0) {
  const { network, clusters } = analysis;
  const { activations } = forwardPass(network, run.probeCodes[probe]);
  const forward = forwardInfluence(network, activations, 1); // units × pixels, columns sum to 1
  const backward = backwardInfluence(network, activations, 0); // units × latent dims
  const row = (m, r) => Array.from(m.values.subarray(r * m.columns, (r + 1) * m.columns));
  const groups = Array.from({ length: NEURON_CLUSTERS }, (_, c) => clusters.flatMap((l, u) => (l === c ? [u] : [])));
  const blocks = Array.from({ length: 16 }, (_, b) => {
    const [by, bx] = [Math.floor(b / 4), b % 4];
    return Array.from({ length: 49 }, (_, k) => (by * 7 + Math.floor(k / 7)) * 28 + bx * 7 + (k % 7));
  });
  const aggregated = aggregateInfluence(
    forward,
    groups.filter((g) => g.length > 0),
    blocks,
  );
  return {
    unit,
    probe,
    forward: row(forward, unit),
    backward: row(backward, unit),
    activation: activations[1][unit],
    aggregated,
    clusterOf: clusters[unit],
    reconstruction: Array.from(activations[2], (z) => 1 / (1 + Math.exp(-z))),
  };
}
