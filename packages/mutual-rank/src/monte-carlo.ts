import {
  ClearboxError,
  LONG_RUNNING_KEYS,
  assertFiniteNumber,
  assertFiniteVector,
  assertInteger,
  assertOptions,
  createProgress,
  createRandom,
  describeValue,
} from "@clearbox/core/internal";
import type { LongRunningOptions, OptionKeys, Random } from "@clearbox/core/internal";
import { fillRow, isDangling } from "./model.js";
import type { Model } from "./model.js";
import { checkModel } from "./solve-exact.js";

/** Options of {@link createMonteCarloRanker}. */
export interface MonteCarloOptions extends LongRunningOptions {
  /** R: walks started from every node. Default 10. */
  walksPerNode?: number;
  /** Seed of the walks. Default 0. */
  seed?: number;
}

const MONTE_CARLO_OPTIONS = {
  walksPerNode: true,
  seed: true,
  ...LONG_RUNNING_KEYS,
} satisfies OptionKeys<MonteCarloOptions>;

/** Options of {@link MonteCarloRanker.propagation}. */
export interface PropagationOptions {
  /** The largest flows kept per source. Default 10. */
  topK?: number;
}

const PROPAGATION_OPTIONS = { topK: true } satisfies OptionKeys<PropagationOptions>;

/** One flow of uncertainty from a source node to a neighbour (eq. 5-8/5-9). */
export interface UncertaintyFlow {
  from: number;
  to: number;
  /** u_{i→j} = m*_ij u_i. */
  flow: number;
}

/** What an incremental prior update did. */
export interface PriorUpdate {
  /** Walks whose importance weight changed (they passed through a row of M that the edit changed, or jumped by W). */
  affectedWalks: number;
  /** The smallest effective sample size, as a share of R, over the start nodes of the affected walks (1: no loss). */
  effectiveSampleSize: number;
  /** Walks sampled again because their start node's weights had degenerated (effective sample size below R / 2). */
  resampledWalks: number;
}

/** A Monte Carlo solution of a model, with uncertainty and incremental updates. */
export interface MonteCarloRanker {
  /** The current model (its prior follows `setPriors`). */
  readonly model: Model;
  /** Every node's estimated score r_j (eq. 5-4); they sum to 1 up to the sampling error. */
  scores(): Float64Array;
  /** v_j (eq. 5-5), with var(ẑ_ij) the sample variance of the R walks' visits to j from i, over R (one pass over the walks, kept until the next edit). */
  variance(): Float64Array;
  /** u_j = v_j / r_j, the variance-to-mean ratio (eq. 5-6); 0 where r_j = 0. */
  uncertainty(): Float64Array;
  /** Per cluster c: u_c = Σ_{j∈c} v_j / Σ_{j∈c} r_j (eq. 5-7), for labels 0 … C − 1. */
  clusterUncertainty(labels: ArrayLike<number>): Float64Array;
  /** The uncertainty each source sends to its out-neighbours (eq. 5-8/5-9), the largest `topK` per source. */
  propagation(sources: ArrayLike<number>, options?: PropagationOptions): UncertaintyFlow[];
  /** Change the priors of some nodes (same scale as `model.prior`) and update every result by reweighting walks. */
  setPriors(updates: ReadonlyMap<number, number>): PriorUpdate;
  /** Walks stored and the bytes their arrays take. */
  readonly storage: { walks: number; steps: number; bytes: number };
}

/**
 * Solve a model by Monte Carlo random walks (Avrachenkov et al. 2007; thesis eq. 5-3/5-4): R walks from every node,
 * each going on with probability d by M (a dangling node's walk jumps by W) and stopping otherwise. A node's score is
 * `(1 − d) Σ_i w_i ẑ_ij`, ẑ_ij the mean number of visits to j of the walks from i. The walks are kept — one node array
 * with offsets, and an index node → walks — so that its uncertainty (eq. 5-5 to 5-7), the propagation of uncertainty
 * (eq. 5-8/5-9) and, when priors change, the new scores follow without walking again: each affected walk's weight is
 * multiplied by P′(path) / P(path), and only the walks of a start node whose weights degenerate are sampled anew.
 *
 * @param model - From {@link createModel}.
 * @param options - `walksPerNode` R (default 10), `seed`, `signal`, `onProgress`.
 * @returns The ranker: scores, variance, uncertainty, cluster uncertainty, propagation, setPriors, storage.
 * @throws `E_TYPE` for a model not made by createModel; `E_RANGE` for R < 1; `E_OPTION` for an unknown option key;
 *   `E_ABORTED`. `setPriors` throws `E_RANGE` / `E_NAN` for a node out of range or a weight that is negative or not
 *   finite, and `E_RANGE` when the priors would sum to 0.
 * @example
 * const ranker = createMonteCarloRanker(model, { walksPerNode: 10, seed: 1 });
 * ranker.uncertainty(); // largest where scores are nearly tied
 * ranker.setPriors(new Map([[hashtag, 3 * model.prior[hashtag]]])); // { affectedWalks, … }, scores updated
 */
