// The residual MNIST CNN with batch norm that cnn-explorer trains (at 16/32/64 channels) and cnnvis's bench analyses
// (also at 32/64/128): one builder, so that the bench measures the app's architecture.
import * as tf from "@tensorflow/tfjs";

const SIDE = 28;

/**
 * A residual CNN with batch norm, the kind CNNVis analyses, at MNIST's scale: a conv-BN-ReLU stem at 28², then per
 * stage (after a 2 × 2 max pool) a conv-BN-ReLU widening to the stage's channels (not in the first stage) and one
 * residual block (conv-BN-ReLU, conv-BN, add the block's input, ReLU); global average pooling, dense 10 (softmax).
 * At 16/32/64 channels: 336 channels in 10 convolutions, 122 k parameters, ≈ 3 M multiply-adds per digit; grouping
 * layers between pooling layers (ALGORITHMS.md §1 a) gives four convolution groups and the logits. Seeded
 * initialisers (He normal, Glorot uniform for the logits).
 * @param {{ channels?: number[], seed?: number }} [options] - the three stages' channels (default 16/32/64)
 * @returns {tf.LayersModel}
 */
export function residualMnistCnn({ channels = [16, 32, 64], seed = 1 } = {}) {
  let offset = 0;
  const apply = (layer, x) => /** @type {tf.SymbolicTensor} */ (layer.apply(x));
  const convBn = (x, filters, name, relu = true) => {
    const kernelInitializer = tf.initializers.heNormal({ seed: seed * 100 + ++offset });
    const conv = tf.layers.conv2d({ filters, kernelSize: 3, padding: "same", useBias: false, kernelInitializer, name });
    // momentum 0.9, not Keras's 0.99: two epochs are 250 steps, too few for 0.99's moving averages to forget their start
    const y = apply(tf.layers.batchNormalization({ momentum: 0.9, name: `${name}_bn` }), apply(conv, x));
    return relu ? apply(tf.layers.reLU({ name: `${name}_relu` }), y) : y;
  };
  const input = tf.input({ shape: [SIDE, SIDE, 1], name: "digit" });
  let x = convBn(input, channels[0], "stem");
  channels.forEach((filters, s) => {
    x = apply(tf.layers.maxPooling2d({ poolSize: 2, name: `pool${s + 1}` }), x);
    if (s > 0) x = convBn(x, filters, `stage${s + 1}_widen`);
    const y = convBn(convBn(x, filters, `stage${s + 1}_a`), filters, `stage${s + 1}_b`, false);
    const sum = apply(tf.layers.add({ name: `stage${s + 1}_add` }), [x, y]);
    x = apply(tf.layers.reLU({ name: `stage${s + 1}_out` }), sum);
  });
  x = apply(tf.layers.globalAveragePooling2d({ name: "gap" }), x);
  const kernelInitializer = tf.initializers.glorotUniform({ seed: seed * 100 + ++offset });
  const logits = tf.layers.dense({ units: 10, activation: "softmax", kernelInitializer, name: "logits" });
  return tf.model({ inputs: input, outputs: apply(logits, x), name: "residual_cnn" });
}
