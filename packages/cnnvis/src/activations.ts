import * as tf from "@tensorflow/tfjs-core";

// A copy of credit's activation table (src/activations.ts), which credit does not export: keep the two in step until
// credit exports it or a batched forward pass (the batched pass here needs the same functions, as tfjs-layers
// computes them, so that the outputs equal model.predict).
type Fn = (x: tf.Tensor, spec: { alpha?: number; maxValue?: number }) => tf.Tensor;

const FUNCTIONS: Record<string, Fn> = {
  linear: (x) => x,
  relu: (x, { maxValue }) => (maxValue === undefined ? tf.relu(x) : tf.clipByValue(tf.relu(x), 0, maxValue)),
  relu6: (x) => tf.clipByValue(x, 0, 6), // as credit's: tf.minimum is a slow scalar-loop kernel on wasm
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

/** Apply a layer's activation by name (credit has already checked the name). */
export function activate(x: tf.Tensor, name: string | undefined, spec: { alpha?: number; maxValue?: number } = {}) {
  return name === undefined || name === "linear" ? x : FUNCTIONS[name](x, spec);
}
