import {
  ClearboxError,
  assertFiniteVector,
  assertInteger,
  describeValue,
  toDenseMatrix,
  assertOneOf,
} from "@clearbox/core/internal";
import type { MatrixLike } from "@clearbox/core";
import { paddingBefore, transposedOutputSize, windowOutputSize } from "./geometry.js";
import type { Padding } from "./geometry.js";

/** Activation functions a layer may apply after its affine map. */
export type Activation = "relu" | "linear" | "sigmoid" | "tanh";

/** A 4-D kernel as nested arrays: kernel[ky][kx][a][b] (the Keras and TensorFlow.js layout). */
export type Kernel4D = ArrayLike<ArrayLike<ReadonlyArray<ArrayLike<number>> | MatrixLike>>;

/** A fully connected layer: `out = activation(in · kernel + bias)`, kernel in × out (the Keras layout). */
export interface DenseLayer {
  type: "dense";
  /** in × out weights: rows are inputs, columns outputs (number[][], typed rows or ml-matrix). */
  kernel: ReadonlyArray<ArrayLike<number>> | MatrixLike;
  /** One per output; zeros when omitted. */
  bias?: ArrayLike<number>;
  /** Default "linear". */
  activation?: Activation;
}

/** A 2-D convolution over a height × width × channels input (channels last, like Keras). */
export interface Conv2dLayer {
  type: "conv2d";
  /** kh × kw × in × out (Keras's Conv2D kernel). */
  kernel: Kernel4D;
  /** One per output channel; zeros when omitted. */
  bias?: ArrayLike<number>;
  /** Default 1; one number for both axes or [rows, columns]. */
  strides?: number | readonly [number, number];
  /** Default "valid". */
  padding?: Padding;
  activation?: Activation;
}

/** A transposed convolution ("deconvolution"): the adjoint of a conv2d, as Keras's Conv2DTranspose. */
export interface Conv2dTransposeLayer {
  type: "conv2dTranspose";
  /** kh × kw × out × in (Keras's Conv2DTranspose kernel: output channels before input channels). */
  kernel: Kernel4D;
  bias?: ArrayLike<number>;
  strides?: number | readonly [number, number];
  /** Default "valid": output = in · stride + max(k − stride, 0); "same": output = in · stride. */
  padding?: Padding;
  activation?: Activation;
}

/** Max or average pooling per channel. Average pooling with "same" padding averages the cells inside the input. */
export interface Pool2dLayer {
  type: "maxPool2d" | "avgPool2d";
  /** Window; one number for both axes or [rows, columns]. */
  poolSize: number | readonly [number, number];
  /** Default: the pool size. */
  strides?: number | readonly [number, number];
  /** Default "valid". */
  padding?: Padding;
}

/** Reshape height × width × channels to a vector (row-major, channels last: Keras's Flatten order). */
export interface FlattenLayer {
  type: "flatten";
}

export type Layer = DenseLayer | Conv2dLayer | Conv2dTransposeLayer | Pool2dLayer | FlattenLayer;

/**
 * A feed-forward network as plain JSON. `inputShape` is [height, width, channels] for a network that starts with a
 * convolution or pooling layer, and may be omitted when it starts with a dense layer. Inputs and activations are flat
 * arrays in row-major, channels-last order.
 */
export interface Network {
  inputShape?: readonly number[];
  layers: readonly Layer[];
}

/** A layer with a kernel: dense, conv2d or conv2dTranspose. @internal */
export interface CheckedLinear {
  type: "dense" | "conv2d" | "conv2dTranspose";
  index: number;
  inShape: number[];
  outShape: number[];
  /** Flat kernel in the layer's own layout (in × out, or kh × kw × a × b). */
  kernel: Float32Array;
  kernelShape: number[];
  /** One per output channel. */
  bias: Float32Array;
  strides: [number, number];
  padding: Padding;
  activation: Activation;
}

/** A pooling layer. @internal */
export interface CheckedPool {
  type: "maxPool2d" | "avgPool2d";
  index: number;
  inShape: number[];
  outShape: number[];
  poolSize: [number, number];
  strides: [number, number];
  padding: Padding;
  /** Padding before the first row and column. */
  before: [number, number];
}

/** @internal */
export interface CheckedFlatten {
  type: "flatten";
  index: number;
  inShape: number[];
  outShape: number[];
}

/** @internal */
export type CheckedLayer = CheckedLinear | CheckedPool | CheckedFlatten;

/** @internal */
export function isLinear(layer: CheckedLayer): layer is CheckedLinear {
  return layer.type === "dense" || layer.type === "conv2d" || layer.type === "conv2dTranspose";
}