export function createMonteCarloRanker(model: Model, options: MonteCarloOptions = {}): MonteCarloRanker {
  options = assertOptions(options, "options", MONTE_CARLO_OPTIONS);
  checkModel(model);
  const R = options.walksPerNode === undefined ? 10 : assertInteger(options.walksPerNode, "options.walksPerNode", 1);
  const seed = options.seed === undefined ? 0 : assertFiniteNumber(options.seed, "options.seed");
  const progress = createProgress(options, "Monte Carlo ranking");
  const random = createRandom(seed);
  const { size, damping } = model;
  // The ranker's own transitions: setPriors rewrites rows in place, and the caller's model stays as it was.
  let current: Model = { ...model, transition: model.transition.slice(), cumulative: model.cumulative.slice() };
  let jump = aliasTable(current.prior);
  // The jump table follows the prior lazily: rebuilt when a walk next needs it.
  let jumpStale = false;

  // Walk storage: walk k (start node = k / R) occupies steps[start[k] … start[k] + length[k]).
  const walks = size * R;
  let steps = new Int32Array(Math.max(16, Math.ceil((walks / (1 - damping)) * 1.1)));
  let used = 0;
  const start = new Int32Array(walks);
  const length = new Int32Array(walks);
  const omega = new Float64Array(walks).fill(1);
  const append = (node: number) => {
    if (used === steps.length) {
      const bigger = new Int32Array(steps.length * 2);
      bigger.set(steps);
      steps = bigger;
    }
    steps[used++] = node;
  };
  const jumpFrom = () => {
    if (jumpStale) {
      jump = aliasTable(current.prior);
      jumpStale = false;
    }
    return jump.sample(random);
  };
  const walkFrom = (k: number, node: number) => {
    start[k] = used;
    append(node);
    let at = node;
    while (random.next() < damping) {
      at = isDangling(current, at) ? jumpFrom() : stepFrom(current, at, random);
      append(at);
    }
    length[k] = used - start[k];
  };
  for (let i = 0; i < size; i++) {
    for (let r = 0; r < R; r++) walkFrom(i * R + r, i);
    if ((i & 1023) === 0) progress.report(i / size);
  }
  // Node → walks through it (each walk once per node); walks sampled again later are added to `extra`.
  const index = walkIndex(steps, start, length, size);
  const extra = new Map<number, number[]>();
  const reverse = inNeighbours(current);

  // The accumulator on an unnormalised prior ŵ (so that an edit touches only its own walks): with Z = Σ ŵ,
  // A_j = Σ_k ŵ_{s_k} ω_k c_kj gives r_j = (1 − d) A_j / (R Z) (c_kj: visits of walk k to j).
  const raw = Float64Array.from(current.prior);
  let Z = 1;
  const A = new Float64Array(size);
  /** Add a to the accumulator at every step of walk k. */
  const spread = (k: number, a: number) => {
    for (let s = start[k]; s < start[k] + length[k]; s++) A[steps[s]] += a;
  };
  const accumulate = (k: number, sign: number) => spread(k, sign * raw[Math.floor(k / R)] * omega[k]);
  // The variance needs every start node's walks together (a sample variance per start and target): computed when
  // asked, kept until the next edit.
  let varianceCache: Float64Array | null = null;
  for (let k = 0; k < walks; k++) accumulate(k, 1);
  progress.done();
  // Scratch for setPriors, cleared after each use: marks per walk, per row and per start node; the walks touched
  // (affected ones first); each touched walk's coefficient before the edit; the old transitions of rewritten rows.
  const mark = new Uint8Array(walks);
  const touched = new Int32Array(walks);
  const before = new Float64Array(walks);
  const coefficientA = new Float64Array(walks);
  const changedRow = new Uint8Array(size);
  const wasDangling = new Uint8Array(size);
  const startMark = new Uint8Array(size);
  const startList = new Int32Array(size);
  const previous = new Float64Array(current.transition.length);
  // Per changed row and target type: m′_ab / m_ab, the same for every target b of that type that was not edited
  // (m_ab = scale(a, type) · similarity_ab · w_b), so most steps need no search for their edge.
  const typeCount = current.types.length;
  const blockRatio = new Float64Array(size * typeCount);
  const editedNode = new Uint8Array(size);
  const blockSum = new Float64Array(typeCount);
  const dangling = new Set<number>();
  for (let i = 0; i < size; i++) if (isDangling(current, i)) dangling.add(i);

  const scores = () => Float64Array.from(A, (a) => ((1 - damping) * a) / (R * Z));
  const variance = () => {
    varianceCache ??= walkVariance({ steps, start, length }, omega, current.prior, R, 1 - damping);
    return varianceCache.slice();
  };
  const uncertainty = () => {
    const r = scores();
    const v = variance();
    return Float64Array.from(r, (x, j) => (x > 0 ? v[j] / x : 0));
  };

  return {
    get model() {
      return current;
    },
    scores,
    variance,
    uncertainty,
    clusterUncertainty(labels) {
      const checked = assertFiniteVector(labels, "labels", { length: size });
      let clusters = 0;
      for (let j = 0; j < size; j++) clusters = Math.max(clusters, assertInteger(checked[j], `labels[${j}]`, 0) + 1);
      const r = scores();
      const v = variance();
      const rc = new Float64Array(clusters);
      const vc = new Float64Array(clusters);
      for (let j = 0; j < size; j++) {
        rc[checked[j]] += r[j];
        vc[checked[j]] += v[j];
      }
      return Float64Array.from(rc, (x, c) => (x > 0 ? vc[c] / x : 0));
    },
    propagation(sources, propagationOptions = {}) {
      propagationOptions = assertOptions(propagationOptions, "options", PROPAGATION_OPTIONS);
      const checked = assertFiniteVector(sources, "sources");
      const topK =
        propagationOptions.topK === undefined ? 10 : assertInteger(propagationOptions.topK, "options.topK", 1);
      const r = scores();
      const u = uncertainty();
      const flows: UncertaintyFlow[] = [];
      const { offsets, targets, transition } = current;
      for (let s = 0; s < checked.length; s++) {
        const i = assertInteger(checked[s], `sources[${s}]`, 0, size - 1);
        const own: UncertaintyFlow[] = [];
        for (let p = offsets[i]; p < offsets[i + 1]; p++) {
          const j = targets[p];
          if (j === i || r[j] <= 0) continue;
          const mjj = selfLoop(current, j);
          const star = (damping ** 2 * transition[p] ** 2 * r[i]) / ((1 - damping ** 2 * mjj ** 2) * r[j]);
          own.push({ from: i, to: j, flow: star * u[i] });
        }
        own.sort((a, b) => b.flow - a.flow || a.to - b.to);
        // A loop, not push(...): a hub's flows can outnumber the call stack's argument limit.
        for (let f = 0; f < Math.min(topK, own.length); f++) flows.push(own[f]);
      }
      return flows;
    },
    setPriors(updates) {
      if (!(updates instanceof Map)) {
        throw new ClearboxError(
          "E_TYPE",
          `updates must be a Map from node to prior weight, got ${describeValue(updates)}.`,
          {
            argument: "updates",
          },
        );
      }
      // The edits on the scale of model.prior, i.e. ŵ / Z.
      const edited = new Map<number, number>();
      for (const [node, weight] of updates) {
        const i = assertInteger(node, "updates (a node id)", 0, size - 1);
        const w = assertFiniteNumber(weight, `updates.get(${i})`);
        if (w < 0)
          throw new ClearboxError("E_RANGE", `updates.get(${i}) must be ≥ 0, got ${w}.`, {
            argument: `updates.get(${i})`,
          });
        edited.set(i, w * Z);
      }
      let nextZ = Z;
      for (const [i, w] of edited) nextZ += w - raw[i];
      if (!(nextZ > 0)) throw new ClearboxError("E_RANGE", `The priors would sum to 0.`, { argument: "updates" });
      if (!Number.isFinite(nextZ)) {
        throw new ClearboxError("E_RANGE", `The priors would sum beyond the floating-point range (> 1.8e308).`, {
          argument: "updates",
        });
      }
      const oldRaw = new Map([...edited.keys()].map((i) => [i, raw[i]]));
      for (const [i, w] of edited) raw[i] = w;
      Z = nextZ;
      const prior = new Float64Array(size);
      for (let i = 0; i < size; i++) prior[i] = raw[i] / Z;
      // Rows of M that change: the in-neighbours of the edited nodes (their blocks renormalise), rewritten in place
      // after their old values are saved for the likelihood ratios; and the dangling rows, whose jumps follow W.
      const rows: number[] = [];
      const flag = (i: number) => {
        if (changedRow[i] === 0) {
          changedRow[i] = 1;
          rows.push(i);
        }
      };
      for (const node of edited.keys()) {
        for (let p = reverse.offsets[node]; p < reverse.offsets[node + 1]; p++) flag(reverse.sources[p]);
      }
      for (const i of dangling) {
        wasDangling[i] = 1;
        flag(i);
      }
      for (const i of edited.keys()) editedNode[i] = 1;
      copyRows(rows, current.offsets, current.transition, previous);
      const oldPrior = current.prior;
      current = { ...current, prior };
      rewriteRows(current, rows, { previous, blockSum, blockRatio, editedNode, wasDangling, dangling });
      jumpStale = true;
      // The walks that leave a changed row: affected. They are marked, then listed in storage order (a scan of the
      // marks), so that the passes over their steps read memory in order.
      for (const i of rows) for (const k of extra.get(i) ?? []) mark[k] = 1;
      const affected = markAndList(rows, index, mark, touched);
      let count = affected;
      // Then the walks from edited nodes (their start weight changed).
      for (const i of edited.keys()) {
        for (let r = 0; r < R; r++) {
          if (mark[i * R + r] === 0) {
            mark[i * R + r] = 2;
            touched[count++] = i * R + r;
          }
        }
      }
      const startWeightBefore = (i: number) => oldRaw.get(i) ?? raw[i];
      // Each touched walk's coefficient before the edit; after it, only the difference is spread over its steps.
      scaleByStart(touched, count, R, raw, omega, before);
      for (const [i, w] of oldRaw) for (let k = i * R; k < (i + 1) * R; k++) before[k] = w * omega[k];
      const store = { steps, start, length };
      reweighWalks(touched, affected, store, omega, {
        changedRow,
        slowRow: wasDangling,
        editedNode,
        blockRatio,
        typeCount,
        nodeType: current.nodeType,
        slow(a, b) {
          const jumpsNow = isDangling(current, a);
          const p = wasDangling[a] === 1 && jumpsNow ? -1 : position(current, a, b);
          const old = wasDangling[a] === 1 ? oldPrior[b] : p < 0 ? 0 : previous[p];
          const now = jumpsNow ? prior[b] : p < 0 ? 0 : current.transition[p];
          return old > 0 ? now / old : 0;
        },
      });
      const { worst, degenerate } = degenerateStarts(touched, affected, R, omega, startMark, startList);
      // Degenerate weights: the walks of those start nodes are sampled again under the new model.
      for (let t = 0; t < degenerate; t++) {
        const i = startList[t];
        for (let r = 0; r < R; r++) {
          const k = i * R + r;
          // Out with the old walk (at its old weight), in with the new one.
          const oldWeight = startWeightBefore(i);
          const oldCoefficient = mark[k] === 0 ? oldWeight * omega[k] : before[k];
          spread(k, -oldCoefficient);
          if (mark[k] === 0) touched[count++] = k;
          mark[k] = 3;
          walkFrom(k, i);
          omega[k] = 1;
          accumulate(k, 1);
          for (let s = start[k]; s < start[k] + length[k]; s++) {
            const list = extra.get(steps[s]);
            if (list === undefined) extra.set(steps[s], [k]);
            else if (list[list.length - 1] !== k) list.push(k);
          }
        }
      }
      const resampled = degenerate * R;
      differences(touched, count, R, raw, omega, before, mark, coefficientA);
      mark.fill(0);
      spreadAll(touched, count, { steps, start, length }, coefficientA, A);
      varianceCache = null;
      for (const i of rows) {
        changedRow[i] = 0;
        wasDangling[i] = 0;
        blockRatio.fill(0, i * typeCount, (i + 1) * typeCount);
      }
      for (const i of edited.keys()) editedNode[i] = 0;
      // Back to Z = 1, so that the next edit's weights (on the scale of model.prior) stay far from overflow.
      for (let i = 0; i < size; i++) {
        raw[i] /= Z;
        A[i] /= Z;
      }
      Z = 1;
      return { affectedWalks: affected, effectiveSampleSize: worst, resampledWalks: resampled };
    },
    get storage() {
      return {
        walks,
        steps: used,
        bytes:
          steps.byteLength +
          start.byteLength +
          length.byteLength +
          omega.byteLength +
          index.offsets.byteLength +
          index.walks.byteLength,
      };
    },
  };
}

