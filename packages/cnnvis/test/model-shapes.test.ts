// End to end on the three model shapes: every group present and named by its layers, every layer with units in a
// group, the facts equal to what tfjs-layers itself computes for the readout layer, and views derived.
import { describe, expect, it } from "vitest";
import { analyzeModel, deriveViews } from "../src/index.js";
import type { Analysis } from "../src/index.js";
import {
  classImages,
  layerOutput,
  mobileNetV2,
  residualCnn,
  seedWeights,
  sequentialCnn,
} from "@clearbox/fixtures/keras-models";
import type * as tf from "@tensorflow/tfjs";

const UNIT_CLASSES = new Set(["Conv2D", "Dense", "DepthwiseConv2D", "Conv2DTranspose"]);

/** Class means, importance and the top response of the readout, from tfjs-layers' own output of that layer. */
function expectFactsMatch(
  model: tf.LayersModel,
  analysis: Analysis,
  g: number,
  images: Float32Array,
  labels: number[],
) {
  const group = analysis.groups[g];
  const { values, shape } = layerOutput(model, group.readout, images, labels.length);
  const units = shape[shape.length - 1];
  const positions = values.length / labels.length / units;
  expect(units).toBe(group.units);
  const sums = Array.from({ length: units }, () => new Float64Array(analysis.classes.length));
  const counts = new Float64Array(analysis.classes.length);
  const best = new Float64Array(units).fill(-Infinity);
  labels.forEach((c, s) => {
    counts[c]++;
    for (let u = 0; u < units; u++) {
      let sum = 0;
      for (let p = 0; p < positions; p++) {
        const v = values[(s * positions + p) * units + u];
        sum += v;
        best[u] = Math.max(best[u], v);
      }
      sums[u][c] += sum / positions;
    }
  });
  for (let u = 0; u < units; u++) {
    for (let c = 0; c < counts.length; c++) expect(group.vectors[u][c]).toBeCloseTo(sums[u][c] / counts[c], 3);
    expect(group.top.values[u * group.top.k]).toBeCloseTo(best[u], 3);
  }
}

function expectEveryUnitLayerGrouped(model: tf.LayersModel, analysis: Analysis) {
  const grouped = analysis.groups.flatMap((g) => g.layers);
  expect(new Set(grouped).size).toBe(grouped.length);
  for (const layer of model.layers) {
    if (UNIT_CLASSES.has(layer.getClassName())) expect(grouped).toContain(layer.name);
  }
  expect(grouped.every((name) => analysis.layerNames.includes(name))).toBe(true);
}

function expectViews(analysis: Analysis) {
  const views = deriveViews(analysis);
  expect(views.packings).toHaveLength(analysis.groups.length);
  views.packings.forEach((clusters, g) => {
    const members = clusters.flatMap((c) => c.members).sort((a, b) => a - b);
    expect(members).toEqual(Array.from({ length: analysis.groups[g].units }, (_, u) => u));
    for (const c of clusters) expect(c.packing.placements).toHaveLength(c.members.length);
  });
  expect(views.bundles).toHaveLength(analysis.groups.length - 1);
  for (const b of views.bundles) expect(b.geometry.curves.length + b.geometry.rects.length).toBeGreaterThan(0);
  return views;
}

describe("a sequential CNN with a hidden dense layer and Dropout", () => {
  const model = sequentialCnn(12, 4);
  const { images, labels } = classImages(60, [12, 12, 1], 4);
  const analysis = analyzeModel(model, { images, labels }, { batchSize: 16 });

  it("has a group per stage and one per dense layer, named by their layers; Dropout shifts nothing", () => {
    expect(analysis.groups.map((g) => g.layers)).toEqual([
      ["conv1", "conv2", "pool1"],
      ["conv3", "pool2", "flatten"],
      ["hidden"],
      ["logits"],
    ]);
    expect(analysis.groups.map((g) => g.readout)).toEqual(["pool1", "pool2", "hidden", "logits"]);
    expect(analysis.groups.map((g) => g.units)).toEqual([8, 16, 32, 4]);
    expect(analysis.layerNames).not.toContain("dropout");
    expectEveryUnitLayerGrouped(model, analysis);
  });

  it("keeps the facts tfjs-layers computes for each readout", () => {
    for (let g = 0; g < 3; g++) expectFactsMatch(model, analysis, g, images, labels);
  });

  it("derives views: packings of every neuron, bundles between every pair (the hidden dense included)", () => {
    const views = expectViews(analysis);
    expect(analysis.connections.map((c) => [c.rows, c.columns])).toEqual([
      [8, 16],
      [16, 32],
      [32, 4],
    ]);
    expect(views.bundles[1].pairs).toBeGreaterThan(0);
  });
});

describe("a functional residual CNN with batch norm", () => {
  const model = residualCnn(12, 4);
  const { images, labels } = classImages(40, [12, 12, 3], 4, 2);
  const analysis = analyzeModel(model, { images, labels }, { batchSize: 16 });

  it("groups at the stride-2 stage boundary; the input layer is never a group", () => {
    const first = analysis.groups[0].layers;
    expect(first[0]).toBe("stem_conv");
    expect(first).toContain("s1b1_add");
    expect(first).not.toContain("image");
    expect(analysis.groups[0].readout).toBe("s1b1_out");
    expect(analysis.groups[1].layers).toEqual(expect.arrayContaining(["s2b1a_conv", "s2b1_proj", "s2b2_add"]));
    expect(analysis.groups[1].readout).toBe("gap");
    expect(analysis.groups.map((g) => g.readout)).toEqual(["s1b1_out", "gap", "logits"]);
    expectEveryUnitLayerGrouped(model, analysis);
  });

  it("keeps the facts tfjs-layers computes for each readout", () => {
    for (let g = 0; g < 2; g++) expectFactsMatch(model, analysis, g, images, labels);
  });

  it("derives views through the residual stage (a linearised channel map)", () => {
    expectViews(analysis);
    expect(analysis.connections[0].layersCrossed).toBeGreaterThan(1);
  });
});

describe("a MobileNetV2-shaped model (alpha 0.35, 32 × 32)", () => {
  const model = mobileNetV2(32, 0.35, 5);
  seedWeights(model, 7);
  const { images, labels } = classImages(20, [32, 32, 3], 5, 3);
  const analysis = analyzeModel(model, { images, labels }, { batchSize: 10 });

  it("has one group per resolution and one for the classifier, every depthwise and pointwise layer in one", () => {
    expect(analysis.groups.map((g) => g.readout)).toEqual([
      "block_1_expand_relu",
      "block_3_expand_relu",
      "block_6_expand_relu",
      "block_13_expand_relu",
      "global_average_pooling2d",
      "predictions",
    ]);
    expect(analysis.groups[0].layers[0]).toBe("Conv1_pad");
    expectEveryUnitLayerGrouped(model, analysis);
  });

  it("keeps the facts tfjs-layers computes for a readout", () => {
    expectFactsMatch(model, analysis, 1, images, labels);
  });

  it("derives views for every group pair", () => {
    expectViews(analysis);
  });
});