const checkedLayers = Symbol("clearbox.checkedLayers");

/**
 * A network validated and copied into flat Float32Arrays once, for repeated calls (see {@link prepareNetwork}).
 * Every function that takes a {@link Network} takes one of these too.
 */
export interface PreparedNetwork {
  readonly inputShape: readonly number[];
  /** Shape of each layer's output, first layer first. */
  readonly outputShapes: readonly (readonly number[])[];
  readonly [checkedLayers]: readonly CheckedLayer[];
}

/** The activations a layer may name. @internal */
export const ACTIVATIONS: readonly Activation[] = ["relu", "linear", "sigmoid", "tanh"];
const TYPES: readonly Layer["type"][] = ["dense", "conv2d", "conv2dTranspose", "maxPool2d", "avgPool2d", "flatten"];
/** Number of values in a layer's input or output. @internal */
export const sizeOf = (shape: readonly number[]) => shape.reduce((p, s) => p * s, 1);
const describeShape = (shape: readonly number[]) => `[${shape.join(", ")}]`;

/**
 * Validate a network once and copy its weights into flat arrays, so that repeated calls (one per sample) skip both.
 * Throws a `ClearboxError` naming the layer for an unknown type, an unsupported activation, kernel and bias shapes
 * that disagree, layers that do not chain, or a non-finite weight. The network is not modified, and later changes to
 * it do not reach the prepared copy.
 * @param network - a {@link Network} (or an already prepared one, returned as it is).
 * @returns a frozen {@link PreparedNetwork} with its `inputShape` and `outputShapes`.
 * @throws `E_TYPE` / `E_SHAPE` / `E_NAN` / `E_OPTION` for a network whose layers are malformed or do not chain.
 * @example
 * const prepared = prepareNetwork(network); // validate once, then call lrp / forwardPass per sample
 */
export function prepareNetwork(network: Network | PreparedNetwork): PreparedNetwork {
  if (isPrepared(network)) return network;
  const layers = checkLayers(network);
  return Object.freeze({
    inputShape: layers[0].inShape,
    outputShapes: layers.map((layer) => layer.outShape),
    [checkedLayers]: layers,
  });
}

function isPrepared(network: unknown): network is PreparedNetwork {
  return typeof network === "object" && network !== null && checkedLayers in network;
}

/** The validated layers of a network (prepared or not). @internal */
export function layersOf(network: Network | PreparedNetwork): readonly CheckedLayer[] {
  return prepareNetwork(network)[checkedLayers];
}

function checkLayers(network: Network): CheckedLayer[] {
  if (typeof network !== "object" || network === null || !Array.isArray(network.layers)) {
    throw new ClearboxError("E_TYPE", `network must be { layers: [...] }, got ${describeValue(network)}.`, {
      argument: "network",
    });
  }
  if (network.layers.length === 0) {
    throw new ClearboxError("E_EMPTY", "network.layers must hold at least one layer.", { argument: "network.layers" });
  }
  let shape = initialShape(network);
  const checked: CheckedLayer[] = [];
  network.layers.forEach((layer, l) => {
    const where = `network.layers[${l}]`;
    const type = (layer as { type?: unknown } | null)?.type;
    assertOneOf(type, `${where}.type`, TYPES);
    const next =
      layer.type === "dense"
        ? checkDense(layer, l, shape, where)
        : layer.type === "conv2d" || layer.type === "conv2dTranspose"
          ? checkConv(layer, l, shape, where)
          : layer.type === "flatten"
            ? checkFlatten(l, shape, where)
            : checkPool(layer, l, shape, where);
    checked.push(next);
    shape = next.outShape;
  });
  return checked;
}

/** The declared input shape, or [kernel rows] for a network that starts with a dense layer. */
function initialShape(network: Network): number[] | undefined {
  if (network.inputShape === undefined) return undefined;
  const shape = network.inputShape;
  if (!Array.isArray(shape) || (shape.length !== 1 && shape.length !== 3)) {
    throw new ClearboxError(
      "E_SHAPE",
      `network.inputShape must be [size] or [height, width, channels], got ${describeValue(shape)}.`,
      { argument: "network.inputShape" },
    );
  }
  shape.forEach((s, i) => assertInteger(s, `network.inputShape[${i}]`, 1));
  return [...shape];
}

