import { closeSync, existsSync, openSync, readSync, readdirSync, fstatSync } from "node:fs";
import { join } from "node:path";
import { ClearboxError, assertOptions, createProgress, describeValue } from "@clearbox/core/internal";
import type { OptionKeys } from "@clearbox/core/internal";
import { directoryStorage } from "../store/directory-storage.js";
import { createRunWriter } from "../store/run-writer.js";
import type { RunWriter, StepRecord } from "../store/run-writer.js";
import { assertStorage } from "../store/storage.js";
import type { RunStorage } from "../store/storage.js";
import { openSafetensors } from "./safetensors.js";

/** Options of {@link importCheckpoints}. */
export interface ImportCheckpointsOptions {
  /** Tensors whose every value is kept as a series (e.g. "decoder.0.weight"); the others keep min / mean / max. */
  full?: string[];
  /** Only these tensors. Default: every floating-point tensor of the first checkpoint. */
  tensors?: string[];
  /** Anything to keep in the run's manifest. */
  meta?: Record<string, unknown>;
  /** Stops the import between checkpoints (`E_ABORTED`); the run keeps the checkpoints committed so far. */
  signal?: AbortSignal;
  /** Called with the fraction of checkpoints read. */
  onProgress?: (fraction: number) => void;
}

const IMPORT_OPTIONS = {
  full: true,
  tensors: true,
  meta: true,
  signal: true,
  onProgress: true,
} satisfies OptionKeys<ImportCheckpointsOptions>;

/** What {@link importCheckpoints} read. */
export interface ImportedCheckpoints {
  /** The saved steps, ascending. */
  steps: number[];
  /** The tensors recorded, each a layer's weights. */
  tensors: string[];
  /** Their shapes. */
  shapes: Record<string, number[]>;
}

/**
 * Read a folder of PyTorch checkpoints — `checkpoint-N/model.safetensors`, one per saved step, as Hugging Face's
 * Trainer writes them — into a run: step N's record holds every floating-point tensor as a layer's weights (its
 * min / mean / max), the `full` ones as every series. Reads one tensor at a time by offset, so memory holds one
 * tensor and the store's pending chunk, not a checkpoint. `trainer_state.json`'s loss history, when the newest
 * checkpoint has one, becomes the `loss` scalar at the saved steps.
 *
 * @param folder - The folder holding the `checkpoint-N` folders.
 * @param storage - Where the run goes (`directoryStorage(dir)`, `memoryStorage()`), or a folder's path (written as
 *   `directoryStorage(path)` would, and closed): the form `@clearbox/dgmtracker/async` takes across threads.
 * @param options - `full`, `tensors`, `meta`, `signal`, `onProgress`.
 * @returns The steps read, the tensors recorded and their shapes.
 * @throws `E_EMPTY` when the folder has no `checkpoint-N/model.safetensors`; `E_FORMAT` for a file that is not
 *   safetensors; `E_SHAPE` when a tensor changes size or vanishes between checkpoints; `E_OPTION` for unknown options
 *   or a run folder that already holds a run; `E_ABORTED` when `signal` fires.
 * @example
 * ```ts
 * // Fragment: `runs/hf-output` holds checkpoint-500/, checkpoint-1000/, … as the Trainer wrote them.
 * import { openRun } from "@clearbox/dgmtracker";
 * import { directoryStorage, importCheckpoints } from "@clearbox/dgmtracker/node";
 * const { steps, tensors } = importCheckpoints("runs/hf-output", "runs/imported", { full: ["fc1.weight"] });
 * const run = openRun(directoryStorage("runs/imported"));
 * ```
 */
export function importCheckpoints(
  folder: string,
  storage: RunStorage | string,
  options: ImportCheckpointsOptions = {},
): ImportedCheckpoints {
  options = assertOptions(options, "options", IMPORT_OPTIONS);
  const checkpoints = checkpointsIn(folder);
  const progress = createProgress(options, "checkpoint import");
  const losses = trainerLosses(join(folder, checkpoints.at(-1)!.name));
  const target = typeof storage === "string" ? directoryStorage(storage) : assertStorage(storage);
  try {
    const writer = createRunWriter(target, {
      full: options.full ?? [],
      meta: { source: "safetensors checkpoints", ...options.meta },
    });
    const read: ImportedCheckpoints = { steps: checkpoints.map((c) => c.step), tensors: [], shapes: {} };
    checkpoints.forEach(({ name, step }, k) => {
      progress.report(k / checkpoints.length);
      appendCheckpoint(writer, join(folder, name, "model.safetensors"), step, losses, options.tensors, read);
    });
    writer.close();
    progress.done();
    return read;
  } finally {
    if (typeof storage === "string") (target as ReturnType<typeof directoryStorage>).close();
  }
}

