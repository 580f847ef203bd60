import {
  ClearboxError,
  LONG_RUNNING_KEYS,
  assertInteger,
  assertOptions,
  assertPositive,
  createProgress,
  describeValue,
} from "@clearbox/core/internal";
import type { OptionKeys, ProgressReporter } from "@clearbox/core/internal";
import { bundleLayout, clusterStrengths, weightedBicluster } from "@clearbox/bicluster";
import type { BundleGeometry, ClusterStrength } from "@clearbox/bicluster";
import { packHierarchical } from "@clearbox/rect-pack";
import type { HierarchicalPacking } from "@clearbox/rect-pack";
import { reorderRows } from "@clearbox/reorder";
import type { LongRunningOptions } from "@clearbox/core";
import { assertAnalysis, assertLabels } from "./checks.js";
import type { Analysis, NeuronGroup } from "./types.js";

/** One cluster's neurons packed: rectangles of area ∝ importance, similar neurons together (§3.4.1). */
export interface ClusterPacking {
  cluster: number;
  members: number[];
  packing: HierarchicalPacking;
}

/** One cluster's neurons × classes matrix with its rows in Held–Karp order (§3.4.2). */
export interface ClusterMatrix {
  cluster: number;
  members: number[];
  /** Row r is members[r]'s class-mean vector; show rows in `order`. */
  order: number[];
  objective: number;
  optimal: boolean;
}

/** The bundles between two consecutive groups' clusters (§3.5.1). */
export interface GroupBundles {
  from: number;
  to: number;
  /** Cluster pairs with a non-zero weight, and how many were biclustered (the strongest `maxPairs`). */
  pairs: number;
  kept: number;
  /** True when weaker pairs were left out (`pairs > kept`) or the biclique miner hit its budget. */
  truncated: boolean;
  /** The largest |strength| of a pair: the scale of tau and threshold. */
  largest: number;
  biclusters: number;
  curves: number;
  geometry: BundleGeometry;
  /** The width and height the geometry was laid out in. */
  width: number;
  height: number;
  /** Cluster ids per column, evenly spread over the height: inputPositions[c] is cluster c's y. */
  inputPositions: number[];
  outputPositions: number[];
}

/** What the CNNVis views draw for one clustering. */
export interface Views {
  clusters: number[][];
  packings: ClusterPacking[][];
  matrices: ClusterMatrix[][];
  bundles: GroupBundles[];
}

/** Options of {@link deriveViews}. */
export interface DeriveViewsOptions extends LongRunningOptions {
  /** Views of an earlier clustering: groups whose labels are the same array keep their packings and matrices. */
  previous?: Views;
  /** Height of the bundle band, in the units of `bundleLayout`. Default 320. */
  height?: number;
  /** Width between two columns. Default 240. */
  pairWidth?: number;
  /** Strongest cluster pairs biclustered per group pair (the rest are reported as left out). Default 2,000. */
  maxPairs?: number;
  /** τ and θ of the biclustering as fractions of the largest |strength|. Default 0.5 and 0.3. */
  tau?: number;
  threshold?: number;
}

const DERIVE_OPTIONS = {
  previous: true,
  height: true,
  pairWidth: true,
  maxPairs: true,
  tau: true,
  threshold: true,
  ...LONG_RUNNING_KEYS,
} satisfies OptionKeys<DeriveViewsOptions>;

/**
 * The cluster ids a group uses, ascending, and each one's members.
 * @param labels - labels[u]: unit u's cluster id.
 * @returns one `{ id, members }` per id used, members ascending.
 * @throws `E_TYPE` when `labels` is not an array; `E_RANGE` for an id that is not an integer ≥ 0.
 * @example
 * clusterMembers([1, 0, 1]); // [{ id: 0, members: [1] }, { id: 1, members: [0, 2] }]
 */
export function clusterMembers(labels: readonly number[]): { id: number; members: number[] }[] {
  assertLabels(labels, "labels");
  const byId = new Map<number, number[]>();
  labels.forEach((c, u) => {
    const list = byId.get(c);
    if (list === undefined) byId.set(c, [u]);
    else list.push(u);
  });
  return [...byId.keys()].sort((a, b) => a - b).map((id) => ({ id, members: byId.get(id)! }));
}