function requireShape(shape: number[] | undefined, where: string, rank: 1 | 3): number[] {
  if (shape === undefined) {
    throw new ClearboxError(
      "E_SHAPE",
      `${where} needs the input's [height, width, channels]: give network.inputShape.`,
      { argument: "network.inputShape" },
    );
  }
  if (shape.length !== rank) {
    const hint = rank === 1 ? " (add a flatten layer before it)" : "";
    throw new ClearboxError(
      "E_SHAPE",
      `${where} takes a ${rank === 1 ? "vector" : "[height, width, channels] input"} but gets ${describeShape(shape)}${hint}: the layers do not chain.`,
      { argument: where },
    );
  }
  return shape;
}

function checkActivation(value: unknown, where: string): Activation {
  const activation = assertOneOf(value ?? "linear", `${where}.activation`, ACTIVATIONS);
  return activation as Activation;
}

function checkBias(bias: ArrayLike<number> | undefined, length: number, where: string): Float32Array {
  if (bias === undefined) return new Float32Array(length);
  if (typeof bias !== "object" || bias === null || bias.length !== length) {
    throw new ClearboxError(
      "E_SHAPE",
      `${where}.bias must have ${length} entries (one per output channel), got ${typeof bias === "object" && bias !== null ? bias.length : describeValue(bias)}.`,
      { argument: `${where}.bias` },
    );
  }
  return Float32Array.from(assertFiniteVector(bias, `${where}.bias`));
}

function checkDense(layer: DenseLayer, index: number, shape: number[] | undefined, where: string): CheckedLinear {
  const { rows, columns, values } = toDenseMatrix(layer.kernel, `${where}.kernel`);
  const inShape = shape === undefined ? [rows] : requireShape(shape, where, 1);
  if (inShape[0] !== rows) {
    const source = index === 0 ? "network.inputShape says" : `layer ${index - 1} has`;
    throw new ClearboxError(
      "E_SHAPE",
      `${where}.kernel has ${rows} inputs but ${source} ${inShape[0]} outputs: the layers do not chain.`,
      { argument: `${where}.kernel` },
    );
  }
  return {
    type: "dense",
    index,
    inShape,
    outShape: [columns],
    kernel: Float32Array.from(values),
    kernelShape: [rows, columns],
    bias: checkBias(layer.bias, columns, where),
    strides: [1, 1],
    padding: "valid",
    activation: checkActivation(layer.activation, where),
  };
}

function pair(value: unknown, fallback: [number, number], name: string): [number, number] {
  if (value === undefined) return fallback;
  if (typeof value === "number") {
    const n = assertInteger(value, name, 1);
    return [n, n];
  }
  if (!Array.isArray(value) || value.length !== 2) {
    throw new ClearboxError("E_SHAPE", `${name} must be a number or [rows, columns], got ${describeValue(value)}.`, {
      argument: name,
    });
  }
  return [assertInteger(value[0], `${name}[0]`, 1), assertInteger(value[1], `${name}[1]`, 1)];
}

function checkPadding(value: unknown, where: string): Padding {
  if (value === undefined || value === "valid" || value === "same") return value ?? "valid";
  throw new ClearboxError("E_OPTION", `${where}.padding must be "valid" or "same", got ${describeValue(value)}.`, {
    argument: `${where}.padding`,
  });
}

/** Read a kh × kw × a × b nested kernel into a flat Float32Array. */
function readKernel4D(kernel: unknown, name: string): { shape: number[]; values: Float32Array } {
  const rowsOf = (value: unknown, label: string): ArrayLike<unknown> => {
    if (Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView))) {
      if ((value as ArrayLike<unknown>).length > 0) return value as ArrayLike<unknown>;
    }
    throw new ClearboxError(
      "E_SHAPE",
      `${label} must be a non-empty kh × kw × in × out nested array, got ${describeValue(value)}.`,
      { argument: label },
    );
  };
  const outer = rowsOf(kernel, name);
  const kh = outer.length;
  const kw = rowsOf(outer[0], `${name}[0]`).length;
  let a = 0;
  let b = 0;
  let values = new Float32Array(0);
  for (let y = 0; y < kh; y++) {
    const row = rowsOf(outer[y], `${name}[${y}]`);
    if (row.length !== kw) {
      throw new ClearboxError(
        "E_SHAPE",
        `${name} is ragged: ${name}[0] has ${kw} entries, ${name}[${y}] has ${row.length}.`,
        {
          argument: `${name}[${y}]`,
        },
      );
    }
    for (let x = 0; x < kw; x++) {
      const slice = toDenseMatrix(row[x], `${name}[${y}][${x}]`);
      if (y === 0 && x === 0) {
        [a, b] = [slice.rows, slice.columns];
        values = new Float32Array(kh * kw * a * b);
      } else if (slice.rows !== a || slice.columns !== b) {
        throw new ClearboxError(
          "E_SHAPE",
          `${name}[${y}][${x}] is ${slice.rows} × ${slice.columns} but ${name}[0][0] is ${a} × ${b}.`,
          { argument: `${name}[${y}][${x}]` },
        );
      }
      values.set(slice.values, (y * kw + x) * a * b);
    }
  }
  return { shape: [kh, kw, a, b], values };
}

