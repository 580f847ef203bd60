import type { MatrixLike } from "@clearbox/core";
import type { Padding } from "./geometry.js";

/**
 * Element-wise activation functions, with TensorFlow.js's definitions (relu6 = min(relu(x), 6), hardSigmoid =
 * clip(0.2x + 0.5, 0, 1), swish = x · sigmoid(x), gelu = x · Φ(x) with erf, geluNew its tanh form). LRP passes
 * relevance through an element-wise activation unchanged: the layer below divides by its pre-activation z.
 */
export type Activation =
  | "linear"
  | "relu"
  | "relu6"
  | "sigmoid"
  | "tanh"
  | "elu"
  | "selu"
  | "softplus"
  | "softsign"
  | "swish"
  | "mish"
  | "gelu"
  | "geluNew"
  | "hardSigmoid";

/** Where a layer takes its inputs from: the names of earlier layers (or the network's `inputName`). */
export interface LayerLinks {
  /** The layer's name, unique in the network; default `layer${index}`. */
  name?: string;
  /** Names of the layers (or the network input) this layer reads; default: the layer listed just before it. */
  inputs?: readonly string[];
}

/** A 4-D kernel as nested arrays: kernel[ky][kx][a][b] (the Keras and TensorFlow.js layout). */
export type Kernel4D = ArrayLike<ArrayLike<ReadonlyArray<ArrayLike<number>> | MatrixLike>>;

/** A fully connected layer: `out = activation(in · kernel + bias)`, kernel in × out (the Keras layout). */
export interface DenseLayer extends LayerLinks {
  type: "dense";
  /** in × out weights: rows are inputs, columns outputs (number[][], typed rows or ml-matrix). */
  kernel: ReadonlyArray<ArrayLike<number>> | MatrixLike;
  /** One per output; zeros when omitted. */
  bias?: ArrayLike<number>;
  /** Default "linear". */
  activation?: Activation;
}

/** A 2-D convolution over a height × width × channels input (channels last, like Keras). */
export interface Conv2dLayer extends LayerLinks {
  type: "conv2d";
  /** kh × kw × in × out (Keras's Conv2D kernel). */
  kernel: Kernel4D;
  /** One per output channel; zeros when omitted. */
  bias?: ArrayLike<number>;
  /** Default 1; one number for both axes or [rows, columns]. */
  strides?: number | readonly [number, number];
  /** Default "valid". */
  padding?: Padding;
  /** Dilation rate (atrous convolution); default 1. Strides and dilation cannot both exceed 1 (as in Keras). */
  dilation?: number | readonly [number, number];
  activation?: Activation;
}

/** A depthwise convolution (Keras's DepthwiseConv2D): each input channel convolved with its own `multiplier` kernels. */
export interface DepthwiseConv2dLayer extends LayerLinks {
  type: "depthwiseConv2d";
  /** kh × kw × channels × multiplier; output channel c · multiplier + m. */
  kernel: Kernel4D;
  bias?: ArrayLike<number>;
  strides?: number | readonly [number, number];
  padding?: Padding;
  dilation?: number | readonly [number, number];
  activation?: Activation;
}

/** A transposed convolution ("deconvolution"): the adjoint of a conv2d, as Keras's Conv2DTranspose. */
export interface Conv2dTransposeLayer extends LayerLinks {
  type: "conv2dTranspose";
  /** kh × kw × out × in (Keras's Conv2DTranspose kernel: output channels before input channels). */
  kernel: Kernel4D;
  bias?: ArrayLike<number>;
  strides?: number | readonly [number, number];
  /** Default "valid": output = in · stride + max(k − stride, 0); "same": output = in · stride. */
  padding?: Padding;
  activation?: Activation;
}

/**
 * Batch normalization at inference, over the last axis: `gamma (x − mean) / √(variance + epsilon) + beta`. LRP folds
 * it into a dense or convolutional layer right before it (when that layer has no activation and feeds nothing else),
 * as zennit's MergeBatchNorm; otherwise it is an affine layer with its own rule.
 */
