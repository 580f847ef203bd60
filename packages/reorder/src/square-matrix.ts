import {
  ClearboxError,
  assertFiniteVector,
  assertInteger,
  describeValue,
  isMatrixLike,
  toDenseMatrix,
} from "@clearbox/core/internal";
import type { MatrixLike } from "@clearbox/core";

/** A dense n × n matrix, row-major: entry (i, j) is `values[i * n + j]`. */
export interface SquareMatrix {
  readonly n: number;
  readonly values: Float64Array;
}

/** A square matrix as nested arrays, an ml-matrix `Matrix`, or a typed array with its size. */
export type SquareMatrixInput =
  ReadonlyArray<ArrayLike<number>> | MatrixLike | { readonly n: number; readonly values: ArrayLike<number> };

/**
 * Copy and validate a square matrix. Throws `E_SHAPE` when it is not square (or `values` has the wrong length),
 * `E_NAN` for a non-finite entry and `E_TYPE` for anything else, naming `name` and the position.
 */
export function toSquareMatrix(input: unknown, name: string): SquareMatrix {
  if (isMatrixLike(input) || Array.isArray(input)) {
    const dense = toDenseMatrix(input, name, { allowEmpty: true });
    if (dense.rows !== dense.columns && dense.rows > 0) {
      throw new ClearboxError("E_SHAPE", `${name} must be square, got ${dense.rows} × ${dense.columns}.`, {
        argument: name,
      });
    }
    return { n: dense.rows, values: dense.values };
  }
  const flat = input as { n?: unknown; values?: ArrayLike<number> } | null;
  if (
    typeof flat === "object" &&
    flat !== null &&
    typeof flat.n === "number" &&
    typeof flat.values?.length === "number"
  ) {
    const n = flat.n;
    if (!Number.isInteger(n) || n < 0 || flat.values.length !== n * n) {
      throw new ClearboxError(
        "E_SHAPE",
        `${name}.values must hold n × n = ${n * n} entries, got ${flat.values.length}.`,
        {
          argument: `${name}.values`,
        },
      );
    }
    assertFiniteVector(flat.values, `${name}.values`);
    return { n, values: Float64Array.from(flat.values) };
  }
  throw new ClearboxError(
    "E_TYPE",
    `${name} must be a square matrix (number[][], an ml-matrix Matrix or { n, values }), got ${describeValue(input)}.`,
    { argument: name },
  );
}

/**
 * The length of a path through the rows of a distance matrix: Σ distance between consecutive entries of `order`.
 *
 * @param distance - An n × n distance matrix (number[][], an ml-matrix Matrix, or `{ n, values }`).
 * @param order - Row indices in path order: integers in [0, n), usually a permutation (e.g. `reorderRows`' order).
 * @returns The path length (0 for fewer than two entries).
 * @throws `E_SHAPE` / `E_NAN` / `E_TYPE` for a bad matrix; `E_RANGE` for an index outside [0, n).
 * @example
 * pathCost([[0, 1, 4], [1, 0, 2], [4, 2, 0]], [0, 1, 2]); // 3
 */
export function pathCost(distance: SquareMatrixInput | SquareMatrix, order: ArrayLike<number>): number {
  const d = toSquareMatrix(distance, "distance");
  assertFiniteVector(order, "order");
  for (let t = 0; t < order.length; t++) assertInteger(order[t], `order[${t}]`, 0, d.n - 1);
  return uncheckedPathCost(d, order);
}

/** {@link pathCost} without the checks, for validated data. */
export function uncheckedPathCost(distance: SquareMatrix, order: ArrayLike<number>): number {
  let cost = 0;
  for (let t = 1; t < order.length; t++) cost += distance.values[order[t - 1] * distance.n + order[t]];
  return cost;
}
