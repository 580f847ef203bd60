import {
  ClearboxError,
  assertFiniteVector,
  assertInteger,
  describeValue,
  assertOptions,
  assertBoolean,
} from "@clearbox/core/internal";
import type { OptionKeys } from "@clearbox/core/internal";
import type { DenseMatrix } from "@clearbox/core";
import { forEachConnection } from "./connections.js";
import { isLinear, layersOf, sizeOf } from "./network.js";
import type { CheckedLinear } from "./kinds/linear.js";
import type { Network, PreparedNetwork } from "./network.js";

/**
 * An influence matrix. `unit` says what rows and columns are: single neurons, or a convolution's feature maps.
 * `zeroDenominators` lists the columns whose denominator was zero everywhere (those columns are all 0).
 */
export interface InfluenceMatrix extends DenseMatrix {
  unit: "neuron" | "featureMap";
  zeroDenominators: number[];
}

/** Options of {@link forwardInfluence} and {@link backwardInfluence}. */
export interface InfluenceOptions {
  /** Add the bias to the denominator Z_j (forward influence only). Default false, as eq. 4-2. */
  includeBias?: boolean;
  /**
   * For a conv2d or conv2dTranspose layer: false (default) gives influences between feature maps, true between
   * every pair of neurons (spatial positions × channels; it can be large). Dense layers are always per neuron.
   */
  spatial?: boolean;
}

/** Every option of {@link forwardInfluence}: the list unknown keys are checked against. */
const INFLUENCE_OPTIONS = { includeBias: true, spatial: true } satisfies OptionKeys<InfluenceOptions>;

/** Neuron-level matrices larger than this throw E_TOO_LARGE (2²⁵ float64 values = 256 MiB). */
const MAX_ENTRIES = 2 ** 25;

/**
 * Forward influence of layer `layer`'s inputs on its outputs (thesis eq. 4-2, LRP-0):
 * `C(a_i → a_j) = w_ij a_i / Z_j` with `Z_j = Σ_h w_hj a_h` (+ b_j with `includeBias`). Rows are inputs, columns
 * outputs; every column sums to 1 unless its denominator is 0 (then it is 0 and listed). Computed in float64.
 * For a convolution, by default between feature maps: the sum over the input map's neurons, the mean over the
 * output map's positions whose denominator is non-zero (so columns still sum to 1).
 *
 * @param network - the network (plain or from {@link prepareNetwork}).
 * @param activations - the forward pass's activations (activations[layer] are the layer's inputs).
 * @param layer - the index of a dense, conv2d or conv2dTranspose layer.
 * @param options - `includeBias` in the denominator (default false); `spatial`: a convolution's influences between single neurons rather than feature maps (default false).
 * @returns an inputs × outputs {@link InfluenceMatrix} whose columns sum to 1 (0 where the denominator is 0, listed in `zeroDenominators`).
 * @throws `E_TYPE` / `E_SHAPE` / `E_NAN` / `E_OPTION` for a network whose layers are malformed or do not chain; `E_OPTION` for a pooling or flatten layer, or an unknown option key; `E_SHAPE` for activations that do not fit.
 * @example
 * const { activations } = forwardPass(network, input);
 * forwardInfluence(network, activations, 1); // how layer 1's inputs drive its outputs
 */
export function forwardInfluence(
  network: Network | PreparedNetwork,
  activations: readonly ArrayLike<number>[],
  layer: number,
  options: InfluenceOptions = {},
): InfluenceMatrix {
  options = assertOptions(options, "options", INFLUENCE_OPTIONS);
  const includeBias =
    options.includeBias === undefined ? false : assertBoolean(options.includeBias, "options.includeBias");
  const spatial = options.spatial === undefined ? false : assertBoolean(options.spatial, "options.spatial");
  const checked = linearLayer(network, layer);
  const a = activationsOf(activations, layer, sizeOf(checked.inShape));
  const outputs = sizeOf(checked.outShape);
  const channels = checked.outShape[checked.outShape.length - 1];
  const z = new Float64Array(outputs);
  if (includeBias) for (let j = 0; j < outputs; j++) z[j] = checked.bias[j % channels];
  forEachConnection(checked, (i, j, w) => {
    z[j] += w * a[i];
  });
  return influenceMatrix(checked, spatial, "forward", z, (add) =>
    forEachConnection(checked, (i, j, w) => {
      if (z[j] !== 0) add(i, j, (w * a[i]) / z[j]);
    }),
  );
}

/**
 * Backward influence of layer `layer`'s outputs (the upper neurons k) on its inputs (the lower neurons j), thesis
 * eq. 4-4 as fixed in ALGORITHMS.md: `C(a_k → a_j) = w_jk a_k / Y_j` with `Y_j = Σ_h w_jh a_h` over the upper
 * neurons h, a_k post-activation. Rows are upper neurons, columns lower neurons; columns sum to 1 unless Y_j = 0.
 * For a convolution, by default between feature maps, as in {@link forwardInfluence}.
 *
 * @param network - the network (plain or from {@link prepareNetwork}).
 * @param activations - the forward pass's activations (activations[layer + 1] are the layer's outputs).
 * @param layer - the index of a dense, conv2d or conv2dTranspose layer.
 * @param options - `spatial`: a convolution's influences between single neurons rather than feature maps (default false).
 * @returns an outputs × inputs {@link InfluenceMatrix} whose columns sum to 1 (0 where Y_j = 0, listed in `zeroDenominators`).
 * @throws `E_TYPE` / `E_SHAPE` / `E_NAN` / `E_OPTION` for a network whose layers are malformed or do not chain; `E_OPTION` for a pooling or flatten layer, or an unknown option key; `E_SHAPE` for activations that do not fit.
 * @example
 * backwardInfluence(network, forwardPass(network, input).activations, 1);
 */
