/**
 * @clearbox/core — what every clearbox package shares and a user may want: the typed error every package throws,
 * seeded random numbers, and the vector similarities. The validation, progress and matrix plumbing the packages
 * share lives in `@clearbox/core/internal` (unstable; for sibling packages).
 *
 * @example
 * import { createRandom, isClearboxError } from "@clearbox/core";
 *
 * const random = createRandom(42);
 * random.int(6); // the same die roll on every platform
 *
 * @module @clearbox/core
 * @packageDocumentation
 */
export { ClearboxError, isClearboxError } from "./errors.js";
export type { ClearboxErrorCode } from "./errors.js";
export { createRandom } from "./random.js";
export type { Random } from "./random.js";
export { correlationSimilarity, cosineSimilarity } from "./similarity.js";
export type { SimilarityMetric, VectorSimilarity } from "./similarity.js";
export type { NumericArray } from "./validate.js";
export type { LongRunningOptions, ProgressReporter } from "./progress.js";
export type { DenseMatrix, MatrixInput, MatrixLike } from "./dense.js";
export type { CsrMatrix } from "./csr.js";
