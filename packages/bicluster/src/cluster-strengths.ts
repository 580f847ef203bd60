import { ClearboxError, assertFiniteVector, describeValue, isMatrixLike } from "@clearbox/core/internal";
import type { MatrixLike } from "@clearbox/core";

/**
 * The weights between two layers, in any of four shapes:
 * - dense rows, `inputs × outputs` (`number[][]` or typed-array rows), or an ml-matrix `Matrix`;
 * - sparse triplets `{ rows, columns, triplets: [input, output, weight][] }` (repeated pairs add up);
 * - a convolution kernel `{ kernel }` in TensorFlow.js layout `[kh][kw][cin][cout]`: the neurons are the feature maps,
 *   and every kernel entry is one edge from input map `cin` to output map `cout`.
 */
export type LayerWeights =
  | ReadonlyArray<ArrayLike<number>>
  | MatrixLike
  | SparseWeights
  | { readonly kernel: ReadonlyArray<ReadonlyArray<ReadonlyArray<ArrayLike<number>>>> };

/** Sparse weights: `triplets[t] = [input, output, weight]`. */
export interface SparseWeights {
  readonly rows: number;
  readonly columns: number;
  readonly triplets: ReadonlyArray<readonly [number, number, number]>;
}

/**
 * The strength of one pair of clusters (thesis §3.5.1): the mean of the positive neuron-level weights between them
 * and the mean of the negative ones. A pair with no negative weight has no `neg` (not 0), and the same for `pos`.
 */
export interface ClusterStrength {
  /** Input cluster id. */
  input: number;
  /** Output cluster id. */
  output: number;
  /** Mean of the positive weights, when there is one. */
  pos?: number;
  /** Mean of the negative weights (a negative number), when there is one. */
  neg?: number;
  /** How many positive weights the pair has. */
  nPos: number;
  /** How many negative weights the pair has. */
  nNeg: number;
}

/**
 * The strengths of every pair of input and output clusters that some non-zero weight connects: per pair, the mean of
 * its positive weights and the mean of its negative weights, with their counts. Weights of exactly 0 connect nothing.
 * For a convolution kernel the same rule runs over the kernel's entries: each of the kh × kw entries between input
 * map `cin` and output map `cout` is an edge between the maps' clusters.
 *
 * @param weights - The layer's weights: dense `inputs × outputs` rows, an ml-matrix `Matrix`, sparse triplets, or
 *   `{ kernel }` in `[kh][kw][cin][cout]` layout (see {@link LayerWeights}).
 * @param inputLabels - The cluster id (an integer ≥ 0) of every input neuron (or input feature map).
 * @param outputLabels - The cluster id of every output neuron (or output feature map).
 * @returns One entry per connected cluster pair, sorted by input then output cluster.
 * @throws `E_TYPE` / `E_SHAPE` / `E_NAN` for weights that are not a finite matrix, triplets or kernel; `E_SHAPE` when a
 *   label array's length disagrees with the weights; `E_RANGE` for a label that is not an integer ≥ 0.
 * @example
 * clusterStrengths([[0.5, -0.2], [0.3, 0]], [0, 0], [0, 1]);
 * // [{ input: 0, output: 0, pos: 0.4, nPos: 2, nNeg: 0 }, { input: 0, output: 1, neg: -0.2, nPos: 0, nNeg: 1 }]
 */
export function clusterStrengths(
  weights: LayerWeights,
  inputLabels: ArrayLike<number>,
  outputLabels: ArrayLike<number>,
): ClusterStrength[] {
  const edges = readEdges(weights);
  const inputs = checkLabels(inputLabels, "inputLabels", edges.inputs);
  const outputs = checkLabels(outputLabels, "outputLabels", edges.outputs);
  const outputClusters = maxLabel(outputs) + 1;
  // Per pair key (input cluster × output clusters + output cluster): sums and counts of each sign.
  const sums = new Map<number, { pos: number; neg: number; nPos: number; nNeg: number }>();
  edges.forEach((i, j, w) => {
    if (w === 0) return;
    const key = inputs[i] * outputClusters + outputs[j];
    let pair = sums.get(key);
    if (pair === undefined) {
      pair = { pos: 0, neg: 0, nPos: 0, nNeg: 0 };
      sums.set(key, pair);
    }
    if (w > 0) {
      pair.pos += w;
      pair.nPos++;
    } else {
      pair.neg += w;
      pair.nNeg++;
    }
  });
  return [...sums.keys()]
    .sort((a, b) => a - b)
    .map((key) => {
      const pair = sums.get(key) as { pos: number; neg: number; nPos: number; nNeg: number };
      const strength: ClusterStrength = {
        input: Math.floor(key / outputClusters),
        output: key % outputClusters,
        nPos: pair.nPos,
        nNeg: pair.nNeg,
      };
      if (pair.nPos > 0) strength.pos = pair.pos / pair.nPos;
      if (pair.nNeg > 0) strength.neg = pair.neg / pair.nNeg;
      return strength;
    });
}

/** A layer's weights as a visitor over its edges, with the number of input and output neurons. */
interface EdgeList {
  inputs: number;
  outputs: number;
  forEach(visit: (input: number, output: number, weight: number) => void): void;
}

function readEdges(weights: unknown): EdgeList {
  if (isMatrixLike(weights)) {
    const { rows, columns } = weights;
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < columns; j++) finite(weights.get(i, j), `weights[${i}][${j}]`);
    }
    return {
      inputs: rows,
      outputs: columns,
      forEach: (visit) => {
        for (let i = 0; i < rows; i++) for (let j = 0; j < columns; j++) visit(i, j, weights.get(i, j));
      },
    };
  }
  if (Array.isArray(weights)) return denseEdges(weights);
  if (typeof weights === "object" && weights !== null && "kernel" in weights) {
    return kernelEdges((weights as { kernel: unknown }).kernel);
  }
  if (typeof weights === "object" && weights !== null && "triplets" in weights) {
    return sparseEdges(weights as SparseWeights);
  }
  throw new ClearboxError(
    "E_TYPE",
    `weights must be inputs × outputs rows, an ml-matrix Matrix, { rows, columns, triplets } or { kernel }, got ${describeValue(weights)}.`,
    { argument: "weights" },
  );
}

