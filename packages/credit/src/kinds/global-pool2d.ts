import * as tf from "@tensorflow/tfjs-core";
import type { GlobalPool2dLayer } from "../layer-types.js";
import { ratio } from "../rules.js";
import { requireRank } from "./checks.js";
import type { LayerKind } from "./kind.js";

/**
 * The mean or maximum of each channel over all positions. Relevance: the mean shares it in proportion to the inputs
 * (LRP-0 of the average, ε-stabilised under the epsilon rule); the maximum gives it to the winner (first on ties). @internal
 */
export const globalPool2dKind: LayerKind<GlobalPool2dLayer> = {
  types: ["globalAvgPool2d", "globalMaxPool2d"],
  arity: 1,
  check: (layer, { where, inShapes }) => ({ type: layer.type, outShape: [requireRank(inShapes[0], where, 3)[2]] }),
  forward: (node, [x]) => (node.type === "globalAvgPool2d" ? tf.mean(x, [1, 2]) : tf.max(x, [1, 2])),
  relevance(node, { inputs: [x], upper, rule, params }) {
    const [n, h, w, c] = x.shape;
    const cells = tf.reshape(x, [n, h * w, c]);
    const r = tf.reshape(upper, [n, 1, c]);
    if (node.type === "globalMaxPool2d") {
      const winner = tf.transpose(tf.oneHot(tf.argMax(cells, 1), h * w), [0, 2, 1]);
      return [tf.reshape(tf.mul(winner, r), x.shape)];
    }
    const z = tf.sum(cells, 1, true);
    const s = ratio(r, z, rule === "epsilon" ? params.epsilon * h * w : undefined);
    return [tf.reshape(tf.mul(cells, s), x.shape)];
  },
};
