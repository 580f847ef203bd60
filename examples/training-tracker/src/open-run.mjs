// `pnpm demo --only training-tracker --run <dir>`: any recorded run — a dgmtracker run folder (from createTracker,
// fitCallback or the Python recorder) or a folder of PyTorch checkpoint-N/model.safetensors — shown with the views
// that need no knowledge of the model: the loss, the dataflow of every recorded layer, and blue noise against random
// on the first fully kept series. Node only.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { memoryStorage, openRun, sampleRun } from "@clearbox/dgmtracker";
import { directoryStorage, importCheckpoints } from "@clearbox/dgmtracker/node";
import { SAMPLE_COUNT } from "./analysis.mjs";

/**
 * The run in a folder, read as the views use it. A checkpoint folder is imported into memory first (every tensor's
 * statistics, and the largest tensor's every series).
 * @param {string} folder
 * @param {(line: string) => void} progress
 */
export function openAnyRun(folder, progress) {
  let reader;
  if (existsSync(join(folder, "run.json"))) {
    progress(`--run: reading the run folder ${folder}`);
    reader = openRun(directoryStorage(folder));
  } else {
    progress(`--run: reading the checkpoint folder ${folder} (checkpoint-N/model.safetensors)`);
    // Statistics first, to learn the tensors' sizes; then again keeping the largest one's every series.
    const { tensors, shapes } = importCheckpoints(folder, memoryStorage());
    const size = (t) => shapes[t].reduce((a, b) => a * b, 1);
    const largest = tensors.reduce((best, t) => (size(t) > size(best) ? t : best));
    const storage = memoryStorage();
    importCheckpoints(folder, storage, { full: [largest] });
    reader = openRun(storage);
  }
  const layers = [...new Set(reader.manifest.stats.map((s) => s.layer))];
  const full = reader.fullSeries()[0];
  return {
    ...reader.manifest.meta,
    reader,
    about: `A run read from ${folder}: ${reader.length} recorded steps, ${layers.length} layers, ${reader.fullSeries().length} kept in full.`,
    steps: reader.length,
    loss: reader.manifest.scalars.includes("loss") ? reader.scalar("loss") : undefined,
    stats: (layer, kind) => reader.stats(layer, kind),
    // The layer graph is not in a run: the layers as a chain, in recorded order.
    layers: layers.map((id, k) => ({ id, label: id, parents: k === 0 ? [] : [layers[k - 1]] })),
    inputLabel: "input",
    fullLayer: full?.layer,
    fullKind: full?.kind,
  };
}

/**
 * Blue noise against random on the run's first fully kept series (no known outliers: the most isolated 1 %), at
 * 100 series or a fifth of them when fewer.
 */
export function analyzeAnyRun(run) {
  if (!run.fullLayer) return undefined;
  const { count } = run.reader.fullSeries()[0];
  const sample = sampleRun(run.reader, run.fullLayer, run.fullKind, {
    count: Math.min(SAMPLE_COUNT, Math.max(2, Math.round(count / 5))),
  });
  return {
    kind: run.fullKind,
    series: sample.window,
    outliers: [],
    blue: sample.blue,
    random: sample.random,
    quality: sample.quality,
  };
}
