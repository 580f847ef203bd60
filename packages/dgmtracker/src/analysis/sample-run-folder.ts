import { existsSync } from "node:fs";
import { ClearboxError, describeValue } from "@clearbox/core/internal";
import type { SeriesKind } from "../store/format.js";
import { directoryStorage } from "../store/directory-storage.js";
import { openRun } from "../store/run-reader.js";
import { sampleRun } from "./sample-run.js";
import type { RunSample, SampleRunOptions } from "./sample-run.js";

/**
 * {@link sampleRun} on the run in a folder: opens it, samples, closes its files. A path crosses to a worker where a
 * reader cannot, so this is the form `@clearbox/dgmtracker/async` runs off the calling thread.
 *
 * @param folder - A run folder (`directoryStorage(folder)` wrote it, or the Python recorder, or `importCheckpoints`).
 * @param layer - A layer kept in full.
 * @param kind - "weights", "gradients" or "activations".
 * @param options - As `sampleRun`'s: `count`, `seed`, `outliers`, `compare`, `from`, `to`, `series`, `signal`,
 *   `onProgress`.
 * @returns What `sampleRun` returns.
 * @throws `E_TYPE` when `folder` is not an existing folder's path; what `openRun` and `sampleRun` throw (`E_FORMAT` for a
 *   folder that holds no run).
 * @example
 * import { sampleRunFolder } from "@clearbox/dgmtracker/async";
 * const { blue, quality } = await sampleRunFolder("runs/mlp", "dense1", "weights", { count: 200, signal });
 */
export function sampleRunFolder(
  folder: string,
  layer: string,
  kind: SeriesKind,
  options: SampleRunOptions = {},
): RunSample {
  // Checked here: directoryStorage would create a missing folder, and a reader should not.
  if (typeof folder !== "string" || folder === "" || !existsSync(folder)) {
    throw new ClearboxError("E_TYPE", `folder must be an existing run folder's path, got ${describeValue(folder)}.`, {
      argument: "folder",
    });
  }
  const storage = directoryStorage(folder);
  try {
    return sampleRun(openRun(storage), layer, kind, options);
  } finally {
    storage.close();
  }
}
