// One reader per Keras layer class: a tfjs-layers layer's config and weights → layers of the network format.
import type { Activation, Layer } from "../layer-types.js";

/** What a reader gets. @internal */
export interface ReaderInput {
  name: string;
  config: Record<string, unknown>;
  weights: () => unknown[];
  /** The tfjs activation name, mapped (softmax handled by the caller); throws for one the format lacks. */
  activation: (value?: unknown) => Activation;
  fail: (what: string) => never;
}

/** A reader's answer: layers to add (a chain, the last one named as the Keras layer), or "identity" (an alias). */
export type Reading = Layer[] | "identity";

type Reader = (input: ReaderInput) => Reading;

const pair = (value: unknown) => value as number | [number, number];
const edges = (value: unknown) => value as [[number, number], [number, number]];

function padding({ config, fail }: ReaderInput): "valid" | "same" {
  if (config.padding !== "valid" && config.padding !== "same") fail(`padding "${String(config.padding)}" is not read`);
  return config.padding as "valid" | "same";
}

/** Weights in the order tfjs lists them, bias absent when useBias is false. */
function kernelAndBias(input: ReaderInput): [unknown, number[] | undefined] {
  const [kernel, bias] = input.weights();
  return [kernel, input.config.useBias === false ? undefined : (bias as number[])];
}

/** Conv2D and DepthwiseConv2D: the same settings, a kernel of their own layout. */
const convolution =
  (type: "conv2d" | "depthwiseConv2d"): Reader =>
  (input) => {
    const [kernel, bias] = kernelAndBias(input);
    const { config, name } = input;
    return [
      {
        type,
        name,
        kernel: kernel as number[][][][],
        bias,
        strides: pair(config.strides),
        padding: padding(input),
        dilation: pair(config.dilationRate),
        activation: input.activation(),
      } as Layer,
    ];
  };

/** SeparableConv2D = a depthwise convolution (no bias) and a 1 × 1 convolution: two layers, exactly. */
const separable: Reader = (input) => {
  const { config, name } = input;
  const [depthwiseKernel, pointwiseKernel, bias] = input.weights();
  return [
    {
      type: "depthwiseConv2d",
      name: `${name}/depthwise`,
      kernel: depthwiseKernel as number[][][][],
      strides: pair(config.strides),
      padding: padding(input),
      dilation: pair(config.dilationRate),
    },
    {
      type: "conv2d",
      name,
      kernel: pointwiseKernel as number[][][][],
      bias: config.useBias === false ? undefined : (bias as number[]),
      activation: input.activation(),
    },
  ];
};

const batchNorm: Reader = (input) => {
  const { config, name } = input;
  if (config.axis !== -1 && config.axis !== undefined)
    input.fail(`only the last axis is normalised here (axis -1), got axis ${String(config.axis)}`);
  const weights = input.weights() as number[][];
  const gamma = config.scale === false ? undefined : weights.shift();
  const beta = config.center === false ? undefined : weights.shift();
  const [movingMean, movingVariance] = weights;
  return [{ type: "batchNorm", name, gamma, beta, movingMean, movingVariance, epsilon: config.epsilon as number }];
};

const pool =
  (type: "maxPool2d" | "avgPool2d"): Reader =>
  (input) => [
    {
      type,
      name: input.name,
      poolSize: pair(input.config.poolSize),
      strides: pair(input.config.strides ?? input.config.poolSize),
      padding: padding(input),
    },
  ];

const single =
  (layer: (input: ReaderInput) => Layer): Reader =>
  (input) => [{ ...layer(input), name: input.name }];

/** Keras class name → reader. @internal */
export const READERS: Record<string, Reader> = {
  Dense: (input) => {
    const [kernel, bias] = kernelAndBias(input);
    return [{ type: "dense", name: input.name, kernel: kernel as number[][], bias, activation: input.activation() }];
  },
  Conv2D: convolution("conv2d"),
  Conv2DTranspose: (input) => {
    const [kernel, bias] = kernelAndBias(input);
    if ([input.config.dilationRate].flat().some((d) => d !== 1 && d !== undefined))
      input.fail("dilated transposed convolutions are not read");
    return [
      {
        type: "conv2dTranspose",
        name: input.name,
        kernel: kernel as number[][][][],
        bias,
        strides: pair(input.config.strides),
        padding: padding(input),
        activation: input.activation(),
      },
    ];
  },
  DepthwiseConv2D: convolution("depthwiseConv2d"),
  SeparableConv2D: separable,
  BatchNormalization: batchNorm,
  MaxPooling2D: pool("maxPool2d"),
  AveragePooling2D: pool("avgPool2d"),
  GlobalAveragePooling2D: single(() => ({ type: "globalAvgPool2d" })),
  GlobalMaxPooling2D: single(() => ({ type: "globalMaxPool2d" })),
  Flatten: single(() => ({ type: "flatten" })),
  Reshape: single(({ config }) => ({ type: "reshape", targetShape: config.targetShape as number[] })),
  Activation: (input) => {
    const activation = input.activation();
    return activation === "linear" ? "identity" : [{ type: "activation", name: input.name, activation }];
  },
  ReLU: single(({ config }) => {
    const maxValue = config.maxValue as number | null | undefined;
    if (maxValue === 6) return { type: "activation", activation: "relu6" };
    return maxValue === null || maxValue === undefined
      ? { type: "activation", activation: "relu" }
      : { type: "activation", activation: "relu", maxValue };
  }),
  LeakyReLU: single(({ config }) => ({
    type: "activation",
    activation: "leakyRelu",
    alpha: (config.alpha as number) ?? 0.3,
  })),
  ELU: single(({ config, fail }) => {
    if (config.alpha !== undefined && config.alpha !== 1) fail("ELU with alpha ≠ 1 is not read");
    return { type: "activation", activation: "elu" };
  }),
  Add: single(() => ({ type: "add" })),
  Concatenate: single(({ config, fail }) => {
    if (config.axis !== -1 && config.axis !== undefined && config.axis !== 3)
      fail(`only concatenation along the last axis is read, got axis ${String(config.axis)}`);
    return { type: "concatenate" };
  }),
  ZeroPadding2D: single(({ config }) => ({ type: "zeroPadding2d", padding: edges(config.padding) })),
  Cropping2D: single(({ config }) => ({ type: "cropping2d", cropping: edges(config.cropping) })),
  UpSampling2D: single(({ config, fail }) => {
    if (config.interpolation !== undefined && config.interpolation !== "nearest")
      fail(`interpolation "${String(config.interpolation)}" is not read (nearest is)`);
    return { type: "upSampling2d", size: pair(config.size) };
  }),
  Dropout: () => "identity",
  SpatialDropout1D: () => "identity",
  SpatialDropout2D: () => "identity",
  GaussianNoise: () => "identity",
  GaussianDropout: () => "identity",
  AlphaDropout: () => "identity",
};

/** Class names {@link fromLayersModel} reads (InputLayer, Softmax and nested models besides). @internal */
export const READ_CLASSES = [...Object.keys(READERS), "InputLayer", "Softmax", "Sequential", "Model", "Functional"];
