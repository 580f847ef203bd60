/**
 * @clearbox/core — the plumbing every clearbox package shares: seeded random numbers, typed errors and input
 * validation, progress and cancellation, and small dense and sparse (CSR) matrix helpers. No runtime dependencies.
 *
 * @packageDocumentation
 */
export { ClearboxError, isClearboxError } from "./errors.js";
export type { ClearboxErrorCode } from "./errors.js";
export {
  assertFiniteNumber,
  assertFiniteVector,
  assertInRange,
  assertInteger,
  assertOneOf,
  assertPositive,
  describeValue,
} from "./validate.js";
export type { NumericArray } from "./validate.js";
export { createRandom } from "./random.js";
export type { Random } from "./random.js";
export { createProgress, throwIfAborted } from "./progress.js";
export type { LongRunningOptions, ProgressReporter } from "./progress.js";
export { denseRow, denseToArrays, isMatrixLike, squaredDistance, toDenseMatrix } from "./dense.js";
export type { DenseMatrix, MatrixInput, MatrixLike } from "./dense.js";
export { csrFromTriplets, csrMultiplyVector, csrTranspose } from "./csr.js";
export type { CsrMatrix } from "./csr.js";
export { correlationSimilarity, cosineSimilarity, resolveSimilarity, rowCosine, rowNorms } from "./similarity.js";
export type { SimilarityMetric, VectorSimilarity } from "./similarity.js";
