/**
 * @clearbox/dgmtracker/async — the long functions of `@clearbox/dgmtracker/node` off the calling thread (a
 * `worker_threads` worker; Node only, as `./node` is): same names, arguments and results, as Promises. They take
 * folders' paths, which cross to the worker (a run reader or a storage object cannot). `options.signal` rejects with
 * `E_ABORTED` as soon as it fires (the worker is terminated); `options.onProgress` is called here.
 *
 * @example
 * import { importCheckpoints, sampleRunFolder } from "@clearbox/dgmtracker/async";
 * await importCheckpoints("runs/hf-output", "runs/imported", { full: ["fc1.weight"] });
 * const { quality } = await sampleRunFolder("runs/imported", "fc1.weight", "weights", { count: 100 });
 *
 * @module @clearbox/dgmtracker/async
 * @packageDocumentation
 */
import { inWorker } from "@clearbox/core/internal";
import type * as sync from "./node.js";

const worker = {
  browser: () => new Worker(new URL("./worker.js", import.meta.url), { type: "module" }),
  url: new URL("./worker.js", import.meta.url),
};

export const sampleRunFolder = inWorker<typeof sync.sampleRunFolder>(worker, "sampleRunFolder");
export const importCheckpoints = inWorker<typeof sync.importCheckpoints>(worker, "importCheckpoints");
export const readTensorBoardScalars = inWorker<typeof sync.readTensorBoardScalars>(worker, "readTensorBoardScalars");
