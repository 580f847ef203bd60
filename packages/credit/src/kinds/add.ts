import * as tf from "@tensorflow/tfjs-core";
import { ClearboxError } from "@clearbox/core/internal";
import type { AddLayer } from "../layer-types.js";
import { ratio } from "../rules.js";
import { describeShape } from "./checks.js";
import type { LayerKind } from "./kind.js";

/**
 * The sum of inputs of one shape (a residual connection). Each input gets relevance in proportion to its share of
 * the sum: R_i = x_i · R / z, z = Σ x_i, stabilised by ε · sign(z) under the epsilon rule (exact otherwise, a zero
 * sum passing nothing on). @internal
 */
export const addKind: LayerKind<AddLayer> = {
  types: ["add"],
  arity: "many",
  check(_layer, { where, inShapes }) {
    const first = describeShape(inShapes[0]);
    const other = inShapes.find((shape) => describeShape(shape) !== first);
    if (other !== undefined) {
      throw new ClearboxError("E_SHAPE", `${where} adds inputs of shapes ${first} and ${describeShape(other)}.`, {
        argument: `${where}.inputs`,
      });
    }
    return { type: "add", outShape: [...inShapes[0]] };
  },
  forward: (_node, inputs) => tf.addN(inputs),
  relevance(_node, { inputs, upper, rule, params }) {
    const z = tf.addN(inputs);
    const s = ratio(upper, z, rule === "epsilon" ? params.epsilon : undefined);
    return inputs.map((x) => tf.mul(x, s));
  },
};
