// Small inputs made by the algorithm packages themselves, so the charts are tested on the shapes users pass.
import { bundleLayout, clusterStrengths, weightedBicluster } from "@clearbox/bicluster";
import { createRandom } from "@clearbox/core";
import { packFast } from "@clearbox/rect-pack";
import type {
  PolylineData,
  FlowMapData,
  HeatmapData,
  InfluenceGridData,
  LayerBundlesData,
  PackedRectsData,
  RankGraphData,
  ScatterData,
  UncertaintyGlyphData,
} from "../src/index.js";
import type { DataflowData } from "../src/dataflow-dag.js";

export function packedFixture(): PackedRectsData {
  const importance = [9, 1, 4, 2, 6, 3, 8, 5, 7, 2.5, 1.5, 3.5];
  // Sized by importance, as CNNVis does: the biggest rectangle is the most important neuron.
  const packing = packFast(importance.map((v) => ({ width: 4 * Math.sqrt(v), height: 4 * Math.sqrt(v) })));
  return {
    ...packing,
    importance,
    classes: importance.map((_, i) => i % 3),
    labels: importance.map((_, i) => `neuron ${i}`),
    label: "cluster 0",
  };
}

export function heatmapFixture(): HeatmapData {
  return {
    values: [
      [0.1, 0.5, 0.2, 0.9],
      [0.3, 0.1, 0.8, 0.4],
      [0.7, 0.6, 0.05, 0.2],
      [0.2, 0.95, 0.4, 0.1],
      [0.6, 0.3, 0.3, 0.5],
      [0.45, 0.2, 0.7, 0.6],
    ],
    rowLabels: ["n0", "n1", "n2", "n3", "n4", "n5"],
    columnLabels: ["0", "1", "2", "3"],
    rowOrder: [3, 0, 5, 1, 4, 2],
  };
}

export function bundlesFixture(): LayerBundlesData {
  const weights = [
    [0.9, 0.85, 0.8, 0],
    [0.85, 0.9, 0.85, 0],
    [0.8, 0.9, 0.9, -0.4],
    [0, 0, 0.1, -0.5],
  ];
  const clusters = [0, 1, 2, 3];
  const bundles = weightedBicluster(clusterStrengths(weights, clusters, clusters), { tau: 0.15, threshold: 0.3 });
  const positions = [10, 40, 70, 100];
  const geometry = bundleLayout(bundles, {
    inputPositions: positions,
    outputPositions: positions,
    width: 200,
    height: 110,
  });
  return {
    width: 200,
    height: 110,
    layers: [
      { name: "conv1", positions },
      { name: "conv2", positions },
    ],
    pairs: [geometry],
  };
}

export function gridFixture(): InfluenceGridData {
  const values = [0.5, -0.2, 0.1, 0.9, -0.7, 0.3, 0, 0.4, -0.1];
  // influences[j][i]: a fixed pattern with both signs.
  const influences = values.map((_, j) => values.map((_, i) => (i === j ? 0 : Math.sin(3 * i + j) * (i + 1))));
  return { values, columns: 3, influences };
}

export function scatterFixture(): ScatterData {
  const random = createRandom(4);
  const points = Array.from(
    { length: 30 },
    (_, i) => [(i % 3) * 4 + random.next(), Math.floor(i / 10) + random.next()] as [number, number],
  );
  return { points, groups: points.map((_, i) => i % 3) };
}

export function glyphFixture(): UncertaintyGlyphData {
  return {
    items: [
      { label: "posts", values: [0.1, 0.2, 0.25, 0.3, 0.9] },
      { label: "users", stats: { min: 0, q1: 0.4, median: 0.5, q3: 0.6, max: 1 } },
      { label: "tags", values: [0.05, 0.07] },
    ],
  };
}

export function flowFixture(): FlowMapData {
  // Two sources on the left sending to three sinks on the right: flows that run alike, to be bundled.
  return {
    nodes: [
      [0, 40],
      [0, 60],
      [200, 20],
      [200, 50],
      [200, 80],
    ],
    flows: [
      { from: 0, to: 2, flow: 0.5 },
      { from: 0, to: 3, flow: 0.2 },
      { from: 1, to: 3, flow: 0.4 },
      { from: 1, to: 4, flow: 0.1 },
    ],
  };
}

export function rankFixture(): RankGraphData {
  const random = createRandom(8);
  const clusters = Array.from({ length: 6 }, (_, i) => ({
    label: `#tag${i}`,
    importance: 1 + i,
    uncertainty: Array.from({ length: 8 }, () => random.next()),
    members: Array.from({ length: 12 }, (_, k) => ({ label: `@user${i}_${k}`, importance: random.next() })),
  }));
  return {
    clusters,
    links: [
      { source: 0, target: 1 },
      { source: 1, target: 2, weight: 2 },
      { source: 3, target: 4 },
    ],
    flows: [
      { from: 5, to: 0, flow: 0.3 },
      { from: 5, to: 1, flow: 0.2 },
      { from: 5, to: 3, flow: 0.1 },
      { from: 2, to: 4, flow: 0.4 },
    ],
  };
}

export function polylineFixture(): PolylineData {
  // 60 series over 30 steps in two bundles, one outlier; 8 of them sampled as lines.
  const random = createRandom(12);
  const series = Array.from({ length: 60 }, (_, i) =>
    Array.from({ length: 30 }, (_, k) => (i === 59 ? 3 - 0.1 * k : (i % 2) + Math.sin(k / 5) + 0.1 * random.normal())),
  );
  return { series, steps: series[0].map((_, k) => 10 * k), highlight: [0, 1, 10, 11, 20, 21, 30, 31], outliers: [59] };
}

export function dataflowFixture(): DataflowData {
  // A small generator: noise → dense → two convolutions that merge → output; 40 steps of a statistic per layer.
  const steps = Array.from({ length: 40 }, (_, k) => 25 * k);
  const series = (phase: number) => {
    const mean = steps.map((_, k) => Math.sin(k / 6 + phase));
    return { min: mean.map((v) => v - 0.5), mean, max: mean.map((v) => v + 0.3 + 0.01 * phase) };
  };
  return {
    steps,
    nodes: [
      { id: "noise", series: series(0) },
      { id: "dense", parents: ["noise"], series: series(1) },
      { id: "conv-a", parents: ["dense"], series: series(2) },
      { id: "conv-b", parents: ["dense"], series: series(3) },
      { id: "out", label: "output", parents: ["conv-a", "conv-b"], series: series(4) },
    ],
  };
}
