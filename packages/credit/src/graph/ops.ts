// One reader per TensorFlow op of a converted graph: the op's node → a layer of the network (see from-graph-model.ts).
import { ClearboxError } from "@clearbox/core/internal";
import type { Activation, Layer } from "../layer-types.js";
import { padding, requireNhwc, spatial, texts } from "./attrs.js";
import type { GraphNode } from "./attrs.js";

/** A constant of the graph (a weight): its values and shape. @internal */
export interface Constant {
  values: Float32Array;
  shape: number[];
}

/** What an op reader sees: the node's data inputs (layer names) and its constant inputs. @internal */
export interface OpContext {
  node: GraphNode;
  /** The node's non-constant inputs, as the names of the layers (or the input) they come from. */
  inputs: string[];
  /** The node's constant inputs, in order. */
  constants: Constant[];
  /** Whether the node's first input is a constant. */
  constantFirst: boolean;
  /** Channels (last axis) of the node's first data input, where known. */
  channels: number | undefined;
}

type Reader = (context: OpContext) => Layer;

function refuse(node: GraphNode, why: string): ClearboxError {
  return new ClearboxError("E_OPTION", `graph node ${node.name} (${node.op}): ${why}.`, {
    argument: `modelTopology.node[${node.name}]`,
  });
}

/** A 4-D kernel as the nested arrays the network format takes: kernel[ky][kx][a] = row of the last axis. */
function kernel4D({ values, shape: [kh, kw, a, b] }: Constant) {
  return Array.from({ length: kh }, (_, y) =>
    Array.from({ length: kw }, (_, x) =>
      Array.from({ length: a }, (_, i) => values.subarray(((y * kw + x) * a + i) * b, ((y * kw + x) * a + i + 1) * b)),
    ),
  );
}

/** The activation of a fused op's fused_ops list: ["BiasAdd"] plus at most Relu or Relu6. */
function fusedActivation(node: GraphNode): Activation | undefined {
  const [first, ...rest] = texts(node, "fused_ops");
  if (first !== "BiasAdd") throw refuse(node, `fused_ops ${JSON.stringify([first, ...rest])} (BiasAdd first is read)`);
  if (rest.length === 0) return undefined;
  if (rest.length === 1 && rest[0] === "Relu") return "relu";
  if (rest.length === 1 && rest[0] === "Relu6") return "relu6";
  throw refuse(node, `fused activation ${rest.join(", ")} (Relu and Relu6 are read)`);
}

function weightsOf({ node, constants }: OpContext, count: number): Constant[] {
  if (constants.length < count)
    throw refuse(node, `expected ${count} constant inputs (weights), found ${constants.length}`);
  return constants;
}

const convolution =
  (type: "conv2d" | "depthwiseConv2d"): Reader =>
  (context) => {
    const { node } = context;
    requireNhwc(node);
    const fused = node.op.startsWith("_Fused") || node.op.startsWith("Fused");
    const [w, bias] = weightsOf(context, fused ? 2 : 1);
    const channels = type === "conv2d" ? w.shape[3] : w.shape[2] * w.shape[3];
    return {
      type,
      kernel: kernel4D(w),
      bias: fused ? bias.values : new Float32Array(channels),
      strides: spatial(node, "strides"),
      dilation: spatial(node, "dilations"),
      padding: padding(node),
      activation: fused ? fusedActivation(node) : undefined,
    } as Layer;
  };

function dense(context: OpContext): Layer {
  const { node } = context;
  if (node.attr?.transpose_a?.b === true) throw refuse(node, "transpose_a is not read");
  const fused = node.op === "_FusedMatMul";
  const [w, bias] = weightsOf(context, fused ? 2 : 1);
  const [rows, columns] = node.attr?.transpose_b?.b === true ? [w.shape[1], w.shape[0]] : w.shape;
  const at = (i: number, j: number) =>
    node.attr?.transpose_b?.b === true ? w.values[j * rows + i] : w.values[i * columns + j];
  const kernel = Array.from({ length: rows }, (_, i) => Float32Array.from({ length: columns }, (_, j) => at(i, j)));
  return {
    type: "dense",
    kernel,
    bias: fused ? bias.values : new Float32Array(columns),
    activation: fused ? fusedActivation(node) : undefined,
  } as Layer;
}

