import {
  ClearboxError,
  assertBoolean,
  assertFiniteNumber,
  assertFiniteVector,
  assertInteger,
  assertOptions,
  describeValue,
} from "@clearbox/core/internal";
import type { OptionKeys } from "@clearbox/core/internal";
import { edgeRows } from "./edge-list.js";
import type { EdgeArrays } from "./edge-list.js";

/** A graph of several element types, as `createModel` takes it. */
export interface ModelInput {
  /** The element types, e.g. `["post", "user", "hashtag"]`. */
  types: readonly string[];
  /** The type (an index into `types`) of every node. */
  nodeType: ArrayLike<number>;
  /**
   * Edges `[from, to, weight]` (weight ≥ 0: the similarity of the two; repeated edges add up), or the same as
   * parallel arrays `{ from, to, weight }` (typed arrays keep a graph of millions of edges compact).
   */
  edges: ReadonlyArray<readonly [number, number, number]> | EdgeArrays;
}

/** Options of {@link createModel}. */
export interface ModelOptions {
  /** α: type × type balance, `alpha[s][t]` = the share of a walk's moves from a type-s node to type-t nodes; rows sum to 1. Default: equal shares. */
  alpha?: readonly (readonly number[])[];
  /** W: every node's prior importance (≥ 0, not all 0; normalised). Default: uniform. */
  prior?: ArrayLike<number>;
  /** d, the probability that a walk goes on: in (0, 1). Default 0.85. */
  damping?: number;
  /** Read each edge both ways (default true); `false` reads edges as directed from → to. */
  symmetric?: boolean;
}

const MODEL_OPTIONS = { alpha: true, prior: true, damping: true, symmetric: true } satisfies OptionKeys<ModelOptions>;

/**
 * A mutual-reinforcement model (thesis eq. 5-1/5-2) on CSR typed arrays: `R = d Mᵀ R + (1 − d) W`, with the
 * transition probabilities `m_ij` stored row by row (row i: where a walk at i goes next).
 */
export interface Model {
  readonly types: readonly string[];
  readonly nodeType: Int32Array;
  readonly size: number;
  readonly damping: number;
  /** The normalised prior W. */
  readonly prior: Float64Array;
  /** The balance α as given (or equal shares). */
  readonly alpha: Float64Array;
  /** The similarity of each stored edge (CSR, same layout as the transitions). */
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
  readonly similarity: Float64Array;
  /** m_ij for the stored edges; a row with no edge is dangling (its walk jumps by W). */
  readonly transition: Float64Array;
  /** Running sums of `transition` per row, for sampling a step. */
  readonly cumulative: Float64Array;
}

/**
 * Build the model from a typed graph. The transition from node i (type s) to node j (type t) is
 * `m_ij = α[s][t] · sim(i, j) · w_j / Σ_{j' of type t} sim(i, j') · w_j'` — proportional to the edge's similarity and
 * the target's prior (so a spam account cannot make itself important: its importance comes from its targets'
 * priors), normalised within each target type and balanced by α. A type with no edge from i gives its share to the
 * types that have one (α renormalised over them); a node with no out-edge at all (or whose targets all have prior 0)
 * is dangling: its walk jumps by W.
 *
 * @param input - `{ types, nodeType, edges }` (e.g. from {@link fromTweets}).
 * @param options - `alpha`, `prior`, `damping`, `symmetric`.
 * @returns The model.
 * @throws `E_RANGE` for a node id or type out of range, a negative weight or prior, or damping outside (0, 1);
 *   `E_NAN` for a weight, prior or α that is not finite; `E_SHAPE` for α not types × types or a prior of the wrong
 *   length; `E_RANGE` for α rows not summing to 1 or priors summing to 0; `E_OPTION` for an unknown option key.
 * @example
 * const model = createModel(
 *   { types: ["page"], nodeType: [0, 0, 0], edges: [[0, 1, 1], [1, 2, 1], [2, 0, 1]] },
 *   { symmetric: false },
 * );
 */
export function createModel(input: ModelInput, options: ModelOptions = {}): Model {
  options = assertOptions(options, "options", MODEL_OPTIONS);
  if (typeof input !== "object" || input === null) {
    throw new ClearboxError("E_TYPE", `input must be { types, nodeType, edges }, got ${describeValue(input)}.`, {
      argument: "input",
    });
  }
  if (!Array.isArray(input.types) || input.types.length === 0) {
    throw new ClearboxError("E_EMPTY", `input.types must name at least one element type.`, { argument: "input.types" });
  }
  const typeCount = input.types.length;
  const nodeType = Int32Array.from(assertFiniteVector(input.nodeType, "input.nodeType", { nonEmpty: true }), (t, i) =>
    assertInteger(t, `input.nodeType[${i}]`, 0, typeCount - 1),
  );
  const size = nodeType.length;
  const damping = options.damping === undefined ? 0.85 : assertFiniteNumber(options.damping, "options.damping");
  if (!(damping > 0 && damping < 1)) {
    throw new ClearboxError("E_RANGE", `options.damping must be in (0, 1), got ${damping}.`, {
      argument: "options.damping",
    });
  }
  const symmetric = options.symmetric === undefined ? true : assertBoolean(options.symmetric, "options.symmetric");
  const alpha = readAlpha(options.alpha, typeCount);
  const prior = readPrior(options.prior, size, "options.prior");
  const { offsets, targets, similarity } = edgeRows(input.edges, size, symmetric);
  const shape = { types: input.types, nodeType, size, damping, alpha, offsets, targets, similarity };
  return withPrior(shape, prior);
}

