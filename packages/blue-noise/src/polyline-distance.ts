import { ClearboxError, assertFunction, assertOptions, describeValue } from "@clearbox/core/internal";
import type { OptionKeys } from "@clearbox/core/internal";

/** Options of {@link polylineDistance}: the chart's scales, so that distances match what is drawn. */
export interface PolylineDistanceOptions {
  /**
   * The chart's x scale (step index → pixels), e.g. a d3 scale. Accepted for symmetry with the chart; two series
   * over the same steps have their segment midpoints at the same x, so it cancels out of the distance.
   */
  x?: (step: number) => number;
  /** The chart's y scale (value → pixels), e.g. a d3 scale. Default: the values as they are. */
  y?: (value: number) => number;
}

const POLYLINE_DISTANCE_OPTIONS = { x: true, y: true } satisfies OptionKeys<PolylineDistanceOptions>;

/**
 * The distance between two polylines over the same time steps (thesis eq. 4-1): the mean, over the T − 1
 * segments, of the Euclidean distance between the two segments' midpoints in chart space. Midpoints of
 * corresponding segments share their x, so each term is the gap between the midpoints' heights:
 * `d(a, b) = (1 / (T − 1)) Σ_t |(y(a_t) + y(a_{t+1})) / 2 − (y(b_t) + y(b_{t+1})) / 2|`.
 *
 * @param a - A series of T ≥ 2 finite values.
 * @param b - A series of the same length.
 * @param options - The chart's `y` scale (and `x`, which cancels); default: the values as they are.
 * @returns The distance, ≥ 0, in the units of the y scale.
 * @throws `E_TYPE` / `E_NAN` for a value that is not finite; `E_SHAPE` for lengths that differ or are below 2;
 *   `E_TYPE` for a scale that is not a function; `E_OPTION` for an unknown option key.
 * @example
 * polylineDistance([0, 0, 0], [1, 1, 1]); // 1
 * polylineDistance([0, 2, 0], [0, 0, 0]); // 1 — each segment's midpoint is 1 above the other's
 */
export function polylineDistance(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  options: PolylineDistanceOptions = {},
): number {
  options = assertOptions(options, "options", POLYLINE_DISTANCE_OPTIONS);
  if (options.x !== undefined) assertFunction(options.x, "options.x");
  const y = options.y === undefined ? undefined : assertFunction<(value: number) => number>(options.y, "options.y");
  const left = scaled(a, "a", y);
  const right = scaled(b, "b", y);
  if (right.length !== left.length) {
    throw new ClearboxError("E_SHAPE", `b must have as many steps as a (${left.length}), got ${right.length}.`, {
      argument: "b",
    });
  }
  return midpointDistance(left, 0, right, 0, left.length, Infinity);
}

function scaled(series: unknown, name: string, y: ((value: number) => number) | undefined): Float64Array {
  if (!Array.isArray(series) && !(ArrayBuffer.isView(series) && !(series instanceof DataView))) {
    throw new ClearboxError("E_TYPE", `${name} must be an array of numbers, got ${describeValue(series)}.`, {
      argument: name,
    });
  }
  const values = series as unknown as ArrayLike<unknown>;
  if (values.length < 2) {
    throw new ClearboxError("E_SHAPE", `A polyline needs at least 2 steps; ${name} has ${values.length}.`, {
      argument: name,
    });
  }
  const out = new Float64Array(values.length);
  for (let t = 0; t < values.length; t++) {
    const v = values[t];
    const w = typeof v === "number" && y !== undefined ? y(v) : v;
    if (typeof w !== "number" || !Number.isFinite(w)) {
      throw new ClearboxError(
        typeof w === "number" ? "E_NAN" : "E_TYPE",
        `${name}[${t}] must be a finite number${y ? " (after the y scale)" : ""}, got ${describeValue(w)}.`,
        { argument: `${name}[${t}]` },
      );
    }
    out[t] = w;
  }
  return out;
}

/**
 * Eq. 4-1 on two rows of flat arrays (`length` steps from the given offsets). Stops early, returning a value above
 * `bound`, as soon as the distance is known to exceed `bound`: the hot loop of the samplers.
 */
export function midpointDistance(
  a: ArrayLike<number>,
  offsetA: number,
  b: ArrayLike<number>,
  offsetB: number,
  length: number,
  bound: number,
): number {
  const segments = length - 1;
  // Σ |Δ_t + Δ_{t+1}| ≤ 2 · segments · bound, checked every 8 segments.
  const limit = 2 * segments * bound;
  let sum = 0;
  let previous = a[offsetA] - b[offsetB];
  for (let t = 1; t < length; t++) {
    const current = a[offsetA + t] - b[offsetB + t];
    sum += Math.abs(previous + current);
    previous = current;
    if ((t & 7) === 0 && sum > limit) return sum / (2 * segments);
  }
  return sum / (2 * segments);
}
