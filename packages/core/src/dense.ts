import { ClearboxError } from "./errors.js";
import { describeValue } from "./validate.js";

/** The structural shape of an ml-matrix `Matrix` (or anything like it) that clearbox reads. */
export interface MatrixLike {
  readonly rows: number;
  readonly columns: number;
  get(row: number, column: number): number;
}

/** A dense row-major matrix on one typed array: entry (i, j) is `values[i * columns + j]`. */
export interface DenseMatrix {
  readonly rows: number;
  readonly columns: number;
  readonly values: Float64Array;
}

/** Inputs accepted wherever clearbox takes a data matrix: nested arrays (rows), typed-array rows, or ml-matrix. */
export type MatrixInput = ReadonlyArray<ArrayLike<number>> | MatrixLike;

/** True for an ml-matrix `Matrix` or any object with `rows`, `columns` and `get(i, j)`. */
export function isMatrixLike(value: unknown): value is MatrixLike {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as MatrixLike).rows === "number" &&
    typeof (value as MatrixLike).columns === "number" &&
    typeof (value as MatrixLike).get === "function"
  );
}

/**
 * Copy `data` into a validated {@link DenseMatrix}. Throws `E_EMPTY` for no rows or no columns (unless
 * `allowEmpty`), `E_SHAPE` for ragged rows, `E_NAN` for non-finite entries and `E_TYPE` for anything else,
 * each naming `name` and the offending position. The input is never modified.
 */
export function toDenseMatrix(data: unknown, name = "data", options: { allowEmpty?: boolean } = {}): DenseMatrix {
  let rows: number;
  let columns: number;
  let values: Float64Array;
  if (isMatrixLike(data)) {
    rows = data.rows;
    columns = data.columns;
    values = new Float64Array(rows * columns);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < columns; j++) values[i * columns + j] = data.get(i, j);
    }
  } else if (Array.isArray(data)) {
    rows = data.length;
    const first: unknown = data[0];
    columns = rows === 0 ? 0 : rowLength(first, name, 0);
    values = new Float64Array(rows * columns);
    for (let i = 0; i < rows; i++) {
      const row: unknown = data[i];
      const length = rowLength(row, name, i);
      if (length !== columns) {
        throw new ClearboxError(
          "E_SHAPE",
          `${name} has ragged rows: row 0 has ${columns} values but row ${i} has ${length}.`,
          { argument: `${name}[${i}]` },
        );
      }
      const r = row as ArrayLike<unknown>;
      for (let j = 0; j < columns; j++) {
        const v = r[j];
        if (typeof v !== "number") {
          throw new ClearboxError("E_TYPE", `${name}[${i}][${j}] must be a number, got ${describeValue(v)}.`, {
            argument: `${name}[${i}][${j}]`,
          });
        }
        values[i * columns + j] = v;
      }
    }
  } else {
    throw new ClearboxError(
      "E_TYPE",
      `${name} must be an array of rows (number[][]) or an ml-matrix Matrix, got ${describeValue(data)}.`,
      { argument: name },
    );
  }
  if (!options.allowEmpty && (rows === 0 || columns === 0)) {
    throw new ClearboxError("E_EMPTY", `${name} must have at least one row and one column, got ${rows} × ${columns}.`, {
      argument: name,
    });
  }
  for (let index = 0; index < values.length; index++) {
    if (!Number.isFinite(values[index])) {
      const i = Math.floor(index / columns);
      const j = index - i * columns;
      throw new ClearboxError("E_NAN", `${name}[${i}][${j}] must be finite, got ${describeValue(values[index])}.`, {
        argument: `${name}[${i}][${j}]`,
      });
    }
  }
  return { rows, columns, values };
}

function rowLength(row: unknown, name: string, i: number): number {
  if (Array.isArray(row) || (ArrayBuffer.isView(row) && !(row instanceof DataView))) {
    return (row as ArrayLike<unknown>).length;
  }
  throw new ClearboxError("E_TYPE", `${name}[${i}] must be an array of numbers, got ${describeValue(row)}.`, {
    argument: `${name}[${i}]`,
  });
}

/** Row `i` of a dense matrix as a view (no copy). */
export function denseRow(matrix: DenseMatrix, i: number): Float64Array {
  return matrix.values.subarray(i * matrix.columns, (i + 1) * matrix.columns);
}

/** A dense matrix as nested plain arrays (rows). */
export function denseToArrays(matrix: DenseMatrix): number[][] {
  const out: number[][] = new Array(matrix.rows);
  for (let i = 0; i < matrix.rows; i++) out[i] = Array.from(denseRow(matrix, i));
  return out;
}

/** Squared Euclidean distance between row `i` of `a` and row `j` of `b` (same column count). */
export function squaredDistance(
  a: Float64Array,
  offsetA: number,
  b: Float64Array,
  offsetB: number,
  length: number,
): number {
  let sum = 0;
  for (let t = 0; t < length; t++) {
    const d = a[offsetA + t] - b[offsetB + t];
    sum += d * d;
  }
  return sum;
}
