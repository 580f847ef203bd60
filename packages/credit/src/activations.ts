import * as tf from "@tensorflow/tfjs-core";
import { ClearboxError, assertFiniteNumber, assertOneOf } from "@clearbox/core/internal";
import type { Activation } from "./layer-types.js";

/** An element-wise activation with its parameters. @internal */
export interface ActivationSpec {
  name: Activation | "leakyRelu";
  alpha?: number;
  maxValue?: number;
}

/** Each activation as TensorFlow.js ops, exactly as tfjs-layers computes it (so forwardPass equals predict). */
const FUNCTIONS: Record<ActivationSpec["name"], (x: tf.Tensor, spec: ActivationSpec) => tf.Tensor> = {
  linear: (x) => x,
  // clipByValue(x, 0, m) is relu then clip in one op, the same values (tfjs-layers: clipByValue(relu(x), 0, m)).
  relu: (x, { maxValue }) =>
    maxValue === undefined ? tf.relu(x) : tf.clipByValue(maxValue >= 0 ? x : tf.relu(x), 0, maxValue),
  relu6: (x) => tf.clipByValue(x, 0, 6), // not tf.minimum: a slow kernel on wasm
  sigmoid: (x) => tf.sigmoid(x),
  tanh: (x) => tf.tanh(x),
  elu: (x) => tf.elu(x),
  selu: (x) => tf.selu(x),
  softplus: (x) => tf.softplus(x),
  softsign: (x) => tf.div(x, tf.add(tf.abs(x), 1)),
  swish: (x) => tf.mul(tf.sigmoid(x), x),
  mish: (x) => tf.mul(x, tf.tanh(tf.softplus(x))),
  gelu: (x) => tf.mul(x, tf.mul(0.5, tf.add(1, tf.erf(tf.div(x, Math.SQRT2))))),
  geluNew: (x) =>
    tf.mul(
      0.5,
      tf.mul(x, tf.add(1, tf.tanh(tf.mul(Math.sqrt(2 / Math.PI), tf.add(x, tf.mul(0.044715, tf.pow(x, 3))))))),
    ),
  hardSigmoid: (x) => tf.clipByValue(tf.add(0.5, tf.mul(0.2, x)), 0, 1),
  leakyRelu: (x, { alpha }) => tf.leakyRelu(x, alpha ?? 0.3),
};

/** The activations a dense or convolutional layer may name. @internal */
export const ACTIVATIONS = Object.keys(FUNCTIONS).filter((name) => name !== "leakyRelu") as Activation[];

/** Apply an activation (linear: the tensor itself). @internal */
export function activate(x: tf.Tensor, spec: ActivationSpec | undefined): tf.Tensor {
  return spec === undefined || spec.name === "linear" ? x : FUNCTIONS[spec.name](x, spec);
}

/** A layer's fused activation, by name. @internal */
export function checkActivation(value: unknown, where: string): ActivationSpec | undefined {
  const name = assertOneOf(value ?? "linear", `${where}.activation`, ACTIVATIONS);
  return name === "linear" ? undefined : { name };
}

/** A standalone activation layer's spec, with its parameters checked. @internal */
export function checkActivationLayer(
  layer: { activation?: unknown; alpha?: unknown; maxValue?: unknown },
  where: string,
): ActivationSpec {
  const name = assertOneOf(layer.activation, `${where}.activation`, [...ACTIVATIONS, "leakyRelu"] as const);
  const spec: ActivationSpec = { name };
  if (layer.alpha !== undefined) {
    if (name !== "leakyRelu") throw misplaced("alpha", where, "leakyRelu");
    spec.alpha = assertFiniteNumber(layer.alpha, `${where}.alpha`);
  }
  if (layer.maxValue !== undefined) {
    if (name !== "relu") throw misplaced("maxValue", where, "relu");
    spec.maxValue = assertFiniteNumber(layer.maxValue, `${where}.maxValue`);
  }
  return spec;
}

function misplaced(key: string, where: string, owner: string): ClearboxError {
  return new ClearboxError("E_OPTION", `${where}.${key} is only read for activation "${owner}".`, {
    argument: `${where}.${key}`,
  });
}
