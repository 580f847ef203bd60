import {
  ClearboxError,
  LONG_RUNNING_KEYS,
  assertInteger,
  assertOneOf,
  assertOptions,
  assertPositive,
  createProgress,
} from "@clearbox/core/internal";
import type { OptionKeys } from "@clearbox/core/internal";
import type { LayersModelLike, Network } from "@clearbox/credit";
import { BatchForward } from "./batch-forward.js";
import { channelMap } from "./channel-map.js";
import { clusterNeurons } from "./cluster-neurons.js";
import { UNIT_TYPES, readGraph, toNetwork } from "./graph.js";
import type { Graph } from "./graph.js";
import { GroupAccumulator } from "./group-accumulator.js";
import { fineReadouts, groupsByActivation, groupsByBoundaries } from "./layer-groups.js";
import type { LayerGroupSpec } from "./layer-groups.js";
import { receptiveFields } from "./receptive-field.js";
import { batches, classNamesOf, isBlock } from "./samples.js";
import type { SampleSource } from "./samples.js";
import type { AnalyzeOptions, Analysis, GroupConnection, NeuronGroup } from "./types.js";

const ANALYZE_OPTIONS = {
  batchSize: true,
  topK: true,
  patchSize: true,
  grouping: true,
  tolerance: true,
  groupingSamples: true,
  classes: true,
  clusters: true,
  seed: true,
  ...LONG_RUNNING_KEYS,
} satisfies OptionKeys<AnalyzeOptions>;

interface Resolved {
  batchSize: number;
  topK: number;
  patchSize: number;
  grouping: "boundaries" | "activation";
  tolerance: number;
  groupingSamples: number;
}

function resolve(options: AnalyzeOptions): Resolved {
  return {
    batchSize: options.batchSize === undefined ? 64 : assertInteger(options.batchSize, "options.batchSize", 1, 65536),
    topK: options.topK === undefined ? 4 : assertInteger(options.topK, "options.topK", 1, 64),
    patchSize: options.patchSize === undefined ? 32 : assertInteger(options.patchSize, "options.patchSize", 1, 256),
    grouping:
      options.grouping === undefined
        ? "boundaries"
        : assertOneOf(options.grouping, "options.grouping", ["boundaries", "activation"]),
    tolerance: options.tolerance === undefined ? 0.25 : assertPositive(options.tolerance, "options.tolerance"),
    groupingSamples:
      options.groupingSamples === undefined
        ? 256
        : assertInteger(options.groupingSamples, "options.groupingSamples", 1),
  };
}

/**
 * Analyse a trained CNN on labelled images the way CNNVis does (thesis §3.3, ALGORITHMS.md §1): group its layers,
 * and describe every neuron of every group (the channels of the group's readout layer) by its mean response per
 * class (eq. 3-1), its importance (mean |response|) and its top-k input patches (each the receptive field under the
 * response's peak), then cluster each group's neurons with k-means. Samples run through the network in batches on
 * TensorFlow.js (whatever backend is active) and only per-neuron sums and bounded heaps are kept, so memory does
 * not grow with the number of images. Deterministic: same inputs and seed, same result.
 * @param model - a tfjs-layers model (Sequential or functional; read by credit's fromLayersModel, a final softmax
 *   read as linear) or a credit `Network`.
 * @param samples - `{ images, labels, classes? }` (flat inputs, channels last) or an iterable of such blocks.
 * @param options - batchSize, topK, patchSize, grouping ("boundaries" | "activation"), tolerance, groupingSamples,
 *   classes, clusters (k per group), seed, signal, onProgress; see {@link AnalyzeOptions}.
 * @returns an {@link Analysis}: the groups with their neurons' facts, the weights between consecutive groups and a
 *   default clustering.
 * @throws `E_OPTION` for an unknown option or a layer credit cannot read; `E_SHAPE` for images of the wrong size;
 *   `E_RANGE` for a label outside the classes; `E_NAN` for a non-finite input; `E_EMPTY` for no samples or a network
 *   without a layer that has units; `E_ABORTED` when the signal fires.
 * @example
 * const analysis = analyzeModel(model, { images, labels }, { batchSize: 128 });
 * analysis.groups.map((g) => `${g.name}: ${g.units} neurons`);
 */
export function analyzeModel(
  model: LayersModelLike | Network,
  samples: SampleSource,
  options: AnalyzeOptions = {},
): Analysis {
  options = assertOptions(options, "options", ANALYZE_OPTIONS);
  const resolved = resolve(options);
  const network = toNetwork(model);
  const graph = readGraph(network);
  const classes = classNamesOf(samples, options.classes);
  const total = isBlock(samples) ? samples.labels.length : undefined;
  const progress = createProgress(options, "CNNVis analysis");
  const forward = new BatchForward(network);
  try {
    const specs = groupSpecs(graph, forward, samples, classes.length, resolved);
    const accumulators = accumulatorsOf(graph, specs, classes.length, resolved);
    const classCounts = new Array<number>(classes.length).fill(0);
    const watch = new Set(specs.map((s) => s.readoutIndex));
    const inputSize = graph.inputShape.reduce((a, b) => a * b, 1);
    let count = 0;
    for (const batch of batches(samples, resolved.batchSize, inputSize, classes.length)) {
      const summaries = forward.run(batch.images, batch.labels.length, watch);
      specs.forEach((spec, g) => accumulators[g].add(summaries.get(spec.readoutIndex)!, batch));
      for (const label of batch.labels) classCounts[label]++;
      count += batch.labels.length;
      if (total !== undefined) progress.phase(0, 0.9).report(count / total);
      else progress.report(0);
    }
    if (count === 0)
      throw new ClearboxError("E_EMPTY", "samples must hold at least one input.", { argument: "samples" });
    const groups = specs.map((spec, g) => neuronGroup(spec, accumulators[g], classCounts, count, graph));
    const connections = groups.slice(1).map((_, g) => connection(graph, specs, g));
    const partial = { groups, count, classes };
    const clusters = clusterNeurons(partial, { clusters: options.clusters, seed: options.seed ?? 1 });
    progress.done();
    const layerNames = graph.nodes.map((n) => n.name);
    return {
      inputShape: graph.inputShape,
      classes,
      classCounts,
      count,
      grouping: resolved.grouping,
      layerNames,
      groups,
      connections,
      clusters,
    };
  } finally {
    forward.dispose();
  }
}