/** Copy the listed rows of a CSR value array. */
function copyRows(rows: number[], offsets: Int32Array, from: Float64Array, to: Float64Array) {
  for (const i of rows) for (let p = offsets[i]; p < offsets[i + 1]; p++) to[p] = from[p];
}

/** Rewrite the listed rows of M under the model's prior; note which jump by W and each (row, type)'s ratio m′/m. */
function rewriteRows(
  model: Model,
  rows: number[],
  scratch: {
    previous: Float64Array;
    blockSum: Float64Array;
    blockRatio: Float64Array;
    editedNode: Uint8Array;
    wasDangling: Uint8Array;
    dangling: Set<number>;
  },
) {
  const { previous, blockSum, blockRatio, editedNode, wasDangling, dangling } = scratch;
  const { offsets, targets, nodeType, transition, cumulative, prior } = model;
  const typeCount = model.types.length;
  for (const i of rows) {
    fillRow(model, prior, i, transition, cumulative, blockSum);
    if (isDangling(model, i)) {
      dangling.add(i);
      // A row that jumps by W before or after the edit: its steps take the slow path.
      wasDangling[i] = 1;
    } else dangling.delete(i);
    for (let p = offsets[i]; p < offsets[i + 1]; p++) {
      const b = targets[p];
      const cell = i * typeCount + nodeType[b];
      if (editedNode[b] === 0 && previous[p] > 0 && blockRatio[cell] === 0)
        blockRatio[cell] = transition[p] / previous[p];
    }
  }
}

