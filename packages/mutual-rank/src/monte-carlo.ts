import {
  ClearboxError,
  LONG_RUNNING_KEYS,
  assertBoolean,
  assertFiniteNumber,
  assertFiniteVector,
  assertInteger,
  assertOptions,
  createProgress,
  createRandom,
  describeValue,
} from "@clearbox/core/internal";
import type { LongRunningOptions, ProgressReporter, Random } from "@clearbox/core";
import type { OptionKeys } from "@clearbox/core/internal";
import { fillRow, isDangling } from "./model.js";
import { PriorJump } from "./prior-jump.js";
import { WalkStore } from "./walk-store.js";
import { walkVariance } from "./walk-variance.js";
import { expectedWalkError } from "./walk-error.js";
import { StaleWalks } from "./stale-walks.js";
import type { Model } from "./model.js";
import { checkModel } from "./solve-exact.js";
import { gaussSeidel } from "./gauss-seidel.js";
import { TransposedRows } from "./transposed-rows.js";

/** Options of {@link createMonteCarloRanker}. */
export interface MonteCarloOptions extends LongRunningOptions {
  /** R: walks started from every node. Default 10. */
  walksPerNode?: number;
  /** Seed of the walks. Default 0. */
  seed?: number;
  /**
   * Build what prior edits need — the node → walks index and Mᵀ — with the walks, so that the first `setPriors` costs
   * what the later ones do (at 10^5 nodes / 10^6 edges, R = 5, it built them in ~0.2–0.4 s). Default false: a ranking
   * that is never edited skips them.
   */
  editable?: boolean;
}

/** The options of monteCarloScores, which keeps no ranker to edit. */
export const MONTE_CARLO_SCORES_OPTIONS = {
  walksPerNode: true,
  seed: true,
  ...LONG_RUNNING_KEYS,
} satisfies OptionKeys<Omit<MonteCarloOptions, "editable">>;

const MONTE_CARLO_OPTIONS = {
  ...MONTE_CARLO_SCORES_OPTIONS,
  editable: true,
} satisfies OptionKeys<MonteCarloOptions>;

/** Options of {@link MonteCarloRanker.propagation}. */
export interface PropagationOptions {
  /** The largest flows kept per source. Default 10. */
  topK?: number;
}

const PROPAGATION_OPTIONS = { topK: true } satisfies OptionKeys<PropagationOptions>;

/** Options of {@link MonteCarloRanker.setPriors}. */
export interface PriorEditOptions {
  /** `"auto"` (default): by the walks through the changed rows; `"rerouted"` or `"exact"` to force one. */
  strategy?: "auto" | "rerouted" | "exact";
}

const PRIOR_EDIT_OPTIONS = { strategy: true } satisfies OptionKeys<PriorEditOptions>;

/** One flow of uncertainty from a source node to a neighbour (eq. 5-8/5-9). */
export interface UncertaintyFlow {
  from: number;
  to: number;
  /** u_{i→j} = m*_ij u_i. */
  flow: number;
}

/** What an incremental prior update did. */
export interface PriorUpdate {
  /**
   * How the edit was answered: `"rerouted"` — the walks through changed rows were walked again from their first
   * changed step; `"exact"` — too many walks pass the changed rows (a hub's in-neighbours), so the scores were re-solved
   * by Gauss–Seidel sweeps warm-started from the current ones, and the stale walks are walked again only when the walks
   * are next needed (variance, uncertainty, propagation), once for any number of exact edits in between.
   */
  strategy: "rerouted" | "exact";
  /** Visits of the stored walks to the changed rows (an upper bound of the walks through them): what chose the strategy. */
  walksThrough: number;
  /** Gauss–Seidel sweeps of the exact strategy (0 when rerouted). */
  iterations: number;
  /** Walks that went on from a row of M that the edit changed, walked again now from that step on (0 when exact). */
  affectedWalks: number;
  /** The steps drawn anew for them. */
  resampledSteps: number;
  /** Walks whose only change is their start weight (they start at an edited node). */
  reweightedWalks: number;
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
  /**
   * Change the priors of some nodes (same scale as `model.prior`) and update every result: by walking the affected
   * walks again from their first changed step, or — when more walks pass the changed rows than the model has edges
   * over 25 (a hub's edit) — by an exact re-solve warm-started from the current scores, the stale walks walked again
   * only when the walks are next needed. `options.strategy` forces one (`"rerouted"` / `"exact"`; default `"auto"`).
   */
  setPriors(updates: ReadonlyMap<number, number>, options?: PriorEditOptions): PriorUpdate;
  /** Walks stored and the bytes their arrays take. */
  readonly storage: { walks: number; steps: number; bytes: number };
}

