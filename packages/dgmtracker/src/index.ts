/**
 * @clearbox/dgmtracker — DGMTracker (thesis chapter 4) on your own training: a tracker for TensorFlow.js fits and
 * custom loops, a run store that scales to 10⁶ series × 10⁴ steps, and the analyses of a run.
 *
 * @example
 * import { createRunWriter, memoryStorage, openRun } from "@clearbox/dgmtracker";
 *
 * const storage = memoryStorage();
 * const writer = createRunWriter(storage, { full: ["dense"] });
 * writer.append(0, { scalars: { loss: 1 }, layers: { dense: { weights: [0.1, 0.2] } } });
 * writer.close();
 * openRun(storage).scalar("loss"); // Float64Array [1]
 *
 * @module @clearbox/dgmtracker
 * @packageDocumentation
 */
export { memoryStorage } from "./store/storage.js";
export type { MemoryStorage, RunStorage } from "./store/storage.js";
export { createRunWriter } from "./store/run-writer.js";
export type { LayerStep, RunWriter, RunWriterOptions, StepRecord } from "./store/run-writer.js";
export type { StepValues } from "./store/layer-stats.js";
export { openRun } from "./store/run-reader.js";
export type { RunReader, SeriesWindow, SeriesWindowOptions, StatSeries } from "./store/run-reader.js";
export type { ChunkEntry, RunManifest, SeriesEntry, SeriesKind } from "./store/format.js";
export { createTracker } from "./tracker.js";
export type { Tracker, TrackerOptions } from "./tracker.js";
export { dataflow } from "./analysis/dataflow.js";
export type { DataflowRun, LayerNode } from "./analysis/dataflow.js";
export { sampleRun } from "./analysis/sample-run.js";
export type { RunSample, SampleRunOptions } from "./analysis/sample-run.js";
export { randomSample } from "./analysis/random-sample.js";
export { decodeTensorBoardScalars } from "./tensorboard/scalars.js";
export type { DecodeTensorBoardOptions, TensorBoardScalars } from "./tensorboard/scalars.js";
