// The explorer's page: the cached model and sample through the same analysis as the report (src/analysis.mjs),
// drawn with @clearbox/charts, with CNNVis's interactions: select classes, move a neuron between clusters, switch a
// cluster's facet, hover for readouts, pick the digit LRP explains.
import * as tf from "@tensorflow/tfjs";
import storedModel from "../data/cnn-model.json";
import storedSample from "../data/sample.json";
import { analyzeModel, deriveViews, explainSample, moveNeuron } from "./analysis.mjs";
import { imagesFromFolder, modelFromFiles } from "./own-files-page.mjs";
import { loadStoredModel, loadStoredSample } from "./stored.mjs";
import {
  bundleNote,
  clustersOf,
  clusterMatrixView,
  commonUnit,
  explanationViews,
  groupName,
  networkView,
  packedView,
} from "./views.mjs";

/** The page's element with this id (the form controls among them are read by `value`). @param {string} id */
const $ = (id) => /** @type {HTMLInputElement} */ (document.getElementById(id));
const option = (label, value) => Object.assign(document.createElement("option"), { textContent: label, value });
const draw = (container, { chart, data, options }) => chart(container, data, options);
const state = { selectedClasses: [], group: 0, facets: new Map(), moving: null, expanded: null };
let analysis;
let views;
let sample;

function readout(text) {
  $("readout").textContent = text ?? "";
}

function drawNetwork() {
  $("bundle-note").textContent = bundleNote(views, analysis);
  draw(
    $("network"),
    networkView(analysis, views, {
      selectedClasses: state.selectedClasses,
      expanded: state.expanded,
      onHover: (item) =>
        readout(item && `${analysis.groups[item.column].readout} unit ${item.unit} (cluster ${item.cluster})`),
      onSelect: (cluster) => {
        state.expanded = cluster;
        drawNetwork();
      },
    }),
  );
}

function drawClusters() {
  const g = state.group;
  const group = analysis.groups[g];
  const panels = clustersOf(views.clusters[g]).map(({ id, members }) => {
    const key = `${g}:${id}`;
    const facet = state.facets.get(key) ?? "features";
    const panel = document.createElement("div");
    panel.className = "panel";
    panel.dataset.cluster = String(id);
    const toggle = document.createElement("button");
    toggle.textContent = facet === "features" ? "show matrix" : "show features";
    toggle.dataset.role = "facet";
    toggle.addEventListener("click", () => {
      state.facets.set(key, facet === "features" ? "matrix" : "features");
      drawClusters();
    });
    const chart = document.createElement("div");
    chart.dataset.facet = facet;
    const onHover = (unit) =>
      readout(
        unit === null
          ? ""
          : `${group.readout} unit ${unit}: importance ${group.importance[unit].toFixed(3)}, prefers ${analysis.classes[group.topClass[unit]]}, cluster ${id}`,
      );
    const options = { selectedClasses: state.selectedClasses, width: 250, height: 250 };
    if (facet === "features") {
      const unit = commonUnit(views, g, 230);
      draw(
        chart,
        packedView(analysis, views, g, id, { ...options, unit, onHover, onSelect: (neuron) => startMove(neuron, id) }),
      );
    } else {
      draw(
        chart,
        clusterMatrixView(analysis, views, g, id, {
          ...options,
          onHover: (cell) =>
            readout(
              cell &&
                `unit ${members[cell.row]}, class ${analysis.classes[cell.column]}: mean activation ${cell.value.toFixed(3)}`,
            ),
        }),
      );
    }
    panel.append(toggle, chart);
    return panel;
  });
  $("clusters").replaceChildren(...panels);
}

function startMove(unit, from) {
  state.moving = { unit, from };
  const count = Math.max(...views.clusters[state.group]) + 2; // every cluster, and one new
  $("moving").textContent = `unit ${unit} (cluster ${from})`;
  $("target").replaceChildren(
    ...Array.from({ length: count }, (_, c) => option(c === count - 1 ? `${c} (new)` : String(c), String(c))).filter(
      (o) => Number(o.value) !== from,
    ),
  );
  $("move").hidden = false;
}