/**
 * Solve a model by Monte Carlo random walks (Avrachenkov et al. 2007; thesis eq. 5-3/5-4): R walks from every node,
 * each going on with probability d by M (a dangling node's walk jumps by W) and stopping otherwise. A node's score is
 * `(1 − d) Σ_i w_i ẑ_ij`, ẑ_ij the mean number of visits to j of the walks from i. The walks are kept (a
 * {@link WalkStore}: one node array with offsets, and an index node → walks) so that the uncertainty (eq. 5-5 to
 * 5-7), its propagation (eq. 5-8/5-9) and, when priors change, the new scores follow without walking everything
 * again: an edit changes M only in the rows that point at the edited nodes (and the dangling rows, which jump by W),
 * so a walk is distributed alike under the old and new M up to its first step from a changed row; from there it is
 * walked again under the new M (Bahmani et al. 2010). Every walk is then a sample of the new model, as a fresh solve's
 * would be, so the scores and their uncertainty are as accurate as a fresh solve's at the same R; the walks from an
 * edited node only change their weight.
 *
 * @param model - From {@link createModel}.
 * @param options - `walksPerNode` R (default 10), `seed`, `signal`, `onProgress`; `editable` (default false) builds
 *   what edits need with the walks, so that the first edit costs what the others do.
 * @returns The ranker: scores, variance, uncertainty, cluster uncertainty, propagation, setPriors, storage.
 * @throws `E_TYPE` for a model not made by createModel or `editable` not true / false; `E_RANGE` for R < 1; `E_OPTION` for an unknown option key;
 *   `E_ABORTED`. `setPriors` throws `E_RANGE` / `E_NAN` for a node out of range or a weight that is negative or not
 *   finite, `E_RANGE` when the priors would sum to 0 or beyond the floating-point range, and `E_OPTION` for an unknown
 *   option key or strategy.
 * @example
 * const ranker = createMonteCarloRanker(model, { walksPerNode: 10, seed: 1 });
 * ranker.uncertainty(); // largest where scores are nearly tied
 * ranker.setPriors(new Map([[hashtag, 3 * model.prior[hashtag]]])); // { affectedWalks, … }, scores updated
 */
export function createMonteCarloRanker(model: Model, options: MonteCarloOptions = {}): MonteCarloRanker {
  options = assertOptions(options, "options", MONTE_CARLO_OPTIONS);
  const progress = createProgress(options, "Monte Carlo ranking");
  const { ranker } = walkRanker(model, options, progress);
  progress.done();
  return ranker;
}

/**
 * The ranker with its walks drawn (the progress reported over them, the signal checked every 1,024 start nodes), and
 * its variance with the signal checked and progress reported as it is computed: what monteCarloScores, which asks for
 * the variance at once, needs (its ~0.5 s at 60,000 nodes, R = 20, went unchecked after the walks). `options` checked
 * by the caller.
 */
export function walkRanker(
  model: Model,
  options: MonteCarloOptions,
  progress: ProgressReporter,
): { ranker: MonteCarloRanker; variance: (progress: ProgressReporter) => Float64Array } {
  checkModel(model);
  const R = options.walksPerNode === undefined ? 10 : assertInteger(options.walksPerNode, "options.walksPerNode", 1);
  const seed = options.seed === undefined ? 0 : assertFiniteNumber(options.seed, "options.seed");
  const { size, damping } = model;
  // The ranker's own transitions: setPriors rewrites rows in place, and the caller's model stays as it was.
  // Each copy of the model's edge arrays, and the alias table over W, took 13–21 ms at 480,000 edges under load: the
  // signal is checked between them.
  const transition = model.transition.slice();
  progress.report(0);
  const cumulative = model.cumulative.slice();
  progress.report(0);
  const mover = new Mover({ ...model, transition, cumulative }, seed);
  progress.report(0);
  const walks = size * R;
  const store = new WalkStore(walks, size, (walks / (1 - damping)) * 1.1);
  // The signal checked every 256 start nodes: 1,024 were ~45 ms at R = 20 on the shared machine.
  for (let i = 0; i < size; i++) {
    if ((i & 255) === 0) progress.report((0.9 * i) / size);
    for (let r = 0; r < R; r++) store.walk(i * R + r, i, mover.goOn, mover.next);
  }
  const state = new RankerState(mover, store, R, (k) => progress.report(0.9 + (0.1 * k) / walks));
  if (options.editable !== undefined && assertBoolean(options.editable, "options.editable")) {
    progress.report(1);
    state.prepareEdits();
  }
  return { ranker: rankerOver(state, mover, store), variance: (reporter) => state.variance(reporter).slice() };
}

