import { ClearboxError, assertFiniteVector, assertInteger, assertOneOf, describeValue } from "@clearbox/core/internal";
import type { FlatSeries } from "./series.js";

/** How {@link aggregateSeries} combines the values it merges. */
export type SeriesReducer = "mean" | "max" | "min" | "sum" | "l2";

/**
 * Fewer series from a tensor of series (thesis §4.4.3): e.g. the H × W × C × T weights of a convolution over T steps
 * become C series (one per output channel) by aggregating over H and W. The last axis is time; `axes` lists the
 * other axes to merge, and every remaining index combination becomes one series, in row-major order.
 *
 * @param values - The tensor's values, row-major (a typed array or `number[]`), finite.
 * @param shape - Its shape; the last entry is the number of time steps (≥ 2).
 * @param axes - The axes to aggregate over (not the last); may be empty.
 * @param reducer - `"mean"`, `"max"`, `"min"`, `"sum"` or `"l2"` (the square root of the sum of squares).
 * @returns The series as `{ values, count, length }` (ready for `sampleBlueNoise`), with the `shape` kept.
 * @throws `E_SHAPE` when the shape does not match the values' length or the time axis is under 2; `E_RANGE` for an
 *   axis out of range or the time axis; `E_NAN` / `E_TYPE` for bad values; `E_OPTION` for an unknown reducer.
 * @example
 * // 3 × 3 kernels, 8 channels, 100 steps → 8 series: each channel's mean weight over training.
 * aggregateSeries(kernelHistory, [3, 3, 8, 100], [0, 1], "mean");
 */
export function aggregateSeries(
  values: ArrayLike<number>,
  shape: readonly number[],
  axes: readonly number[],
  reducer: SeriesReducer,
): FlatSeries & { shape: number[] } {
  assertFiniteVector(values, "values");
  if (!Array.isArray(shape) || shape.length === 0) {
    throw new ClearboxError("E_SHAPE", `shape must list the tensor's dimensions, got ${describeValue(shape)}.`, {
      argument: "shape",
    });
  }
  const dims = shape.map((d, k) => assertInteger(d, `shape[${k}]`, 1));
  const length = dims[dims.length - 1];
  if (length < 2) {
    throw new ClearboxError("E_SHAPE", `The last axis is time and needs at least 2 steps, got ${length}.`, {
      argument: `shape[${dims.length - 1}]`,
    });
  }
  const total = dims.reduce((p, d) => p * d, 1);
  if (total !== values.length) {
    throw new ClearboxError(
      "E_SHAPE",
      `shape [${dims.join(", ")}] holds ${total} values, but values has ${values.length}.`,
      {
        argument: "shape",
      },
    );
  }
  if (!Array.isArray(axes)) {
    throw new ClearboxError("E_TYPE", `axes must be an array of axis numbers, got ${describeValue(axes)}.`, {
      argument: "axes",
    });
  }
  const merged = new Uint8Array(dims.length);
  axes.forEach((axis, k) => {
    const a = assertInteger(axis, `axes[${k}]`, 0, dims.length - 2);
    merged[a] = 1;
  });
  const how = assertOneOf(reducer, "reducer", ["mean", "max", "min", "sum", "l2"] as const);
  const kept = dims.slice(0, -1).filter((_, k) => !merged[k]);
  const count = kept.reduce((p, d) => p * d, 1);
  const groupSize = dims.slice(0, -1).reduce((p, d, k) => (merged[k] ? p * d : p), 1);
  const out = new Float64Array(count * length).fill(how === "max" ? -Infinity : how === "min" ? Infinity : 0);
  // Walk the tensor in order; the output row of an element drops the merged axes from its index.
  const index = new Array<number>(dims.length - 1).fill(0);
  for (let start = 0; start < values.length; start += length) {
    let row = 0;
    for (let k = 0; k < index.length; k++) if (!merged[k]) row = row * dims[k] + index[k];
    const o = row * length;
    for (let t = 0; t < length; t++) {
      const v = values[start + t];
      if (how === "max") out[o + t] = Math.max(out[o + t], v);
      else if (how === "min") out[o + t] = Math.min(out[o + t], v);
      else out[o + t] += how === "l2" ? v * v : v;
    }
    for (let k = index.length - 1; k >= 0; k--) {
      if (++index[k] < dims[k]) break;
      index[k] = 0;
    }
  }
  if (how === "mean") for (let k = 0; k < out.length; k++) out[k] /= groupSize;
  if (how === "l2") for (let k = 0; k < out.length; k++) out[k] = Math.sqrt(out[k]);
  return { values: out, count, length, shape: [...kept, length] };
}
