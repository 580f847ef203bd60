import { ClearboxError, assertFiniteVector } from "@clearbox/core/internal";
import { toSquareMatrix, uncheckedPathCost } from "./square-matrix.js";
import type { SquareMatrix, SquareMatrixInput } from "./square-matrix.js";

/** Standard measures of how well an order arranges a distance matrix (definitions of R's seriation package). */
export interface SeriationCriteria {
  /** Σ distance between neighbours in the order (lower is better). */
  pathLength: number;
  /**
   * Stress of the reordered similarity matrix 1 / (1 + d): Σ over every cell of the squared differences to its 8
   * neighbours (so each pair counts from both sides). Lower is better.
   */
  mooreStress: number;
  /** As `mooreStress` with the 4 neighbours left, right, up and down. Lower is better. */
  neumannStress: number;
  /** Anti-Robinson events: for i < j < k in the order, the count of d(i,j) > d(i,k) and of d(j,k) > d(i,k) (lower is better). */
  arEvents: number;
  /** Raw gradient measure: for i < j < k, Σ sign(d(i,k) − d(i,j)) + sign(d(i,k) − d(j,k)) (higher is better). */
  gradientRaw: number;
}

/**
 * Score any order of a distance matrix with the criteria users of R's `seriation` know, under the same
 * definitions, so two orders (from clearbox or elsewhere) can be compared: like R, the stresses are computed on the
 * similarity 1 / (1 + d), and the diagonal is taken as distance 0 whatever the input holds. O(n³) for the
 * anti-Robinson and gradient measures.
 *
 * @param distance - symmetric n × n distances.
 * @param order - a permutation of 0 … n − 1.
 * @returns `pathLength`, anti-Robinson events (`arEvents`), the raw gradient measure, and Moore / Neumann stress.
 * @throws `E_SHAPE` / `E_NAN` / `E_TYPE` for a bad matrix; `E_SHAPE` / `E_RANGE` when order is not a permutation of 0 … n − 1.
 * @example
 * seriationCriteria(distanceMatrix(activations), reorderRows(activations).order).arEvents;
 */
export function seriationCriteria(
  distance: SquareMatrixInput | SquareMatrix,
  order: ArrayLike<number>,
): SeriationCriteria {
  const d = toSquareMatrix(distance, "distance");
  const n = d.n;
  checkPermutation(order, n);
  const at = (a: number, b: number) => (a === b ? 0 : d.values[order[a] * n + order[b]]);
  const similarity = (a: number, b: number) => 1 / (1 + at(a, b));

  let moore = 0;
  let neumann = 0;
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      const x = similarity(r, c);
      // Right and down neighbours (Neumann), plus the two lower diagonals (Moore); each pair doubled below.
      if (c + 1 < n) neumann += (x - similarity(r, c + 1)) ** 2;
      if (r + 1 < n) neumann += (x - similarity(r + 1, c)) ** 2;
      if (r + 1 < n && c + 1 < n) moore += (x - similarity(r + 1, c + 1)) ** 2;
      if (r + 1 < n && c > 0) moore += (x - similarity(r + 1, c - 1)) ** 2;
    }
  }
  moore += neumann;

  let arEvents = 0;
  let gradientRaw = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const dij = at(i, j);
      for (let k = j + 1; k < n; k++) {
        const dik = at(i, k);
        const djk = at(j, k);
        if (dij > dik) arEvents++;
        if (djk > dik) arEvents++;
        gradientRaw += Math.sign(dik - dij) + Math.sign(dik - djk);
      }
    }
  }
  return {
    pathLength: uncheckedPathCost(d, order),
    mooreStress: 2 * moore,
    neumannStress: 2 * neumann,
    arEvents,
    gradientRaw,
  };
}

/** @internal Throw unless `order` is a permutation of 0 … n − 1. */
export function checkPermutation(order: ArrayLike<number>, n: number): void {
  assertFiniteVector(order, "order");
  if (order.length !== n) {
    throw new ClearboxError("E_SHAPE", `order must list all ${n} indices, got ${order.length}.`, { argument: "order" });
  }
  const seen = new Uint8Array(n);
  for (let t = 0; t < n; t++) {
    const v = order[t];
    if (!Number.isInteger(v) || v < 0 || v >= n || seen[v]) {
      throw new ClearboxError("E_RANGE", `order must be a permutation of 0 … ${n - 1}; order[${t}] = ${v} is not.`, {
        argument: `order[${t}]`,
      });
    }
    seen[v] = 1;
  }
}
