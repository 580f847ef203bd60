import { closeSync, existsSync, openSync, readSync, readdirSync, fstatSync } from "node:fs";
import { join } from "node:path";
import { ClearboxError, assertOptions, describeValue } from "@clearbox/core/internal";
import type { OptionKeys } from "@clearbox/core/internal";
import { createRunWriter } from "../store/run-writer.js";
import type { StepRecord } from "../store/run-writer.js";
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
}

const IMPORT_OPTIONS = { full: true, tensors: true, meta: true } satisfies OptionKeys<ImportCheckpointsOptions>;

/**
 * Read a folder of PyTorch checkpoints — `checkpoint-N/model.safetensors`, one per saved step, as Hugging Face's
 * Trainer writes them — into a run: step N's record holds every floating-point tensor as a layer's weights (its
 * min / mean / max), the `full` ones as every series. Reads one tensor at a time by offset, so memory holds one
 * tensor and the store's pending chunk, not a checkpoint. `trainer_state.json`'s loss history, when the newest
 * checkpoint has one, becomes the `loss` scalar at the saved steps.
 *
 * @param folder - The folder holding the `checkpoint-N` folders.
 * @param storage - Where the run goes (`directoryStorage(dir)`, `memoryStorage()`).
 * @param options - `full`, `tensors`, `meta`.
 * @returns The steps read, the tensors recorded and their shapes.
 * @throws `E_EMPTY` when the folder has no `checkpoint-N/model.safetensors`; `E_FORMAT` for a file that is not
 *   safetensors; `E_SHAPE` when a tensor changes size or vanishes between checkpoints; `E_OPTION` for unknown options.
 * @example
 * ```ts
 * // Fragment: `runs/hf-output` holds checkpoint-500/, checkpoint-1000/, … as the Trainer wrote them.
 * import { openRun } from "@clearbox/dgmtracker";
 * import { directoryStorage, importCheckpoints } from "@clearbox/dgmtracker/node";
 * const { steps, tensors } = importCheckpoints("runs/hf-output", directoryStorage("runs/imported"), { full: ["fc1.weight"] });
 * const run = openRun(directoryStorage("runs/imported"));
 * ```
 */
export function importCheckpoints(
  folder: string,
  storage: RunStorage,
  options: ImportCheckpointsOptions = {},
): { steps: number[]; tensors: string[]; shapes: Record<string, number[]> } {
  options = assertOptions(options, "options", IMPORT_OPTIONS);
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
  const losses = trainerLosses(join(folder, checkpoints.at(-1)!.name));
  const writer = createRunWriter(storage, {
    full: options.full ?? [],
    meta: { source: "safetensors checkpoints", ...options.meta },
  });
  let tensors: string[] = [];
  const shapes: Record<string, number[]> = {};
  for (const { name, step } of checkpoints) {
    withFile(join(folder, name, "model.safetensors"), (read, file) => {
      const checkpoint = openSafetensors(read, file);
      if (tensors.length === 0) {
        tensors =
          options.tensors ??
          Object.keys(checkpoint.tensors).filter((t) => /^(F32|F16|BF16|F64)$/.test(checkpoint.tensors[t].dtype));
      }
      const layers: StepRecord["layers"] = {};
      for (const tensor of tensors) {
        if (!checkpoint.tensors[tensor]) {
          throw new ClearboxError("E_SHAPE", `${file} has no tensor "${tensor}", which the first checkpoint had.`, {
            argument: file,
          });
        }
        layers[tensor] = { weights: checkpoint.read(tensor), shape: checkpoint.tensors[tensor].shape };
        shapes[tensor] ??= [...checkpoint.tensors[tensor].shape];
      }
      const loss = losses.get(step);
      writer.append(step, { ...(losses.size > 0 ? { scalars: { loss: loss ?? NaN } } : {}), layers });
    });
  }
  writer.close();
  return { steps: checkpoints.map((c) => c.step), tensors, shapes };
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