export function backwardInfluence(
  network: Network | PreparedNetwork,
  activations: readonly ArrayLike<number>[],
  layer: number,
  options: Pick<InfluenceOptions, "spatial"> = {},
): InfluenceMatrix {
  options = assertOptions(options, "options", { spatial: true });
  const spatial = options.spatial === undefined ? false : assertBoolean(options.spatial, "options.spatial");
  const checked = linearLayer(network, layer);
  const a = activationsOf(activations, layer + 1, sizeOf(checked.outShape));
  const y = new Float64Array(sizeOf(checked.inShape));
  forEachConnection(checked, (i, k, w) => {
    y[i] += w * a[k];
  });
  return influenceMatrix(checked, spatial, "backward", y, (add) =>
    forEachConnection(checked, (i, k, w) => {
      if (y[i] !== 0) add(k, i, (w * a[k]) / y[i]);
    }),
  );
}

/**
 * Collect `fill`'s (source, target, value) triples into a neuron matrix, or sum them into a feature-map matrix and
 * take each target map's mean over its positions with a non-zero denominator.
 */
function influenceMatrix(
  layer: CheckedLinear,
  spatial: boolean,
  direction: "forward" | "backward",
  denominators: Float64Array,
  fill: (add: (source: number, target: number, value: number) => void) => void,
): InfluenceMatrix {
  const [sourceShape, targetShape] =
    direction === "forward" ? [layer.inShape, layer.outShape] : [layer.outShape, layer.inShape];
  const perNeuron = layer.type === "dense" || spatial;
  const sourceChannels = sourceShape[sourceShape.length - 1];
  const targetChannels = targetShape[targetShape.length - 1];
  const rows = perNeuron ? sizeOf(sourceShape) : sourceChannels;
  const columns = perNeuron ? sizeOf(targetShape) : targetChannels;
  if (rows * columns > MAX_ENTRIES) {
    throw new ClearboxError(
      "E_TOO_LARGE",
      `layer ${layer.index}'s neuron-level influence matrix would be ${rows} × ${columns}; ask for feature maps (spatial: false).`,
      { argument: "options.spatial" },
    );
  }
  const values = new Float64Array(rows * columns);
  if (perNeuron) fill((s, t, v) => (values[s * columns + t] += v));
  else fill((s, t, v) => (values[(s % sourceChannels) * columns + (t % targetChannels)] += v));
  const defined = new Float64Array(columns);
  for (let t = 0; t < denominators.length; t++) if (denominators[t] !== 0) defined[perNeuron ? t : t % columns] += 1;
  const zeroDenominators: number[] = [];
  for (let c = 0; c < columns; c++) {
    if (defined[c] === 0) zeroDenominators.push(c);
    else if (!perNeuron) for (let r = 0; r < rows; r++) values[r * columns + c] /= defined[c];
  }
  return { rows, columns, values, unit: perNeuron ? "neuron" : "featureMap", zeroDenominators };
}

function linearLayer(network: Network | PreparedNetwork, layer: number): CheckedLinear {
  const layers = layersOf(network);
  assertInteger(layer, "layer", 0, layers.length - 1);
  const checked = layers[layer];
  if (!isLinear(checked)) {
    throw new ClearboxError(
      "E_OPTION",
      `layer ${layer} is a ${checked.type} layer: influences are defined for dense, conv2d and conv2dTranspose layers.`,
      { argument: "layer" },
    );
  }
  return checked;
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
 *
 * @param matrix - An influence matrix from {@link forwardInfluence} or {@link backwardInfluence} (or any
 *   `{ rows, columns, values }` row-major matrix of finite numbers).
 * @param sourceGroups - Groups of row indices (e.g. k-means clusters of the source layer's neurons); each non-empty.
 * @param targetGroups - Groups of column indices; each non-empty.
 * @returns A `sourceGroups.length × targetGroups.length` matrix.
 * @throws `E_TYPE` / `E_SHAPE` / `E_NAN` for a bad matrix; `E_TYPE` / `E_EMPTY` / `E_RANGE` for a bad group.
 * @example
 * const byCluster = aggregateInfluence(forwardInfluence(network, activations, 1), [[0, 1], [2]], [[0], [1, 2]]);
 */
export function aggregateInfluence(
  matrix: DenseMatrix,
  sourceGroups: readonly (readonly number[])[],
  targetGroups: readonly (readonly number[])[],
): DenseMatrix {
  checkDense(matrix, "matrix");
  const check = (groups: readonly (readonly number[])[], size: number, name: string) => {
    if (!Array.isArray(groups)) {
      throw new ClearboxError("E_TYPE", `${name} must be an array of index arrays, got ${describeValue(groups)}.`, {
        argument: name,
      });
    }
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

/** Check a `{ rows, columns, values }` matrix: whole sizes and `rows × columns` finite values. */
function checkDense(matrix: DenseMatrix, name: string): void {
  if (typeof matrix !== "object" || matrix === null) {
    throw new ClearboxError("E_TYPE", `${name} must be { rows, columns, values }, got ${describeValue(matrix)}.`, {
      argument: name,
    });
  }
  const rows = assertInteger(matrix.rows, `${name}.rows`, 0);
  const columns = assertInteger(matrix.columns, `${name}.columns`, 0);
  assertFiniteVector(matrix.values, `${name}.values`, { length: rows * columns });
}
