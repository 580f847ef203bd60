import * as tf from "@tensorflow/tfjs-core";
import { ClearboxError, assertFiniteNumber, assertFiniteVector } from "@clearbox/core/internal";
import type { BatchNormLayer } from "../layer-types.js";
import { checkChannels } from "./checks.js";
import { linearKind } from "./linear.js";

/**
 * Batch normalization at inference as an affine map per channel: scale = γ / √(σ² + ε), shift = β − mean · scale.
 * A diagonal linear layer, so every rule applies; the network folds it into a linear layer right before it. @internal
 */
export const batchNormKind = linearKind<BatchNormLayer>(
  ["batchNorm"],
  (layer, { where, inShapes }) => {
    const inShape = inShapes[0];
    const channels = inShape[inShape.length - 1];
    const mean = checkChannels(layer.movingMean, channels, `${where}.movingMean`);
    const variance = Float64Array.from(
      assertFiniteVector(layer.movingVariance, `${where}.movingVariance`, { length: channels }),
    );
    const epsilon = layer.epsilon === undefined ? 1e-3 : assertFiniteNumber(layer.epsilon, `${where}.epsilon`);
    if (variance.some((v) => v + epsilon <= 0)) {
      throw new ClearboxError("E_RANGE", `${where}.movingVariance + epsilon must be > 0 in every channel.`, {
        argument: `${where}.movingVariance`,
      });
    }
    const gamma = checkChannels(layer.gamma, channels, `${where}.gamma`, 1);
    const beta = checkChannels(layer.beta, channels, `${where}.beta`);
    const scale = gamma.map((g, c) => g / Math.sqrt(variance[c] + epsilon));
    return {
      type: "batchNorm",
      outShape: [...inShape],
      kernel: scale,
      kernelShape: [channels],
      bias: beta.map((b, c) => b - mean[c] * scale[c]),
      strides: [1, 1],
      padding: "valid",
      dilation: [1, 1],
      outStride: 1,
    };
  },
  () => ({ apply: (x, w) => tf.mul(x, w), adjoint: (s, w) => tf.mul(s, w) }),
);
