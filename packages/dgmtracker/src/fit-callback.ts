import { ClearboxError, assertOptions, describeValue } from "@clearbox/core/internal";
import type { OptionKeys } from "@clearbox/core/internal";
import type { LayerStep, StepRecord } from "./store/run-writer.js";
import type { Tracker } from "./tracker.js";

/** What the callback needs of a tensor. */
export interface FitTensor {
  dataSync(): ArrayLike<number>;
  dispose(): void;
  readonly shape: number[];
}

/** What the callback needs of a TensorFlow.js `LayersModel` (a `tf.Sequential` or `tf.model`). */
export interface FitModel {
  layers: { name: string; getWeights(): FitTensor[]; output: unknown }[];
  execute(inputs: unknown, outputs: string[]): FitTensor | FitTensor[];
}

/** Options of {@link fitCallback}. */
export interface FitCallbackOptions {
  /** The model being fitted. */
  model: FitModel;
  /** Fixed inputs (a tensor, or tensors for a model with several inputs) whose activations are recorded per layer. */
  probes?: unknown;
  /** Step number of the first batch (e.g. to continue a run). Default 0. */
  firstStep?: number;
}

const FIT_CALLBACK_OPTIONS = { model: true, probes: true, firstStep: true } satisfies OptionKeys<FitCallbackOptions>;

/** A `model.fit` callback (pass it in `callbacks`) that knows the step it is at. */
export interface FitCallback {
  onBatchEnd(batch: number, logs?: Record<string, unknown>): Promise<void>;
  /** The next step's number. */
  readonly step: number;
}

/**
 * A `model.fit` callback that records every batch (as the tracker's `every` says): the batch's logs (loss, metrics)
 * as scalars; per layer with weights, the weights of its kernel (its first weight) — all of them, for the tracker's
 * `full` layers — and, with `probes`, its activations on them. `model.fit` gives no gradients to a callback: record
 * a custom loop with `tracker.record` for those.
 *
 * @param tracker - From `createTracker`.
 * @param options - `model`, `probes`, `firstStep`.
 * @returns The callback: `model.fit(x, y, { callbacks: [callback] })` (or `callbacks: callback`).
 * @throws `E_OPTION` for an unknown option; `E_TYPE` for a model without `layers` and `execute`.
 * @example
 * const tracker = createTracker({ full: ["hidden"] });
 * await model.fit(x, y, { epochs: 3, callbacks: fitCallback(tracker, { model, probes: x.slice(0, 16) }) });
 * const run = tracker.close();
 */
export function fitCallback(tracker: Tracker, options: FitCallbackOptions): FitCallback {
  options = assertOptions(options, "options", FIT_CALLBACK_OPTIONS);
  const { model, probes } = options;
  if (!Array.isArray(model?.layers) || typeof model.execute !== "function") {
    throw new ClearboxError(
      "E_TYPE",
      `options.model must be a TensorFlow.js LayersModel (with layers and execute), got ${describeValue(model)}.`,
      { argument: "options.model" },
    );
  }
  let step = options.firstStep ?? 0;
  return {
    async onBatchEnd(_batch, logs = {}) {
      const current = step++;
      if (!tracker.due(current)) return;
      const { layers, made } = layerValues(model, probes, tracker.layers);
      try {
        tracker.record(current, { scalars: scalarsOf(logs), layers });
      } finally {
        for (const tensor of made) tensor.dispose();
      }
    },
    get step() {
      return step;
    },
  };
}

/** The batch's logs without the bookkeeping keys: the loss and the metrics. */
function scalarsOf(logs: Record<string, unknown>): Record<string, number> {
  const scalars: Record<string, number> = {};
  for (const [key, value] of Object.entries(logs)) {
    if (key !== "batch" && key !== "size") scalars[key] = Number(value);
  }
  return scalars;
}

/**
 * Per recorded layer with weights: its kernel and its activations on the probes, as tensors (the tracker reads each
 * once, in place on the wasm backend); `made` are the activations, to dispose once recorded.
 */
function layerValues(
  model: FitModel,
  probes: unknown,
  only: readonly string[] | undefined,
): { layers: StepRecord["layers"]; made: FitTensor[] } {
  const layers: StepRecord["layers"] = {};
  const chosen = model.layers.filter((l) => l.getWeights().length > 0 && (!only || only.includes(l.name)));
  for (const layer of chosen) {
    const kernel = layer.getWeights()[0]; // live variables: read, never disposed
    layers[layer.name] = { weights: kernel, shape: [...kernel.shape] } as LayerStep;
  }
  if (probes === undefined || chosen.length === 0) return { layers, made: [] };
  const names = chosen.map((l) => (l.output as { name: string }).name);
  const outputs = model.execute(probes, names);
  const made = Array.isArray(outputs) ? outputs : [outputs];
  made.forEach((tensor, k) => (layers[chosen[k].name].activations = tensor));
  return { layers, made };
}
