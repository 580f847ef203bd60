// Layers that move cells without weights: zero padding, cropping, nearest-neighbour upsampling. Relevance follows
// the values: padding cells get none, cropped cells none, and each upsampled copy's relevance returns to its source.
import * as tf from "@tensorflow/tfjs-core";
import type { Cropping2dLayer, UpSampling2dLayer, ZeroPadding2dLayer } from "../layer-types.js";
import { assertFits, edges, pair, requireRank } from "./checks.js";
import type { LayerKind, NodeBase } from "./kind.js";

/** @internal */
export interface CheckedEdges extends NodeBase {
  type: "zeroPadding2d" | "cropping2d";
  edges: [[number, number], [number, number]];
}

const padOf = (node: CheckedEdges) => [[0, 0], node.edges[0], node.edges[1], [0, 0]] as [number, number][];
const cropOf = (node: CheckedEdges, t: tf.Tensor, shape: number[]) =>
  tf.slice(t, [0, node.edges[0][0], node.edges[1][0], 0], [t.shape[0], ...shape]);

/** Zeros around height and width. @internal */
export const zeroPadding2dKind: LayerKind<ZeroPadding2dLayer, CheckedEdges> = {
  types: ["zeroPadding2d"],
  arity: 1,
  check(layer, { where, inShapes }) {
    const [h, w, c] = requireRank(inShapes[0], where, 3);
    const [[top, bottom], [left, right]] = edges(layer.padding, `${where}.padding`);
    return {
      type: "zeroPadding2d",
      outShape: [h + top + bottom, w + left + right, c],
      edges: [
        [top, bottom],
        [left, right],
      ],
    };
  },
  forward: (node, [x]) => tf.pad(x, padOf(node)),
  relevance: (node, { upper }) => [cropOf(node, upper, node.inShape)],
};

/** Rows and columns cut from the edges. @internal */
export const cropping2dKind: LayerKind<Cropping2dLayer, CheckedEdges> = {
  types: ["cropping2d"],
  arity: 1,
  check(layer, { where, inShapes }) {
    const inShape = requireRank(inShapes[0], where, 3);
    const [[top, bottom], [left, right]] = edges(layer.cropping, `${where}.cropping`);
    const outShape = [inShape[0] - top - bottom, inShape[1] - left - right, inShape[2]];
    assertFits(outShape, inShape, where, "the cropping", `${where}.cropping`);
    return {
      type: "cropping2d",
      outShape,
      edges: [
        [top, bottom],
        [left, right],
      ],
    };
  },
  forward: (node, [x]) => cropOf(node, x, node.outShape),
  relevance: (node, { upper }) => [tf.pad(upper, padOf(node))],
};

/** @internal */
export interface CheckedUpSampling extends NodeBase {
  type: "upSampling2d";
  size: [number, number];
}

/** Each cell repeated size[0] × size[1] times (Keras's UpSampling2D, "nearest"). @internal */
export const upSampling2dKind: LayerKind<UpSampling2dLayer, CheckedUpSampling> = {
  types: ["upSampling2d"],
  arity: 1,
  check(layer, { where, inShapes }) {
    const [h, w, c] = requireRank(inShapes[0], where, 3);
    const size = pair(layer.size, [2, 2], `${where}.size`);
    return { type: "upSampling2d", outShape: [h * size[0], w * size[1], c], size };
  },
  forward(node, [x]) {
    const [n, h, w, c] = x.shape;
    const [sh, sw] = node.size;
    const rows = tf.reshape(tf.tile(tf.reshape(x, [n, h, 1, w * c]), [1, 1, sh, 1]), [n * h * sh, w, 1, c]);
    return tf.reshape(tf.tile(rows, [1, 1, sw, 1]), [n, h * sh, w * sw, c]);
  },
  relevance(node, { upper }) {
    const [h, w, c] = node.inShape;
    const [sh, sw] = node.size;
    const n = upper.shape[0];
    const columns = tf.sum(tf.reshape(upper, [n * h * sh, w, sw, c]), 2);
    return [tf.reshape(tf.sum(tf.reshape(columns, [n, h, sh, w * c]), 2), [n, h, w, c])];
  },
};