/** Mark the walks through the listed rows (besides those already marked) and list every marked walk in order. */
function markAndList(
  rows: number[],
  index: { offsets: Int32Array; walks: Int32Array },
  mark: Uint8Array,
  list: Int32Array,
): number {
  for (const i of rows) for (let p = index.offsets[i]; p < index.offsets[i + 1]; p++) mark[index.walks[p]] = 1;
  let count = 0;
  for (let k = 0; k < mark.length; k++) if (mark[k] === 1) list[count++] = k;
  return count;
}

/** out[k] = weight[start of k] · omega[k] for the listed walks. */
function scaleByStart(
  list: Int32Array,
  count: number,
  R: number,
  weight: Float64Array,
  omega: Float64Array,
  out: Float64Array,
) {
  for (let t = 0; t < count; t++) out[list[t]] = weight[Math.floor(list[t] / R)] * omega[list[t]];
}

/**
 * The start nodes of the listed walks whose weights degenerated (effective sample size below R / 2), written to
 * `out`; and the smallest effective sample size, as a share of R.
 */
function degenerateStarts(
  list: Int32Array,
  count: number,
  R: number,
  omega: Float64Array,
  seen: Uint8Array,
  out: Int32Array,
): { worst: number; degenerate: number } {
  let worst = 1;
  let degenerate = 0;
  const visited: number[] = [];
  for (let t = 0; t < count; t++) {
    const i = Math.floor(list[t] / R);
    if (seen[i] === 1) continue;
    seen[i] = 1;
    visited.push(i);
    let sum = 0;
    let squares = 0;
    for (let r = 0; r < R; r++) {
      sum += omega[i * R + r];
      squares += omega[i * R + r] ** 2;
    }
    const ess = squares > 0 ? (sum * sum) / squares / R : 0;
    worst = Math.min(worst, ess);
    if (ess < 0.5) out[degenerate++] = i;
  }
  for (const i of visited) seen[i] = 0;
  return { worst, degenerate };
}