function checkConv(
  layer: Conv2dLayer | Conv2dTransposeLayer,
  index: number,
  shape: number[] | undefined,
  where: string,
): CheckedLinear {
  const inShape = requireShape(shape, where, 3);
  const { shape: kernelShape, values } = readKernel4D(layer.kernel, `${where}.kernel`);
  const [kh, kw] = kernelShape;
  const transposed = layer.type === "conv2dTranspose";
  // Keras: Conv2D kernels are kh × kw × in × out, Conv2DTranspose kernels kh × kw × out × in.
  const [inChannels, outChannels] = transposed ? [kernelShape[3], kernelShape[2]] : [kernelShape[2], kernelShape[3]];
  if (inChannels !== inShape[2]) {
    throw new ClearboxError(
      "E_SHAPE",
      `${where}.kernel takes ${inChannels} input channels (its ${transposed ? "4th" : "3rd"} dimension) but the input has ${inShape[2]} (${describeShape(inShape)}): the layers do not chain.`,
      { argument: `${where}.kernel` },
    );
  }
  const strides = pair(layer.strides, [1, 1], `${where}.strides`);
  const padding = checkPadding(layer.padding, where);
  const outSize = (axis: 0 | 1, k: number) =>
    transposed
      ? transposedOutputSize(inShape[axis], k, strides[axis], padding)
      : windowOutputSize(inShape[axis], k, strides[axis], padding);
  const outShape = [outSize(0, kh), outSize(1, kw), outChannels];
  if (outShape[0] < 1 || outShape[1] < 1) {
    throw new ClearboxError(
      "E_SHAPE",
      `${where}: a ${kh} × ${kw} kernel with "valid" padding does not fit the ${inShape[0]} × ${inShape[1]} input.`,
      { argument: `${where}.kernel` },
    );
  }
  return {
    type: layer.type,
    index,
    inShape,
    outShape,
    kernel: values,
    kernelShape,
    bias: checkBias(layer.bias, outChannels, where),
    strides,
    padding,
    activation: checkActivation(layer.activation, where),
  };
}

function checkPool(layer: Pool2dLayer, index: number, shape: number[] | undefined, where: string): CheckedPool {
  const inShape = requireShape(shape, where, 3);
  const poolSize = pair(layer.poolSize, [0, 0], `${where}.poolSize`);
  if (poolSize[0] === 0) {
    throw new ClearboxError("E_OPTION", `${where}.poolSize is required.`, { argument: `${where}.poolSize` });
  }
  const strides = pair(layer.strides, poolSize, `${where}.strides`);
  const padding = checkPadding(layer.padding, where);
  const outShape = [
    windowOutputSize(inShape[0], poolSize[0], strides[0], padding),
    windowOutputSize(inShape[1], poolSize[1], strides[1], padding),
    inShape[2],
  ];
  if (outShape[0] < 1 || outShape[1] < 1) {
    throw new ClearboxError(
      "E_SHAPE",
      `${where}: a ${poolSize[0]} × ${poolSize[1]} window with "valid" padding does not fit the ${inShape[0]} × ${inShape[1]} input.`,
      { argument: `${where}.poolSize` },
    );
  }
  const before: [number, number] = [
    paddingBefore(inShape[0], outShape[0], poolSize[0], strides[0]),
    paddingBefore(inShape[1], outShape[1], poolSize[1], strides[1]),
  ];
  return { type: layer.type, index, inShape, outShape, poolSize, strides, padding, before };
}

function checkFlatten(index: number, shape: number[] | undefined, where: string): CheckedFlatten {
  if (shape === undefined) {
    throw new ClearboxError("E_SHAPE", `${where} needs the input's shape: give network.inputShape.`, {
      argument: "network.inputShape",
    });
  }
  return { type: "flatten", index, inShape: shape, outShape: [sizeOf(shape)] };
}

/** Check an input vector against the network's input shape. @internal */
export function checkInput(input: ArrayLike<number>, layers: readonly CheckedLayer[], name = "input"): Float32Array {
  return Float32Array.from(assertFiniteVector(input, name, { length: sizeOf(layers[0].inShape) }));
}
