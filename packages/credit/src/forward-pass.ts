import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { checkInput, checkNetwork } from "./network.js";
import type { CheckedDense, Network } from "./network.js";

/** Every layer's values for one input. */
export interface ForwardResult {
  /** activations[0] is the input; activations[l + 1] is layer l's output (after its activation). */
  activations: Float32Array[];
  /** preActivations[l] is layer l's affine output `in · kernel + bias`. */
  preActivations: Float32Array[];
}

/**
 * Run the network on one input with TensorFlow.js (whatever backend is active; the CPU backend is registered on
 * import). Tensors are disposed before returning.
 */
export function forwardPass(network: Network, input: ArrayLike<number>): ForwardResult {
  const layers = checkNetwork(network);
  return forwardChecked(layers, checkInput(input, layers));
}

/** @internal */
export function forwardChecked(layers: CheckedDense[], input: Float32Array): ForwardResult {
  const activations: Float32Array[] = [input];
  const preActivations: Float32Array[] = [];
  for (const layer of layers) {
    const [z, a] = tf.tidy(() => {
      const x = tf.tensor2d(activations[activations.length - 1], [1, layer.inputs]);
      const w = tf.tensor2d(layer.kernel, [layer.inputs, layer.outputs]);
      const pre = tf.add(tf.matMul(x, w), tf.tensor1d(layer.bias));
      return [pre.dataSync() as Float32Array, activate(pre, layer.activation).dataSync() as Float32Array];
    });
    preActivations.push(Float32Array.from(z));
    activations.push(Float32Array.from(a));
  }
  return { activations, preActivations };
}

function activate(z: tf.Tensor, activation: CheckedDense["activation"]): tf.Tensor {
  if (activation === "relu") return tf.relu(z);
  if (activation === "sigmoid") return tf.sigmoid(z);
  if (activation === "tanh") return tf.tanh(z);
  return z;
}