/**
 * The change of each listed walk k's coefficients, written to a[k] and b[k], ŵ ω − before and ŵ² ω − ŵ · before (0 for resampled walks, mark 3,
 * whose change was spread already).
 */
function differences(
  list: Int32Array,
  count: number,
  R: number,
  weight: Float64Array,
  omega: Float64Array,
  before: Float64Array,
  mark: Uint8Array,
  a: Float64Array,
) {
  for (let t = 0; t < count; t++) {
    const k = list[t];
    a[k] = mark[k] === 3 ? 0 : weight[Math.floor(k / R)] * omega[k] - before[k];
  }
}

/** The stored walks: walk k's nodes are steps[start[k] … start[k] + length[k]). */
interface WalkStore {
  steps: Int32Array;
  start: Int32Array;
  length: Int32Array;
}

/** How one step a → b's probability changed: by row and target type, or by `slow` for the rest. */
interface StepRatios {
  changedRow: Uint8Array;
  /** Rows that jump by W before or after the change. */
  slowRow: Uint8Array;
  editedNode: Uint8Array;
  /** m′_ab / m_ab per (row, type of b) for targets b that were not edited. */
  blockRatio: Float64Array;
  typeCount: number;
  nodeType: Int32Array;
  slow(a: number, b: number): number;
}

