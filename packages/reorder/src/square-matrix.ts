import { ClearboxError, describeValue, isMatrixLike } from "@clearbox/core";
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
  let n: number;
  let values: Float64Array;
  if (isMatrixLike(input)) {
    if (input.rows !== input.columns) {
      throw new ClearboxError("E_SHAPE", `${name} must be square, got ${input.rows} × ${input.columns}.`, {
        argument: name,
      });
    }
    n = input.rows;
    values = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) values[i * n + j] = input.get(i, j);
  } else if (Array.isArray(input)) {
    n = input.length;
    values = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      const row: unknown = input[i];
      if (!Array.isArray(row) && !(ArrayBuffer.isView(row) && !(row instanceof DataView))) {
        throw new ClearboxError("E_TYPE", `${name}[${i}] must be an array of numbers, got ${describeValue(row)}.`, {
          argument: `${name}[${i}]`,
        });
      }
      const r = row as ArrayLike<unknown>;
      if (r.length !== n) {
        throw new ClearboxError(
          "E_SHAPE",
          `${name} must be square: it has ${n} rows but row ${i} has ${r.length} values.`,
          {
            argument: `${name}[${i}]`,
          },
        );
      }
      for (let j = 0; j < n; j++) {
        const v = r[j];
        if (typeof v !== "number") {
          throw new ClearboxError("E_TYPE", `${name}[${i}][${j}] must be a number, got ${describeValue(v)}.`, {
            argument: `${name}[${i}][${j}]`,
          });
        }
        values[i * n + j] = v;
      }
    }
  } else if (
    typeof input === "object" &&
    input !== null &&
    typeof (input as { n?: unknown }).n === "number" &&
    typeof (input as { values?: { length?: unknown } }).values?.length === "number"
  ) {
    const flat = input as { n: number; values: ArrayLike<number> };
    n = flat.n;
    if (!Number.isInteger(n) || n < 0 || flat.values.length !== n * n) {
      throw new ClearboxError(
        "E_SHAPE",
        `${name}.values must hold n × n = ${n * n} entries, got ${flat.values.length}.`,
        {
          argument: `${name}.values`,
        },
      );
    }
    values = Float64Array.from(flat.values);
  } else {
    throw new ClearboxError(
      "E_TYPE",
      `${name} must be a square matrix (number[][], an ml-matrix Matrix or { n, values }), got ${describeValue(input)}.`,
      { argument: name },
    );
  }
  for (let t = 0; t < values.length; t++) {
    if (!Number.isFinite(values[t])) {
      const i = Math.floor(t / n);
      throw new ClearboxError("E_NAN", `${name}[${i}][${t - i * n}] must be finite, got ${describeValue(values[t])}.`, {
        argument: `${name}[${i}][${t - i * n}]`,
      });
    }
  }
  return { n, values };
}

/** Σ of distance between consecutive entries of `order`. */
export function pathCost(distance: SquareMatrix, order: ArrayLike<number>): number {
  let cost = 0;
  for (let t = 1; t < order.length; t++) cost += distance.values[order[t - 1] * distance.n + order[t]];
  return cost;
}