/** The public face of a ranker's state. */
function rankerOver(state: RankerState, mover: Mover, store: WalkStore): MonteCarloRanker {
  const walks = store.walks;
  const scores = () => state.scores();
  const variance = () => state.variance().slice();
  const uncertainty = () => {
    const r = scores();
    const v = state.variance();
    return Float64Array.from(r, (x, j) => (x > 0 ? v[j] / x : 0));
  };
  return {
    get model() {
      return mover.model;
    },
    scores,
    variance,
    uncertainty,
    clusterUncertainty(labels) {
      return clusterUncertainty(labels, scores(), state.variance());
    },
    propagation(sources, propagationOptions = {}) {
      return propagate(mover.model, sources, propagationOptions, scores(), uncertainty());
    },
    setPriors(updates, editOptions = {}) {
      return state.setPriors(updates, readStrategy(editOptions));
    },
    get storage() {
      return { walks, steps: store.live, bytes: store.bytes };
    },
  };
}

/**
 * An edit re-solves exactly instead of walking the affected walks again when the walks through the changed rows
 * number more than the model's edges over this: a walk walked again (find its step, take its visits out, draw it,
 * put them back) measured about as costly as 25 edges of a sweep over M, and a warm-started re-solve takes
 * several sweeps (10^5 nodes / 10^6 edges: a top node's 10^5 walks took 0.2–0.8 s to walk again).
 */
const EXACT_WHEN_WALKS_OVER_EDGES = 1 / 25;
/**
 * The exact strategy's sweeps stop when one changes the scores by less than this share of a fresh Monte Carlo solve's
 * expected L1 error at the same R (expectedWalkError): an answer much finer than the walks' own buys nothing. (For
 * power iteration the error left is at most d / (1 − d) times the last change, 5.7 % of the walks' error at d = 0.85;
 * the tests compare the result with a 1e-13 solve: five re-solved edits 2.5e-4 from it, a fresh solve 0.055.) Power
 * iteration to a fixed 1e-5 took 10–12 iterations on a top node of 10^5 nodes / 10^6 edges (R = 5, walks' error
 * ~0.1); this takes 4–5 sweeps.
 */
const EXACT_SHARE_OF_WALK_ERROR = 0.01;

/**
 * A ranker's state between calls: its walks, the accumulator of their weighted visits, the prior it was weighted by,
 * and what edits left — the exact scores of the last edit that re-solved, and the rows whose walks are stale.
 */
class RankerState {
  /** The accumulator on an unnormalised prior ŵ (so that an edit touches only its own walks): with Z = Σ ŵ,
   * A_j = Σ_k ŵ_{s_k} c_kj gives r_j = (1 − d) A_j / (R Z) (c_kj: visits of walk k to j). */
  private readonly A: Float64Array;
  private readonly raw: Float64Array;
  private Z = 1;
  /** The variance needs every start node's walks together: computed when asked, kept until the next edit. */
  private varianceCache: Float64Array | null = null;
  /** What only edits need (Mᵀ, scratch; the store's index) is built at the first edit: ranking once skips it. */
  private editing: { edit: PriorEdit; reverse: TransposedRows } | null = null;
  /** The re-solved scores after an edit that chose the exact strategy, until one that walks again. */
  private exact: Float64Array | null = null;
  private readonly stale: StaleWalks;

  /** `checkpoint(k)` is called every 65,536 walks as their visits are added up (a signal check). */
  constructor(
    private readonly mover: Mover,
    private readonly store: WalkStore,
    private readonly R: number,
    checkpoint: (walk: number) => void,
  ) {
    const size = mover.model.size;
    this.raw = Float64Array.from(mover.model.prior);
    this.A = new Float64Array(size);
    for (let k = 0; k < store.walks; k++) {
      if ((k & 65535) === 0) checkpoint(k);
      store.spread(k, this.raw[Math.floor(k / R)], this.A);
    }
    this.stale = new StaleWalks(size);
  }

  scores(): Float64Array {
    if (this.exact !== null) return this.exact.slice();
    const scale = (1 - this.mover.model.damping) / (this.R * this.Z);
    return Float64Array.from(this.A, (a) => a * scale);
  }

