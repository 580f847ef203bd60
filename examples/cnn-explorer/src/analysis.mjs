// CNNVis (thesis chapter 3, ALGORITHMS.md §1–§4) over any sequential tfjs-layers CNN, composed from the clearbox
// packages. One module for the Vite page and the Node report, so that the two cannot disagree.
//   analyzeModel(model, sample)        → the per-neuron facts (class means, importance, top patches), LRP of a digit
//   deriveViews(analysis, clusters)    → what depends on the clustering: packings, reordered matrices, bundles
// The page calls deriveViews again when a neuron moves between clusters.
import * as tf from "@tensorflow/tfjs";
import { bundleLayout, clusterStrengths, weightedBicluster } from "@clearbox/bicluster";
import { pngDataUrl } from "@clearbox/charts";
import { classMeanVectors, kmeans } from "@clearbox/cluster";
import { forwardPass, fromLayersModel, lrp } from "@clearbox/credit";
import { packHierarchical } from "@clearbox/rect-pack";
import { reorderRows, similarityMatrix } from "@clearbox/reorder";

const KERNEL_LAYERS = new Set(["conv2d", "dense"]);
const POOLING_LAYERS = new Set(["maxPool2d", "avgPool2d"]);
/** Patches per neuron in its feature image (a 2 × 2 mosaic). */
const TOP_PATCHES = 4;
/** Height of the bundle view's layer columns, in the units `bundleLayout` works in. */
export const BUNDLE_HEIGHT = 320;
export const BUNDLE_PAIR_WIDTH = 240;

/**
 * Analyse a trained model on labelled samples: group its layers between pooling layers (ALGORITHMS.md §1 a), describe
 * each group's neurons (feature maps, or dense units) by their per-class mean activations (eq. 3-1), their importance
 * (mean activation) and the input patches that excite them most, cluster them with k-means, and explain one sample
 * with LRP.
 * @param {tf.LayersModel} model - a sequential tfjs-layers model: Conv2D / pooling / Flatten / Dense (softmax last
 *   is fine: LRP and the output group read the logits).
 * @param {{ images: Float32Array, labels: number[], classes?: string[] }} sample - `count` inputs in the model's
 *   input shape (channels last, values in [0, 1]), flat; labels 0…C − 1.
 * @param {{ clusters?: number[], seed?: number, explain?: number }} [options] - k per group (default √n, one
 *   cluster per unit for an output of ≤ 10 units); k-means seed; which sample LRP explains (default 0).
 */
export async function analyzeModel(model, sample, { clusters, seed = 1, explain = 0 } = {}) {
  const network = fromLayersModel(model, { dropSoftmax: true });
  const inputShape = model.inputs[0].shape.slice(1);
  const count = sample.labels.length;
  const classCount = sample.labels.reduce((most, label) => Math.max(most, label), 0) + 1; // no spread: samples may be many
  const classes = sample.classes ?? Array.from({ length: classCount }, (_, c) => String(c));
  const outputs = layerOutputs(model, network, sample.images, [count, ...inputShape]);
  const fields = receptiveFields(network, inputShape);

  const groups = layerGroups(network).map((group, g, all) => {
    const output = outputs[group.unitLayer];
    const shape = output.shape;
    const units = shape[shape.length - 1];
    const positions = output.values.length / count / units;
    // Per sample and unit: the mean over positions (a feature map's response), and the position of its maximum.
    const perSample = [];
    const peak = [];
    for (let s = 0; s < count; s++) {
      const row = new Float64Array(units);
      const best = new Float64Array(units).fill(-Infinity);
      const at = new Int32Array(units);
      for (let p = 0; p < positions; p++) {
        for (let u = 0; u < units; u++) {
          const v = output.values[(s * positions + p) * units + u];
          row[u] += v / positions;
          if (v > best[u]) {
            best[u] = v;
            at[u] = p;
          }
        }
      }
      perSample.push(row);
      peak.push({ best, at });
    }
    const vectors = classMeanVectors(perSample, sample.labels, classCount);
    const importance = vectors.map((_, u) => perSample.reduce((sum, row) => sum + Math.abs(row[u]), 0) / count);
    const topClass = vectors.map((v) => v.indexOf(Math.max(...v)));
    const isOutput = g === all.length - 1 && units <= 10;
    const k = clusters?.[g] ?? (isOutput ? units : Math.max(2, Math.round(Math.sqrt(units))));
    const labels = isOutput && k === units ? topClass.map((_, u) => u) : clusterUnits(vectors, k, seed);
    const field = fields[group.unitLayer];
    const patches = vectors.map((_, u) =>
      featureImage(sample.images, inputShape, topSamples(peak, u, TOP_PATCHES), field, shape),
    );
    return { ...group, units, vectors, importance, topClass, labels, patches, field };
  });

  const explained = Math.min(Math.max(0, explain), count - 1);
  return {
    network,
    inputShape,
    classes,
    count,
    groups,
    layerNames: network.layers.map((layer) => layer.name),
    explanation: explainSample(network, sample, explained, inputShape),
  };
}

