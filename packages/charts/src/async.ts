/**
 * @clearbox/charts/async — the one long computation of @clearbox/charts, force-directed edge bundling, off the
 * calling thread (a Web Worker in browsers, `worker_threads` in Node): same arguments and result as `bundleEdges`,
 * as a Promise. `options.signal` rejects with `E_ABORTED` as soon as it fires (the worker is terminated);
 * `options.onProgress` is called here with the worker's progress. ESM only, like the rest of the package.
 *
 * Adding a function: one line below and its name in src/worker.ts.
 *
 * @module @clearbox/charts/async
 * @packageDocumentation
 */
import { inWorker } from "@clearbox/core/internal";
import type * as sync from "./edge-bundling.js";

const worker = {
  browser: () => new Worker(new URL("./worker.js", import.meta.url), { type: "module" }),
  url: new URL("./worker.js", import.meta.url),
};

export const bundleEdges = inWorker<typeof sync.bundleEdges>(worker, "bundleEdges");
