// Writes docs/public/charts/<chart>.svg: each chart of @clearbox/charts on the digits CNN, rendered by the SSR entry
// (the pictures of the chart pages), and compose.svg, the linked selection; the part-2 charts on the recorded
// digits-MLP training and the GOP-debate ranking. Run after `pnpm build`:
// node scripts/docs/charts-figures.mjs
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { bundleLayout, clusterStrengths, weightedBicluster } from "@clearbox/bicluster";
import { csvParse } from "d3-dsv";
import { mostIsolated, sampleBlueNoise } from "@clearbox/blue-noise";
import {
  flowMap,
  influenceGrid,
  layerBundles,
  matrixHeatmap,
  packedRects,
  polylineChart,
  rankGraph,
  scatterPlot,
  uncertaintyGlyph,
} from "@clearbox/charts";
import { dataflowDag } from "@clearbox/charts/dataflow-dag";
import { renderToString } from "@clearbox/charts/ssr";
import { principalComponents } from "@clearbox/cluster";
import { prepareNetwork } from "@clearbox/credit";
import { packFast } from "@clearbox/rect-pack";
import { reorderRows } from "@clearbox/reorder";
import { digitsCnnLayerPairs } from "@clearbox/model-fixtures/digits-cnn-layer-pairs";
import { convMapsGrid, denseNeurons } from "@clearbox/model-fixtures/digits-cnn-units";
import { mlpDataflow } from "@clearbox/fixtures/digits-mlp-dataflow";
import { trainingSeries } from "@clearbox/fixtures/digits-mlp-training";
import { readDigits } from "@clearbox/fixtures/digits";
import { gopRanking } from "@clearbox/model-fixtures/gop-ranking";
import { sideBySide } from "./figure.mjs";

const trained = JSON.parse(readFileSync(new URL("../../data/digits/digits-cnn.json", import.meta.url), "utf8"));
const network = prepareNetwork(trained.network);
const { pixels, labels } = readDigits();
const neurons = denseNeurons(network, pixels, labels);
const folder = new URL("../../docs/public/charts/", import.meta.url);
mkdirSync(folder, { recursive: true });
// The dark theme, as a page would set it: the text colour and the charts' CSS custom properties on the root element
// (they inherit into every chart of a figure). The gallery (docs/charts/gallery.md) shows both versions.
const DARK =
  "color:#e6e6e6;background:#1e1e1e;--clearbox-background:#1e1e1e;--clearbox-box:#37474f;" +
  "--clearbox-box-stroke:#b0bec5;--clearbox-selected:#fafafa;--clearbox-positive:#67a9cf;--clearbox-negative:#ef8a62";
const darkened = (svg) => {
  const open = svg.slice(0, svg.indexOf(">"));
  const styled = open.includes(' style="') ? open.replace(' style="', ` style="${DARK};`) : `${open} style="${DARK}"`;
  return styled + svg.slice(open.length);
};
const write = (name, svg) => {
  const text = svg.endsWith("\n") ? svg : `${svg}\n`;
  writeFileSync(new URL(`${name}.svg`, folder), text);
  writeFileSync(new URL(`${name}.dark.svg`, folder), darkened(text));
  console.log(`wrote docs/public/charts/${name}.svg and ${name}.dark.svg (${(svg.length / 1024).toFixed(0)} KiB)`);
};