/**
 * x · c, x − c or x + c with a constant c (a scalar or one per channel): a per-channel affine map, written as a batch
 * norm with mean 0, variance 1 and ε 0 (so scale = γ, shift = β exactly); two data inputs: a residual add.
 */
function affine(context: OpContext): Layer {
  const { node, constants, channels } = context;
  if (constants.length === 0) {
    if (node.op === "AddV2" || node.op === "Add") return { type: "add" };
    throw refuse(node, "a product or difference of two data tensors is not a layer credit reads");
  }
  const [c] = constants;
  if (context.constantFirst && node.op === "Sub") throw refuse(node, "c − x (constant first) is not read");
  if (channels === undefined || (c.values.length !== 1 && c.values.length !== channels)) {
    throw refuse(node, "a constant operand must be a scalar or one value per channel");
  }
  const perChannel = (f: (v: number) => number) =>
    Float32Array.from({ length: channels }, (_, k) => f(c.values[c.values.length === 1 ? 0 : k]));
  const ones = new Float32Array(channels).fill(1);
  return {
    type: "batchNorm",
    gamma: node.op === "Mul" ? perChannel((v) => v) : ones,
    beta: node.op === "Mul" ? new Float32Array(channels) : perChannel((v) => (node.op === "Sub" ? -v : v)),
    movingMean: new Float32Array(channels),
    movingVariance: ones,
    epsilon: 0,
  };
}

/** Mean over rows and columns (axes 1 and 2, not kept): global average pooling. */
function mean({ node, constants }: OpContext): Layer {
  const axes = [...(constants[0]?.values ?? [])].sort().join();
  if (axes !== "1,2" || node.attr?.keep_dims?.b === true) throw refuse(node, "only a mean over axes 1 and 2 is read");
  return { type: "globalAvgPool2d" };
}

function concatenate({ node, constants }: OpContext): Layer {
  const axis = constants.at(-1)?.values[0];
  if (axis !== 3 && axis !== -1) throw refuse(node, "only a concatenation along channels (axis 3) is read");
  return { type: "concatenate" };
}

const pool =
  (type: "maxPool2d" | "avgPool2d"): Reader =>
  ({ node }) => {
    requireNhwc(node);
    return { type, poolSize: spatial(node, "ksize"), strides: spatial(node, "strides"), padding: padding(node) };
  };

const activation =
  (name: Activation): Reader =>
  () => ({ type: "activation", activation: name });

/** The readers, by op name. @internal */
export const OP_READERS: Record<string, Reader> = {
  Conv2D: convolution("conv2d"),
  _FusedConv2D: convolution("conv2d"),
  DepthwiseConv2dNative: convolution("depthwiseConv2d"),
  FusedDepthwiseConv2dNative: convolution("depthwiseConv2d"),
  MatMul: dense,
  _FusedMatMul: dense,
  AddV2: affine,
  Add: affine,
  Mul: affine,
  Sub: affine,
  AvgPool: pool("avgPool2d"),
  MaxPool: pool("maxPool2d"),
  Relu: activation("relu"),
  Relu6: activation("relu6"),
  ConcatV2: concatenate,
  // A squeeze removes axes of size 1: the same values in the same order as a flatten.
  Squeeze: () => ({ type: "flatten" }),
  Mean: mean,
};

/** Channels of a layer's output, from its weights (undefined: those of its input). @internal */
export function channelsOf(layer: Layer, constants: Constant[]): number | undefined {
  const [w] = constants;
  if (layer.type === "conv2d") return w.shape[3];
  if (layer.type === "depthwiseConv2d") return w.shape[2] * w.shape[3];
  if (layer.type === "dense") return (layer.kernel as ArrayLike<ArrayLike<number>>)[0].length;
  return undefined;
}