/**
 * The outputs of every network layer for the whole sample in one batched pass, found by name in the model (so that
 * a Dropout, skipped by fromLayersModel, shifts nothing); a dense layer read as linear when its softmax was dropped.
 */
function layerOutputs(model, network, images, shape) {
  const sources = network.layers.map((layer) => model.getLayer(layer.name));
  sources.forEach((source, l) => {
    const own = source.getConfig().activation ?? "linear";
    const read = network.layers[l].activation ?? "linear";
    if (own !== read && own !== "softmax") {
      throw new Error(`layer ${source.name}: its activation was folded in by fromLayersModel; give it its own.`);
    }
  });
  const probe = tf.model({ inputs: model.inputs, outputs: sources.map((source) => source.output) });
  const tensors = /** @type {tf.Tensor[]} */ (tf.tidy(() => probe.predict(tf.tensor(images, shape))));
  const outputs = tensors.map((t) => ({ shape: t.shape.slice(1), values: t.dataSync() }));
  tf.dispose(tensors);
  const indexOf = new Map(network.layers.map((layer, l) => [layer.name, l]));
  network.layers.forEach((layer, l) => {
    if (layer.type !== "dense" || sources[l].getConfig().activation !== "softmax") return;
    const from = layer.inputs?.[0];
    const input = indexOf.has(from) ? outputs[indexOf.get(from)].values : images;
    outputs[l] = { shape: [layer.bias.length], values: denseLogits(layer, input) };
  });
  return outputs;
}

/** A dense layer's pre-activation values for a batch of inputs. */
function denseLogits(layer, input) {
  const columns = layer.bias.length;
  const rows = layer.kernel.length;
  const count = input.length / rows;
  const logits = new Float32Array(count * columns);
  for (let s = 0; s < count; s++) {
    for (let o = 0; o < columns; o++) {
      let sum = layer.bias[o];
      for (let i = 0; i < rows; i++) sum += input[s * rows + i] * layer.kernel[i][o];
      logits[s * columns + o] = sum;
    }
  }
  return logits;
}

/**
 * Layers grouped between pooling layers: each group ends at a pooling layer (or the network's end) and is named by
 * its layers; `unitLayer` is its last convolution or dense layer, whose channels are the group's neurons.
 */
export function layerGroups(network) {
  const groups = [];
  let members = [];
  network.layers.forEach((layer, l) => {
    members.push(l);
    const last = l === network.layers.length - 1;
    if (!POOLING_LAYERS.has(layer.type) && !last) return;
    const unitLayer = members.findLast((m) => KERNEL_LAYERS.has(network.layers[m].type));
    if (unitLayer === undefined) return; // no neurons of its own yet: the layers join the next group
    groups.push({ layers: members, unitLayer });
    members = [];
  });
  return groups;
}

/** Per layer: the receptive field in input pixels (size, step between outputs, offset of output 0). */
function receptiveFields(network, inputShape) {
  let size = 1;
  let jump = 1;
  let start = 0;
  return network.layers.map((layer) => {
    const stride = Array.isArray(layer.strides) ? layer.strides[0] : (layer.strides ?? 1);
    if (layer.type === "conv2d" || POOLING_LAYERS.has(layer.type)) {
      const k =
        layer.type === "conv2d"
          ? layer.kernel.length
          : Array.isArray(layer.poolSize)
            ? layer.poolSize[0]
            : layer.poolSize;
      if (layer.padding === "same") start -= Math.floor((k - 1) / 2) * jump;
      size += (k - 1) * jump;
      jump *= stride ?? k;
    } else if (layer.type === "flatten" || layer.type === "dense") {
      size = Math.max(inputShape[0], inputShape[1]);
      jump = 0;
      start = 0;
    }
    return { size, jump, start };
  });
}