/** The layer groups: by boundaries, or by mean activation measured on the first samples. */
function groupSpecs(
  graph: Graph,
  forward: BatchForward,
  samples: SampleSource,
  classes: number,
  r: Resolved,
): LayerGroupSpec[] {
  const specs =
    r.grouping === "boundaries"
      ? groupsByBoundaries(graph)
      : groupsByActivation(graph, prefixMeans(graph, forward, samples, classes, r), r.tolerance);
  if (!graph.nodes.some((node) => UNIT_TYPES.has(node.layer.type))) {
    throw new ClearboxError("E_EMPTY", "model has no layer with units (dense or convolutional) to analyse.", {
      argument: "model",
    });
  }
  return specs;
}

function prefixMeans(
  graph: Graph,
  forward: BatchForward,
  samples: SampleSource,
  classes: number,
  r: Resolved,
): Map<number, number> {
  if (!isBlock(samples)) {
    throw new ClearboxError(
      "E_OPTION",
      'options.grouping "activation" needs samples as one { images, labels } block.',
      {
        argument: "options.grouping",
      },
    );
  }
  const watch = new Set(fineReadouts(graph));
  const inputSize = graph.inputShape.reduce((a, b) => a * b, 1);
  const sums = new Map<number, number>();
  let n = 0;
  for (const batch of batches(samples, Math.min(r.batchSize, r.groupingSamples), inputSize, classes)) {
    for (const [index, s] of forward.run(batch.images, batch.labels.length, watch)) {
      let sum = 0;
      for (const v of s.mean) sum += v;
      sums.set(index, (sums.get(index) ?? 0) + sum / s.channels);
    }
    n += batch.labels.length;
    if (n >= r.groupingSamples) break;
  }
  return new Map([...sums].map(([index, sum]) => [index, sum / Math.max(1, n)]));
}

function accumulatorsOf(graph: Graph, specs: LayerGroupSpec[], classes: number, r: Resolved): GroupAccumulator[] {
  const fields = receptiveFields(graph);
  return specs.map((spec) => {
    const shape = graph.activationShapes[spec.readoutIndex];
    const outWidth = shape.length === 3 ? shape[1] : 1;
    return new GroupAccumulator(
      shape.at(-1)!,
      classes,
      r.topK,
      fields[spec.readoutIndex],
      outWidth,
      graph.inputShape,
      r.patchSize,
    );
  });
}

function neuronGroup(
  spec: LayerGroupSpec,
  acc: GroupAccumulator,
  classCounts: number[],
  count: number,
  graph: Graph,
): NeuronGroup {
  const shape = graph.activationShapes[spec.readoutIndex];
  const { units, classes } = acc;
  const vectors = Array.from({ length: units }, (_, u) =>
    Array.from({ length: classes }, (_, c) =>
      classCounts[c] > 0 ? acc.classSums[u * classes + c] / classCounts[c] : 0,
    ),
  );
  const topClass = Int32Array.from(vectors, (v) => {
    let best = 0;
    for (let c = 1; c < v.length; c++) if (v[c] > v[best]) best = c;
    return best;
  });
  return {
    name: spec.name,
    layers: spec.layers,
    readout: spec.readout,
    kind: shape.length === 3 ? "channels" : "units",
    units,
    positions: shape.length === 3 ? shape[0] * shape[1] : 1,
    meanActivation: acc.totalMean / (units * count),
    vectors,
    importance: acc.absSum.map((v) => v / count),
    topClass,
    top: topPatches(acc),
  };
}

/** The heaps' contents in rank order (strongest first), with their patches. */
function topPatches(acc: GroupAccumulator): NeuronGroup["top"] {
  const { units } = acc;
  const k = acc.heaps.k;
  const size = acc.side * acc.side * acc.channels;
  const samples = new Int32Array(units * k).fill(-1);
  const values = new Float32Array(units * k);
  const patches = new Float32Array(units * k * size).fill(Number.NaN);
  for (let u = 0; u < units; u++) {
    acc.heaps.ranked(u).forEach((slot, r) => {
      samples[u * k + r] = acc.heaps.samples[u * k + slot];
      values[u * k + r] = acc.heaps.values[u * k + slot];
      patches.set(acc.patches.subarray((u * k + slot) * size, (u * k + slot + 1) * size), (u * k + r) * size);
    });
  }
  return {
    k,
    side: acc.side,
    channels: acc.channels,
    counts: Int32Array.from(acc.heaps.sizes),
    samples,
    values,
    patches,
    field: acc.field,
  };
}

function connection(graph: Graph, specs: LayerGroupSpec[], g: number): GroupConnection {
  const map = channelMap(graph, specs[g].readoutIndex, specs[g + 1].readoutIndex);
  return {
    from: g,
    to: g + 1,
    rows: map.rows,
    columns: map.columns,
    weights: map.weights,
    layersCrossed: map.layersCrossed,
  };
}
