import * as tf from "@tensorflow/tfjs-core";
import { ClearboxError } from "@clearbox/core/internal";
import { paddingBefore, windowOutputSize } from "../geometry.js";
import type { Padding } from "../geometry.js";
import type { Pool2dLayer } from "../layer-types.js";
import { assertFits, checkPadding, pair, requireRank } from "./checks.js";
import { fromHostValues } from "./host-values.js";
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

/**
 * Each channel's winner in the window (the index of its largest value; the first in row-major order on ties) into
 * `winner`, walking the cells' channels contiguously; `best` holds the winners' values.
 */
function winnersOf(input: Float32Array, at: Window, winner: Int32Array, best: Float32Array): void {
  const { y0, y1, x0, x1, width, channels } = at;
  const first = (y0 * width + x0) * channels;
  for (let c = 0; c < channels; c++) {
    winner[c] = first + c;
    best[c] = input[first + c];
  }
  for (let y = y0; y < y1; y++) {
    for (let base = (y * width + x0) * channels, end = (y * width + x1) * channels; base < end; base += channels) {
      for (let c = 0; c < channels; c++) {
        const value = input[base + c];
        if (value > best[c]) {
          winner[c] = base + c;
          best[c] = value;
        }
      }
    }
  }
}

/** Share r among the window's cells of channel c in proportion to their values (nothing where they sum to 0). */
function shareAverage(
  input: Float32Array,
  out: Float32Array | Float64Array,
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

/** Call `visit` with every output position's window (clipped to the input) and its first output index. */
function forEachWindow(layer: CheckedPool, visit: (at: Window, o: number) => void): void {
  const [height, width, channels] = layer.inShape;
  const [outHeight, outWidth] = layer.outShape;
  const [[ph, pw], [sh, sw], [top, left]] = [layer.poolSize, layer.strides, layer.before];
  for (let oy = 0, o = 0; oy < outHeight; oy++) {
    const [y0, y1] = [Math.max(0, oy * sh - top), Math.min(height, oy * sh - top + ph)];
    for (let ox = 0; ox < outWidth; ox++, o += channels) {
      const [x0, x1] = [Math.max(0, ox * sw - left), Math.min(width, ox * sw - left + pw)];
      visit({ y0, y1, x0, x1, width, channels }, o);
    }
  }
}

/**
 * Relevance through one sample's pooling layer into `out` (zeros on entry), in plain loops (pooling has no weights
 * to modify, so the LRP rules do not apply): max pooling gives each output's relevance to the input that won its
 * window (the first, on ties); average pooling shares it in proportion to the inputs' values (LRP-0 of the average;
 * a window summing to 0 passes nothing on, and that relevance counts as absorbed). Loops, not tensor ops: tfjs has
 * no first-on-ties arg-max scatter, and the wasm backend's MaxPoolGrad picks other winners (the last on ties, none
 * in an all-zero window). Windows that overlap add up in float64 first.
 */
function poolRelevance(layer: CheckedPool, input: Float32Array, upper: Float32Array, out: Float32Array): void {
  const isMax = layer.type === "maxPool2d";
  const disjoint = layer.strides.every((s, axis) => s >= layer.poolSize[axis]);
  const sums = isMax && disjoint ? out : new Float64Array(out.length);
  const [winner, best] = [new Int32Array(layer.inShape[2]), new Float32Array(layer.inShape[2])];
  forEachWindow(layer, (at, o) => {
    if (isMax) {
      winnersOf(input, at, winner, best);
      for (let c = 0; c < at.channels; c++) sums[winner[c]] += upper[o + c];
    } else {
      for (let c = 0; c < at.channels; c++) if (upper[o + c] !== 0) shareAverage(input, sums, at, c, upper[o + c]);
    }
  });
  if (sums !== out) out.set(sums);
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
    // The winners and shares are plain loops per sample over the values on the host (in place on wasm).
    return [
      fromHostValues([a, upper], a.shape, ([values, relevance], out) => {
        const [inSize, outSize] = [values.length / a.shape[0], relevance.length / a.shape[0]];
        for (let n = 0; n < a.shape[0]; n++) {
          poolRelevance(
            node,
            values.subarray(n * inSize, (n + 1) * inSize),
            relevance.subarray(n * outSize, (n + 1) * outSize),
            out.subarray(n * inSize, (n + 1) * inSize),
          );
        }
      }),
    ];
  },
};
