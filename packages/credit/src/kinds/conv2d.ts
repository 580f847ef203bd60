import * as tf from "@tensorflow/tfjs-core";
import { ClearboxError } from "@clearbox/core/internal";
import { checkActivation } from "../activations.js";
import { dilatedSize, windowOutputSize } from "../geometry.js";
import type { Conv2dLayer, DepthwiseConv2dLayer } from "../layer-types.js";
import { adjointCanvas, flipped } from "./adjoint.js";
import { assertFits, checkChannels, checkPadding, describeShape, pair, readKernel4D, requireRank } from "./checks.js";
import type { CheckContext } from "./kind.js";
import { linearKind } from "./linear.js";
import type { CheckedLinear } from "./linear.js";

/** Strides, padding and dilation of a (depthwise) convolution, and its output's height and width. @internal */
export function convGeometry(
  layer: { strides?: unknown; padding?: unknown; dilation?: unknown },
  kernelShape: number[],
  inShape: number[],
  where: string,
): Pick<CheckedLinear, "strides" | "padding" | "dilation"> & { size: [number, number] } {
  const strides = pair(layer.strides, [1, 1], `${where}.strides`);
  const dilation = pair(layer.dilation, [1, 1], `${where}.dilation`);
  if (strides.some((s) => s > 1) && dilation.some((d) => d > 1)) {
    throw new ClearboxError("E_OPTION", `${where}: strides and dilation cannot both exceed 1 (as in Keras).`, {
      argument: `${where}.dilation`,
    });
  }
  const padding = checkPadding(layer.padding, where);
  const span = [0, 1].map((axis) => dilatedSize(kernelShape[axis], dilation[axis]));
  const size: [number, number] = [
    windowOutputSize(inShape[0], span[0], strides[0], padding),
    windowOutputSize(inShape[1], span[1], strides[1], padding),
  ];
  const what = `a ${kernelShape[0]} × ${kernelShape[1]} kernel`;
  assertFits(size, inShape, where, what, `${where}.kernel`);
  return { strides, padding, dilation, size };
}

/** The kernel and the input's channels, checked against each other. @internal */
export function convKernel(layer: { kernel: unknown }, { where, inShapes }: CheckContext, channelAxis: 2 | 3) {
  const inShape = requireRank(inShapes[0], where, 3);
  const { shape, values } = readKernel4D(layer.kernel, `${where}.kernel`);
  if (shape[channelAxis] !== inShape[2]) {
    throw new ClearboxError(
      "E_SHAPE",
      `${where}.kernel takes ${shape[channelAxis]} input channels (its ${channelAxis + 1}${channelAxis === 2 ? "rd" : "th"} dimension) but the input has ${inShape[2]} (${describeShape(inShape)}): the layers do not chain.`,
      { argument: `${where}.kernel` },
    );
  }
  return { inShape, kernelShape: shape, values };
}

/** A conv2d or depthwise layer checked: kernel, geometry, bias (one per output channel) and activation. @internal */
export function checkConvolution(
  type: "conv2d" | "depthwiseConv2d",
  layer: Conv2dLayer | DepthwiseConv2dLayer,
  context: CheckContext,
  outChannelsOf: (kernelShape: number[]) => number,
): Omit<CheckedLinear, "index" | "name" | "inputs" | "inShapes" | "inShape"> {
  const { inShape, kernelShape, values } = convKernel(layer, context, 2);
  const geometry = convGeometry(layer, kernelShape, inShape, context.where);
  const outChannels = outChannelsOf(kernelShape);
  return {
    type,
    outShape: [...geometry.size, outChannels],
    kernel: values,
    kernelShape,
    bias: checkChannels(layer.bias, outChannels, `${context.where}.bias`),
    strides: geometry.strides,
    padding: geometry.padding,
    dilation: geometry.dilation,
    outStride: 1,
    activation: checkActivation(layer.activation, context.where),
  };
}

/** A 2-D convolution (kernel kh × kw × in × out), dilated or strided. @internal */
export const conv2dKind = linearKind<Conv2dLayer>(
  ["conv2d"],
  (layer, context) => checkConvolution("conv2d", layer, context, (kernelShape) => kernelShape[3]),
  // The transpose as a stride-1 correlation with the flipped kernel (see adjoint.ts): on the wasm backend
  // tf.conv2dTranspose ran ~30 × slower than the conv2d it transposes.
  (node) => {
    const { strides, padding, dilation } = node;
    return {
      apply: (x, w) => tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, strides, padding, "NHWC", dilation),
      applyWithBias: (x, w, bias) =>
        tf.fused.conv2d({
          x: x as tf.Tensor4D,
          filter: w as tf.Tensor4D,
          strides,
          pad: padding,
          dilations: dilation,
          bias,
        }),
      toBack: (w) => tf.transpose(flipped(w), [0, 1, 3, 2]),
      adjoint: (s, wBack) => {
        const { canvas, padding: around } = adjointCanvas(s, node);
        return tf.conv2d(canvas, wBack as tf.Tensor4D, 1, around, "NHWC", dilation);
      },
    };
  },
);
