import * as tf from "@tensorflow/tfjs-core";
import { checkActivation } from "../activations.js";
import { transposedOutputSize } from "../geometry.js";
import type { Conv2dTransposeLayer } from "../layer-types.js";
import { checkChannels, checkPadding, pair } from "./checks.js";
import { convKernel } from "./conv2d.js";
import { linearKind } from "./linear.js";

/** A transposed convolution (kernel kh × kw × out × in): conv2dTranspose forward, conv2d back. @internal */
export const conv2dTransposeKind = linearKind<Conv2dTransposeLayer>(
  ["conv2dTranspose"],
  (layer, context) => {
    const { inShape, kernelShape, values } = convKernel(layer, context, 3);
    const strides = pair(layer.strides, [1, 1], `${context.where}.strides`);
    const padding = checkPadding(layer.padding, context.where);
    const size = (axis: 0 | 1) => transposedOutputSize(inShape[axis], kernelShape[axis], strides[axis], padding);
    return {
      type: "conv2dTranspose",
      outShape: [size(0), size(1), kernelShape[2]],
      kernel: values,
      kernelShape,
      bias: checkChannels(layer.bias, kernelShape[2], `${context.where}.bias`),
      strides,
      padding,
      dilation: [1, 1],
      outStride: kernelShape[3],
      activation: checkActivation(layer.activation, context.where),
    };
  },
  (node) => {
    const { strides, padding, outShape } = node;
    return {
      apply: (x, w) =>
        tf.conv2dTranspose(
          x as tf.Tensor4D,
          w as tf.Tensor4D,
          [x.shape[0], ...outShape] as [number, number, number, number],
          strides,
          padding,
        ),
      adjoint: (s, w) => tf.conv2d(s as tf.Tensor4D, w as tf.Tensor4D, strides, padding),
    };
  },
);
