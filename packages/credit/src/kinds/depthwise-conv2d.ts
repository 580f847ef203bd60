import * as tf from "@tensorflow/tfjs-core";
import type { DepthwiseConv2dLayer } from "../layer-types.js";
import { adjointCanvas, flipped } from "./adjoint.js";
import { checkConvolution } from "./conv2d.js";
import { linearKind } from "./linear.js";

/**
 * A depthwise convolution (kernel kh × kw × channels × multiplier; output channel c · multiplier + m). Its transpose
 * is a depthwise correlation with the flipped kernel, summed over each channel's multiplier outputs. @internal
 */
export const depthwiseConv2dKind = linearKind<DepthwiseConv2dLayer>(
  ["depthwiseConv2d"],
  (layer, context) =>
    checkConvolution("depthwiseConv2d", layer, context, ([, , channels, multiplier]) => channels * multiplier),
  (node) => {
    const { strides, padding, dilation } = node;
    const [kh, kw, channels, multiplier] = node.kernelShape;
    return {
      apply: (x, w) => tf.depthwiseConv2d(x as tf.Tensor4D, w as tf.Tensor4D, strides, padding, "NHWC", dilation),
      applyWithBias: (x, w, bias) =>
        tf.fused.depthwiseConv2d({
          x: x as tf.Tensor4D,
          filter: w as tf.Tensor4D,
          strides,
          pad: padding,
          dilations: dilation,
          bias,
        }),
      toBack: (w) => tf.reshape(flipped(w), [kh, kw, channels * multiplier, 1]),
      adjoint: (s, wBack) => {
        const { canvas, padding: around } = adjointCanvas(s, node);
        const spread = tf.depthwiseConv2d(canvas, wBack as tf.Tensor4D, 1, around, "NHWC", dilation);
        const [n, h, width] = spread.shape;
        return multiplier === 1 ? spread : tf.sum(tf.reshape(spread, [n, h, width, channels, multiplier]), 4);
      },
    };
  },
);