/** Multiply the weight of each listed walk by P′(path) / P(path), the product over its steps of m′_ab / m_ab. */
function reweighWalks(list: Int32Array, count: number, walks: WalkStore, omega: Float64Array, ratios: StepRatios) {
  const { steps, start, length } = walks;
  const { changedRow, slowRow, editedNode, blockRatio, typeCount, nodeType } = ratios;
  for (let t = 0; t < count; t++) {
    const k = list[t];
    let ratio = 1;
    const last = start[k] + length[k] - 1;
    for (let s = start[k]; s < last; s++) {
      const a = steps[s];
      if (changedRow[a] === 0) continue;
      const b = steps[s + 1];
      ratio *= slowRow[a] === 0 && editedNode[b] === 0 ? blockRatio[a * typeCount + nodeType[b]] : ratios.slow(a, b);
    }
    omega[k] *= ratio;
  }
}

/** Add walk k's coefficient a[k] to the accumulator at each of its steps, for the listed walks k. */
function spreadAll(list: Int32Array, count: number, walks: WalkStore, a: Float64Array, A: Float64Array) {
  const { steps, start, length } = walks;
  for (let t = 0; t < count; t++) {
    const k = list[t];
    if (a[k] === 0) continue;
    const end = start[k] + length[k];
    for (let s = start[k]; s < end; s++) A[steps[s]] += a[k];
  }
}

/**
 * v_j = c² Σ_i w_i² Var(ẑ_ij), c = 1 − d and w the normalised prior (not ŵ: its squares can overflow), with Var(ẑ_ij) = s²_ij / R and s²_ij the sample variance, over the R
 * walks from i, of x_k = ω_k c_kj (zeros included). Eq. 5-5's Poisson approximation ẑ_ij / R would make
 * v_j / r_j = (1 − d) / (N R) for every j under a uniform prior; the sample variance says which scores the walks agree
 * on. With R = 1 there is no sample variance, and the Poisson approximation stands in.
 */
function walkVariance(walks: WalkStore, omega: Float64Array, prior: Float64Array, R: number, c: number): Float64Array {
  const { steps, start, length } = walks;
  const size = prior.length;
  const v = new Float64Array(size);
  const visits = new Float64Array(size); // c_kj of the current walk
  const sum = new Float64Array(size); // Σ_k x_k over the current start's walks
  const squares = new Float64Array(size); // Σ_k x_k²
  const seen = new Uint8Array(size);
  const inWalk = new Int32Array(size);
  const inStart = new Int32Array(size);
  for (let i = 0; i < size; i++) {
    let targets = 0;
    for (let k = i * R; k < (i + 1) * R; k++) {
      let distinct = 0;
      const end = start[k] + length[k];
      for (let s = start[k]; s < end; s++) {
        const j = steps[s];
        if (visits[j] === 0) inWalk[distinct++] = j;
        visits[j]++;
      }
      for (let t = 0; t < distinct; t++) {
        const j = inWalk[t];
        const x = omega[k] * visits[j];
        visits[j] = 0;
        if (seen[j] === 0) {
          seen[j] = 1;
          inStart[targets++] = j;
        }
        sum[j] += x;
        squares[j] += x * x;
      }
    }
    const w2 = prior[i] * prior[i];
    for (let t = 0; t < targets; t++) {
      const j = inStart[t];
      const variance = R > 1 ? Math.max(0, squares[j] - (sum[j] * sum[j]) / R) / (R * (R - 1)) : sum[j] / (R * R);
      v[j] += w2 * variance;
      sum[j] = 0;
      squares[j] = 0;
      seen[j] = 0;
    }
  }
  for (let j = 0; j < size; j++) v[j] *= c * c;
  return v;
}

