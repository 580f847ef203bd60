import {
  ClearboxError,
  assertOneOf,
  rowCosine,
  vectorCosine,
  vectorCorrelation,
  rowNorms,
  toDenseMatrix,
  assertOptions,
} from "@clearbox/core/internal";
import type { OptionKeys } from "@clearbox/core/internal";
import type { DenseMatrix, MatrixInput } from "@clearbox/core";
import type { SquareMatrix } from "./square-matrix.js";

/** Row similarity measures for reordering. */
export type ReorderMetric = "cosine" | "correlation" | "euclidean";

/** Options of {@link similarityMatrix} and {@link distanceMatrix}. */
export interface MetricOptions {
  /** Default `"cosine"`. */
  metric?: ReorderMetric;
}

/**
 * The most rows a pairwise matrix is built for: 16,384² entries are 2 GiB of Float64Array. Above it, E_TOO_LARGE
 * is thrown before anything n²-sized is allocated (reorderRows' divide and conquer handles larger inputs).
 */
export const PAIRWISE_MAX_ROWS = 16_384;

/** Every option of {@link similarityMatrix}: the list unknown keys are checked against. */
const METRIC_OPTIONS = { metric: true } satisfies OptionKeys<MetricOptions>;

/**
 * Pairwise similarity of the rows of a matrix, as a dense symmetric n × n matrix.
 *
 * - `cosine`: `a·b / (|a| |b|)`; a zero row has similarity 0 to every row, itself included (it has no direction).
 * - `correlation`: Pearson correlation; a constant row has similarity 0 to every row, itself included.
 * - `euclidean`: `−‖a − b‖`, so that maximising adjacent similarity is minimising the Euclidean path length.
 *
 * @param rows - n rows (neurons) × m columns (classes).
 * @param options - `metric`: `"cosine"` (default) or `"correlation"`.
 * @returns the n × n similarities as `{ n, values }`.
 * @throws `E_TYPE` / `E_SHAPE` / `E_NAN` / `E_EMPTY` for data that is not a finite, non-empty matrix; `E_OPTION` for an unknown option key or value; `E_TOO_LARGE` above {@link PAIRWISE_MAX_ROWS} rows, before allocating.
 * @example
 * similarityMatrix([[1, 0], [1, 1]]).values[1]; // 0.7071…
 */
export function similarityMatrix(rows: MatrixInput, options: MetricOptions = {}): SquareMatrix {
  options = assertOptions(options, "options", METRIC_OPTIONS);
  const metric = metricOption(options.metric);
  const data = toDenseMatrix(rows, "rows");
  return pairwise(data, (a, b) => (metric === "euclidean" ? -euclidean(a, b) : similarity(metric)(a, b)));
}

/**
 * Pairwise distance of the rows: `1 − cosine`, `1 − correlation` (both in [0, 2]) or the Euclidean distance; the
 * diagonal is 0 (so a zero row is at distance 1 from every other row but 0 from itself). The path length of an order under this distance is what `reorderRows` minimises.
 * @param rows - n rows (neurons) × m columns (classes).
 * @param options - `metric`: `"cosine"` (default) or `"correlation"`.
 * @returns the n × n distances `1 − similarity` as `{ n, values }`.
 * @throws `E_TYPE` / `E_SHAPE` / `E_NAN` / `E_EMPTY` for data that is not a finite, non-empty matrix; `E_OPTION` for an unknown option key or value; `E_TOO_LARGE` above {@link PAIRWISE_MAX_ROWS} rows, before allocating.
 * @example
 * distanceMatrix([[1, 0], [0, 1]]).values; // Float64Array [0, 1, 1, 0]
 */
export function distanceMatrix(rows: MatrixInput, options: MetricOptions = {}): SquareMatrix {
  options = assertOptions(options, "options", METRIC_OPTIONS);
  const metric = metricOption(options.metric);
  const data = toDenseMatrix(rows, "rows");
  return distanceOfDense(data, metric);
}

/**
 * {@link distanceMatrix} on a checked matrix. `poll` runs before every row (n·m work: 3,000 × 20 rows took ~0.5 s
 * with no check at all), so a caller's signal is seen while the n² matrix is built.
 * @internal
 */