function checkClusters(analysis: Analysis, clusters: readonly (readonly number[])[]): void {
  if (!Array.isArray(clusters) || clusters.length !== analysis.groups.length) {
    throw new ClearboxError(
      "E_SHAPE",
      `clusters must hold one label array per group (${analysis.groups.length}), got ${describeValue(clusters)}.`,
      {
        argument: "clusters",
      },
    );
  }
  clusters.forEach((labels, g) => {
    if (labels?.length !== analysis.groups[g].units) {
      throw new ClearboxError(
        "E_SHAPE",
        `clusters[${g}] must hold one cluster id per unit (${analysis.groups[g].units}), got ${labels?.length}.`,
        {
          argument: `clusters[${g}]`,
        },
      );
    }
    for (let u = 0; u < labels.length; u++) assertInteger(labels[u], `clusters[${g}][${u}]`, 0, labels.length - 1);
  });
}

/**
 * Everything CNNVis draws that depends on the clustering: per group and cluster the hierarchical packing of its
 * neurons (area ∝ importance, similar neurons together) and its class-mean matrix reordered by Held–Karp (divide and
 * conquer above the exact limit), and per consecutive group pair the weighted biclustering of the cluster pairs with
 * its bundle geometry. With `previous`, a group whose label array is the same object keeps its packings and
 * matrices, and a pair of such groups its bundles (a neuron moved redraws only what it touches).
 * @param analysis - from {@link analyzeModel}.
 * @param clusters - clusters[g][u]: unit u's cluster in group g (default `analysis.clusters`); ids need not be dense.
 * @param options - previous, height, pairWidth, maxPairs, tau, threshold, signal, onProgress.
 * @returns the {@link Views}: clusters, packings, matrices, bundles.
 * @throws `E_SHAPE` when `clusters` does not match the groups; `E_RANGE` for a cluster id that is not an integer in
 *   0 … units − 1; `E_OPTION` for an unknown option; `E_ABORTED` when the signal fires.
 * @example
 * const views = deriveViews(analysis, analysis.clusters);
 * views.bundles[0].geometry.curves.length;
 */
export function deriveViews(
  analysis: Analysis,
  clusters: readonly (readonly number[])[] = (analysis as Partial<Analysis> | null)?.clusters ?? [],
  options: DeriveViewsOptions = {},
): Views {
  options = assertOptions(options, "options", DERIVE_OPTIONS);
  assertAnalysis(analysis);
  checkClusters(analysis, clusters);
  const labels = clusters as number[][];
  const previous = options.previous;
  const same = (g: number) => previous !== undefined && previous.clusters[g] === labels[g];
  const progress = createProgress(options, "CNNVis views");
  const groups = analysis.groups;
  const packings: ClusterPacking[][] = [];
  const matrices: ClusterMatrix[][] = [];
  groups.forEach((group, g) => {
    const step = progress.phase(g / (2 * groups.length), (g + 1) / (2 * groups.length));
    packings.push(
      same(g)
        ? previous!.packings[g]
        : clusterMembers(labels[g]).map(({ id, members }) => packCluster(group, id, members, step)),
    );
    matrices.push(
      same(g)
        ? previous!.matrices[g]
        : clusterMembers(labels[g]).map(({ id, members }) => reorderCluster(group, id, members)),
    );
  });
  const bundles = analysis.connections.map((_, p) => {
    const step = progress.phase(0.5 + p / (2 * groups.length), 0.5 + (p + 1) / (2 * groups.length));
    return same(p) && same(p + 1) ? previous!.bundles[p] : bundlePair(analysis, p, labels, options, step);
  });
  progress.done();
  return { clusters: labels, packings, matrices, bundles };
}

function packCluster(
  group: NeuronGroup,
  cluster: number,
  members: number[],
  progress: ProgressReporter,
): ClusterPacking {
  let top = 1e-12;
  for (const v of group.importance) top = Math.max(top, v);
  const rects = members.map((u) => {
    const side = 14 + 46 * Math.sqrt(group.importance[u] / top);
    return { width: side, height: side };
  });
  progress.report(0);
  const packing = packHierarchical(rects, { features: members.map((u) => group.vectors[u]), padding: 2, seed: 1 });
  return { cluster, members, packing };
}

function reorderCluster(group: NeuronGroup, cluster: number, members: number[]): ClusterMatrix {
  if (members.length < 3) return { cluster, members, order: members.map((_, r) => r), objective: 0, optimal: true };
  const result = reorderRows(
    members.map((u) => group.vectors[u]),
    { metric: "correlation" },
  );
  return { cluster, members, order: Array.from(result.order), objective: result.objective, optimal: result.optimal };
}

