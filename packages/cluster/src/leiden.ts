import {
  assertInteger,
  assertOneOf,
  assertOptions,
  assertPositive,
  createProgress,
  throwIfAborted,
  createRandom,
  LONG_RUNNING_KEYS,
} from "@clearbox/core/internal";
import type { OptionKeys, Random } from "@clearbox/core/internal";
import type { LongRunningOptions } from "@clearbox/core";
import type { WeightedGraph } from "./graph.js";
import type { CommunityResult } from "./greedy-modularity.js";
import { communitiesFromLabels } from "./communities.js";
import { resolutionOption } from "./modularity.js";
import { aggregateGraph, compactLabels, identityLabels, levelGraphFromEdges } from "./leiden/level-graph.js";
import type { LevelGraph } from "./leiden/level-graph.js";
import { moveNodesFast, WORK_PER_CHECK } from "./leiden/move-nodes.js";
import { refinePartition } from "./leiden/refine.js";
import { splitDisconnected } from "./leiden/connected-parts.js";
import { massScale, nodeMass, partitionQuality } from "./leiden/quality-model.js";
import type { LeidenQuality } from "./leiden/quality-model.js";

export type { LeidenQuality } from "./leiden/quality-model.js";

/** Options of {@link leiden}. */
export interface LeidenOptions extends LongRunningOptions {
  /** Resolution γ ≥ 0: larger gives smaller communities. Default 1. */
  resolution?: number;
  /** `"modularity"` (default) or `"cpm"` (the Constant Potts Model, which has no resolution limit). */
  quality?: LeidenQuality;
  /** Seed of the node orders and of the refinement's random choices. Default 0. */
  seed?: number;
  /**
   * Most Leiden iterations (each a full multilevel pass, started from the last partition); ≥ 1. Default 2, as
   * igraph's and leidenalg's: a third rarely adds 10⁻⁵ to Q (bench/results/cluster.md) and costs a third more time.
   */
  maxIterations?: number;
  /** θ > 0 of the refinement's random choice ∝ exp(ΔH / θ); small is nearly greedy. Default 0.01 (the paper's). */
  randomness?: number;
}

/** Every option of {@link leiden}: the list unknown keys are checked against. */
const LEIDEN_OPTIONS = {
  resolution: true,
  quality: true,
  seed: true,
  maxIterations: true,
  randomness: true,
  ...LONG_RUNNING_KEYS,
} satisfies OptionKeys<LeidenOptions>;

/** The result of {@link leiden}. */
export interface LeidenResult extends CommunityResult {
  /**
   * The value of the optimised quality function: modularity Q at the resolution, or CPM's
   * Σ_c [e_c − γ n_c (n_c − 1) / 2]. (`modularity` is Q at the resolution for `"modularity"`, at γ = 1 for `"cpm"`.)
   */
  quality: number;
  /**
   * The aggregation hierarchy of the last iteration, finest first: `levels[ℓ][v]` is the node of the (ℓ + 1)-th
   * aggregate graph that holds node v. Each level's parts are unions of the previous level's (nested); the last
   * level is the final partition. Labels number parts by first appearance.
   */
  levels: Int32Array[];
  /** Iterations run. */
  iterations: number;
  /** Whether the last iteration left the partition unchanged (false: stopped by `maxIterations`). */
  converged: boolean;
}

interface Run {
  quality: LeidenQuality;
  scale: number;
  theta: number;
  random: Random;
  check: () => void;
}

/**
 * Leiden community detection (Traag, Waltman & van Eck 2019, "From Louvain to Leiden: guaranteeing well-connected
 * communities"): fast local moving, refinement of each community into well-connected sub-communities, aggregation
 * by the refined partition (starting the aggregate level from the unrefined one), repeated until no node moves;
 * then whole iterations from the last partition until nothing changes or `maxIterations`. Every returned community
 * is connected. Works on CSR typed arrays throughout (timings beside graphology's Louvain: bench/results/cluster.md).
 * Same seed, same partition, on every platform. Heuristic, like Louvain: no optimality
 * claim.
 *
 * @param graph - `{ nodes, edges }`, edges `[u, v]` or `[u, v, weight]` with weights ≥ 0.
 * @param options - `resolution` (1), `quality` (`"modularity"`), `seed` (0), `maxIterations` (2), `randomness`
 *   θ (0.01), `signal`, `onProgress`.
 * @returns `labels`, sorted `communities`, `modularity`, `quality`, the aggregation `levels`, `iterations`, `converged`.
 * @throws `E_TYPE` / `E_SHAPE` / `E_RANGE` / `E_NAN` for a malformed graph; `E_RANGE` / `E_OPTION` for a bad option; `E_ABORTED`.
 * @example
 * leiden({ nodes: 4, edges: [[0, 1], [2, 3]] }).communities; // [[0, 1], [2, 3]]
 */
