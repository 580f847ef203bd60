import * as tf from "@tensorflow/tfjs-core";
import type { CheckedLinear } from "./network.js";

/**
 * A layer's linear part as TensorFlow.js forward ops, for any weights of the kernel's shape: `apply` maps a
 * [1, ...inShape] tensor to [1, ...outShape] (no bias), `adjoint` maps back (the transpose). LRP needs both with
 * modified weights (w⁺, w⁻, w², ones), and neither needs autodiff.
 */
export interface LinearMap {
  apply(x: tf.Tensor, weights: tf.Tensor): tf.Tensor;
  adjoint(s: tf.Tensor, weights: tf.Tensor): tf.Tensor;
}

/** @internal */
export function linearMap(layer: CheckedLinear): LinearMap {
  const inShape = [1, ...layer.inShape] as [number, number, number, number];
  const outShape = [1, ...layer.outShape] as [number, number, number, number];
  const { strides, padding } = layer;
  if (layer.type === "dense") {
    return {
      apply: (x, w) => tf.matMul(x as tf.Tensor2D, w as tf.Tensor2D),
      adjoint: (s, w) => tf.matMul(s as tf.Tensor2D, w as tf.Tensor2D, false, true),
    };
  }
  if (layer.type === "conv2d") {
    return {
      apply: (x, w) => tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, strides, padding),
      adjoint: (s, w) => tf.conv2dTranspose(s as tf.Tensor4D, w as tf.Tensor4D, inShape, strides, padding),
    };
  }
  return {
    apply: (x, w) => tf.conv2dTranspose(x as tf.Tensor4D, w as tf.Tensor4D, outShape, strides, padding),
    adjoint: (s, w) => tf.conv2d(s as tf.Tensor4D, w as tf.Tensor4D, strides, padding),
  };
}

/** Variants of a kernel the LRP rules use: w, w⁺ = max(w, 0), w⁻ = min(w, 0), w². */
export type KernelVariant = "w" | "plus" | "minus" | "square";

// Derived kernels are computed once per prepared layer in plain JS (layers are immutable once checked): on weight-
// sized tensors, tf.minimum and tf.relu cost more than the products they feed.
const derived = new WeakMap<CheckedLinear, Map<KernelVariant, Float32Array>>();

function kernelValues(layer: CheckedLinear, variant: KernelVariant): Float32Array {
  if (variant === "w") return layer.kernel;
  let cache = derived.get(layer);
  if (cache === undefined) derived.set(layer, (cache = new Map()));
  let values = cache.get(variant);
  if (values === undefined) {
    const f =
      variant === "plus"
        ? (w: number) => Math.max(w, 0)
        : variant === "minus"
          ? (w: number) => Math.min(w, 0)
          : (w: number) => w * w;
    values = layer.kernel.map(f);
    cache.set(variant, values);
  }
  return values;
}

/** The layer's kernel (or a variant of it) as a tensor of its own shape. @internal */
export function kernelTensor(layer: CheckedLinear, variant: KernelVariant = "w"): tf.Tensor {
  return tf.tensor(kernelValues(layer, variant), layer.kernelShape);
}

/** A flat array as a batch of one in the given shape. @internal */
export function batchOfOne(values: Float32Array, shape: readonly number[]): tf.Tensor {
  return tf.tensor(values, [1, ...shape]);
}
