import { ClearboxError, assertInteger, assertOptions, describeValue } from "@clearbox/core/internal";
import type { OptionKeys } from "@clearbox/core/internal";
import { createOnlineSampler } from "@clearbox/blue-noise";
import type { OnlineSampler, OnlineSamplerOptions } from "@clearbox/blue-noise";
import { valuesOf } from "./store/layer-stats.js";
import { openRun } from "./store/run-reader.js";
import type { RunReader } from "./store/run-reader.js";
import { createRunWriter } from "./store/run-writer.js";
import type { RunWriter, StepRecord } from "./store/run-writer.js";
import { assertStorage, memoryStorage } from "./store/storage.js";
import type { RunStorage } from "./store/storage.js";

/** Options of {@link createTracker}. */
export interface TrackerOptions {
  /** The layers to record (by name). Default: every layer a step gives (every layer with weights, for a model). */
  layers?: string[];
  /** Layers whose every weight, gradient and activation series is kept (16 bits per value); the rest keep stats. */
  full?: string[];
  /** Keep a blue-noise sample of one full layer's weight series current as training goes. */
  online?: { layer: string; count: number; seed?: number; window?: number };
  /** Where the run goes. Default: `memoryStorage()`. In Node: `directoryStorage(dir)` from `./node`. */
  store?: RunStorage;
  /** Record every this many steps (a step number divisible by it). Default 1. */
  every?: number;
  /** Steps per chunk of the store (see `createRunWriter`). */
  chunkSteps?: number;
  /** Memory the store's pending chunk may use, in bytes (see `createRunWriter`). */
  chunkMemory?: number;
  /** Anything to keep in the run's manifest (JSON). */
  meta?: Record<string, unknown>;
}

const TRACKER_OPTIONS = {
  layers: true,
  full: true,
  online: true,
  store: true,
  every: true,
  chunkSteps: true,
  chunkMemory: true,
  meta: true,
} satisfies OptionKeys<TrackerOptions>;

/** A training run being recorded. */
export interface Tracker {
  /** Whether step `step` is recorded (`every`): skip computing what `record` would take otherwise. */
  due(step: number): boolean;
  /**
   * Record step `step` if it is due: scalars (the loss …) and per layer its weights, gradients, activations (typed
   * arrays, number arrays, or tensors). Returns whether it was recorded.
   */
  record(step: number, values: StepRecord): boolean;
  /** The online sample of `options.online.layer`'s weight series, as it stands (undefined before two steps). */
  onlineSample(): { indices: Int32Array; radius: number } | undefined;
  /** Steps recorded so far. */
  readonly steps: number;
  /** The run's storage. */
  readonly store: RunStorage;
  /** The layers this tracker records (undefined: every layer given). */
  readonly layers: readonly string[] | undefined;
  /** Commit what is pending; the run so far, for reading (recording may go on). */
  flush(): RunReader;
  /**
   * Commit and close the run; the run, for reading. `meta` (e.g. the final weights, what the run was) is merged into
   * the manifest's; so is the online sample, as `meta.online = { layer, indices }`.
   */
  close(meta?: Record<string, unknown>): RunReader;
}

/**
 * Track a training run the DGMTracker way: per layer and step the min / mean / max of weights, gradients and
 * activations, every series of the `full` layers, scalars such as the loss — into an append-only run store, so that
 * memory stays flat however long the run. Framework-free: call `record(step, …)` in a custom loop; for TensorFlow.js's
 * `model.fit`, `fitCallback(tracker, { model, probes })` from `@clearbox/dgmtracker/tfjs` records for you.
 *
 * @param options - `layers`, `full`, `online`, `store`, `every`, `chunkSteps`, `chunkMemory`, `meta`.
 * @returns The tracker.
 * @throws `E_OPTION` for an unknown option, or an `online.layer` not among `full`; `E_RANGE` for `every` < 1;
 *   `E_TYPE` for a store that is not a run storage. `record` throws what `createRunWriter`'s `append` throws.
 * @example
 * const tracker = createTracker({ full: ["dense_1"], store: directoryStorage("runs/mlp") });
 * for (let step = 0; step < steps; step++) {
 *   const { loss, grads } = trainStep();
 *   tracker.record(step, { scalars: { loss }, layers: { dense_1: { weights: w1, gradients: grads.w1 } } });
 * }
 * const run = tracker.close(); // openRun(directoryStorage("runs/mlp")) reads it later
 */