export interface BatchNormLayer extends LayerLinks {
  type: "batchNorm";
  /** One per channel; ones when omitted. */
  gamma?: ArrayLike<number>;
  /** One per channel; zeros when omitted. */
  beta?: ArrayLike<number>;
  movingMean: ArrayLike<number>;
  movingVariance: ArrayLike<number>;
  /** Default 1e-3 (Keras's). */
  epsilon?: number;
}

/** Max or average pooling per channel. Average pooling with "same" padding averages the cells inside the input. */
export interface Pool2dLayer extends LayerLinks {
  type: "maxPool2d" | "avgPool2d";
  /** Window; one number for both axes or [rows, columns]. */
  poolSize: number | readonly [number, number];
  /** Default: the pool size. */
  strides?: number | readonly [number, number];
  /** Default "valid". */
  padding?: Padding;
}

/** The mean or maximum of each channel over all positions: height × width × channels → channels. */
export interface GlobalPool2dLayer extends LayerLinks {
  type: "globalAvgPool2d" | "globalMaxPool2d";
}

/** Reshape height × width × channels to a vector (row-major, channels last: Keras's Flatten order). */
export interface FlattenLayer extends LayerLinks {
  type: "flatten";
}

/** Reshape to `targetShape` (row-major; one entry may be -1). */
export interface ReshapeLayer extends LayerLinks {
  type: "reshape";
  targetShape: readonly number[];
}

/** An element-wise activation as a layer of its own; `relu` takes `maxValue` (relu6: 6), `leakyRelu` its `alpha`. */
export interface ActivationLayer extends LayerLinks {
  type: "activation";
  activation: Activation | "leakyRelu";
  /** leakyRelu's slope for x < 0 (default 0.3, as Keras). */
  alpha?: number;
  /** relu's upper clip (Keras's ReLU(max_value)). */
  maxValue?: number;
}

/** The element-wise sum of two or more inputs of one shape (a residual connection). */
export interface AddLayer extends LayerLinks {
  type: "add";
}

/** Inputs joined along the channel (last) axis. */
export interface ConcatenateLayer extends LayerLinks {
  type: "concatenate";
}

/** Zeros added around the height and width: [[top, bottom], [left, right]]. */
export interface ZeroPadding2dLayer extends LayerLinks {
  type: "zeroPadding2d";
  padding: readonly [readonly [number, number], readonly [number, number]];
}

/** Rows and columns cut from the edges: [[top, bottom], [left, right]]. */
export interface Cropping2dLayer extends LayerLinks {
  type: "cropping2d";
  cropping: readonly [readonly [number, number], readonly [number, number]];
}

/** Nearest-neighbour upsampling: each cell repeated size[0] × size[1] times. */
export interface UpSampling2dLayer extends LayerLinks {
  type: "upSampling2d";
  size: number | readonly [number, number];
}

export type Layer =
  | DenseLayer
  | Conv2dLayer
  | DepthwiseConv2dLayer
  | Conv2dTransposeLayer
  | BatchNormLayer
  | Pool2dLayer
  | GlobalPool2dLayer
  | FlattenLayer
  | ReshapeLayer
  | ActivationLayer
  | AddLayer
  | ConcatenateLayer
  | ZeroPadding2dLayer
  | Cropping2dLayer
  | UpSampling2dLayer;

/**
 * A feed-forward network as plain JSON: a DAG of layers listed so that every layer comes after its inputs. A layer
 * without `inputs` reads the layer listed before it (so a plain list is a chain); the last layer is the output.
 * `inputShape` is [height, width, channels] for a network that starts with a convolution or pooling layer, and may
 * be omitted when it starts with a dense layer. Inputs and activations are flat arrays in row-major, channels-last order.
 */
export interface Network {
  inputShape?: readonly number[];
  /** The name layers use in `inputs` for the network input; default "input". */
  inputName?: string;
  layers: readonly Layer[];
}
