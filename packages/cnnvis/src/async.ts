/**
 * @clearbox/cnnvis/async — analyzeModel and deriveViews off the calling thread (a Web Worker in browsers,
 * `worker_threads` in Node): same arguments and results, as Promises. The model crosses as a credit network (call
 * credit's `fromLayersModel(model, { dropSoftmax: true })` first: a tfjs model object cannot cross threads) and the
 * samples as one `{ images, labels }` block; the worker runs on whichever TensorFlow.js backend it has (the CPU
 * backend credit registers). `options.signal` rejects with `E_ABORTED` at once (the worker is terminated).
 *
 * @module @clearbox/cnnvis/async
 * @packageDocumentation
 */
import { inWorker } from "@clearbox/core/internal";
import type * as sync from "./index.js";

const worker = {
  browser: () => new Worker(new URL("./worker.js", import.meta.url), { type: "module" }),
  url: new URL("./worker.js", import.meta.url),
};

export const analyzeModel = inWorker<typeof sync.analyzeModel>(worker, "analyzeModel");
export const deriveViews = inWorker<typeof sync.deriveViews>(worker, "deriveViews");
