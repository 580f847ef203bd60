/**
 * @clearbox/mutual-rank/async — the long computations of @clearbox/mutual-rank, off the calling thread (a Web Worker in
 * browsers, `worker_threads` in Node): same names, arguments and results as the synchronous forms, as Promises.
 * `options.signal` rejects with `E_ABORTED` as soon as it fires (the worker is terminated); `options.onProgress` is
 * called here with the worker's progress.
 *
 * Adding a function: one line below (the worker serves every export of the package's public entry).
 *
 * @module @clearbox/mutual-rank/async
 * @packageDocumentation
 */
import { inWorker } from "@clearbox/core/internal";
import type * as sync from "./index.js";

const worker = {
  browser: () => new Worker(new URL("./worker.js", import.meta.url), { type: "module" }),
  url: new URL("./worker.js", import.meta.url),
};

export const solveExact = inWorker<typeof sync.solveExact>(worker, "solveExact");
export const fromTweets = inWorker<typeof sync.fromTweets>(worker, "fromTweets");
export const monteCarloScores = inWorker<typeof sync.monteCarloScores>(worker, "monteCarloScores");
