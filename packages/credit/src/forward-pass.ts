import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { activate } from "./activations.js";
import { assertComputedFinite } from "./float32-range.js";
import { KIND_BY_TYPE } from "./kinds/registry.js";
import { checkInput, disposeNetwork, isPrepared, prepareNetwork, layersOf } from "./network.js";
import type { CheckedLayer, Network, PreparedNetwork } from "./network.js";

/** Every layer's values for one input, flat (row-major, channels last). */
export interface ForwardResult {
  /** activations[0] is the input; activations[l + 1] is layer l's output (after its activation). */
  activations: Float32Array[];
  /** preActivations[l] is layer l's output before its activation (the same as its output for a layer without one). */
  preActivations: Float32Array[];
  /** shapes[l] is the shape of activations[l]. */
  shapes: number[][];
}

/**
 * Run the network on one input with TensorFlow.js (whatever backend is active; the CPU backend is registered on
 * import). The input is flat: `inputShape`'s values in row-major, channels-last order. Every layer's values stay on
 * the backend until the pass ends and are read back once; tensors are disposed before returning.
 * @param network - the network (plain or from {@link prepareNetwork}).
 * @param input - the input, flat and row-major (channels last), of the network's input size.
 * @returns every layer's `activations`: activations[0] is the input, activations[l + 1] the output of layer l.
 * @throws `E_TYPE` / `E_SHAPE` / `E_NAN` / `E_OPTION` for a network whose layers are malformed or do not connect; `E_SHAPE` / `E_NAN` for an input of the wrong size or with non-finite values.
 * @example
 * const logits = forwardPass(network, pixels).activations.at(-1);
 */
export function forwardPass(network: Network | PreparedNetwork, input: ArrayLike<number>): ForwardResult {
  return withPrepared(network, (prepared) => {
    const layers = layersOf(prepared);
    const x = checkInput(input, prepared);
    const { activations, preActivations } = forwardTensors(layers, tf.tensor(x, [1, ...prepared.inputShape]));
    const read = (tensors: tf.Tensor[]) => tensors.map((t) => readOnce(t));
    const result = { activations: read(activations), preActivations: read(preActivations) };
    tf.dispose([...activations, ...preActivations]);
    assertComputedFinite(result.activations, "the forward pass", (i) =>
      i === 0 ? "the input" : `layer ${i - 1} (${layers[i - 1].name})`,
    );
    return { ...result, shapes: [[...prepared.inputShape], ...layers.map((layer) => [...layer.outShape])] };
  });
}

/** A tensor's values as a Float32Array of its own (dataSync may hand out the backend's buffer). */
function readOnce(t: tf.Tensor): Float32Array {
  return Float32Array.from(t.dataSync() as Float32Array);
}

/** Run `f` on the prepared network, freeing its weight tensors afterwards if the caller passed a plain network. @internal */
export function withPrepared<T>(network: Network | PreparedNetwork, f: (prepared: PreparedNetwork) => T): T {
  if (isPrepared(network)) return f(network);
  const prepared = prepareNetwork(network);
  try {
    return f(prepared);
  } finally {
    disposeNetwork(prepared);
  }
}

/**
 * The forward pass on a batch-first input tensor (consumed), every layer's output kept as a tensor: activations[0]
 * is the input, activations[l + 1] layer l's output; preActivations[l] its value before its activation (the same
 * tensor when it has none). The caller disposes them. @internal
 */
export function forwardTensors(
  layers: readonly CheckedLayer[],
  input: tf.Tensor,
): { activations: tf.Tensor[]; preActivations: tf.Tensor[] } {
  const activations: tf.Tensor[] = [input];
  const preActivations: tf.Tensor[] = [];
  for (const layer of layers) {
    const [pre, post] = tf.tidy(() => {
      const z = KIND_BY_TYPE.get(layer.type)!.forward(
        layer as never,
        layer.inputs.map((i) => activations[i]),
      );
      // A kind may return its input as it is (an identity map): a copy keeps each tensor owned once.
      const own = activations.includes(z) ? tf.clone(z) : z;
      return [own, layer.activation === undefined ? own : activate(own, layer.activation)];
    });
    preActivations.push(pre);
    activations.push(post);
  }
  return { activations, preActivations };
}