  /** The walks' variance (not a copy), the stale walks walked again first; `progress` sees its computation. */
  variance(progress?: ProgressReporter): Float64Array {
    this.freshen();
    const { prior, damping } = this.mover.model;
    this.varianceCache ??= walkVariance(this.store, prior, this.R, 1 - damping, progress);
    return this.varianceCache;
  }

  setPriors(updates: unknown, choice: "auto" | "rerouted" | "exact"): PriorUpdate {
    const { mover, store, raw, A, R } = this;
    const size = raw.length;
    const edited = readUpdates(updates, size, this.Z);
    // Walking again needs every walk a sample of the model before this edit: stale walks are walked first.
    if (choice === "rerouted") this.freshen();
    let nextZ = this.Z;
    for (const [i, w] of edited) nextZ += w - raw[i];
    checkPriorSum(nextZ);
    const oldRaw = new Map([...edited.keys()].map((i) => [i, raw[i]]));
    for (const [i, w] of edited) raw[i] = w;
    this.Z = nextZ;
    mover.setPrior(dividedBy(raw, nextZ), edited.keys());
    const { edit, reverse } = this.prepareEdits();
    const rows = edit.changedRows(edited.keys(), reverse, mover);
    reverse.refresh(mover.model, rows);
    const through = store.visitsAt(rows);
    const many = through > mover.model.targets.length * EXACT_WHEN_WALKS_OVER_EDGES;
    // Stale walks stay stale until the walks are needed: "auto" does not walk them for a small edit.
    const exact = choice === "exact" || (choice === "auto" && (this.stale.active || many));
    const usedBefore = store.used;
    let [affectedWalks, iterations, listed] = [0, 0, 0];
    if (exact) {
      // Warm-started from the scores before the edit (their scale does not matter: normalised).
      const start = normalised(this.exact ?? this.A);
      const { prior, damping } = mover.model;
      const tolerance = EXACT_SHARE_OF_WALK_ERROR * expectedWalkError(prior, start, R, damping);
      const solved = gaussSeidel(mover.model, reverse, start, tolerance, 1000);
      [this.exact, iterations] = [solved.scores, solved.iterations];
      this.stale.add(rows);
    } else {
      listed = store.markThrough(rows, edit.mark, edit.list);
      const weightBefore = (i: number) => oldRaw.get(i) ?? raw[i];
      affectedWalks = rerouteAffected({ store, edit, mover, A, R }, listed, weightBefore, raw);
      this.exact = null;
    }
    const resampledSteps = store.used - usedBefore;
    // Stale walks from an edited node get the new weight too: resampling takes out what is in A at that weight.
    const reweightedWalks = reweightEditedStarts({ store, edit, A, R }, oldRaw, raw);
    edit.clear(rows, listed);
    store.compactIfSparse();
    this.varianceCache = null;
    this.rescale();
    return {
      strategy: exact ? "exact" : "rerouted",
      affectedWalks,
      resampledSteps,
      reweightedWalks,
      walksThrough: through,
      iterations,
    };
  }

  /** What edits need, built once: the edit's scratch, Mᵀ, and the store's node → walks index. */
  prepareEdits(): { edit: PriorEdit; reverse: TransposedRows } {
    if (this.editing === null) {
      const { mover, store } = this;
      this.editing = { edit: new PriorEdit(mover.model.size, store.walks), reverse: new TransposedRows(mover.model) };
      store.visitsAt([]);
    }
    return this.editing;
  }

  /** Walk the stale walks again (see StaleWalks), so that every walk is a sample of the current model. */
  private freshen(): void {
    if (!this.stale.active) return;
    this.stale.resample(this.store, this.mover, { A: this.A, weight: this.raw, R: this.R });
    this.store.compactIfSparse();
    this.varianceCache = null;
  }

  /** Back to Z = 1, so that the next edit's weights (on the scale of model.prior) stay far from overflow. */
  private rescale(): void {
    const { raw, A, Z } = this;
    for (let i = 0; i < raw.length; i++) {
      raw[i] /= Z;
      A[i] /= Z;
    }
    this.Z = 1;
  }
}

/** `values` scaled to sum to 1 (a copy). */
function normalised(values: Float64Array): Float64Array {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return dividedBy(values, sum);
}

/**
 * Walk again, from its first step out of a changed row, each of the `candidates` listed walks that has one (out with
 * the old path at its start's old weight, in with the new at the new weight), marking them 2; returns how many.
 */
