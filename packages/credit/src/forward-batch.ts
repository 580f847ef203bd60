import * as tf from "@tensorflow/tfjs-core";
import { ClearboxError, assertInteger, assertOptions, describeValue } from "@clearbox/core/internal";
import type { OptionKeys } from "@clearbox/core/internal";
import { activate, checkActivationLayer } from "./activations.js";
import type { Activation } from "./layer-types.js";
import { withPrepared } from "./forward-pass.js";
import { KIND_BY_TYPE } from "./kinds/registry.js";
import { checkInput, layersOf, sizeOf } from "./network.js";
import type { CheckedLayer, Network, PreparedNetwork } from "./network.js";

/** Options of {@link forwardBatch}. */
export interface ForwardBatchOptions<T = Float32Array> {
  /**
   * Which values to read, as indices into the activations: 0 is the input, l + 1 layer l's output (after its
   * activation), as {@link forwardPass} numbers them. Default: the network's output only.
   */
  layers?: readonly number[];
  /**
   * What to keep of each listed layer's output, a tensor [N, ...shape] on the active backend that is freed after its
   * last reader has run (do not keep it: clone what you need). Default: its values, copied (N × the layer's size,
   * sample after sample).
   */
  read?: (output: tf.Tensor, index: number) => T;
}

const FORWARD_BATCH_OPTIONS = { layers: true, read: true } satisfies OptionKeys<ForwardBatchOptions>;

/**
 * The forward pass of a batch of inputs in one pass through the backend, reading only the layers asked for: every
 * layer's output is freed as soon as its last reader has run, so memory holds a few layers of the batch at a time.
 * The values equal {@link forwardPass}'s (and tfjs-layers' predict) input by input.
 * @param network - the network (plain or from {@link prepareNetwork}).
 * @param inputs - the inputs, each flat and row-major (channels last), of the network's input size.
 * @param options - `layers` (activation indices to read; default the output), `read` (what to keep of each).
 * @returns a Map from each index in `layers` to what `read` returned for it (by default its values, sample after sample).
 * @throws `E_EMPTY` for no inputs; `E_SHAPE` / `E_NAN` for a bad input; `E_RANGE` for an index out of range; `E_OPTION` for an unknown option or a `read` that is not a function; as {@link prepareNetwork} for a malformed network.
 * @example
 * const logits = forwardBatch(prepared, images).get(prepared.outputShapes.length)!; // N × 10 values
 */
export function forwardBatch<T = Float32Array>(
  network: Network | PreparedNetwork,
  inputs: readonly ArrayLike<number>[],
  options: ForwardBatchOptions<T> = {},
): Map<number, T> {
  options = assertOptions(options, "options", FORWARD_BATCH_OPTIONS);
  if (!Array.isArray(inputs) || inputs.length === 0) {
    throw new ClearboxError("E_EMPTY", `inputs must be a non-empty array of inputs, got ${describeValue(inputs)}.`, {
      argument: "inputs",
    });
  }
  const read = options.read ?? ((t: tf.Tensor) => Float32Array.from(t.dataSync() as Float32Array) as T);
  if (typeof read !== "function") {
    throw new ClearboxError("E_OPTION", `options.read must be a function, got ${describeValue(read)}.`, {
      argument: "options.read",
    });
  }
  return withPrepared(network, (prepared) => {
    const layers = layersOf(prepared);
    const wanted = new Set(
      listOf(options.layers ?? [layers.length]).map((l, i) =>
        assertInteger(l, `options.layers[${i}]`, 0, layers.length),
      ),
    );
    const size = sizeOf(prepared.inputShape);
    const x = new Float32Array(inputs.length * size);
    inputs.forEach((input, n) => x.set(checkInput(input, prepared, `inputs[${n}]`), n * size));
    return streamForward(layers, tf.tensor(x, [inputs.length, ...prepared.inputShape]), wanted, read);
  });
}

function listOf(layers: unknown): unknown[] {
  if (Array.isArray(layers)) return layers;
  throw new ClearboxError("E_TYPE", `options.layers must be an array of layer indices, got ${describeValue(layers)}.`, {
    argument: "options.layers",
  });
}

/** The pass itself: layer by layer, reading the wanted outputs and freeing each once its last reader has run. */
function streamForward<T>(
  layers: readonly CheckedLayer[],
  input: tf.Tensor,
  wanted: ReadonlySet<number>,
  read: (output: tf.Tensor, index: number) => T,
): Map<number, T> {
  const lastUse = new Array<number>(layers.length + 1).fill(-1);
  layers.forEach((layer, l) => layer.inputs.forEach((i) => (lastUse[i] = l)));
  const values: (tf.Tensor | undefined)[] = [input];
  const out = new Map<number, T>();
  try {
    if (wanted.has(0)) out.set(0, read(input, 0));
    layers.forEach((layer, l) => {
      values[l + 1] = tf.tidy(() => {
        const xs = layer.inputs.map((i) => values[i] as tf.Tensor);
        const z = KIND_BY_TYPE.get(layer.type)!.forward(layer as never, xs);
        const y = activate(z, layer.activation);
        return xs.includes(y) ? tf.clone(y) : y; // each tensor owned once
      });
      if (wanted.has(l + 1)) out.set(l + 1, read(values[l + 1]!, l + 1));
      for (const i of layer.inputs) if (lastUse[i] === l) values[i] = dispose(values[i]);
    });
  } finally {
    tf.dispose(values.filter((t): t is tf.Tensor => t !== undefined));
  }
  return out;
}

const dispose = (t: tf.Tensor | undefined): undefined => void t?.dispose();

/**
 * An element-wise activation as credit's forward pass (and tfjs-layers) computes it, on a tensor of any shape.
 * @param x - the values (a TensorFlow.js tensor; not disposed).
 * @param activation - its name: one of the activations a layer may name (relu, relu6, sigmoid, tanh, elu, selu, softplus, softsign, swish, mish, gelu, geluNew, hardSigmoid, linear) or "leakyRelu".
 * @param options - `maxValue` (relu only: clip at it) and `alpha` (leakyRelu only; default 0.3).
 * @returns a new tensor (x itself for "linear").
 * @throws `E_TYPE` if x is not a tensor; `E_OPTION` for an unknown name, or a parameter the activation does not take; `E_NAN` for a parameter that is not a finite number.
 * @example
 * const y = applyActivation(tf.tensor([-1, 3, 8]), "relu", { maxValue: 6 }); // [0, 3, 6]
 */
export function applyActivation(
  x: tf.Tensor,
  activation: Activation | "leakyRelu",
  options: { alpha?: number; maxValue?: number } = {},
): tf.Tensor {
  options = assertOptions(options, "options", { alpha: true, maxValue: true });
  if (!(x instanceof tf.Tensor)) {
    throw new ClearboxError("E_TYPE", `x must be a TensorFlow.js tensor, got ${describeValue(x)}.`, { argument: "x" });
  }
  const spec = checkActivationLayer({ activation, ...options }, "applyActivation");
  return activate(x, spec);
}