export function leiden(graph: WeightedGraph, options: LeidenOptions = {}): LeidenResult {
  options = assertOptions(options, "options", LEIDEN_OPTIONS);
  const resolution = resolutionOption(options.resolution);
  const quality =
    options.quality === undefined
      ? "modularity"
      : assertOneOf(options.quality, "options.quality", ["modularity", "cpm"] as const);
  const maxIterations =
    options.maxIterations === undefined ? 2 : assertInteger(options.maxIterations, "options.maxIterations", 1);
  const theta = options.randomness === undefined ? 0.01 : assertPositive(options.randomness, "options.randomness");
  const random = createRandom(options.seed ?? 0);
  const base = levelGraphFromEdges(graph, () => throwIfAborted(options.signal, "leiden"));
  const progress = createProgress(options, "leiden");
  const expected = 8 * (base.targets.length + base.nodes) + 1; // rough total work, for the progress estimate
  let checks = 0;
  const check = (): void => progress.report(1 - Math.exp((-++checks * WORK_PER_CHECK) / expected));
  const run: Run = { quality, scale: massScale(quality, resolution, base.totalWeight), theta, random, check };

  let labels: Int32Array = identityLabels(base.nodes);
  let levels: Int32Array[] = [];
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations && !converged) {
    const next = leidenIteration(base, labels, run);
    iterations++;
    converged = samePartition(next.labels, labels);
    labels = next.labels;
    levels = next.levels;
    check();
  }
  const { labels: ordered, communities } = communitiesFromLabels(labels);
  const count = communities.length;
  const value = partitionQuality(base, ordered, count, quality, resolution);
  const result: LeidenResult = {
    labels: ordered,
    communities,
    modularity: quality === "modularity" ? value : partitionQuality(base, ordered, count, "modularity", 1),
    quality: value,
    levels,
    iterations,
    converged,
  };
  progress.done();
  return result;
}

/**
 * One Leiden iteration from the partition `start` of the base graph: move, refine, aggregate, until a level's
 * moves leave every aggregate node in its own community. Returns compact labels of connected communities and the
 * aggregation levels.
 */
function leidenIteration(base: LevelGraph, start: Int32Array, run: Run): { labels: Int32Array; levels: Int32Array[] } {
  let graph = base;
  let membership = start.slice();
  const nodeToAggregate = identityLabels(base.nodes);
  const levels: Int32Array[] = [];
  for (;;) {
    const mass = nodeMass(graph, run.quality);
    moveNodesFast(graph, membership, mass, run.scale, run.random, run.check);
    const communities = compactLabels(membership);
    if (communities === graph.nodes) break;
    let refined = refinePartition(graph, membership, mass, run.scale, run.theta, run.random, run.check);
    let parts = compactLabels(refined);
    if (parts === graph.nodes) {
      refined = membership.slice(); // nothing merged: aggregate by the partition itself, so the graph still shrinks
      parts = communities;
    }
    const next = new Int32Array(parts);
    for (let v = 0; v < graph.nodes; v++) next[refined[v]] = membership[v];
    graph = aggregateGraph(graph, refined, parts, run.check);
    for (let i = 0; i < base.nodes; i++) nodeToAggregate[i] = refined[nodeToAggregate[i]];
    levels.push(nodeToAggregate.slice());
    membership = next;
    run.check();
  }
  const labels = new Int32Array(base.nodes);
  for (let i = 0; i < base.nodes; i++) labels[i] = membership[nodeToAggregate[i]];
  const connected = splitDisconnected(base, labels);
  compactLabels(connected);
  if (levels.length === 0 || !samePartition(levels[levels.length - 1], connected)) levels.push(connected);
  return { labels: connected, levels };
}

/** Equal compact labelings (both numbered by first appearance) are equal partitions. */
function samePartition(a: Int32Array, b: Int32Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