function rerouteAffected(
  parts: { store: WalkStore; edit: PriorEdit; mover: Mover; A: Float64Array; R: number },
  candidates: number,
  weightBefore: (start: number) => number,
  weight: Float64Array,
): number {
  const { store, edit, mover, A, R } = parts;
  let affected = 0;
  for (let t = 0; t < candidates; t++) {
    const k = edit.list[t];
    const s = store.firstStepFrom(k, edit.changedRow);
    if (s < 0) continue;
    const i = Math.floor(k / R);
    store.spread(k, -weightBefore(i), A);
    store.reroute(k, s, mover.goOn, mover.next);
    store.spread(k, weight[i], A);
    edit.mark[k] = 2;
    affected++;
  }
  return affected;
}

/** The walks from edited nodes that kept their path (not marked 2): only their weight changes. Returns how many. */
function reweightEditedStarts(
  parts: { store: WalkStore; edit: PriorEdit; A: Float64Array; R: number },
  oldWeight: ReadonlyMap<number, number>,
  weight: Float64Array,
): number {
  const { store, edit, A, R } = parts;
  let count = 0;
  for (const [i, before] of oldWeight) {
    for (let k = i * R; k < (i + 1) * R; k++) {
      if (edit.mark[k] === 2) continue;
      store.spread(k, weight[i] - before, A);
      count++;
    }
  }
  return count;
}

/**
 * How walks move: the ranker's own copy of the model (rows rewritten by edits), its random stream, and the jump
 * table of W for dangling rows, rebuilt lazily after the prior changes.
 */
class Mover {
  private readonly random: Random;
  private readonly jump: PriorJump;

  constructor(
    public model: Model,
    seed: number,
  ) {
    this.random = createRandom(seed);
    this.jump = new PriorJump(model.prior);
  }

  /** Whether the walk goes on (probability d). */
  readonly goOn = (): boolean => this.random.next() < this.model.damping;

  /** The next node from `at`: by M, or by W from a dangling node. */
  readonly next = (at: number): number => {
    if (!isDangling(this.model, at)) return stepFrom(this.model, at, this.random);
    return this.jump.sample(this.random);
  };

  /** A new prior that differs from the last in `changed`: the rows of M are rewritten by the edit that calls this. */
  setPrior(prior: Float64Array, changed: Iterable<number>): void {
    this.model = { ...this.model, prior };
    this.jump.update(prior, changed);
  }
}

/** A prior edit's scratch, owned across edits and cleared after each: marks per walk and per row, the rows changed. */
class PriorEdit {
  readonly mark: Uint8Array;
  readonly list: Int32Array;
  readonly changedRow: Uint8Array;
  private readonly dangling = new Set<number>();
  private readonly blockSum: Float64Array = new Float64Array(0);
  private rows: number[] = [];

  constructor(size: number, walks: number) {
    this.mark = new Uint8Array(walks);
    this.list = new Int32Array(walks);
    this.changedRow = new Uint8Array(size);
  }

  /**
   * Rewrite the rows of M that the new prior changes — the in-neighbours of the edited nodes (their blocks
   * renormalise) and the dangling rows (they jump by W) — and flag them; returns them.
   */
  changedRows(edited: Iterable<number>, reverse: { offsets: Int32Array; sources: Int32Array }, mover: Mover): number[] {
    const model = mover.model;
    if (this.rows.length === 0 && this.dangling.size === 0) {
      for (let i = 0; i < model.size; i++) if (isDangling(model, i)) this.dangling.add(i);
    }
    const flag = (i: number) => {
      if (this.changedRow[i] === 1) return;
      this.changedRow[i] = 1;
      this.rows.push(i);
    };
    for (const node of edited)
      for (let p = reverse.offsets[node]; p < reverse.offsets[node + 1]; p++) flag(reverse.sources[p]);
    for (const i of this.dangling) flag(i);
    const blockSum = this.blockSum.length === model.types.length ? this.blockSum : new Float64Array(model.types.length);
    for (const i of this.rows) {
      fillRow(model, model.prior, i, model.transition, model.cumulative, blockSum);
      if (isDangling(model, i)) this.dangling.add(i);
      else this.dangling.delete(i);
    }
    return this.rows;
  }

  /** Clear the marks of the listed walks and the flags of the changed rows. */
  clear(rows: number[], listed: number): void {
    for (let t = 0; t < listed; t++) this.mark[this.list[t]] = 0;
    for (const i of rows) this.changedRow[i] = 0;
    this.rows = [];
  }
}

