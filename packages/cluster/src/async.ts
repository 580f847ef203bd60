/**
 * @clearbox/cluster/async — the long computations of @clearbox/cluster, off the calling thread (a Web Worker in
 * browsers, `worker_threads` in Node): same names, arguments and results as the synchronous forms, as Promises.
 * `options.signal` rejects with `E_ABORTED` as soon as it fires (the worker is terminated); `options.onProgress` is
 * called here with the worker's progress. Functions in options (a custom `distance`) cannot cross threads.
 *
 * Adding a function: one line below (the worker serves every export of the package's public entry).
 *
 * @module @clearbox/cluster/async
 * @packageDocumentation
 */
import { inWorker } from "@clearbox/core/internal";
import type * as sync from "./index.js";

const worker = {
  browser: () => new Worker(new URL("./worker.js", import.meta.url), { type: "module" }),
  url: new URL("./worker.js", import.meta.url),
};

export const kmeans = inWorker<typeof sync.kmeans>(worker, "kmeans");
export const meanShift = inWorker<typeof sync.meanShift>(worker, "meanShift");
export const leiden = inWorker<typeof sync.leiden>(worker, "leiden");
export const greedyModularity = inWorker<typeof sync.greedyModularity>(worker, "greedyModularity");
export const divisiveHierarchy = inWorker<typeof sync.divisiveHierarchy>(worker, "divisiveHierarchy");
export const knnGraph = inWorker<typeof sync.knnGraph>(worker, "knnGraph");
export const principalComponents = inWorker<typeof sync.principalComponents>(worker, "principalComponents");
