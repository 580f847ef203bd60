import { ClearboxError } from "./errors.js";

/**
 * A compressed sparse row matrix on typed arrays: the nonzeros of row i are at positions
 * `rowOffsets[i] .. rowOffsets[i + 1] - 1` of `columnIndices` and `values`, columns ascending within a row.
 */
export interface CsrMatrix {
  readonly rows: number;
  readonly columns: number;
  readonly rowOffsets: Int32Array;
  readonly columnIndices: Int32Array;
  readonly values: Float64Array;
}

/**
 * Build a CSR matrix from coordinate triplets (parallel arrays). Entries at the same (row, column) are summed;
 * columns end up sorted within each row. Runs in O(nnz + rows) plus the per-row sort.
 */
export function csrFromTriplets(
  rows: number,
  columns: number,
  rowIndex: ArrayLike<number>,
  columnIndex: ArrayLike<number>,
  value: ArrayLike<number>,
): CsrMatrix {
  const count = rowIndex.length;
  if (columnIndex.length !== count || value.length !== count) {
    throw new ClearboxError(
      "E_SHAPE",
      `csrFromTriplets needs rowIndex, columnIndex and value of one length, got ${count}, ${columnIndex.length} and ${value.length}.`,
      { argument: "value" },
    );
  }
  const rowOffsets = new Int32Array(rows + 1);
  for (let t = 0; t < count; t++) {
    const r = rowIndex[t];
    const c = columnIndex[t];
    if (!(r >= 0 && r < rows && Number.isInteger(r))) {
      throw new ClearboxError("E_RANGE", `rowIndex[${t}] must be an integer in [0, ${rows}), got ${r}.`, {
        argument: `rowIndex[${t}]`,
      });
    }
    if (!(c >= 0 && c < columns && Number.isInteger(c))) {
      throw new ClearboxError("E_RANGE", `columnIndex[${t}] must be an integer in [0, ${columns}), got ${c}.`, {
        argument: `columnIndex[${t}]`,
      });
    }
    rowOffsets[r + 1]++;
  }
  for (let i = 0; i < rows; i++) rowOffsets[i + 1] += rowOffsets[i];
  const cursor = rowOffsets.slice(0, rows);
  const cols = new Int32Array(count);
  const vals = new Float64Array(count);
  for (let t = 0; t < count; t++) {
    const p = cursor[rowIndex[t]]++;
    cols[p] = columnIndex[t];
    vals[p] = value[t];
  }
  // Sort each row by column and sum duplicates, compacting in place.
  const outOffsets = new Int32Array(rows + 1);
  let write = 0;
  const order: number[] = [];
  for (let i = 0; i < rows; i++) {
    const start = rowOffsets[i];
    const end = rowOffsets[i + 1];
    order.length = 0;
    for (let p = start; p < end; p++) order.push(p);
    order.sort((x, y) => cols[x] - cols[y]);
    const sortedCols = order.map((p) => cols[p]);
    const sortedVals = order.map((p) => vals[p]);
    for (let q = 0; q < sortedCols.length; q++) {
      if (q > 0 && sortedCols[q] === cols[write - 1] && write > outOffsets[i]) {
        vals[write - 1] += sortedVals[q];
      } else {
        cols[write] = sortedCols[q];
        vals[write] = sortedVals[q];
        write++;
      }
    }
    outOffsets[i + 1] = write;
  }
  return {
    rows,
    columns,
    rowOffsets: outOffsets,
    columnIndices: cols.slice(0, write),
    values: vals.slice(0, write),
  };
}

/** y = A x for a CSR matrix A. */
export function csrMultiplyVector(
  matrix: CsrMatrix,
  x: ArrayLike<number>,
  out = new Float64Array(matrix.rows),
): Float64Array {
  if (x.length !== matrix.columns) {
    throw new ClearboxError("E_SHAPE", `x must have length ${matrix.columns}, got ${x.length}.`, { argument: "x" });
  }
  const { rowOffsets, columnIndices, values } = matrix;
  for (let i = 0; i < matrix.rows; i++) {
    let sum = 0;
    for (let p = rowOffsets[i]; p < rowOffsets[i + 1]; p++) sum += values[p] * x[columnIndices[p]];
    out[i] = sum;
  }
  return out;
}

/** The transpose of a CSR matrix, itself in CSR form (columns sorted). */
export function csrTranspose(matrix: CsrMatrix): CsrMatrix {
  const { rows, columns, rowOffsets, columnIndices, values } = matrix;
  const offsets = new Int32Array(columns + 1);
  for (let p = 0; p < columnIndices.length; p++) offsets[columnIndices[p] + 1]++;
  for (let j = 0; j < columns; j++) offsets[j + 1] += offsets[j];
  const cursor = offsets.slice(0, columns);
  const cols = new Int32Array(columnIndices.length);
  const vals = new Float64Array(columnIndices.length);
  for (let i = 0; i < rows; i++) {
    for (let p = rowOffsets[i]; p < rowOffsets[i + 1]; p++) {
      const q = cursor[columnIndices[p]]++;
      cols[q] = i;
      vals[q] = values[p];
    }
  }
  return { rows: columns, columns: rows, rowOffsets: offsets, columnIndices: cols, values: vals };
}