/** setPriors' options checked: the strategy. */
function readStrategy(options: PriorEditOptions): "auto" | "rerouted" | "exact" {
  const { strategy = "auto" } = assertOptions(options, "options", PRIOR_EDIT_OPTIONS);
  if (strategy !== "auto" && strategy !== "rerouted" && strategy !== "exact") {
    throw new ClearboxError(
      "E_OPTION",
      `options.strategy must be "auto", "rerouted" or "exact", got ${describeValue(strategy)}.`,
      {
        argument: "options.strategy",
      },
    );
  }
  return strategy;
}

/** The edits on the scale of model.prior, times Z (the accumulator's scale), checked. */
function readUpdates(updates: unknown, size: number, Z: number): Map<number, number> {
  if (!(updates instanceof Map)) {
    throw new ClearboxError(
      "E_TYPE",
      `updates must be a Map from node to prior weight, got ${describeValue(updates)}.`,
      {
        argument: "updates",
      },
    );
  }
  const edited = new Map<number, number>();
  for (const [node, weight] of updates) {
    const i = assertInteger(node, "updates (a node id)", 0, size - 1);
    const w = assertFiniteNumber(weight, `updates.get(${i})`);
    if (w < 0) {
      throw new ClearboxError("E_RANGE", `updates.get(${i}) must be ≥ 0, got ${w}.`, { argument: `updates.get(${i})` });
    }
    edited.set(i, w * Z);
  }
  return edited;
}

function checkPriorSum(sum: number): void {
  if (!(sum > 0)) throw new ClearboxError("E_RANGE", `The priors would sum to 0.`, { argument: "updates" });
  if (!Number.isFinite(sum)) {
    throw new ClearboxError("E_RANGE", `The priors would sum beyond the floating-point range (> 1.8e308).`, {
      argument: "updates",
    });
  }
}

/** Per cluster c: u_c = Σ_{j∈c} v_j / Σ_{j∈c} r_j (eq. 5-7). */
function clusterUncertainty(labels: ArrayLike<number>, r: Float64Array, v: Float64Array): Float64Array {
  const size = r.length;
  const checked = assertFiniteVector(labels, "labels", { length: size });
  let clusters = 0;
  for (let j = 0; j < size; j++) clusters = Math.max(clusters, assertInteger(checked[j], `labels[${j}]`, 0) + 1);
  const rc = new Float64Array(clusters);
  const vc = new Float64Array(clusters);
  for (let j = 0; j < size; j++) {
    rc[checked[j]] += r[j];
    vc[checked[j]] += v[j];
  }
  return Float64Array.from(rc, (x, c) => (x > 0 ? vc[c] / x : 0));
}

/** The uncertainty each source sends to its out-neighbours (eq. 5-8/5-9), the largest `topK` per source. */
function propagate(
  model: Model,
  sources: ArrayLike<number>,
  options: PropagationOptions,
  r: Float64Array,
  u: Float64Array,
): UncertaintyFlow[] {
  options = assertOptions(options, "options", PROPAGATION_OPTIONS);
  const checked = assertFiniteVector(sources, "sources");
  const topK = options.topK === undefined ? 10 : assertInteger(options.topK, "options.topK", 1);
  const { offsets, targets, transition, damping } = model;
  const flows: UncertaintyFlow[] = [];
  for (let s = 0; s < checked.length; s++) {
    const i = assertInteger(checked[s], `sources[${s}]`, 0, model.size - 1);
    const own: UncertaintyFlow[] = [];
    for (let p = offsets[i]; p < offsets[i + 1]; p++) {
      const j = targets[p];
      if (j === i || r[j] <= 0) continue;
      const mjj = selfLoop(model, j);
      const star = (damping ** 2 * transition[p] ** 2 * r[i]) / ((1 - damping ** 2 * mjj ** 2) * r[j]);
      own.push({ from: i, to: j, flow: star * u[i] });
    }
    own.sort((a, b) => b.flow - a.flow || a.to - b.to);
    // A loop, not push(...): a hub's flows can outnumber the call stack's argument limit.
    for (let f = 0; f < Math.min(topK, own.length); f++) flows.push(own[f]);
  }
  return flows;
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

/** `values / by` as a new array (a plain loop: `Float64Array.from` with a callback was a visible share of an edit). */
function dividedBy(values: Float64Array, by: number): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i] / by;
  return out;
}