export function createTracker(options: TrackerOptions = {}): Tracker {
  options = assertOptions(options, "options", TRACKER_OPTIONS);
  const store = options.store === undefined ? memoryStorage() : assertStorage(options.store, "options.store");
  const every = assertInteger(options.every ?? 1, "options.every", 1);
  const layers = options.layers === undefined ? undefined : names(options.layers, "options.layers");
  const full = options.full === undefined ? [] : names(options.full, "options.full");
  const { sampler, layer: onlineLayer } = onlineOf(options.online, full);
  const writer: RunWriter = createRunWriter(store, {
    full,
    ...(options.chunkSteps === undefined ? {} : { chunkSteps: options.chunkSteps }),
    ...(options.chunkMemory === undefined ? {} : { chunkMemory: options.chunkMemory }),
    meta: options.meta ?? {},
  });
  let closed: RunReader | undefined;
  const due = (step: number) => typeof step === "number" && Number.isInteger(step) && step % every === 0;
  return {
    due,
    record(step, values) {
      if (!due(step)) return false;
      let kept = layers ? pick(values, layers) : values;
      const given = onlineLayer === undefined ? undefined : kept.layers?.[onlineLayer]?.weights;
      // The online layer's weights read once (a tensor's dataSync copies it out of its backend), for both uses.
      const weights = given === undefined ? undefined : valuesOf(given, `values.layers.${onlineLayer}.weights`);
      if (weights !== undefined) {
        kept = { ...kept, layers: { ...kept.layers, [onlineLayer!]: { ...kept.layers[onlineLayer!], weights } } };
      }
      writer.append(step, kept);
      if (sampler && weights !== undefined) sampler.push(weights);
      return true;
    },
    onlineSample: () => (sampler && sampler.length >= 2 ? sampler.sample() : undefined),
    get steps() {
      return writer.steps;
    },
    store,
    layers,
    flush() {
      writer.flush();
      return openRun(store);
    },
    close(meta) {
      if (closed) return closed;
      const sample = sampler && sampler.length >= 2 ? sampler.sample() : undefined;
      const online = sample ? { online: { layer: onlineLayer, indices: Array.from(sample.indices) } } : {};
      writer.close({ ...meta, ...online });
      closed = openRun(store);
      return closed;
    },
  };
}

function names(value: unknown, name: string): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) {
    throw new ClearboxError("E_TYPE", `${name} must be an array of layer names, got ${describeValue(value)}.`, {
      argument: name,
    });
  }
  return [...value];
}

function onlineOf(online: TrackerOptions["online"], full: string[]): { sampler?: OnlineSampler; layer?: string } {
  if (online === undefined) return {};
  if (typeof online !== "object" || online === null || !full.includes(online.layer)) {
    throw new ClearboxError(
      "E_OPTION",
      `options.online.layer must name a layer of options.full (${full.map((f) => `"${f}"`).join(", ") || "none"}), got ${describeValue(online?.layer)}.`,
      { argument: "options.online.layer" },
    );
  }
  const { layer, ...rest } = online;
  return { sampler: createOnlineSampler({ seed: 0, ...rest } as OnlineSamplerOptions), layer };
}

/** The step's record with only the tracked layers. */
function pick(values: StepRecord, layers: readonly string[]): StepRecord {
  const kept: StepRecord["layers"] = {};
  for (const layer of layers) if (values.layers?.[layer] !== undefined) kept[layer] = values.layers[layer];
  return { ...values, layers: kept };
}
