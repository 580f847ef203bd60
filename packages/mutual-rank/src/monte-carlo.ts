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
  /** v_j (eq. 5-5), with var(ẑ_ij) ≈ ẑ_ij / R. */
  variance(): Float64Array;
  /** u_j = v_j / r_j, the variance-to-mean ratio (eq. 5-6); 0 where r_j = 0. */
  uncertainty(): Float64Array;
  /** Per cluster c: u_c = Σ_{j∈c} v_j / Σ_{j∈c} r_j (eq. 5-7), for labels 0 … C − 1. */
  clusterUncertainty(labels: ArrayLike<number>): Float64Array;
  /** The uncertainty each source sends to its out-neighbours (eq. 5-8/5-9), the largest `topK` per source. */
  propagation(sources: ArrayLike<number>, options?: { topK?: number }): UncertaintyFlow[];
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
  let current = model;
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

  // Accumulators on an unnormalised prior ŵ (so that an edit touches only its own walks): with Z = Σ ŵ,
  // A_j = Σ_k ŵ_{s_k} ω_k c_kj and B_j = Σ_k ŵ_{s_k}² ω_k c_kj give r_j = (1 − d) A_j / (R Z) and
  // v_j = (1 − d)² B_j / (R² Z²) (c_kj: visits of walk k to j).
  const raw = Float64Array.from(current.prior);
  let Z = 1;
  const A = new Float64Array(size);
  const B = new Float64Array(size);
  /** Add a and b to the accumulators at every step of walk k. */
  const spread = (k: number, a: number, b: number) => {
    for (let s = start[k]; s < start[k] + length[k]; s++) {
      A[steps[s]] += a;
      B[steps[s]] += b;
    }
  };
  const accumulate = (k: number, sign: number) => {
    const w = raw[Math.floor(k / R)];
    spread(k, sign * w * omega[k], sign * w * w * omega[k]);
  };
  for (let k = 0; k < walks; k++) accumulate(k, 1);
  progress.done();
  // Scratch for setPriors, cleared after each use: marks per walk and per row, coefficients per walk.
  const mark = new Uint8Array(walks);
  const before = new Float64Array(walks);
  const changedRow = new Uint8Array(size);
  const dangling = new Set<number>();
  for (let i = 0; i < size; i++) if (isDangling(current, i)) dangling.add(i);

  const scores = () => Float64Array.from(A, (a) => ((1 - damping) * a) / (R * Z));
  const variance = () => Float64Array.from(B, (b) => ((1 - damping) ** 2 * b) / (R * R * Z * Z));
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
        flows.push(...own.slice(0, topK));
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
      const oldRaw = new Map([...edited.keys()].map((i) => [i, raw[i]]));
      for (const [i, w] of edited) raw[i] = w;
      Z = nextZ;
      const prior = new Float64Array(size);
      for (let i = 0; i < size; i++) prior[i] = raw[i] / Z;
      // Rows of M that change: the in-neighbours of the edited nodes (their blocks renormalise). They are rewritten
      // in place; their old values are kept for the likelihood ratios.
      const rows: number[] = [];
      for (const node of edited.keys()) {
        for (let p = reverse.offsets[node]; p < reverse.offsets[node + 1]; p++) {
          const i = reverse.sources[p];
          if (changedRow[i] === 0) {
            changedRow[i] = 1;
            rows.push(i);
          }
        }
      }
      const oldRows = new Map<number, Float64Array>();
      const wasDangling = new Map<number, boolean>();
      for (const i of rows) {
        oldRows.set(i, current.transition.slice(current.offsets[i], current.offsets[i + 1]));
        wasDangling.set(i, isDangling(current, i));
      }
      const oldPrior = current.prior;
      current = { ...current, prior };
      for (const i of rows) fillRow(current, prior, i, current.transition, current.cumulative);
      for (const i of rows) {
        const now = isDangling(current, i);
        if (now !== wasDangling.get(i)) {
          if (now) dangling.add(i);
          else dangling.delete(i);
        }
      }
      jumpStale = true;
      // Walks through dangling nodes jump by W, which changed everywhere (its normalisation): affected too.
      const jumpRows = [...dangling, ...[...wasDangling].filter(([, was]) => was).map(([i]) => i)];
      const affected: number[] = [];
      const visit = (k: number) => {
        if (mark[k] === 0) {
          mark[k] = 1;
          affected.push(k);
        }
      };
      for (const i of [...rows, ...jumpRows]) {
        for (let p = index.offsets[i]; p < index.offsets[i + 1]; p++) visit(index.walks[p]);
        for (const k of extra.get(i) ?? []) visit(k);
      }
      for (const i of jumpRows) changedRow[i] = 1;
      // Walks from edited nodes change their start weight: they are updated too.
      const touched = [...affected];
      for (const i of edited.keys()) {
        for (let r = 0; r < R; r++) {
          const k = i * R + r;
          if (mark[k] === 0) {
            mark[k] = 2;
            touched.push(k);
          }
        }
      }
      const startWeightBefore = (i: number) => oldRaw.get(i) ?? raw[i];
      // Each touched walk's coefficient before the edit; after it, only the difference is spread over its steps.
      for (const k of touched) before[k] = startWeightBefore(Math.floor(k / R)) * omega[k];
      const oldProbability = (a: number, b: number) => {
        const saved = oldRows.get(a);
        // A row that did not change: the same as now, by W when dangling.
        if (saved === undefined) return isDangling(current, a) ? oldPrior[b] : probability(current, a, b);
        if (wasDangling.get(a)) return oldPrior[b];
        const p = position(current, a, b);
        return p < 0 ? 0 : saved[p - current.offsets[a]];
      };
      const starts = new Set<number>();
      for (const k of affected) {
        let ratio = 1;
        for (let s = start[k]; s + 1 < start[k] + length[k]; s++) {
          if (changedRow[steps[s]] === 0) continue;
          const old = oldProbability(steps[s], steps[s + 1]);
          const now = probability(current, steps[s], steps[s + 1]);
          ratio *= old > 0 ? now / old : 0;
        }
        omega[k] *= ratio;
        starts.add(Math.floor(k / R));
      }
      let worst = 1;
      let resampled = 0;
      for (const i of starts) {
        let sum = 0;
        let squares = 0;
        for (let r = 0; r < R; r++) {
          sum += omega[i * R + r];
          squares += omega[i * R + r] ** 2;
        }
        const ess = squares > 0 ? (sum * sum) / squares / R : 0;
        worst = Math.min(worst, ess);
        if (ess >= 0.5) continue;
        // Degenerate weights: these walks are sampled again under the new model.
        for (let r = 0; r < R; r++) {
          const k = i * R + r;
          // Out with the old walk (at its old weight), in with the new one.
          const oldWeight = startWeightBefore(i);
          const oldCoefficient = mark[k] === 0 ? oldWeight * omega[k] : before[k];
          spread(k, -oldCoefficient, -oldCoefficient * oldWeight);
          if (mark[k] === 0) touched.push(k);
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
        resampled += R;
      }
      for (const k of touched) {
        if (mark[k] !== 3) {
          const i = Math.floor(k / R);
          const now = raw[i] * omega[k];
          spread(k, now - before[k], raw[i] * now - startWeightBefore(i) * before[k]);
        }
        mark[k] = 0;
      }
      for (const i of rows) changedRow[i] = 0;
      for (const i of jumpRows) changedRow[i] = 0;
      return { affectedWalks: affected.length, effectiveSampleSize: worst, resampledWalks: resampled };
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