function clusterUnits(vectors, k, seed) {
  // Unit length, so that clusters gather neurons that prefer the same classes rather than the same magnitude.
  const unit = vectors.map((v) => {
    const norm = Math.hypot(...v);
    return norm > 0 ? v.map((x) => x / norm) : v.map(() => 0);
  });
  return Array.from(kmeans(unit, Math.min(k, vectors.length), { seed }).labels);
}

/** The `k` samples whose peak response of unit `u` is largest, with where the peak is. */
function topSamples(peak, u, k) {
  return peak
    .map(({ best, at }, s) => ({ sample: s, value: best[u], position: at[u] }))
    .sort((a, b) => b.value - a.value || a.sample - b.sample)
    .slice(0, k);
}

/**
 * A neuron's feature image: its top patches (each the input cropped to the receptive field around the peak) in a
 * 2 × 2 mosaic, dark ink on white, enlarged so that a 3-pixel field is still visible.
 */
function featureImage(images, inputShape, top, field, outputShape) {
  const [height, width, channels = 1] = inputShape;
  const size = Math.min(field.size, Math.max(height, width));
  const scale = Math.max(1, Math.ceil(16 / size));
  const cell = size * scale;
  const side = 2 * cell + 1;
  const rgb = new Uint8Array(side * side * 3).fill(255);
  const outWidth = outputShape.length === 3 ? outputShape[1] : 1;
  top.forEach(({ sample, position }, t) => {
    const oy = field.jump === 0 ? 0 : field.start + Math.floor(position / outWidth) * field.jump;
    const ox = field.jump === 0 ? 0 : field.start + (position % outWidth) * field.jump;
    const cx = (t % 2) * (cell + 1);
    const cy = Math.floor(t / 2) * (cell + 1);
    for (let y = 0; y < cell; y++) {
      for (let x = 0; x < cell; x++) {
        const iy = oy + Math.floor(y / scale);
        const ix = ox + Math.floor(x / scale);
        let v = 0;
        if (iy >= 0 && iy < height && ix >= 0 && ix < width) {
          for (let c = 0; c < channels; c++)
            v += images[((sample * height + iy) * width + ix) * channels + c] / channels;
        }
        const shade = Math.round(255 * (1 - Math.min(1, Math.max(0, v))));
        rgb.fill(shade, ((cy + y) * side + cx + x) * 3, ((cy + y) * side + cx + x) * 3 + 3);
      }
    }
  });
  return pngDataUrl(side, side, rgb);
}

/**
 * LRP of one sample for its predicted class: z^B at the input, γ in the convolutions, ε above (a common composite).
 * @param {object} network - analysis.network
 * @param {{ images: Float32Array, labels: number[] }} sample
 * @param {number} index - which sample
 * @param {number[]} inputShape - analysis.inputShape
 */
export function explainSample(network, sample, index, inputShape) {
  const size = inputShape.reduce((a, b) => a * b, 1);
  const input = sample.images.subarray(index * size, (index + 1) * size);
  const convs = network.layers.map((l) => l.type === "conv2d");
  const first = convs.indexOf(true);
  const rules = network.layers.map((l, i) => (i === first ? "zb" : convs[i] ? "gamma" : "epsilon"));
  const { activations } = forwardPass(network, input);
  const predicted = argMax(activations[activations.length - 1]);
  const { relevance } = lrp(network, input, { rules, low: 0, high: 1, target: predicted });
  return {
    index,
    label: sample.labels[index],
    predicted,
    relevance: relevance[0],
    pixels: Array.from(input),
    width: inputShape[1],
  };
}