// packedRects: the largest cluster, area ∝ importance, neurons of digit 0 lit.
const sizes = new Map();
for (const c of neurons.cluster) sizes.set(c, (sizes.get(c) ?? 0) + 1);
const cluster = [...sizes].sort((a, b) => b[1] - a[1])[0][0];
const members = neurons.cluster.flatMap((c, n) => (c === cluster ? [n] : []));
const top = Math.max(...members.map((n) => neurons.importance[n]));
const packing = packFast(
  members.map((n) => {
    const side = 6 + 30 * Math.sqrt(neurons.importance[n] / top);
    return { width: side, height: side };
  }),
);
const packedData = {
  ...packing,
  importance: members.map((n) => neurons.importance[n]),
  classes: members.map((n) => neurons.topClass[n]),
  label: `cluster ${cluster} · ${members.length} neurons`,
};
const selected = packedData.classes[packedData.importance.indexOf(Math.max(...packedData.importance))];
write(
  "packed-rects",
  sideBySide(
    [
      {
        svg: renderToString(packedRects, packedData, { width: 300, height: 320, title: "all" }),
        caption: "every neuron",
      },
      {
        svg: renderToString(packedRects, packedData, {
          width: 300,
          height: 320,
          title: `digit ${selected} selected`,
          selectedClasses: [selected],
        }),
        caption: `selectedClasses: [${selected}]`,
      },
    ],
    { title: `A cluster of the digits CNN's neurons, area ∝ importance` },
  ),
);

// matrixHeatmap: 256 neurons × 10 digits, reordered.
const rowOrder = reorderRows(neurons.classMeans).order;
const heatmapData = {
  values: neurons.classMeans,
  rowOrder,
  rowLabels: neurons.classMeans.map((_, n) => `neuron ${n}`),
  columnLabels: [...Array(10).keys()].map((c) => `digit ${c}`),
};
write(
  "matrix-heatmap",
  renderToString(matrixHeatmap, heatmapData, {
    width: 460,
    height: 520,
    scheme: "sequential",
    title: "256 neurons × 10 digits, rows reordered by Held–Karp",
  }),
);

// layerBundles: the dense layer pair, bundled.
const [, dense] = digitsCnnLayerPairs(trained, pixels, labels, { samples: 300 });
const strengths = clusterStrengths(dense.weights, dense.inputLabels, dense.outputLabels);
const largest = Math.max(...strengths.flatMap((s) => [s.pos ?? 0, -(s.neg ?? 0)]));
const spread = (count) => Array.from({ length: count }, (_, k) => ((k + 0.5) * 300) / count);
const inputPositions = spread(dense.inputClusters);
const outputPositions = spread(dense.outputClusters);
const bundles = weightedBicluster(strengths, { tau: 0.25 * largest, threshold: 0.3 * largest });
const bundleData = {
  width: 400,
  height: 300,
  layers: [
    { name: "conv-2 neuron clusters", positions: inputPositions },
    { name: "logits", positions: outputPositions, labels: [...Array(10).keys()].map((c) => `digit ${c}`) },
  ],
  pairs: [bundleLayout(bundles, { inputPositions, outputPositions, width: 400, height: 300 })],
};
write(
  "layer-bundles",
  sideBySide(
    [
      {
        svg: renderToString(layerBundles, bundleData, { width: 500, height: 350, title: "all" }),
        caption: "minWeight 0",
      },
      {
        svg: renderToString(layerBundles, bundleData, {
          width: 500,
          height: 350,
          title: "strong",
          minWeight: 0.6 * largest,
        }),
        caption: "minWeight: 0.6 × the largest |w|",
      },
    ],
    { title: "The digits CNN's dense layer, bundled by weighted biclustering" },
  ),
);

// influenceGrid: one digit's feature maps with the influences on its most active conv-2 map, and its relevance map.
const row = 1200;
const grid = convMapsGrid(network, pixels[row]);
const upper = grid.values.slice(8);
write(
  "influence-grid",
  renderToString(influenceGrid, grid, {
    width: 420,
    height: 170,
    focus: 8 + upper.indexOf(Math.max(...upper)),
    topK: 4,
    title: `Feature maps for a ${labels[row]}: conv-1 (top row) → conv-2, the 4 strongest influences on one map`,
  }),
);

// scatterPlot: the digits on their first two principal axes.
const { projection } = principalComponents(pixels.slice(0, 800), 2);
write(
  "scatter-plot",
  renderToString(
    scatterPlot,
    { points: projection, groups: labels.slice(0, 800) },
    { width: 560, height: 400, groupLabel: (g) => `digit ${g}`, title: "800 digits on their first two principal axes" },
  ),
);

