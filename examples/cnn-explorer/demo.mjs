// cnn-explorer's headless pipeline for `pnpm demo`: train the CNN on MNIST (or, with --fast, read the cached model),
// run the CNNVis analysis that the page runs (src/analysis.mjs), and return the report's sections as HTML with the
// views rendered to SVG by @clearbox/charts/ssr.
import { readFileSync } from "node:fs";
import { analyzeModel, deriveViews } from "./src/analysis.mjs";
import { EPOCHS, trainExplorerCnn } from "./src/explorer-cnn.mjs";
import { loadImageFolder, loadModelFolder } from "./src/own-files-node.mjs";
import { loadStoredModel, loadStoredSample } from "./src/stored.mjs";
import { useWasm } from "./src/train-cnn.mjs";
import {
  bundleNote,
  clustersOf,
  commonUnit,
  explanationViews,
  groupName,
  layerMatrixView,
  networkView,
  packedView,
} from "./src/views.mjs";
import { escapeHtml, htmlTable, renderView } from "@clearbox/demo-kit/report-html";
import { createTimings } from "@clearbox/demo-kit/timings";

const read = (file) => JSON.parse(readFileSync(new URL(`./data/${file}`, import.meta.url), "utf8"));

/**
 * @param {{ fast?: boolean, progress?: (line: string) => void, modelFolder?: string, imagesFolder?: string }} options -
 *   `modelFolder` (model.json + weights) and `imagesFolder` (one sub-folder of PNGs per class) analyse your own model
 * @returns {Promise<{ title: string, lead: string, sections: { heading: string, html: string }[], timings: [string, number][], source: string }>}
 */
export async function run({ fast = false, progress = () => {}, modelFolder, imagesFolder } = {}) {
  if ((modelFolder === undefined) !== (imagesFolder === undefined)) {
    throw new Error(
      "cnn-explorer: give both --model <dir> (model.json + weights) and --images <dir> (a folder per class).",
    );
  }
  if (modelFolder !== undefined) return ownReport(modelFolder, imagesFolder, progress);
  const { timings, timed } = createTimings();
  await useWasm();
  const stored = read("cnn-model.json");
  let model;
  let testAccuracy = stored.testAccuracy;
  let trainedHere = false;
  let sameAsCached;
  if (fast) {
    progress("--fast: reading the cached model (data/cnn-model.json)");
    model = await timed("read the cached model", () => loadStoredModel(stored));
  } else {
    progress(`training the residual CNN on MNIST (${EPOCHS} epochs; --fast reads the cached model instead)`);
    const trained = await timed("read MNIST and train the CNN (wasm)", () =>
      trainExplorerCnn({ onProgress: progress }),
    );
    model = trained.model;
    testAccuracy = trained.testAccuracy;
    trainedHere = true;
    const cached = await loadStoredModel(stored);
    sameAsCached = maxWeightDifference(model, cached);
  }
  const sample = loadStoredSample(read("sample.json"));
  progress(`analysing ${sample.labels.length} test digits: activations, clusters, patches, LRP`);
  const analysis = await timed("analyse: activations, clusters, top patches, LRP", () => analyzeModel(model, sample));
  progress("packing clusters, reordering matrices, biclustering layer pairs");
  const views = await timed("derive: packings, Held–Karp orders, bundles", () => deriveViews(analysis));
  const svg = await timed("render the views to SVG", () => renderViews(analysis, views));

  const conv = analysis.groups.length - 2; // the last convolution group: the most interesting clusters
  const about = `${escapeHtml(stored.about)}</p>
<p><b>Test accuracy ${(100 * testAccuracy).toFixed(1)} %</b> on ${stored.testDigits} held-out MNIST digits${
    trainedHere
      ? `, trained in this run${sameAsCached === 0 ? " (bit-identical to the cached weights: training is deterministic)" : ` (largest weight difference from the cached model ${sameAsCached.toExponential(1)})`}`
      : " (cached model, --fast)"
  }.`;
  return {
    title: "cnn-explorer — CNNVis on MNIST",
    lead: "A residual CNN with batch norm trained with TensorFlow.js on real handwritten digits, explained the way CNNVis (thesis chapter 3) does, from the clearbox packages: @clearbox/cnnvis over cluster, rect-pack, reorder, bicluster and credit, drawn by charts.",
    sections: sections(analysis, views, svg, about, conv),
    timings,
    source:
      "MNIST digits from the npm package mnist 1.1.0 (MIT; 10,000 digits of the MNIST database by LeCun, Cortes and Burges): 8,000 train, 2,000 test; the analysis reads 300 test digits (data/sample.json).",
  };
}