/** The model's transitions under `prior` (they weigh each target by its prior). */
function withPrior(
  shape: Pick<Model, "types" | "nodeType" | "size" | "damping" | "alpha" | "offsets" | "targets" | "similarity">,
  prior: Float64Array,
): Model {
  const transition = new Float64Array(shape.targets.length);
  const cumulative = new Float64Array(shape.targets.length);
  const blockSum = new Float64Array(shape.types.length);
  for (let i = 0; i < shape.size; i++) fillRow(shape, prior, i, transition, cumulative, blockSum);
  return { ...shape, prior, transition, cumulative };
}

/** Row i of the transitions (and their running sums) under `prior`, written into the given arrays. */
export function fillRow(
  shape: Pick<Model, "types" | "nodeType" | "alpha" | "offsets" | "targets" | "similarity">,
  prior: Float64Array,
  i: number,
  transition: Float64Array,
  cumulative: Float64Array,
  blockSum: Float64Array = new Float64Array(shape.types.length),
): void {
  const { offsets, targets, similarity, nodeType, alpha } = shape;
  const typeCount = shape.types.length;
  blockSum.fill(0);
  for (let p = offsets[i]; p < offsets[i + 1]; p++) blockSum[nodeType[targets[p]]] += similarity[p] * prior[targets[p]];
  // α renormalised over the target types this node reaches.
  const s = nodeType[i];
  let share = 0;
  for (let t = 0; t < typeCount; t++) if (blockSum[t] > 0) share += alpha[s * typeCount + t];
  let running = 0;
  for (let p = offsets[i]; p < offsets[i + 1]; p++) {
    const t = nodeType[targets[p]];
    const m =
      share > 0 && blockSum[t] > 0
        ? (alpha[s * typeCount + t] / share) * ((similarity[p] * prior[targets[p]]) / blockSum[t])
        : 0;
    transition[p] = m;
    running += m;
    cumulative[p] = running;
  }
}

function readAlpha(value: unknown, types: number): Float64Array {
  if (value === undefined) {
    // Equal shares over every type.
    return new Float64Array(types * types).fill(1 / types);
  }
  if (!Array.isArray(value) || value.length !== types) {
    throw new ClearboxError(
      "E_SHAPE",
      `options.alpha must be ${types} × ${types} (types × types), got ${describeValue(value)}.`,
      {
        argument: "options.alpha",
      },
    );
  }
  const alpha = new Float64Array(types * types);
  value.forEach((row: unknown, s) => {
    const checked = assertFiniteVector(row, `options.alpha[${s}]`, { length: types });
    let sum = 0;
    for (let t = 0; t < types; t++) {
      if (checked[t] < 0) {
        throw new ClearboxError("E_RANGE", `options.alpha[${s}][${t}] must be ≥ 0, got ${checked[t]}.`, {
          argument: `options.alpha[${s}][${t}]`,
        });
      }
      alpha[s * types + t] = checked[t];
      sum += checked[t];
    }
    if (Math.abs(sum - 1) > 1e-9) {
      throw new ClearboxError("E_RANGE", `options.alpha[${s}] must sum to 1, got ${sum}.`, {
        argument: `options.alpha[${s}]`,
      });
    }
  });
  return alpha;
}

/** A prior vector checked (finite, ≥ 0, not all 0) and normalised to sum 1; uniform when absent. */
function readPrior(value: unknown, size: number, name: string): Float64Array {
  if (value === undefined) return new Float64Array(size).fill(1 / size);
  const raw = assertFiniteVector(value, name, { length: size });
  let sum = 0;
  for (let i = 0; i < size; i++) {
    if (raw[i] < 0)
      throw new ClearboxError("E_RANGE", `${name}[${i}] must be ≥ 0, got ${raw[i]}.`, { argument: `${name}[${i}]` });
    sum += raw[i];
  }
  if (!(sum > 0)) throw new ClearboxError("E_RANGE", `${name} must not sum to 0.`, { argument: name });
  return Float64Array.from(raw, (v) => v / sum);
}

/** Whether row i is dangling (no transition with positive probability). */
export function isDangling(model: Model, i: number): boolean {
  return model.offsets[i + 1] === model.offsets[i] || model.cumulative[model.offsets[i + 1] - 1] <= 0;
}
