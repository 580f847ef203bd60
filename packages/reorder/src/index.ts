/**
 * @clearbox/reorder — matrix reordering (seriation): exact Held–Karp open paths, divide and conquer with an exact
 * merge of parts and 2-opt/Or-opt polish for large matrices, and the seriation criteria of R's seriation package.
 *
 * @module @clearbox/reorder
 * @packageDocumentation
 */
export { heldKarp, HELD_KARP_DEFAULT_LIMIT, HELD_KARP_HARD_LIMIT } from "./held-karp.js";
export type { HeldKarpOptions, PathResult } from "./held-karp.js";
export { reorderRows } from "./reorder-rows.js";
export type { ReorderResult, ReorderRowsOptions } from "./reorder-rows.js";
export { distanceMatrix, similarityMatrix } from "./similarity-matrix.js";
export type { MetricOptions, ReorderMetric } from "./similarity-matrix.js";
export { seriationCriteria } from "./seriation-criteria.js";
export type { SeriationCriteria } from "./seriation-criteria.js";
export { pathCost } from "./square-matrix.js";
export type { SquareMatrix, SquareMatrixInput } from "./square-matrix.js";
