// What the linear layer kinds (dense, convolutions, batch norm) share: their checked form, their weights as cached
// tensors, and relevance by the LRP rules (rules.ts) through each kind's forward and adjoint maps.
import * as tf from "@tensorflow/tfjs-core";
import type { Padding } from "../geometry.js";
import type { KernelVariant, LinearOp } from "../rules.js";
import { propagate } from "../rules.js";
import type { LayerKind, NodeBase, RelevanceInput } from "./kind.js";
import type { Layer } from "../layer-types.js";

/** A layer with a kernel. @internal */
export interface CheckedLinear extends NodeBase {
  type: "dense" | "conv2d" | "conv2dTranspose" | "depthwiseConv2d" | "batchNorm";
  /** Flat kernel in the layer's own layout (in × out, kh × kw × a × b, or one scale per channel). */
  kernel: Float32Array;
  kernelShape: number[];
  /** One per output channel. */
  bias: Float32Array;
  strides: [number, number];
  padding: Padding;
  dilation: [number, number];
  /** The output channel of kernel entry i is ⌊i / outStride⌋ mod (output channels). */
  outStride: number;
  /** A batch norm right after this layer, folded in for LRP (set when the network is prepared). */
  fold?: { scale: Float32Array; shift: Float32Array };
  /** For a batch norm folded into the layer before it: that layer's index (its relevance then passes through). */
  foldedInto?: number;
  /** For a layer with a batch norm folded in: the batch norm's index. */
  foldedFrom?: number;
}

/**
 * A kind's forward map and its transpose: `apply(x, w)` with a kernel in the layer's layout, `adjoint(s, wBack)`
 * with the kernel as `toBack` lays it out for the transpose (flipped, transposed: made once per variant). @internal
 */
export interface LinearMap {
  apply(x: tf.Tensor, w: tf.Tensor): tf.Tensor;
  /** apply(x, w) + b in one backend op where tfjs has a fused form (as tf.layers' own predict uses). */
  applyWithBias?(x: tf.Tensor, w: tf.Tensor, b: tf.Tensor): tf.Tensor;
  adjoint(s: tf.Tensor, wBack: tf.Tensor): tf.Tensor;
  toBack?(w: tf.Tensor): tf.Tensor;
}

/** @internal */
export type LinearMaps = (node: CheckedLinear) => LinearMap;

// Weight tensors are made once per prepared layer and kept until disposeNetwork (plain-JS variants: on weight-sized
// tensors tf.minimum and tf.relu cost more than the products they feed).
const cache = new WeakMap<CheckedLinear, Map<string, tf.Tensor>>();

function cached(node: CheckedLinear, key: string, make: () => tf.Tensor): tf.Tensor {
  let store = cache.get(node);
  if (store === undefined) cache.set(node, (store = new Map()));
  let tensor = store.get(key);
  if (tensor === undefined || tensor.isDisposed) {
    tensor = tf.keep(tf.tidy(make));
    store.set(key, tensor);
  }
  return tensor;
}

/** Free a layer's cached weight tensors (they are made again if the layer is used again). @internal */
export function disposeWeights(node: NodeBase): void {
  const store = cache.get(node as CheckedLinear);
  if (store === undefined) return;
  for (const tensor of store.values()) tensor.dispose();
  cache.delete(node as CheckedLinear);
}

/** The kernel and bias the rules use: the layer's own, or with the following batch norm folded in. */
function lrpWeights(node: CheckedLinear): { kernel: Float32Array; bias: Float32Array } {
  const { fold } = node;
  if (fold === undefined) return node;
  const channels = node.bias.length;
  const kernel = node.kernel.map((w, i) => w * fold.scale[Math.floor(i / node.outStride) % channels]);
  const bias = node.bias.map((b, c) => b * fold.scale[c] + fold.shift[c]);
  return { kernel, bias };
}

const VARIANTS: Record<string, (w: number) => number> = {
  w: (w) => w,
  plus: (w) => Math.max(w, 0),
  minus: (w) => Math.min(w, 0),
  square: (w) => w * w,
  ones: () => 1,
};

function variantOf(variant: KernelVariant): (w: number) => number {
  if (!variant.startsWith("gamma:")) return VARIANTS[variant];
  const gamma = Number(variant.slice("gamma:".length));
  return (w) => w + gamma * Math.max(w, 0);
}

/** The layer's kernel (as the forward pass uses it) and bias as cached tensors. @internal */
export function forwardWeights(node: CheckedLinear): { kernel: tf.Tensor; bias: tf.Tensor } {
  return {
    kernel: cached(node, "forward", () => tf.tensor(node.kernel, node.kernelShape)),
    bias: cached(node, "forwardBias", () => tf.tensor(node.bias)),
  };
}

/** The layer as the LRP rules see it, its kernel variants made once and kept (until disposeNetwork). @internal */
export function linearOp(node: CheckedLinear, maps: LinearMaps): LinearOp {
  const map = maps(node);
  const kernel = (variant: KernelVariant) =>
    cached(node, variant, () => tf.tensor(lrpWeights(node).kernel.map(variantOf(variant)), node.kernelShape));
  return {
    apply: (x, variant) => map.apply(x, kernel(variant)),
    adjoint: (s, variant) =>
      map.adjoint(
        s,
        map.toBack === undefined
          ? kernel(variant)
          : cached(node, `${variant}:back`, () => map.toBack!(kernel(variant))),
      ),
    bias: () => cached(node, "bias", () => tf.tensor(lrpWeights(node).bias)),
  };
}

/** A linear kind: forward = map + bias; relevance by the layer's rule. @internal */
export function linearKind<L extends Layer>(
  types: readonly L["type"][],
  check: LayerKind<L, CheckedLinear>["check"],
  maps: LinearMaps,
): LayerKind<L, CheckedLinear> {
  return {
    types,
    arity: 1,
    check,
    forward(node, [x]) {
      const { kernel, bias } = forwardWeights(node);
      const map = maps(node);
      return map.applyWithBias === undefined ? tf.add(map.apply(x, kernel), bias) : map.applyWithBias(x, kernel, bias);
    },
    relevance(node, { inputs: [a], upper, rule, params, output }: RelevanceInput) {
      if (node.foldedInto !== undefined) return [upper];
      return [propagate(linearOp(node, maps), a, upper, rule, params, node.inShape, output)];
    },
  };
}