function applyMove() {
  if (!state.moving) return;
  const to = Number($("target").value);
  const start = performance.now();
  views = deriveViews(analysis, moveNeuron(views.clusters, state.group, state.moving.unit, to), { previous: views });
  readout(
    `moved unit ${state.moving.unit} to cluster ${to}: the moved group and its bundles re-derived in ${(performance.now() - start).toFixed(0)} ms`,
  );
  state.moving = null;
  $("move").hidden = true;
  drawNetwork();
  drawClusters();
}

function drawExplanation() {
  const panels = explanationViews(analysis).map((view) => {
    const panel = document.createElement("div");
    draw(panel, view);
    return panel;
  });
  $("explanation").replaceChildren(...panels);
}

function drawClassButtons() {
  const buttons = analysis.classes.map((name, c) => {
    const button = document.createElement("button");
    button.textContent = name;
    button.dataset.class = String(c);
    button.setAttribute("aria-pressed", "false");
    button.addEventListener("click", () => {
      const on = !state.selectedClasses.includes(c);
      state.selectedClasses = on ? [...state.selectedClasses, c] : state.selectedClasses.filter((x) => x !== c);
      button.setAttribute("aria-pressed", String(on));
      drawNetwork();
      drawClusters();
    });
    return button;
  });
  $("classes").replaceChildren(...buttons);
}

/** Analyse a model on a sample and draw every view (the bundled MNIST model first, your own on request). */
function show(model, sampleToShow, about) {
  const start = performance.now();
  sample = sampleToShow;
  analysis = analyzeModel(model, sample);
  views = deriveViews(analysis);
  state.selectedClasses = [];
  state.expanded = null;
  state.moving = null;
  $("move").hidden = true;
  $("group").replaceChildren(...analysis.groups.map((_, g) => option(groupName(analysis, g), String(g))));
  state.group = Math.max(0, analysis.groups.length - 2);
  $("group").value = String(state.group);
  $("digit").max = String(sample.labels.length - 1);
  drawClassButtons();
  drawNetwork();
  drawClusters();
  drawExplanation();
  $("status").textContent =
    `${about} Analysed ${sample.labels.length} samples in ${(performance.now() - start).toFixed(0)} ms.`;
}

async function openOwn() {
  const modelFiles = $("model-files").files;
  const imageFiles = $("image-files").files;
  try {
    if (!modelFiles?.length || !imageFiles?.length)
      throw new Error("choose the model files and a folder of labelled images.");
    $("status").textContent = "Reading your model and images…";
    const model = await modelFromFiles(modelFiles);
    const own = await imagesFromFolder(imageFiles, model.inputs[0].shape.slice(1));
    show(
      model,
      own,
      `Your model on ${own.labels.length} images of ${own.classes.length} classes (${own.classes.join(", ")}).`,
    );
    document.body.dataset.own = "true";
  } catch (error) {
    $("status").textContent = `Could not analyse your model: ${error.message}`;
    document.body.dataset.own = "error";
  }
}

async function main() {
  await tf.setBackend("cpu");
  const model = await loadStoredModel(storedModel);
  $("group").addEventListener("change", () => {
    state.group = Number($("group").value);
    state.moving = null;
    $("move").hidden = true;
    drawClusters();
  });
  $("apply").addEventListener("click", applyMove);
  $("digit").addEventListener("change", () => {
    const index = Math.min(sample.labels.length - 1, Math.max(0, Number($("digit").value) || 0));
    analysis = { ...analysis, explanation: explainSample(analysis.network, sample, index, analysis.inputShape) };
    drawExplanation();
  });
  $("open-own").addEventListener("click", () => void openOwn());
  show(
    model,
    loadStoredSample(storedSample),
    `${storedModel.about} Test accuracy ${(100 * storedModel.testAccuracy).toFixed(1)} %.`,
  );
  document.body.dataset.ready = "true";
}

main().catch((error) => {
  $("status").textContent = `Could not analyse the model: ${error.message}`;
  document.body.dataset.ready = "error";
  throw error;
});