// Compose: a cluster picked in the scatter plot of neurons, its rows lit in the heatmap.
const neuronProjection = principalComponents(neurons.classMeans, 2).projection;
// The cluster of the most important neuron: its rows are dark enough to see lit.
const strongest = neurons.cluster[neurons.importance.indexOf(Math.max(...neurons.importance))];
const lit = neurons.cluster.flatMap((c, n) => (c === strongest ? [n] : []));
write(
  "compose",
  sideBySide(
    [
      {
        svg: renderToString(
          scatterPlot,
          { points: neuronProjection, groups: neurons.cluster },
          { width: 460, height: 400, highlight: lit, groupLabel: (g) => `cluster ${g}`, title: "neurons" },
        ),
        caption: `cluster ${strongest} selected in the scatter plot…`,
      },
      {
        svg: renderToString(
          matrixHeatmap,
          { ...heatmapData, rowLabels: undefined },
          { width: 300, height: 400, scheme: "sequential", highlightRows: lit, title: "neurons × digits" },
        ),
        caption: "…its rows lit in the heatmap",
      },
    ],
    { title: "Two charts linked by selection" },
  ),
);

// Part 2. polylineChart: the digits MLP's first-layer weights, a blue-noise 5 % as lines over the density of the rest.
const header = JSON.parse(readFileSync(new URL("../../data/training/digits-mlp.json", import.meta.url), "utf8"));
const training = trainingSeries(header, readFileSync(new URL(`../../data/training/${header.file}`, import.meta.url)));
const weights = training.weights;
write(
  "polyline-chart",
  renderToString(
    polylineChart,
    {
      series: weights,
      highlight: sampleBlueNoise(weights, { count: Math.round(0.05 * weights.count), seed: 1 }).indices,
      outliers: mostIsolated(weights, 20),
    },
    {
      width: 640,
      height: 320,
      context: "density",
      range: [50, 250],
      title: "The digits MLP's 2,048 first-layer weights",
    },
  ),
);

// dataflowDag: the same run's layers with min/mean/max per step.
write(
  "dataflow-dag",
  renderToString(dataflowDag, mlpDataflow(training), {
    width: 720,
    height: 180,
    step: 120,
    window: 15,
    selected: "hidden",
    title: "The digits MLP around step 120",
  }),
);

// Ranking charts on the GOP-debate tweets.
const {
  clusters: rankClusters,
  links: rankLinks,
  flows: rankFlows,
} = gopRanking(csvParse(readFileSync(new URL("../../data/tweets/gop-debate-2015.csv", import.meta.url), "utf8")), 20);
write(
  "uncertainty-glyph",
  renderToString(
    uncertaintyGlyph,
    { items: rankClusters.slice(0, 10).map((c) => ({ label: c.label, values: c.uncertainty, radius: 18 })) },
    { width: 640, height: 120, title: "Uncertainty of the posts of the top 10 hashtags (percentiles)" },
  ),
);
write(
  "rank-graph",
  renderToString(
    rankGraph,
    { clusters: rankClusters, links: rankLinks, flows: rankFlows },
    {
      width: 700,
      height: 520,
      seed: 1,
      selected: 0,
      representatives: 0,
      title: "The 20 top hashtags of the GOP debate",
    },
  ),
);
const ring = rankClusters.map((_, i) => {
  const angle = (i / rankClusters.length) * 2 * Math.PI - Math.PI / 2;
  return [Math.cos(angle), Math.sin(angle)];
});
const fromTop = rankFlows.filter((f) => f.from < 3);
write(
  "flow-map",
  sideBySide(
    [
      {
        svg: renderToString(
          flowMap,
          { nodes: ring, labels: rankClusters.map((c) => c.label), flows: fromTop },
          { width: 420, height: 420, bundle: false, title: "straight" },
        ),
        caption: "straight",
      },
      {
        svg: renderToString(
          flowMap,
          { nodes: ring, labels: rankClusters.map((c) => c.label), flows: fromTop },
          { width: 420, height: 420, title: "bundled" },
        ),
        caption: "bundled by force-directed edge bundling",
      },
    ],
    { title: "Uncertainty flows from the 3 top hashtags, straight and bundled" },
  ),
);