/**
 * Cluster positions evenly spread down a column of `height`, indexed by cluster id (unused ids get a place too).
 * @param labels - a group's cluster ids.
 * @param height - the column's height.
 * @returns positions[c]: the y of cluster c's centre.
 * @throws `E_TYPE` / `E_RANGE` for labels that are not integers ≥ 0 or a height that is not positive.
 * @example
 * spreadPositions([0, 1, 1], 100); // [25, 75]
 */
export function spreadPositions(labels: readonly number[], height: number): number[] {
  assertLabels(labels, "labels");
  assertPositive(height, "height");
  let most = 0;
  for (const c of labels) most = Math.max(most, c);
  return Array.from({ length: most + 1 }, (_, k) => ((k + 0.5) * height) / (most + 1));
}

/** The strongest pairs by |strength| (ties by pair), at most `max`. */
function strongest(strengths: ClusterStrength[], max: number): ClusterStrength[] {
  if (strengths.length <= max) return strengths;
  const magnitude = (s: ClusterStrength) => Math.max(s.pos ?? 0, -(s.neg ?? 0));
  return [...strengths]
    .sort((a, b) => magnitude(b) - magnitude(a) || a.input - b.input || a.output - b.output)
    .slice(0, max);
}

function bundlePair(
  analysis: Analysis,
  p: number,
  labels: number[][],
  options: DeriveViewsOptions,
  progress: ProgressReporter,
): GroupBundles {
  const link = analysis.connections[p];
  const rows = Array.from({ length: link.rows }, (_, r) =>
    link.weights.subarray(r * link.columns, (r + 1) * link.columns),
  );
  const strengths = clusterStrengths(rows, labels[p], labels[p + 1]);
  const kept = strongest(strengths, options.maxPairs ?? 2000);
  let largest = 0;
  for (const s of kept) largest = Math.max(largest, s.pos ?? 0, -(s.neg ?? 0));
  const result = weightedBicluster(kept, {
    tau: (options.tau ?? 0.5) * largest,
    threshold: (options.threshold ?? 0.3) * largest,
    signal: options.signal,
    onProgress: (f) => progress.report(f),
  });
  const height = options.height ?? 320;
  const inputPositions = spreadPositions(labels[p], height);
  const outputPositions = spreadPositions(labels[p + 1], height);
  const width = options.pairWidth ?? 240;
  const geometry = bundleLayout(result, { inputPositions, outputPositions, width, height });
  return {
    from: p,
    to: p + 1,
    pairs: strengths.length,
    kept: kept.length,
    truncated: kept.length < strengths.length || result.truncated,
    largest,
    biclusters: result.biclusters.length,
    curves: result.curves,
    geometry,
    width,
    height,
    inputPositions,
    outputPositions,
  };
}

/**
 * Move one neuron to another cluster: a new clustering for {@link deriveViews}, the old one untouched; groups it does
 * not touch keep their label arrays (so `previous` reuses their views).
 * @param clusters - the current clustering.
 * @param group - the group index.
 * @param unit - the neuron.
 * @param toCluster - its new cluster id.
 * @returns the new clustering.
 * @throws `E_TYPE` when `clusters` is not an array of label arrays; `E_RANGE` for a group, unit or cluster id out of range.
 * @example
 * const next = moveNeuron(views.clusters, 1, 5, 0);
 * const updated = deriveViews(analysis, next, { previous: views });
 */
export function moveNeuron(
  clusters: readonly (readonly number[])[],
  group: number,
  unit: number,
  toCluster: number,
): number[][] {
  if (!Array.isArray(clusters)) {
    throw new ClearboxError("E_TYPE", `clusters must be an array of label arrays, got ${describeValue(clusters)}.`, {
      argument: "clusters",
    });
  }
  assertInteger(group, "group", 0, clusters.length - 1);
  assertLabels(clusters[group], `clusters[${group}]`);
  assertInteger(unit, "unit", 0, clusters[group].length - 1);
  assertInteger(toCluster, "toCluster", 0, clusters[group].length - 1);
  return (clusters as (readonly number[])[]).map((labels, g) =>
    g === group ? labels.map((c, u) => (u === unit ? toCluster : c)) : (labels as number[]),
  );
}