function argMax(values) {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

/**
 * Everything that depends on the clustering, for `clusters[g][unit]` = cluster id: per group and cluster the packed
 * feature rectangles (hierarchical packing, area ∝ importance) and the class-mean matrix reordered by Held–Karp, and
 * per consecutive group pair the weighted biclusters and their bundle geometry.
 * @param analysis - from analyzeModel
 * @param {number[][]} [clusters] - default: the k-means labels of analyzeModel
 * @param [previous] - views derived before: a group whose labels are the same array (moveNeuron keeps the groups it
 *   does not touch) keeps its packings and matrices, and a pair of such groups its bundles
 */
export function deriveViews(analysis, clusters = analysis.groups.map((g) => g.labels), previous = undefined) {
  const same = (g) => previous !== undefined && previous.clusters[g] === clusters[g];
  const packings = analysis.groups.map((group, g) =>
    same(g) ? previous.packings[g] : clusterIds(clusters[g]).map((c) => packCluster(group, clusters[g], c)),
  );
  const matrices = analysis.groups.map((group, g) =>
    same(g) ? previous.matrices[g] : clusterIds(clusters[g]).map((c) => reorderCluster(group, clusters[g], c)),
  );
  const bundles = analysis.groups
    .slice(1)
    .map((_, g) => (same(g) && same(g + 1) ? previous.bundles[g] : bundlePair(analysis, g, clusters)));
  return { clusters, packings, matrices, bundles };
}

function clusterIds(labels) {
  return [...new Set(labels)].sort((a, b) => a - b);
}

function membersOf(labels, cluster) {
  return labels.flatMap((c, u) => (c === cluster ? [u] : []));
}

function packCluster(group, labels, cluster) {
  const members = membersOf(labels, cluster);
  const top = Math.max(...group.importance, 1e-12);
  const rects = members.map((u) => {
    const side = 14 + 46 * Math.sqrt(group.importance[u] / top);
    return { width: side, height: side };
  });
  const packing = packHierarchical(rects, { features: members.map((u) => group.vectors[u]), padding: 2, seed: 1 });
  return { cluster, members, packing };
}

function reorderCluster(group, labels, cluster) {
  const members = membersOf(labels, cluster);
  const rows = members.map((u) => group.vectors[u]);
  if (rows.length < 2) return { cluster, members, rows, order: [0], objective: 0, before: 0, optimal: true };
  const result = reorderRows(rows, { metric: "correlation" });
  const similarity = similarityMatrix(rows, { metric: "correlation" });
  let before = 0;
  for (let r = 1; r < rows.length; r++) before += similarity.values[(r - 1) * similarity.n + r];
  return { cluster, members, rows, order: result.order, objective: result.objective, before, optimal: result.optimal };
}

/** Weighted biclustering of the cluster pairs between group g and g + 1, and its bundle geometry. */
function bundlePair(analysis, g, clusters) {
  const { network, groups } = analysis;
  const into = groups[g + 1];
  const layerIndex = into.layers.find((l) => KERNEL_LAYERS.has(network.layers[l].type));
  const layer = network.layers[layerIndex];
  const inputs = clusters[g];
  const outputs = clusters[g + 1];
  const channels = groups[g].units;
  const weights = layer.type === "conv2d" ? { kernel: layer.kernel } : layer.kernel;
  const inputLabels = layer.type === "conv2d" ? inputs : layer.kernel.map((_, i) => inputs[i % channels]);
  const strengths = clusterStrengths(weights, inputLabels, outputs);
  const largest = Math.max(...strengths.flatMap((s) => [s.pos ?? 0, -(s.neg ?? 0)]));
  const result = weightedBicluster(strengths, { tau: 0.5 * largest, threshold: 0.3 * largest });
  const inputPositions = spread(Math.max(...inputs) + 1);
  const outputPositions = spread(Math.max(...outputs) + 1);
  const geometry = bundleLayout(result, {
    inputPositions,
    outputPositions,
    width: BUNDLE_PAIR_WIDTH,
    height: BUNDLE_HEIGHT,
  });
  return {
    layer: analysis.layerNames[layerIndex],
    edges: result.edges,
    curves: result.curves,
    biclusters: result.biclusters.length,
    largest,
    inputPositions,
    outputPositions,
    geometry,
  };
}

/** Cluster positions evenly spread down a layer column. */
export function spread(count) {
  return Array.from({ length: count }, (_, k) => ((k + 0.5) * BUNDLE_HEIGHT) / count);
}

/**
 * Move one neuron to another cluster: a new clustering (the old one untouched) for deriveViews.
 * @param {number[][]} clusters
 */
export function moveNeuron(clusters, group, unit, toCluster) {
  return clusters.map((labels, g) => (g === group ? labels.map((c, u) => (u === unit ? toCluster : c)) : labels));
}
