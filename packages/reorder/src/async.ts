/**
 * @clearbox/reorder/async — the long computations of @clearbox/reorder, off the calling thread (a Web Worker in
 * browsers, `worker_threads` in Node): same names, arguments and results as the synchronous forms, as Promises.
 * `options.signal` rejects with `E_ABORTED` as soon as it fires (the worker is terminated); `options.onProgress` is
 * called here with the worker's progress. Functions in options (a custom similarity) cannot cross threads.
 *
 * Adding a function: one line below (the worker serves every export of the package's public entry).
 *
 * @module @clearbox/reorder/async
 * @packageDocumentation
 */
import { inWorker } from "@clearbox/core/internal";
import type * as sync from "./index.js";

const worker = {
  browser: () => new Worker(new URL("./worker.js", import.meta.url), { type: "module" }),
  url: new URL("./worker.js", import.meta.url),
};

export const heldKarp = inWorker<typeof sync.heldKarp>(worker, "heldKarp");
export const reorderRows = inWorker<typeof sync.reorderRows>(worker, "reorderRows");
export const similarityMatrix = inWorker<typeof sync.similarityMatrix>(worker, "similarityMatrix");
export const distanceMatrix = inWorker<typeof sync.distanceMatrix>(worker, "distanceMatrix");
