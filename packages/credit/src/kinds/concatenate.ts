import * as tf from "@tensorflow/tfjs-core";
import { ClearboxError } from "@clearbox/core/internal";
import type { ConcatenateLayer } from "../layer-types.js";
import { describeShape } from "./checks.js";
import type { LayerKind } from "./kind.js";

/** Inputs joined along the channel (last) axis; relevance split back by channel. @internal */
export const concatenateKind: LayerKind<ConcatenateLayer> = {
  types: ["concatenate"],
  arity: "many",
  check(_layer, { where, inShapes }) {
    const rest = (shape: number[]) => describeShape(shape.slice(0, -1));
    const other = inShapes.find((shape) => shape.length !== inShapes[0].length || rest(shape) !== rest(inShapes[0]));
    if (other !== undefined) {
      throw new ClearboxError(
        "E_SHAPE",
        `${where} joins inputs along their last axis, but ${describeShape(inShapes[0])} and ${describeShape(other)} differ before it.`,
        { argument: `${where}.inputs` },
      );
    }
    const channels = inShapes.reduce((sum, shape) => sum + shape[shape.length - 1], 0);
    return { type: "concatenate", outShape: [...inShapes[0].slice(0, -1), channels] };
  },
  forward: (_node, inputs) => tf.concat(inputs, -1),
  relevance: (node, { upper }) =>
    tf.split(
      upper,
      node.inShapes.map((shape) => shape[shape.length - 1]),
      -1,
    ),
};
