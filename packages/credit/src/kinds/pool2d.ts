import * as tf from "@tensorflow/tfjs-core";
import { ClearboxError } from "@clearbox/core/internal";
import { paddingBefore, windowOutputSize } from "../geometry.js";
import type { Padding } from "../geometry.js";
import type { Pool2dLayer } from "../layer-types.js";
import { assertFits, checkPadding, pair, requireRank } from "./checks.js";
import type { LayerKind, NodeBase } from "./kind.js";

/** A pooling layer. @internal */
export interface CheckedPool extends NodeBase {
  type: "maxPool2d" | "avgPool2d";
  poolSize: [number, number];
  strides: [number, number];
  padding: Padding;
  /** Padding before the first row and column. */
  before: [number, number];
}

/**
 * Relevance through one sample's pooling layer, in plain loops (pooling has no weights to modify, so the LRP rules
 * do not apply): max pooling gives each output's relevance to the input that won its window (the first, on ties);
 * average pooling shares it in proportion to the inputs' values (LRP-0 of the average; a window summing to 0 passes
 * nothing on, and that relevance counts as absorbed).
 */
function poolRelevance(layer: CheckedPool, input: Float32Array, upper: Float32Array): Float32Array {
  const [height, width, channels] = layer.inShape;
  const [outHeight, outWidth] = layer.outShape;
  const [ph, pw] = layer.poolSize;
  const [sh, sw] = layer.strides;
  const [top, left] = layer.before;
  const relevance = new Float64Array(input.length);
  const at = (y: number, x: number, c: number) => (y * width + x) * channels + c;
  const share = (r: number, y0: number, y1: number, x0: number, x1: number, c: number) => {
    if (layer.type === "maxPool2d") {
      let winner = at(y0, x0, c);
      for (let y = y0; y < y1; y++)
        for (let x = x0; x < x1; x++) if (input[at(y, x, c)] > input[winner]) winner = at(y, x, c);
      relevance[winner] += r;
      return;
    }
    let z = 0;
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) z += input[at(y, x, c)];
    if (z === 0) return;
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) relevance[at(y, x, c)] += (input[at(y, x, c)] * r) / z;
  };
  for (let oy = 0; oy < outHeight; oy++) {
    const [y0, y1] = [Math.max(0, oy * sh - top), Math.min(height, oy * sh - top + ph)];
    for (let ox = 0; ox < outWidth; ox++) {
      const [x0, x1] = [Math.max(0, ox * sw - left), Math.min(width, ox * sw - left + pw)];
      for (let c = 0; c < channels; c++) {
        const r = upper[(oy * outWidth + ox) * channels + c];
        if (r !== 0) share(r, y0, y1, x0, x1, c);
      }
    }
  }
  return Float32Array.from(relevance);
}

/** Max and average pooling. @internal */
export const pool2dKind: LayerKind<Pool2dLayer, CheckedPool> = {
  types: ["maxPool2d", "avgPool2d"],
  arity: 1,
  check(layer, { where, inShapes }) {
    const inShape = requireRank(inShapes[0], where, 3);
    const poolSize = pair(layer.poolSize, [0, 0], `${where}.poolSize`);
    if (poolSize[0] === 0) {
      throw new ClearboxError("E_OPTION", `${where}.poolSize is required.`, { argument: `${where}.poolSize` });
    }
    const strides = pair(layer.strides, poolSize, `${where}.strides`);
    const padding = checkPadding(layer.padding, where);
    const outShape = [0, 1].map((axis) => windowOutputSize(inShape[axis], poolSize[axis], strides[axis], padding));
    assertFits(outShape, inShape, where, `a ${poolSize[0]} × ${poolSize[1]} window`, `${where}.poolSize`);
    const before = [0, 1].map((axis) => paddingBefore(inShape[axis], outShape[axis], poolSize[axis], strides[axis]));
    return {
      type: layer.type,
      outShape: [...outShape, inShape[2]],
      poolSize,
      strides,
      padding,
      before: before as [number, number],
    };
  },
  forward(node, [x]) {
    const pool = node.type === "maxPool2d" ? tf.maxPool : tf.avgPool;
    return pool(x as tf.Tensor4D, node.poolSize, node.strides, node.padding);
  },
  relevance(node, { inputs: [a], upper }) {
    // Read back once per layer: the winners and shares are plain loops per sample.
    const [values, relevance] = [a.dataSync() as Float32Array, upper.dataSync() as Float32Array];
    const [inSize, outSize] = [values.length / a.shape[0], relevance.length / a.shape[0]];
    const out = new Float32Array(values.length);
    for (let n = 0; n < a.shape[0]; n++) {
      const one = poolRelevance(
        node,
        values.subarray(n * inSize, (n + 1) * inSize),
        relevance.subarray(n * outSize, (n + 1) * outSize),
      );
      out.set(one, n * inSize);
    }
    return [tf.tensor(out, a.shape)];
  },
};