/** Your own model and images, through the same analysis and views. */
async function ownReport(modelFolder, imagesFolder, progress) {
  const { timings, timed } = createTimings();
  await useWasm();
  const model = await timed("read the model folder", () => loadModelFolder(modelFolder));
  const inputShape = model.inputs[0].shape.slice(1);
  const sample = await timed("read and resize the images", () => loadImageFolder(imagesFolder, inputShape));
  progress(`analysing ${sample.labels.length} images of ${sample.classes.length} classes with ${modelFolder}`);
  const analysis = await timed("analyse: activations, clusters, top patches, LRP", () => analyzeModel(model, sample));
  const views = await timed("derive: packings, Held–Karp orders, bundles", () => deriveViews(analysis));
  const svg = await timed("render the views to SVG", () => renderViews(analysis, views));
  const conv = Math.max(0, analysis.groups.length - 2);
  const about = `Your model (${escapeHtml(modelFolder)}) on ${sample.labels.length} images of ${sample.classes.length} classes (${escapeHtml(imagesFolder)}).`;
  return {
    title: "cnn-explorer — CNNVis on your model",
    lead: "Your TensorFlow.js model and labelled images, analysed the way CNNVis (thesis chapter 3) does by @clearbox/cnnvis.",
    sections: sections(analysis, views, svg, about, conv),
    timings,
    source: `Model: ${modelFolder}; images: ${imagesFolder} (one sub-folder per class).`,
  };
}

function sections(analysis, views, svg, about, conv) {
  return [
    {
      heading: "The network and its accuracy",
      html: `<p>${about}</p>
${groupsTable(analysis, views)}`,
    },
    {
      heading: "Clusters of every layer group and their bundles",
      html: `<p>The CNNVis main view (thesis Fig. 3.8). Each column is a layer group (between pooling and stride-2
boundaries, §3.3); each rectangle a cluster of its neurons by their per-class mean activations (eq. 3-1, k-means on unit
vectors), filled with its neurons' top input patches packed by importance. Between columns, the virtual layer of
biclusters (green/red by the share of positive and negative weights) bundles the cluster-to-cluster connections
(§3.5.1).</p>
${svg.network}
${bundlesTable(views)}${note(bundleNote(views, analysis))}`,
    },
    {
      heading: `Packed clusters of ${escapeHtml(groupName(analysis, conv))}`,
      html: `<p>Every cluster of the group's ${analysis.groups[conv].units} feature maps, packed by the hierarchical packer
(divisive clustering, squarified treemap, optimal packing per leaf; §3.4.1). A rectangle's area is the neuron's
importance (mean activation); its image is the 2 × 2 mosaic of the input patches, cropped to the receptive field, that
excite it most.</p><div class="row">${svg.packed.join("\n")}</div>`,
    },
    {
      heading: `Reordered activation matrix of ${escapeHtml(groupName(analysis, conv))}`,
      html: `<p>Neurons × digit classes, mean activation; clusters one after another, rows inside each cluster in the
order Held–Karp finds (maximising the correlation of neighbouring rows, §3.4.2).</p>
<div class="row">${svg.matrix}${reorderTable(views, conv)}</div>`,
    },
    {
      heading: "Credit: LRP of one test digit",
      html: `<p>Layer-wise relevance propagation (z<sup>B</sup> at the input, γ in the convolutions, ε above) of the
predicted class: green pixels speak for it, red against.</p><div class="row">${svg.explanation.join("\n")}</div>`,
    },
  ];
}

function renderViews(analysis, views) {
  const conv = analysis.groups.length - 2;
  return {
    network: renderView(networkView(analysis, views)),
    packed: clustersOf(views.clusters[conv]).map(({ id }) =>
      renderView(packedView(analysis, views, conv, id, { unit: commonUnit(views, conv, 230) })),
    ),
    matrix: renderView(layerMatrixView(analysis, views, conv)),
    explanation: explanationViews(analysis).map(renderView),
  };
}

function maxWeightDifference(a, b) {
  const wa = a.getWeights().map((t) => t.dataSync());
  const wb = b.getWeights().map((t) => t.dataSync());
  let largest = 0;
  wa.forEach((values, i) => values.forEach((v, j) => (largest = Math.max(largest, Math.abs(v - wb[i][j])))));
  return largest;
}

function groupsTable(analysis, views) {
  const rows = analysis.groups.map((group, g) => {
    const sizes = clustersOf(views.clusters[g]).map((c) => c.members.length);
    const field = group.top.field === null ? "the whole input" : `${group.top.field.size.join(" × ")} px`;
    return [groupName(analysis, g), group.readout, group.units, sizes.length, sizes.join(", "), field];
  });
  return htmlTable(["layer group", "neurons of", "neurons", "clusters", "cluster sizes", "receptive field"], rows);
}

function note(text) {
  return text === "" ? "" : `\n<p>${escapeHtml(text)}</p>`;
}

function bundlesTable(views) {
  const rows = views.bundles.map((b) => [`${b.from} → ${b.to}`, b.pairs, b.kept, b.biclusters, b.curves]);
  return htmlTable(["groups", "cluster pairs", "biclustered", "biclusters", "curves drawn"], rows);
}

function reorderTable(views, g) {
  const rows = views.matrices[g]
    .filter((m) => m.members.length > 2)
    .map((m) => [m.cluster, m.members.length, m.objective.toFixed(2), m.optimal ? "yes" : "no"]);
  return htmlTable(["cluster", "rows", "Σ neighbour correlation after Held–Karp", "optimal"], rows);
}
