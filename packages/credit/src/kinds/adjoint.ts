// The transpose of a (dilated, strided, depthwise) convolution as a stride-1 correlation with the flipped kernel over
// the zero-stuffed, padded output: tfjs has no depthwise or dilated conv2dTranspose, and the wasm backend has no
// depthwise backprop kernel.
import * as tf from "@tensorflow/tfjs-core";
import { dilatedSize, paddingBefore } from "../geometry.js";
import type { CheckedLinear } from "./linear.js";

/** Insert stride − 1 zeros between the cells of s (the inverse of striding). */
function zeroInsert(s: tf.Tensor4D, [sh, sw]: [number, number]): tf.Tensor4D {
  const [n, , w, c] = s.shape;
  let h = s.shape[1];
  let t: tf.Tensor4D = s;
  if (sh > 1) {
    t = tf.reshape(
      tf.pad(tf.reshape(t, [n, h, 1, w * c]), [
        [0, 0],
        [0, 0],
        [0, sh - 1],
        [0, 0],
      ]),
      [n, h * sh, w, c],
    );
    t = tf.slice(t, [0, 0, 0, 0], [n, (h - 1) * sh + 1, w, c]);
    h = (h - 1) * sh + 1;
  }
  if (sw > 1) {
    t = tf.reshape(
      tf.pad(tf.reshape(t, [n * h, w, 1, c]), [
        [0, 0],
        [0, 0],
        [0, sw - 1],
        [0, 0],
      ]),
      [n, h, w * sw, c],
    );
    t = tf.slice(t, [0, 0, 0, 0], [n, h, (w - 1) * sw + 1, c]);
  }
  return t;
}

/** A convolution's explicit padding (batch, rows, columns, channels), as tf.conv2d and tf.depthwiseConv2d take it. */
export type ExplicitPadding = [[number, number], [number, number], [number, number], [number, number]];

/**
 * The zero-stuffed output and the padding around it under which a valid stride-1 correlation with the flipped
 * kernel gives the input's shape. The padding goes to the convolution itself rather than through tf.pad: one pass
 * over a layer-sized tensor fewer.
 */
export function adjointCanvas(s: tf.Tensor, node: CheckedLinear): { canvas: tf.Tensor4D; padding: ExplicitPadding } {
  const [kh, kw] = node.kernelShape;
  const pads = [0, 1].map((axis) => {
    const k = dilatedSize(axis === 0 ? kh : kw, node.dilation[axis]);
    const [input, output, stride] = [node.inShape[axis], node.outShape[axis], node.strides[axis]];
    const before = node.padding === "same" ? paddingBefore(input, output, k, stride) : 0;
    return [k - 1 - before, input - (output - 1) * stride - 1 + before] as [number, number];
  });
  return { canvas: zeroInsert(s as tf.Tensor4D, node.strides), padding: [[0, 0], pads[0], pads[1], [0, 0]] };
}

/** The kernel flipped in both spatial axes. */
export function flipped(w: tf.Tensor): tf.Tensor4D {
  return tf.reverse(w as tf.Tensor4D, [0, 1]);
}
