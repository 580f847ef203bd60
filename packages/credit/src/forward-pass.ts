import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { batchOfOne, kernelTensor, linearMap } from "./linear-map.js";
import { checkInput, isLinear, layersOf } from "./network.js";
import type { Activation, CheckedLayer, CheckedLinear, CheckedPool, Network, PreparedNetwork } from "./network.js";

/** Every layer's values for one input, flat (row-major, channels last). */
export interface ForwardResult {
  /** activations[0] is the input; activations[l + 1] is layer l's output (after its activation). */
  activations: Float32Array[];
  /** preActivations[l] is layer l's output before its activation (the same as its output for pooling and flatten). */
  preActivations: Float32Array[];
  /** shapes[l] is the shape of activations[l]. */
  shapes: number[][];
}

/**
 * Run the network on one input with TensorFlow.js (whatever backend is active; the CPU backend is registered on
 * import). The input is flat: `inputShape`'s values in row-major, channels-last order. Tensors are disposed before
 * returning.
 * @param network - the network (plain or from {@link prepareNetwork}).
 * @param input - the input, flat and row-major (channels last), of the network's input size.
 * @returns every layer's `activations`: activations[0] is the input, activations[l + 1] the output of layer l.
 * @throws `E_TYPE` / `E_SHAPE` / `E_NAN` / `E_OPTION` for a network whose layers are malformed or do not chain; `E_SHAPE` / `E_NAN` for an input of the wrong size or with non-finite values.
 * @example
 * const logits = forwardPass(network, pixels).activations.at(-1);
 */
export function forwardPass(network: Network | PreparedNetwork, input: ArrayLike<number>): ForwardResult {
  const layers = layersOf(network);
  return forwardChecked(layers, checkInput(input, layers));
}

/** @internal */
export function forwardChecked(layers: readonly CheckedLayer[], input: Float32Array): ForwardResult {
  const activations: Float32Array[] = [input];
  const preActivations: Float32Array[] = [];
  const shapes = [layers[0].inShape, ...layers.map((layer) => layer.outShape)];
  for (const layer of layers) {
    const previous = activations[activations.length - 1];
    const [pre, post] = isLinear(layer)
      ? linearForward(layer, previous)
      : layer.type === "flatten"
        ? [previous, undefined]
        : [poolForward(layer, previous), undefined];
    preActivations.push(Float32Array.from(pre));
    activations.push(Float32Array.from(post ?? pre));
  }
  return { activations, preActivations, shapes: shapes.map((s) => [...s]) };
}

function poolForward(layer: CheckedPool, input: Float32Array): Float32Array {
  return tf.tidy(() => {
    const pool = layer.type === "maxPool2d" ? tf.maxPool : tf.avgPool;
    const out = pool(batchOfOne(input, layer.inShape) as tf.Tensor4D, layer.poolSize, layer.strides, layer.padding);
    return out.dataSync() as Float32Array;
  });
}

/** Pre-activation and (unless linear) activation of a dense or convolutional layer. */
function linearForward(layer: CheckedLinear, input: Float32Array): [Float32Array, Float32Array | undefined] {
  return tf.tidy(() => {
    const x = batchOfOne(input, layer.inShape);
    const pre = tf.add(linearMap(layer).apply(x, kernelTensor(layer)), tf.tensor1d(layer.bias));
    const post = layer.activation === "linear" ? undefined : activate(pre, layer.activation).dataSync();
    return [pre.dataSync() as Float32Array, post as Float32Array | undefined];
  });
}

function activate(z: tf.Tensor, activation: Activation): tf.Tensor {
  if (activation === "relu") return tf.relu(z);
  if (activation === "sigmoid") return tf.sigmoid(z);
  if (activation === "tanh") return tf.tanh(z);
  return z;
}
