import { ClearboxError, assertFiniteVector, assertInteger, toDenseMatrix } from "@clearbox/core/internal";
import type { MatrixInput } from "@clearbox/core";

/**
 * Per-class mean activation vectors of neurons (thesis eq. 3-1): `a_n(c) = mean over samples s of class c of
 * a_n(s)`. Each neuron's vector `[a_n(c_0), …, a_n(c_{m−1})]` is what neurons are clustered on.
 *
 * @param activations - samples × neurons (row s holds every neuron's activation for sample s).
 * @param labels - class of every sample, integers in [0, classCount).
 * @param classCount - number of classes m.
 * @returns neurons × classes: row n is neuron n's vector. Throws `E_EMPTY` naming a class with no sample.
 * @throws `E_TYPE` / `E_SHAPE` / `E_NAN` / `E_EMPTY` for data that is not a finite, non-empty matrix; `E_SHAPE` / `E_RANGE` for labels of the wrong length or outside [0, classCount); `E_EMPTY` for a class with no sample.
 * @example
 * classMeanVectors([[1, 0], [3, 0], [0, 2]], [0, 0, 1], 2); // [[2, 0], [0, 2]]: neuron 0 fires for class 0
 */
export function classMeanVectors(activations: MatrixInput, labels: ArrayLike<number>, classCount: number): number[][] {
  const matrix = toDenseMatrix(activations, "activations");
  assertInteger(classCount, "classCount", 1);
  assertFiniteVector(labels, "labels", { length: matrix.rows });
  const { rows: samples, columns: neurons, values } = matrix;
  const sums = new Float64Array(neurons * classCount);
  const counts = new Float64Array(classCount);
  for (let s = 0; s < samples; s++) {
    const c = labels[s];
    if (!Number.isInteger(c) || c < 0 || c >= classCount) {
      throw new ClearboxError("E_RANGE", `labels[${s}] must be an integer in [0, ${classCount}), got ${c}.`, {
        argument: `labels[${s}]`,
      });
    }
    counts[c]++;
    for (let j = 0; j < neurons; j++) sums[j * classCount + c] += values[s * neurons + j];
  }
  for (let c = 0; c < classCount; c++) {
    if (counts[c] === 0) {
      throw new ClearboxError("E_EMPTY", `Class ${c} has no sample in labels, so its mean is undefined.`, {
        argument: "labels",
      });
    }
  }
  const out: number[][] = [];
  for (let j = 0; j < neurons; j++) {
    const row = new Array<number>(classCount);
    for (let c = 0; c < classCount; c++) row[c] = sums[j * classCount + c] / counts[c];
    out.push(row);
  }
  return out;
}
