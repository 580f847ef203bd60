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

/** One pooling window, clipped to the input: rows y0..y1 − 1 and columns x0..x1 − 1 of an input `width` wide. */
interface Window {
  y0: number;
  y1: number;
  x0: number;
  x1: number;
  width: number;
  channels: number;
}

/** Index of the window's largest value in channel c (the first in row-major order on ties). */
function winnerOf(input: Float32Array, { y0, y1, x0, x1, width, channels }: Window, c: number): number {
  let winner = (y0 * width + x0) * channels + c;
  for (let y = y0; y < y1; y++) {
    for (let i = (y * width + x0) * channels + c, end = (y * width + x1) * channels; i < end; i += channels) {
      if (input[i] > input[winner]) winner = i;
    }
  }
  return winner;
}

/** Share r among the window's cells of channel c in proportion to their values (nothing where they sum to 0). */
function shareAverage(
  input: Float32Array,
  out: Float64Array,
  { y0, y1, x0, x1, width, channels }: Window,
  c: number,
  r: number,
) {
  let z = 0;
  for (let y = y0; y < y1; y++) {
    for (let i = (y * width + x0) * channels + c, end = (y * width + x1) * channels; i < end; i += channels)
      z += input[i];
  }
  if (z === 0) return;
  const s = r / z;
  for (let y = y0; y < y1; y++) {
    for (let i = (y * width + x0) * channels + c, end = (y * width + x1) * channels; i < end; i += channels) {
      out[i] += input[i] * s;
    }
  }
}

/**
 * Relevance through one sample's pooling layer, in plain loops (pooling has no weights to modify, so the LRP rules
 * do not apply): max pooling gives each output's relevance to the input that won its window (the first, on ties);
 * average pooling shares it in proportion to the inputs' values (LRP-0 of the average; a window summing to 0 passes
 * nothing on, and that relevance counts as absorbed). Loops, not tensor ops: tfjs has no first-on-ties arg-max
 * scatter, and the wasm backend's MaxPoolGrad picks other winners (the last on ties, none in an all-zero window).
 */
function poolRelevance(layer: CheckedPool, input: Float32Array, upper: Float32Array): Float32Array {
  const [height, width, channels] = layer.inShape;
  const [outHeight, outWidth] = layer.outShape;
  const [[ph, pw], [sh, sw], [top, left]] = [layer.poolSize, layer.strides, layer.before];
  const isMax = layer.type === "maxPool2d";
  const relevance = new Float64Array(input.length);
  for (let oy = 0, o = 0; oy < outHeight; oy++) {
    const [y0, y1] = [Math.max(0, oy * sh - top), Math.min(height, oy * sh - top + ph)];
    for (let ox = 0; ox < outWidth; ox++) {
      const at: Window = {
        y0,
        y1,
        x0: Math.max(0, ox * sw - left),
        x1: Math.min(width, ox * sw - left + pw),
        width,
        channels,
      };
      for (let c = 0; c < channels; c++, o++) {
        const r = upper[o];
        if (r === 0) continue;
        if (isMax) relevance[winnerOf(input, at, c)] += r;
        else shareAverage(input, relevance, at, c, r);
      }
    }
  }
  return new Float32Array(relevance); // a typed-array copy (Float32Array.from iterates)
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
