// The tracker's page: the cached run (data/) through the same analysis as the report (src/analysis.mjs), drawn with
// @clearbox/charts, with DGMTracker's interactions: pick a step on the loss (the DAG's windows follow), click a layer,
// brush the time axis (focus + context), click a line or pick a neuron for its credit.
import * as tf from "@tensorflow/tfjs";
import { memoryStorage, openRun } from "@clearbox/dgmtracker";
import manifestUrl from "../data/vae-run/run.json?url";
import statsUrl from "../data/vae-run/stats.bin?url";
import series0Url from "../data/vae-run/series-0.bin?url";
import series1Url from "../data/vae-run/series-1.bin?url";
import series2Url from "../data/vae-run/series-2.bin?url";
import { analyzeRun, credit, loadRun } from "./analysis.mjs";
import {
  backwardCreditView,
  clusterCreditView,
  dagView,
  forwardCreditView,
  linesView,
  lossView,
  reconstructionView,
} from "./views.mjs";

/** The page's element with this id (the form controls among them are read by `value`). @param {string} id */
const $ = (id) => /** @type {HTMLElement & { value: string }} */ (document.getElementById(id));
const draw = (container, { chart, data, options }) => chart(container, data, options);
/** @type {{ step: number, kind: import("@clearbox/dgmtracker").SeriesKind, selected?: string, range?: [number, number], unit: number, hovered: any }} */
const state = { step: 0, kind: "weights", selected: undefined, range: undefined, unit: 0, hovered: null };
let run;
let analysis;
const units = () => run.decoder[run.fullLayer].bias.length;

function readout(text) {
  $("readout").textContent = text ?? "";
}

function drawLoss() {
  draw(
    $("loss"),
    lossView(run, {
      step: state.step,
      width: 1060,
      onSelectStep: (step) => {
        state.step = step;
        drawLoss();
        drawDag();
      },
    }),
  );
}

function drawDag() {
  $("step").textContent = String(state.step);
  draw(
    $("dag"),
    dagView(run, {
      kind: state.kind,
      step: state.step,
      selected: state.selected,
      width: 1060,
      onSelect: (id) => {
        state.selected = id;
        const layer = run.layers.find((l) => l.id === id);
        const s = layer && run.stats(id, state.kind);
        $("layer").textContent = layer
          ? `${layer.label}: ${state.kind} at step ${state.step} span ${s.min[state.step].toPrecision(3)} … ${s.max[state.step].toPrecision(3)} (mean ${s.mean[state.step].toPrecision(3)})`
          : "";
        drawDag();
      },
    }),
  );
}

function drawLines() {
  const hover = (series) => {
    state.hovered = series;
    if (series === null) return readout("");
    const unit = series % units();
    readout(
      `series ${series}: input ${Math.floor(series / units())} → unit ${unit}${analysis.outliers.includes(series) ? " (anomalous unit)" : ""}; click for its credit`,
    );
  };
  const panels = /** @type {const} */ (["all", "random", "blue"]).map((which) => {
    const panel = document.createElement("div");
    panel.dataset.panel = which;
    draw(
      panel,
      linesView(analysis, which, {
        range: state.range,
        width: 340,
        height: 260,
        onHover: hover,
        ...(which === "all" && {
          onBrush: (range) => {
            state.range = range ?? undefined;
            drawLines();
          },
        }),
      }),
    );
    // A click on a hovered line picks its neuron (the chart reports hovers; a click on the plot is a step pick).
    panel.addEventListener("click", () => state.hovered !== null && pickUnit(state.hovered % units()));
    return panel;
  });
  $("lines").replaceChildren(...panels);
}

function drawQuality() {
  const row = (name, q) =>
    q
      ? `<tr><td>${name}</td><td>${Math.round(100 * q.outlierRecall)} %</td><td>${q.minSpacing.toFixed(4)}</td><td>${q.coverageMean.toFixed(4)}</td></tr>`
      : "";
  $("quality").innerHTML =
    `<tr><th>sample of ${analysis.blue.indices.length}</th><th>recall of the anomaly's series</th><th>min spacing</th><th>mean coverage</th></tr>${row("blue noise", analysis.quality.blue)}${row("random", analysis.quality.random)}${row("online (during training)", analysis.quality.online)}`;
}

function pickUnit(unit) {
  state.unit = Math.min(units() - 1, Math.max(0, unit));
  $("unit").value = String(state.unit);
  const result = credit(run, analysis, state.unit, 0);
  const views = [
    reconstructionView(result),
    forwardCreditView(result),
    backwardCreditView(result, { width: 420 }),
    clusterCreditView(result),
  ];
  $("credit").replaceChildren(
    ...views.map((view) => {
      const panel = document.createElement("div");
      draw(panel, view);
      return panel;
    }),
  );
}

async function main() {
  await tf.setBackend("cpu");
  const start = performance.now();
  // The cached run folder, fetched file by file into a dgmtracker memory storage.
  const urls = {
    "run.json": manifestUrl,
    "stats.bin": statsUrl,
    "series-0.bin": series0Url,
    "series-1.bin": series1Url,
    "series-2.bin": series2Url,
  };
  /** @type {Record<string, Uint8Array>} */
  const files = {};
  for (const [name, url] of Object.entries(urls)) files[name] = new Uint8Array(await (await fetch(url)).arrayBuffer());
  run = loadRun(openRun(memoryStorage(files)));
  analysis = analyzeRun(run);
  state.step = run.settings.anomaly.from + 5;
  state.unit = run.settings.anomaly.units[0];
  $("anomaly").textContent = `Planted: ${run.anomaly}`;
  $("kind").addEventListener("change", () => {
    state.kind = /** @type {import("@clearbox/dgmtracker").SeriesKind} the select offers only the kinds */ (
      $("kind").value
    );
    drawDag();
  });
  $("unit").addEventListener("change", () => pickUnit(Number($("unit").value) || 0));
  drawLoss();
  drawDag();
  drawLines();
  drawQuality();
  pickUnit(state.unit);
  $("status").textContent = `${run.about} Analysed in ${(performance.now() - start).toFixed(0)} ms.`;
  document.body.dataset.ready = "true";
}

main().catch((error) => {
  $("status").textContent = `Could not load the run: ${error.message}`;
  document.body.dataset.ready = "error";
  throw error;
});
