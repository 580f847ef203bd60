import * as tf from "@tensorflow/tfjs-core";
import { ClearboxError, assertInteger, describeValue } from "@clearbox/core/internal";
import type { FlattenLayer, ReshapeLayer } from "../layer-types.js";
import { describeShape, sizeOf } from "./checks.js";
import type { LayerKind, NodeBase } from "./kind.js";

/** Values moved, not changed: relevance follows them back unchanged. */
const reshaping = {
  arity: 1 as const,
  forward: (node: NodeBase, [x]: tf.Tensor[]) => tf.reshape(x, [x.shape[0], ...node.outShape]),
  relevance: (node: NodeBase, { upper }: { upper: tf.Tensor }) => [
    tf.reshape(upper, [upper.shape[0], ...node.inShape]),
  ],
};

/** Flatten to a vector (row-major, channels last: Keras's order). @internal */
export const flattenKind: LayerKind<FlattenLayer> = {
  types: ["flatten"],
  ...reshaping,
  check: (_layer, { inShapes }) => ({ type: "flatten", outShape: [sizeOf(inShapes[0])] }),
};

/** Reshape to a target shape (one entry may be -1). @internal */
export const reshapeKind: LayerKind<ReshapeLayer> = {
  types: ["reshape"],
  ...reshaping,
  check(layer, { where, inShapes }) {
    const target = layer.targetShape;
    if (!Array.isArray(target) || target.length === 0) {
      throw new ClearboxError(
        "E_SHAPE",
        `${where}.targetShape must be a non-empty array, got ${describeValue(target)}.`,
        {
          argument: `${where}.targetShape`,
        },
      );
    }
    const size = sizeOf(inShapes[0]);
    const dims = target.map((d, i) => (d === -1 ? -1 : assertInteger(d, `${where}.targetShape[${i}]`, 1)));
    const known = sizeOf(dims.filter((d) => d !== -1));
    const free = dims.filter((d) => d === -1).length;
    const outShape = dims.map((d) => (d === -1 ? size / known : d));
    if (free > 1 || sizeOf(outShape) !== size || !outShape.every(Number.isInteger)) {
      throw new ClearboxError(
        "E_SHAPE",
        `${where}.targetShape ${describeShape(dims)} does not hold the input's ${size} values (${describeShape(inShapes[0])}).`,
        { argument: `${where}.targetShape` },
      );
    }
    return { type: "reshape", outShape };
  },
};
