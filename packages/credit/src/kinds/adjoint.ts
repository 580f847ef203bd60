// The transpose of a (dilated, strided, depthwise) convolution as a stride-1 correlation with the flipped kernel over
// the zero-stuffed, padded output: tfjs has no depthwise or dilated conv2dTranspose, and the wasm backend has no
// depthwise backprop kernel.
import * as tf from "@tensorflow/tfjs-core";
import { dilatedSize, paddingBefore } from "../geometry.js";
import type { CheckedLinear } from "./linear.js";

/**
 * Insert stride − 1 zeros after every cell of s (the inverse of striding; the trailing ones are taken off the
 * padding by adjointCanvas). Pads and reshapes only: the wasm backend's slice runs in JavaScript, ~14 × slower.
 */
function zeroInsert(s: tf.Tensor4D, [sh, sw]: [number, number]): tf.Tensor4D {
  const [n, h, w, c] = s.shape;
  let t: tf.Tensor4D = s;
  if (sh > 1) {
    const rows = tf.pad(tf.reshape(t, [n, h, 1, w * c]), [
      [0, 0],
      [0, 0],
      [0, sh - 1],
      [0, 0],
    ]);
    t = tf.reshape(rows, [n, h * sh, w, c]);
  }
  if (sw > 1) {
    const columns = tf.pad(tf.reshape(t, [n * h * sh, w, 1, c]), [
      [0, 0],
      [0, 0],
      [0, sw - 1],
      [0, 0],
    ]);
    t = tf.reshape(columns, [n, h * sh, w * sw, c]);
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
    // The stuffed canvas already ends in stride − 1 zeros.
    return [k - 1 - before, input - (output - 1) * stride - 1 + before - (stride - 1)] as [number, number];
  });
  let canvas = zeroInsert(s as tf.Tensor4D, node.strides);
  if (pads[0][1] < 0 || pads[1][1] < 0) {
    // More trailing zeros than the padding wants (e.g. a 1 × 1 stride-2 kernel on an odd size): cut them off.
    const [n, h, w, c] = canvas.shape;
    canvas = tf.slice(canvas, [0, 0, 0, 0], [n, h + Math.min(pads[0][1], 0), w + Math.min(pads[1][1], 0), c]);
  }
  const padding: ExplicitPadding = [
    [0, 0],
    [pads[0][0], Math.max(pads[0][1], 0)],
    [pads[1][0], Math.max(pads[1][1], 0)],
    [0, 0],
  ];
  return { canvas, padding };
}

/** The kernel flipped in both spatial axes. */
export function flipped(w: tf.Tensor): tf.Tensor4D {
  return tf.reverse(w as tf.Tensor4D, [0, 1]);
}