export function distanceOfDense(data: DenseMatrix, metric: ReorderMetric, poll: () => void = () => {}): SquareMatrix {
  if (metric === "euclidean") return pairwise(data, euclidean, poll);
  if (metric === "cosine") {
    // Precomputed norms: the hot path of reordering large matrices.
    const norms = rowNorms(data);
    const n = data.rows;
    const out = squareOf(n, poll);
    for (let i = 0; i < n; i++) {
      poll();
      // rowCosine: 0 for a zero row, and scaled when a norm overflows (±1e300) or underflows (denormals).
      for (let j = i + 1; j < n; j++) out[i * n + j] = out[j * n + i] = 1 - rowCosine(data, norms, i, j);
    }
    return { n, values: out };
  }
  const sim = similarity(metric);
  const out = pairwise(data, (a, b) => 1 - sim(a, b), poll);
  for (let i = 0; i < out.n; i++) out.values[i * out.n + i] = 0; // a constant row is still at distance 0 from itself
  return out;
}

/** @internal */
export function metricOption(value: unknown): ReorderMetric {
  return value === undefined ? "cosine" : assertOneOf(value, "options.metric", ["cosine", "correlation", "euclidean"]);
}

function similarity(metric: "cosine" | "correlation") {
  return metric === "cosine" ? vectorCosine : vectorCorrelation;
}

function euclidean(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let t = 0; t < a.length; t++) s += (a[t] - b[t]) ** 2;
  if (Number.isFinite(s) && (s > 0 || sameRows(a, b))) return Math.sqrt(s);
  // Differences near ±1e300 overflow when squared (halve first when even a difference may overflow), denormal ones
  // underflow: scale by the largest difference.
  const k = Number.isFinite(s) ? 1 : 0.5;
  let largest = 0;
  for (let t = 0; t < a.length; t++) largest = Math.max(largest, Math.abs(a[t] * k - b[t] * k));
  let scaled = 0;
  for (let t = 0; t < a.length; t++) scaled += ((a[t] * k - b[t] * k) / largest) ** 2;
  return (largest / k) * Math.sqrt(scaled);
}

function sameRows(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  for (let t = 0; t < a.length; t++) if (a[t] !== b[t]) return false;
  return true;
}

/** An n × n Float64Array, or E_TOO_LARGE before allocating it when n passes {@link PAIRWISE_MAX_ROWS}. */
/**
 * The n × n matrix, zeroed. With a `poll`, its pages are touched in slices with a poll between: a symmetric fill
 * writes a whole column on its first row, and first-touching 3,000² doubles that way was ~70 ms with no check.
 */
function squareOf(n: number, poll?: () => void): Float64Array {
  if (n > PAIRWISE_MAX_ROWS) {
    throw new ClearboxError(
      "E_TOO_LARGE",
      `rows has ${n} rows: a pairwise matrix is built for at most ${PAIRWISE_MAX_ROWS} (${n}² doubles would take ${((n * n * 8) / 2 ** 30).toFixed(1)} GiB); reorder larger inputs with reorderRows.`,
      { argument: "rows" },
    );
  }
  const out = new Float64Array(n * n);
  for (let from = 0; poll !== undefined && from < out.length; from += TOUCH_SLICE) {
    poll();
    out.fill(0, from, Math.min(out.length, from + TOUCH_SLICE));
  }
  return out;
}

/** Doubles touched between two polls by {@link squareOf} (2 MB). */
const TOUCH_SLICE = 1 << 18;

function pairwise(
  data: DenseMatrix,
  f: (a: Float64Array, b: Float64Array) => number,
  poll: () => void = () => {},
): SquareMatrix {
  const { rows: n, columns: m, values } = data;
  const out = squareOf(n, poll);
  const row = (i: number) => values.subarray(i * m, (i + 1) * m);
  for (let i = 0; i < n; i++) {
    poll();
    for (let j = i; j < n; j++) out[i * n + j] = out[j * n + i] = f(row(i), row(j));
  }
  return { n, values: out };
}