/** Sample a walk's next node from row i of M. */
function stepFrom(model: Model, i: number, random: Random): number {
  const { offsets, cumulative, targets } = model;
  let lo = offsets[i];
  let hi = offsets[i + 1] - 1;
  const u = random.next() * cumulative[hi];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid] > u) hi = mid;
    else lo = mid + 1;
  }
  return targets[lo];
}

/** The position of edge a → b in the CSR arrays, or −1. */
function position(model: Model, a: number, b: number): number {
  const { offsets, targets } = model;
  let lo = offsets[a];
  let hi = offsets[a + 1] - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (targets[mid] === b) return mid;
    if (targets[mid] < b) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** The probability that a walk at a moves to b in one step (by M, or by W from a dangling node). */
function probability(model: Model, a: number, b: number): number {
  if (isDangling(model, a)) return model.prior[b];
  const { offsets, targets, transition } = model;
  let lo = offsets[a];
  let hi = offsets[a + 1] - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (targets[mid] === b) return transition[mid];
    if (targets[mid] < b) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
}

function selfLoop(model: Model, j: number): number {
  return isDangling(model, j) ? 0 : probability(model, j, j);
}

/** Walker's alias method over a probability vector: O(1) samples. */
function aliasTable(p: Float64Array): { sample(random: Random): number } {
  const n = p.length;
  const probability = new Float64Array(n);
  const alias = new Int32Array(n);
  const scaled = Float64Array.from(p, (v) => v * n);
  const small: number[] = [];
  const large: number[] = [];
  scaled.forEach((v, i) => (v < 1 ? small : large).push(i));
  while (small.length > 0 && large.length > 0) {
    const s = small.pop() as number;
    const l = large.pop() as number;
    probability[s] = scaled[s];
    alias[s] = l;
    scaled[l] = scaled[l] + scaled[s] - 1;
    (scaled[l] < 1 ? small : large).push(l);
  }
  for (const i of [...small, ...large]) probability[i] = 1;
  return {
    sample(random) {
      const column = random.int(n);
      return random.next() < probability[column] ? column : alias[column];
    },
  };
}

/** Node → the walks that visit it (CSR, each walk once per node). */
function walkIndex(steps: Int32Array, start: Int32Array, length: Int32Array, size: number) {
  const counts = new Int32Array(size + 1);
  const last = new Int32Array(size).fill(-1);
  for (let k = 0; k < start.length; k++) {
    for (let s = start[k]; s < start[k] + length[k]; s++) {
      if (last[steps[s]] !== k) {
        last[steps[s]] = k;
        counts[steps[s] + 1]++;
      }
    }
  }
  for (let i = 0; i < size; i++) counts[i + 1] += counts[i];
  const walks = new Int32Array(counts[size]);
  const cursor = counts.slice(0, size);
  last.fill(-1);
  for (let k = 0; k < start.length; k++) {
    for (let s = start[k]; s < start[k] + length[k]; s++) {
      if (last[steps[s]] !== k) {
        last[steps[s]] = k;
        walks[cursor[steps[s]]++] = k;
      }
    }
  }
  return { offsets: counts, walks };
}

/** For each node, the nodes with an edge into it. */
function inNeighbours(model: Model) {
  const { size, offsets, targets } = model;
  const counts = new Int32Array(size + 1);
  for (let p = 0; p < targets.length; p++) counts[targets[p] + 1]++;
  for (let i = 0; i < size; i++) counts[i + 1] += counts[i];
  const sources = new Int32Array(targets.length);
  const cursor = counts.slice(0, size);
  for (let i = 0; i < size; i++) for (let p = offsets[i]; p < offsets[i + 1]; p++) sources[cursor[targets[p]]++] = i;
  return { offsets: counts, sources };
}
