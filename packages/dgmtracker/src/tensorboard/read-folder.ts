// TensorBoard logs on disk: one event file, or a log folder whose event files (and its sub-folders', as
// SummaryWriter.add_scalars and TensorBoard's runs lay them out) are read in name order — the name carries the
// writer's start time, so a resumed run's files follow each other.
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { ClearboxError, assertOptions, describeValue } from "@clearbox/core/internal";
import type { OptionKeys } from "@clearbox/core/internal";
import { collectScalars, sortedScalars } from "./scalars.js";
import type { ScalarColumns, TensorBoardScalars } from "./scalars.js";

/** Options of {@link readTensorBoardScalars}. */
export interface ReadTensorBoardOptions {
  /** Only these tags (with their sub-folder prefix, e.g. "grad_norm_fc1/grad_norm"); one not found is `E_EMPTY`. */
  tags?: string[];
  /** Stops between records (`E_ABORTED`). */
  signal?: AbortSignal;
}

const READ_OPTIONS = { tags: true, signal: true } satisfies OptionKeys<ReadTensorBoardOptions>;

/**
 * The scalars of a TensorBoard log (what PyTorch's `SummaryWriter.add_scalar` or `tf.summary.scalar` wrote): an event
 * file, a log folder, or an event file's bytes. In a folder every `*tfevents*` file is read, its sub-folders' too;
 * a tag from a sub-folder is named `sub-folder/tag` (`add_scalars("loss", {"train": …})` writes `loss_train/loss`).
 * Every record's two CRC-32C checksums are verified. Files are read whole into memory.
 *
 * @param pathOrBytes - An event file's or a log folder's path, or an event file's bytes.
 * @param options - `tags` (only these), `signal`.
 * @returns Per tag, `{ steps, values, wallTimes }` (Float64Arrays) sorted by step; float32 values as written.
 * @throws `E_FORMAT` naming the file and the byte offset of a truncated record, a CRC that does not match or an event
 *   that is not protobuf; `E_EMPTY` for a folder without event files or a requested tag not found; `E_TYPE` for a
 *   path that does not exist; `E_OPTION` for an unknown option key; `E_ABORTED` when `signal` aborts.
 * @example
 * ```ts
 * // Fragment: the loss a PyTorch run logged with SummaryWriter("runs/exp1").
 * import { readTensorBoardScalars } from "@clearbox/dgmtracker/node";
 * const { loss } = readTensorBoardScalars("runs/exp1", { tags: ["loss"] });
 * console.log(loss.steps.length, loss.values.at(-1));
 * ```
 */
export function readTensorBoardScalars(
  pathOrBytes: string | Uint8Array,
  options: ReadTensorBoardOptions = {},
): Record<string, TensorBoardScalars> {
  options = assertOptions(options, "options", READ_OPTIONS);
  const columns: ScalarColumns = new Map();
  if (pathOrBytes instanceof Uint8Array) {
    collectScalars(pathOrBytes, "event file", "", columns, options.signal);
    return sortedScalars(columns, options.tags);
  }
  if (typeof pathOrBytes !== "string" || !existsSync(pathOrBytes)) {
    throw new ClearboxError(
      "E_TYPE",
      `pathOrBytes must be an existing file's or folder's path, or a Uint8Array, got ${describeValue(pathOrBytes)}.`,
      { argument: "pathOrBytes" },
    );
  }
  for (const { file, prefix } of eventFiles(pathOrBytes)) {
    collectScalars(readFileSync(file), file, prefix, columns, options.signal);
  }
  return sortedScalars(columns, options.tags);
}

/**
 * The event files of a log — the path itself when a file, else every *tfevents* file below it, in name order — each
 * with its tags' prefix: its sub-folder's path and "/" ("" for the path itself or a file directly in it).
 */
function eventFiles(path: string): { file: string; prefix: string }[] {
  if (!statSync(path).isDirectory()) return [{ file: path, prefix: "" }];
  const files = (readdirSync(path, { recursive: true }) as string[])
    .filter((name) => /tfevents/.test(name.split(sep).at(-1)!) && statSync(join(path, name)).isFile())
    .sort()
    .map((name) => {
      const folder = relative(path, join(path, name, ".."))
        .split(sep)
        .join("/");
      return { file: join(path, name), prefix: folder ? `${folder}/` : "" };
    });
  if (files.length === 0) {
    throw new ClearboxError("E_EMPTY", `${path} holds no TensorBoard event files (*tfevents*).`, {
      argument: "pathOrBytes",
    });
  }
  return files;
}