/** The `checkpoint-N` folders holding a model.safetensors, by step. */
function checkpointsIn(folder: string): { name: string; step: number }[] {
  if (typeof folder !== "string" || !existsSync(folder)) {
    throw new ClearboxError("E_TYPE", `folder must be an existing folder's path, got ${describeValue(folder)}.`, {
      argument: "folder",
    });
  }
  const checkpoints = readdirSync(folder)
    .map((name) => ({ name, step: Number(/^checkpoint-(\d+)$/.exec(name)?.[1]) }))
    .filter(({ name, step }) => Number.isInteger(step) && existsSync(join(folder, name, "model.safetensors")))
    .sort((a, b) => a.step - b.step);
  if (checkpoints.length === 0) {
    throw new ClearboxError("E_EMPTY", `${folder} holds no checkpoint-N/model.safetensors.`, { argument: "folder" });
  }
  return checkpoints;
}

/** One checkpoint as one step of the run; the first decides the tensors (`read.tensors`, `read.shapes`). */
function appendCheckpoint(
  writer: RunWriter,
  path: string,
  step: number,
  losses: Map<number, number>,
  only: string[] | undefined,
  read: ImportedCheckpoints,
): void {
  withFile(path, (readBytes, file) => {
    const checkpoint = openSafetensors(readBytes, file);
    if (read.tensors.length === 0) {
      read.tensors =
        only ?? Object.keys(checkpoint.tensors).filter((t) => /^(F32|F16|BF16|F64)$/.test(checkpoint.tensors[t].dtype));
    }
    const layers: StepRecord["layers"] = {};
    for (const tensor of read.tensors) {
      if (!checkpoint.tensors[tensor]) {
        throw new ClearboxError("E_SHAPE", `${file} has no tensor "${tensor}", which the first checkpoint had.`, {
          argument: file,
        });
      }
      layers[tensor] = { weights: checkpoint.read(tensor), shape: checkpoint.tensors[tensor].shape };
      read.shapes[tensor] ??= [...checkpoint.tensors[tensor].shape];
    }
    const loss = losses.get(step);
    writer.append(step, { ...(losses.size > 0 ? { scalars: { loss: loss ?? NaN } } : {}), layers });
  });
}

/** The Trainer's logged loss per step (trainer_state.json's log_history), or none. */
function trainerLosses(checkpoint: string): Map<number, number> {
  const losses = new Map<number, number>();
  const path = join(checkpoint, "trainer_state.json");
  if (!existsSync(path)) return losses;
  try {
    const state = JSON.parse(new TextDecoder().decode(readWhole(path))) as {
      log_history?: { step?: number; loss?: number }[];
    };
    for (const entry of state.log_history ?? []) {
      if (typeof entry.step === "number" && typeof entry.loss === "number") losses.set(entry.step, entry.loss);
    }
  } catch {
    // A trainer state that is not JSON carries no losses; the weights are still read.
  }
  return losses;
}

function readWhole(path: string): Uint8Array {
  let bytes: Uint8Array = new Uint8Array(0);
  withFile(path, (read) => (bytes = read(0, Number.MAX_SAFE_INTEGER)));
  return bytes;
}

/** Open a file for reads by offset for the duration of `use`. */
function withFile(
  path: string,
  use: (read: (offset: number, length: number) => Uint8Array, name: string) => void,
): void {
  const fd = openSync(path, "r");
  try {
    const size = fstatSync(fd).size;
    use((offset, length) => {
      const bytes = new Uint8Array(Math.max(0, Math.min(length, size - offset)));
      let done = 0;
      while (done < bytes.length) {
        const n = readSync(fd, bytes, done, bytes.length - done, offset + done);
        if (n === 0) break;
        done += n;
      }
      return bytes;
    }, path);
  } finally {
    closeSync(fd);
  }
}
