import { ClearboxError, assertInteger, describeValue } from "@clearbox/core";
import type { DenseMatrix } from "@clearbox/core";
import { checkNetwork } from "./network.js";
import type { Network } from "./network.js";

/** An influence matrix with the columns whose denominator was zero (those columns are all 0). */
export interface InfluenceMatrix extends DenseMatrix {
  zeroDenominators: number[];
}

/**
 * Forward influence of layer `layer`'s inputs on its outputs (thesis eq. 4-2, LRP-0):
 * `C(a_i → a_j) = w_ij a_i / Z_j` with `Z_j = Σ_h w_hj a_h` (+ b_j with `includeBias`). Rows are inputs, columns
 * outputs; every column sums to 1 unless its denominator is 0 (then it is 0 and listed). Computed in float64.
 *
 * @param activations - the forward pass's activations (activations[layer] are the layer's inputs).
 */
export function forwardInfluence(
  network: Network,
  activations: readonly ArrayLike<number>[],
  layer: number,
  options: { includeBias?: boolean } = {},
): InfluenceMatrix {
  const layers = checkNetwork(network);
  assertInteger(layer, "layer", 0, layers.length - 1);
  const { inputs, outputs, kernel, bias } = layers[layer];
  const a = activationsOf(activations, layer, inputs);
  const values = new Float64Array(inputs * outputs);
  const zero: number[] = [];
  for (let j = 0; j < outputs; j++) {
    let z = options.includeBias ? bias[j] : 0;
    for (let i = 0; i < inputs; i++) z += kernel[i * outputs + j] * a[i];
    if (z === 0) {
      zero.push(j);
      continue;
    }
    for (let i = 0; i < inputs; i++) values[i * outputs + j] = (kernel[i * outputs + j] * a[i]) / z;
  }
  return { rows: inputs, columns: outputs, values, zeroDenominators: zero };
}

/**
 * Backward influence of layer `layer`'s outputs (the upper neurons k) on its inputs (the lower neurons j), thesis
 * eq. 4-4 as fixed in ALGORITHMS.md: `C(a_k → a_j) = w_jk a_k / Y_j` with `Y_j = Σ_h w_jh a_h` over the upper
 * neurons h, a_k post-activation. Rows are upper neurons, columns lower neurons; columns sum to 1 unless Y_j = 0.
 *
 * @param activations - the forward pass's activations (activations[layer + 1] are the layer's outputs).
 */
export function backwardInfluence(
  network: Network,
  activations: readonly ArrayLike<number>[],
  layer: number,
): InfluenceMatrix {
  const layers = checkNetwork(network);
  assertInteger(layer, "layer", 0, layers.length - 1);
  const { inputs, outputs, kernel } = layers[layer];
  const a = activationsOf(activations, layer + 1, outputs);
  const values = new Float64Array(outputs * inputs);
  const zero: number[] = [];
  for (let j = 0; j < inputs; j++) {
    let y = 0;
    for (let k = 0; k < outputs; k++) y += kernel[j * outputs + k] * a[k];
    if (y === 0) {
      zero.push(j);
      continue;
    }
    for (let k = 0; k < outputs; k++) values[k * inputs + j] = (kernel[j * outputs + k] * a[k]) / y;
  }
  return { rows: outputs, columns: inputs, values, zeroDenominators: zero };
}

function activationsOf(activations: readonly ArrayLike<number>[], index: number, size: number): ArrayLike<number> {
  const a = Array.isArray(activations) ? activations[index] : undefined;
  if (a === undefined || typeof a.length !== "number" || a.length !== size) {
    throw new ClearboxError(
      "E_SHAPE",
      `activations[${index}] must hold ${size} values (from forwardPass), got ${describeValue(a)}.`,
      { argument: `activations[${index}]` },
    );
  }
  return a;
}

/**
 * Influence between groups of neurons (thesis §4.5): the sum over each source group's members, the mean over each
 * target group's members. Rows of `matrix` are sources, columns targets; a matrix whose columns sum to 1 keeps
 * that property when the source groups cover every source.
 */
export function aggregateInfluence(
  matrix: DenseMatrix,
  sourceGroups: readonly (readonly number[])[],
  targetGroups: readonly (readonly number[])[],
): DenseMatrix {
  const check = (groups: readonly (readonly number[])[], size: number, name: string) => {
    groups.forEach((group, g) => {
      if (!Array.isArray(group) || group.length === 0) {
        throw new ClearboxError("E_EMPTY", `${name}[${g}] must be a non-empty list of indices.`, {
          argument: `${name}[${g}]`,
        });
      }
      for (const i of group) {
        if (!Number.isInteger(i) || i < 0 || i >= size) {
          throw new ClearboxError("E_RANGE", `${name}[${g}] holds ${describeValue(i)}, outside [0, ${size}).`, {
            argument: `${name}[${g}]`,
          });
        }
      }
    });
  };
  check(sourceGroups, matrix.rows, "sourceGroups");
  check(targetGroups, matrix.columns, "targetGroups");
  const values = new Float64Array(sourceGroups.length * targetGroups.length);
  sourceGroups.forEach((sources, s) => {
    targetGroups.forEach((targets, t) => {
      let total = 0;
      for (const i of sources) for (const j of targets) total += matrix.values[i * matrix.columns + j];
      values[s * targetGroups.length + t] = total / targets.length;
    });
  });
  return { rows: sourceGroups.length, columns: targetGroups.length, values };
}
