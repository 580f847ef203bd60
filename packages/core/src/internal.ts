/**
 * @clearbox/core/internal — plumbing the clearbox packages share: argument checks, progress and cancellation,
 * dense and CSR matrix helpers for hot loops. Unstable: it may change in any release, and its hot-loop helpers
 * trust their inputs (they are called with data the public functions have already validated).
 *
 * @packageDocumentation
 */
export * from "./index.js";
export {
  LONG_RUNNING_KEYS,
  assertBoolean,
  assertFiniteNumber,
  assertFiniteVector,
  assertFunction,
  assertInRange,
  assertInteger,
  assertNonNegative,
  assertOneOf,
  assertOptions,
  assertPositive,
  describeValue,
} from "./validate.js";
export type { OptionKeys } from "./validate.js";
export { createProgress, throwIfAborted } from "./progress.js";
export { sortWithChecks } from "./sort-with-checks.js";
export { denseRow, denseToArrays, isMatrixLike, squaredDistance, toDenseMatrix } from "./dense.js";
export { csrFromTriplets, csrMultiplyVector, csrTranspose } from "./csr.js";
export { resolveSimilarity, rowCosine, rowNorms, vectorCorrelation, vectorCosine } from "./similarity.js";
export { callInWorker, inWorker } from "./worker-call.js";
export type { AsyncForm, WithSignal, WorkerSource } from "./worker-call.js";
export { serveWorker } from "./worker-serve.js";
export { openWorkerSession } from "./worker-session.js";
export type { WorkerCall, WorkerSession } from "./worker-session.js";
