import { ClearboxError } from "./errors.js";
import { assertFiniteVector } from "./validate.js";
import type { DenseMatrix } from "./dense.js";

/** Built-in similarity measures between two vectors. */
export type SimilarityMetric = "cosine" | "correlation";

/** A similarity of two equal-length vectors; larger means more alike. */
export type VectorSimilarity = (a: ArrayLike<number>, b: ArrayLike<number>) => number;

/**
 * Cosine similarity `a·b / (|a| |b|)`. A zero vector has no direction: its similarity to anything is defined as 0
 * (not NaN), so it neither attracts nor repels.
 *
 * @param a - A vector of finite numbers.
 * @param b - A vector of finite numbers of the same length.
 * @returns The similarity, in [−1, 1].
 * @throws `E_TYPE` / `E_NAN` for an entry that is not a finite number; `E_SHAPE` when the lengths differ.
 * @example
 * cosineSimilarity([1, 0], [1, 1]); // 0.7071…
 */
export function cosineSimilarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  checkPair(a, b);
  return vectorCosine(a, b);
}

/**
 * Pearson correlation of the entries of `a` and `b`. A constant vector has no variation: its correlation with
 * anything is defined as 0.
 *
 * @param a - A vector of finite numbers.
 * @param b - A vector of finite numbers of the same length.
 * @returns The correlation, in [−1, 1].
 * @throws `E_TYPE` / `E_NAN` for an entry that is not a finite number; `E_SHAPE` when the lengths differ.
 * @example
 * correlationSimilarity([1, 2, 3], [2, 4, 7]); // 0.9933…
 */
export function correlationSimilarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  checkPair(a, b);
  return vectorCorrelation(a, b);
}

function checkPair(a: ArrayLike<number>, b: ArrayLike<number>): void {
  assertFiniteVector(a, "a");
  assertFiniteVector(b, "b", { length: a.length });
}

/** Sums of squares below this hold products near the denormal range (2^-1022 ≈ 2.2e-308): scale first. */
const TINY_SQUARES = 1e-200;

/** {@link cosineSimilarity} without the checks: for hot loops over validated data. */
export function vectorCosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let t = 0; t < a.length; t++) {
    dot += a[t] * b[t];
    na += a[t] * a[t];
    nb += b[t] * b[t];
  }
  // Square roots taken apart: the product of two tiny norms can underflow to 0.
  const denominator = Math.sqrt(na) * Math.sqrt(nb);
  const cosine = dot / denominator;
  // Squares of entries near ±1e300 overflow, and those of tiny entries fall into the denormals, where products keep
  // fewer digits (a 2^-519 scale cost the 7th digit): then redo it on scaled copies. One overflowing norm leaves the
  // cosine finite, a false 0: the denominator is checked too.
  if (!Number.isFinite(denominator) || !Number.isFinite(cosine) || !(na > TINY_SQUARES && nb > TINY_SQUARES)) {
    return scaledCosine(a, b);
  }
  return Math.max(-1, Math.min(1, cosine));
}

/** The largest |entry| of `a` (0 for an empty or zero vector). */
function largestMagnitude(a: ArrayLike<number>): number {
  let largest = 0;
  for (let t = 0; t < a.length; t++) largest = Math.max(largest, Math.abs(a[t]));
  return largest;
}

/** Cosine of `a / max|a|` and `b / max|b|` (the same angle): no square can overflow or underflow to 0. */
function scaledCosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const sa = largestMagnitude(a);
  const sb = largestMagnitude(b);
  if (sa === 0 || sb === 0) return 0;
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let t = 0; t < a.length; t++) {
    const x = a[t] / sa;
    const y = b[t] / sb;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return Math.max(-1, Math.min(1, dot / (Math.sqrt(na) * Math.sqrt(nb))));
}

/** {@link correlationSimilarity} without the checks: for hot loops over validated data. */
export function vectorCorrelation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  if (n === 0) return 0;
  const r = correlationScaled(a, b, 1, 1);
  if (Number.isFinite(r)) return r;
  // Sums of entries near ±1e300 overflow: correlation ignores positive scale, so divide each vector by its max |entry|.
  const sa = largestMagnitude(a);
  const sb = largestMagnitude(b);
  return sa === 0 || sb === 0 ? 0 : correlationScaled(a, b, sa, sb);
}

/** Pearson correlation of `a / sa` and `b / sb`; 0 for a constant vector (when scaled), NaN to ask for scaling. */
function correlationScaled(a: ArrayLike<number>, b: ArrayLike<number>, sa: number, sb: number): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let t = 0; t < n; t++) {
    ma += a[t] / sa;
    mb += b[t] / sb;
  }
  ma /= n;
  mb /= n;
  let dot = 0;
  let va = 0;
  let vb = 0;
  for (let t = 0; t < n; t++) {
    const x = a[t] / sa - ma;
    const y = b[t] / sb - mb;
    dot += x * y;
    va += x * x;
    vb += y * y;
  }
  if (!Number.isFinite(dot + va + vb)) return NaN;
  const denominator = Math.sqrt(va) * Math.sqrt(vb);
  // Unscaled, a zero spread may be denormal entries whose squares underflowed: NaN sends it to the scaled pass.
  if (denominator === 0) return sa === 1 && sb === 1 ? NaN : 0;
  return Math.max(-1, Math.min(1, dot / denominator));
}

/** Resolve a metric name or a custom function to a {@link VectorSimilarity}. */
export function resolveSimilarity(metric: SimilarityMetric | VectorSimilarity, name = "similarity"): VectorSimilarity {
  if (typeof metric === "function") return metric;
  if (metric === "cosine") return vectorCosine;
  if (metric === "correlation") return vectorCorrelation;
  throw new ClearboxError("E_OPTION", `${name} must be "cosine", "correlation" or a function, got ${String(metric)}.`, {
    argument: name,
  });
}

/**
 * Cosine similarity between rows i and j of a dense matrix, given precomputed row norms (see {@link rowNorms}).
 * The hot-loop form of {@link cosineSimilarity}.
 */
export function rowCosine(matrix: DenseMatrix, norms: Float64Array, i: number, j: number): number {
  const { columns, values } = matrix;
  const denominator = norms[i] * norms[j];
  let dot = 0;
  const oi = i * columns;
  const oj = j * columns;
  for (let t = 0; t < columns; t++) dot += values[oi + t] * values[oj + t];
  const cosine = dot / denominator;
  // A norm that overflowed (entries near ±1e300) or underflowed (denormals): the scaled form of the same cosine.
  if (!Number.isFinite(cosine) || denominator === 0 || !Number.isFinite(denominator)) {
    return vectorCosine(values.subarray(oi, oi + columns), values.subarray(oj, oj + columns));
  }
  return Math.max(-1, Math.min(1, cosine));
}

/** Euclidean norm of every row. */
export function rowNorms(matrix: DenseMatrix): Float64Array {
  const { rows, columns, values } = matrix;
  const norms = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let s = 0;
    for (let t = i * columns; t < (i + 1) * columns; t++) s += values[t] * values[t];
    norms[i] = Math.sqrt(s);
  }
  return norms;
}