function denseEdges(rows: readonly unknown[]): EdgeList {
  const columns = rows.length === 0 ? 0 : rowOf(rows[0], "weights[0]").length;
  rows.forEach((row, i) => {
    assertFiniteVector(rowOf(row, `weights[${i}]`), `weights[${i}]`, { length: columns });
  });
  const checked = rows as ReadonlyArray<ArrayLike<number>>;
  return {
    inputs: rows.length,
    outputs: columns,
    forEach: (visit) => {
      for (let i = 0; i < checked.length; i++) for (let j = 0; j < columns; j++) visit(i, j, checked[i][j]);
    },
  };
}

function sparseEdges(sparse: SparseWeights): EdgeList {
  const rows = wholeCount(sparse.rows, "weights.rows");
  const columns = wholeCount(sparse.columns, "weights.columns");
  if (!Array.isArray(sparse.triplets)) {
    throw new ClearboxError("E_TYPE", `weights.triplets must be an array of [input, output, weight].`, {
      argument: "weights.triplets",
    });
  }
  sparse.triplets.forEach((triplet, t) => {
    const where = `weights.triplets[${t}]`;
    if (!Array.isArray(triplet) || triplet.length !== 3) {
      throw new ClearboxError("E_SHAPE", `${where} must be [input, output, weight], got ${describeValue(triplet)}.`, {
        argument: where,
      });
    }
    index(triplet[0], rows, `${where}[0]`);
    index(triplet[1], columns, `${where}[1]`);
    finite(triplet[2], `${where}[2]`);
  });
  return {
    inputs: rows,
    outputs: columns,
    forEach: (visit) => {
      for (const [i, j, w] of sparse.triplets) visit(i, j, w);
    },
  };
}

function kernelEdges(kernel: unknown): EdgeList {
  const where = "weights.kernel";
  const kh = rowOf(kernel, where);
  const kw = rowOf(kh[0], `${where}[0]`);
  const cin = rowOf(kw[0], `${where}[0][0]`);
  const cout = rowOf(cin[0], `${where}[0][0][0]`).length;
  const taps: ArrayLike<number>[][] = [];
  for (let y = 0; y < kh.length; y++) {
    const row = rowOf(kh[y], `${where}[${y}]`);
    if (row.length !== kw.length) shapeError(`${where}[${y}]`, kw.length, row.length);
    for (let x = 0; x < row.length; x++) {
      const maps = rowOf(row[x], `${where}[${y}][${x}]`);
      if (maps.length !== cin.length) shapeError(`${where}[${y}][${x}]`, cin.length, maps.length);
      const tap: ArrayLike<number>[] = [];
      for (let c = 0; c < maps.length; c++) {
        const name = `${where}[${y}][${x}][${c}]`;
        tap.push(assertFiniteVector(rowOf(maps[c], name), name, { length: cout }));
      }
      taps.push(tap);
    }
  }
  return {
    inputs: cin.length,
    outputs: cout,
    forEach: (visit) => {
      for (const tap of taps)
        for (let c = 0; c < tap.length; c++) for (let o = 0; o < cout; o++) visit(c, o, tap[c][o]);
    },
  };
}

function rowOf(value: unknown, name: string): ArrayLike<unknown> {
  if (Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView))) {
    return value as unknown as ArrayLike<unknown>;
  }
  throw new ClearboxError("E_TYPE", `${name} must be an array, got ${describeValue(value)}.`, { argument: name });
}

function shapeError(name: string, expected: number, got: number): never {
  throw new ClearboxError("E_SHAPE", `${name} must have ${expected} entries like the first, got ${got}.`, {
    argument: name,
  });
}

function finite(value: unknown, name: string): void {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new ClearboxError(
      typeof value === "number" ? "E_NAN" : "E_TYPE",
      `${name} must be a finite number, got ${describeValue(value)}.`,
      {
        argument: name,
      },
    );
  }
}

function wholeCount(value: unknown, name: string): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    throw new ClearboxError("E_RANGE", `${name} must be an integer ≥ 0, got ${describeValue(value)}.`, {
      argument: name,
    });
  }
  return value;
}

function index(value: unknown, size: number, name: string): void {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value >= size) {
    throw new ClearboxError("E_RANGE", `${name} must be an integer in [0, ${size}), got ${describeValue(value)}.`, {
      argument: name,
    });
  }
}

function checkLabels(labels: ArrayLike<number>, name: string, length: number): ArrayLike<number> {
  assertFiniteVector(labels, name);
  if (labels.length !== length) {
    throw new ClearboxError(
      "E_SHAPE",
      `${name} must hold one cluster id per ${name === "inputLabels" ? "input" : "output"} (${length}), got ${labels.length}.`,
      { argument: name },
    );
  }
  for (let i = 0; i < labels.length; i++) {
    if (!Number.isInteger(labels[i]) || labels[i] < 0) {
      throw new ClearboxError("E_RANGE", `${name}[${i}] must be a cluster id (an integer ≥ 0), got ${labels[i]}.`, {
        argument: `${name}[${i}]`,
      });
    }
  }
  return labels;
}

function maxLabel(labels: ArrayLike<number>): number {
  let max = -1;
  for (let i = 0; i < labels.length; i++) max = Math.max(max, labels[i]);
  return max;
}
