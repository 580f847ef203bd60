import {
  ClearboxError,
  LONG_RUNNING_KEYS,
  assertFiniteNumber,
  assertInRange,
  assertInteger,
  assertNonNegative,
  assertOneOf,
  assertOptions,
  createProgress,
  describeValue,
  sortWithChecks,
  throwIfAborted,
} from "@clearbox/core/internal";
import type { LongRunningOptions } from "@clearbox/core";
import type { OptionKeys } from "@clearbox/core/internal";
import { closedBicliques } from "./closed-bicliques.js";
import type { ClusterStrength } from "./cluster-strengths.js";
import { selectByGain } from "./select-by-gain.js";

/** Options of {@link weightedBicluster}. */
export interface WeightedBiclusterOptions extends LongRunningOptions {
  /**
   * τ ≥ 0: an iteration selects the items of the leading sign whose |w| is within τ of the largest remaining |w|
   * (`a* − |w| ≤ τ`, so τ = 0 selects the ties). Default: a tenth of the largest |w|.
   */
  tau?: number;
  /** θ ≥ 0: the loop stops when the largest remaining |w| is below θ; weaker items are not drawn. Default 0. */
  threshold?: number;
  /**
   * `"greedy"` (default): keep the bicluster that saves the most curves (newly covered items − its |I| + |O|) until
   * none saves any. `"all"`: keep every maximal bicluster (the thesis), which can draw more curves than there were
   * items.
   */
  select?: "greedy" | "all";
  /** The output budget of each iteration's biclique mining (see `closedBicliques`). Default 100,000. */
  maxResults?: number;
}

/** Every option of {@link weightedBicluster}: the list unknown keys are checked against. */
const WEIGHTED_BICLUSTER_OPTIONS = {
  tau: true,
  threshold: true,
  select: true,
  maxResults: true,
  ...LONG_RUNNING_KEYS,
} satisfies OptionKeys<WeightedBiclusterOptions>;

/** A bicluster: input clusters × output clusters all joined, in one iteration, by items of one sign. */
export interface Bicluster {
  /** Input cluster ids, ascending. */
  inputs: number[];
  /** Output cluster ids, ascending. */
  outputs: number[];
  /** 1 for positive items, −1 for negative ones. */
  sign: 1 | -1;
  /** The mean weight of its |inputs| × |outputs| items (signed). */
  meanWeight: number;
  /** Σ nNeg / Σ (nNeg + nPos) over its cluster pairs: the red share of its rectangle. In [0, 1]. */
  negativeRatio: number;
  /** The iteration (0-based) that made it; a* falls from one iteration to the next. */
  iteration: number;
}

/** A selected item no kept bicluster covers: drawn as its own curve. */
export interface DirectEdge {
  input: number;
  output: number;
  sign: 1 | -1;
  /** The item's weight (the pair's mean positive or mean negative weight). */
  weight: number;
  iteration: number;
}

/** The result of {@link weightedBicluster}. */
export interface WeightedBiclustering {
  biclusters: Bicluster[];
  directEdges: DirectEdge[];
  /** How many iterations ran (each takes the items within τ of that iteration's a*). */
  iterations: number;
  /** Items with |w| ≥ θ: the curves drawn without bundling. */
  edges: number;
  /** Curves drawn with bundling: Σ (|inputs| + |outputs|) over the biclusters, plus the direct edges. */
  curves: number;
  /** True when an iteration's mining hit `maxResults`: some items may have gone to `directEdges` for that reason. */
  truncated: boolean;
}

interface Item {
  input: number;
  output: number;
  sign: 1 | -1;
  weight: number;
  magnitude: number;
  /** The pair's counts of positive and negative weights (both of its items carry them). */
  nPos: number;
  nNeg: number;
}

/**
 * Weighted biclustering of the cluster pairs between two layers (CNNVis, thesis §3.5.1, as specified in
 * ALGORITHMS.md §4): each pair contributes a positive item (its mean positive weight) and a negative one. Each
 * iteration takes a* = the largest remaining |w| (stopping below θ) and its sign (positive on ties), selects the
 * items of that sign with a* − |w| ≤ τ, mines the maximal bicliques of the bipartite graph they form, keeps them
 * (`"all"`) or the ones that save curves (`"greedy"`), draws the selected items no kept bicluster covers directly,
 * and removes the selected items. Every item ≥ θ is drawn once — in a bicluster or as a direct edge.
 *
 * @param strengths - The cluster pairs' strengths, from {@link clusterStrengths} (or your own, same shape).
 * @param options - `tau`, `threshold`, `select`, `maxResults`, `signal`, `onProgress`.
 * @returns The biclusters, the direct edges, and the counts of curves with and without bundling.
 * @throws `E_TYPE` / `E_NAN` / `E_RANGE` for a malformed strength (a non-finite mean, a positive `neg`, a count below
 *   0); `E_RANGE` / `E_NAN` for τ or θ negative or not finite; `E_OPTION` for an unknown option or `select`;
 *   `E_ABORTED`.
 * @example
 * const strengths = clusterStrengths(weights, inputClusters, outputClusters);
 * const { biclusters, directEdges, curves, edges } = weightedBicluster(strengths, { tau: 0.05, threshold: 0.1 });
 */
export function weightedBicluster(
  strengths: readonly ClusterStrength[],
  options: WeightedBiclusterOptions = {},
): WeightedBiclustering {
  options = assertOptions(options, "options", WEIGHTED_BICLUSTER_OPTIONS);
  const items = readItems(strengths, options.signal);
  const largest = items.reduce((m, item) => Math.max(m, item.magnitude), 0);
  const tau = options.tau === undefined ? largest / 10 : assertNonNegative(options.tau, "options.tau");
  const threshold = options.threshold === undefined ? 0 : assertNonNegative(options.threshold, "options.threshold");
  const select =
    options.select === undefined ? "greedy" : assertOneOf(options.select, "options.select", ["greedy", "all"] as const);
  const maxResults =
    options.maxResults === undefined ? 100_000 : assertInteger(options.maxResults, "options.maxResults", 1);
  const progress = createProgress(options, "weighted biclustering");

  // Strongest first; positive before negative at equal |w|; then by pair, so the order of the input never matters.
  // Sorted in pieces: one built-in sort of 10⁵ items runs longer than the ~20 ms between looks at the signal.
  const remaining = sortWithChecks(
    items.filter((item) => item.magnitude >= threshold && item.magnitude > 0),
    (a, b) => b.magnitude - a.magnitude || b.sign - a.sign || a.input - b.input || a.output - b.output,
    () => throwIfAborted(options.signal, "weighted biclustering"),
  );
  const result: WeightedBiclustering = {
    biclusters: [],
    directEdges: [],
    iterations: 0,
    edges: remaining.length,
    curves: 0,
    truncated: false,
  };
  const taken = new Uint8Array(remaining.length);
  let done = 0;
  for (let head = 0; head < remaining.length; head++) {
    if (taken[head]) continue;
    const { magnitude: aStar, sign } = remaining[head];
    // The selection: of the leading sign, within τ of a* (remaining is sorted, so it ends at the first weaker item).
    const selected: Item[] = [];
    for (let k = head; k < remaining.length && aStar - remaining[k].magnitude <= tau; k++) {
      if (!taken[k] && remaining[k].sign === sign) {
        taken[k] = 1;
        selected.push(remaining[k]);
      }
    }
    const iteration = result.iterations++;
    const mined = closedBicliques(
      selected.map((item) => [item.input, item.output] as [number, number]),
      { maxResults, signal: options.signal },
    );
    result.truncated ||= mined.truncated;
    const kept = select === "all" ? mined.bicliques : selectByGain(mined.bicliques, options.signal);
    recordIteration(result, { selected, kept, sign, iteration });
    done += selected.length;
    progress.report(done / remaining.length);
  }
  result.curves =
    result.biclusters.reduce((sum, b) => sum + b.inputs.length + b.outputs.length, 0) + result.directEdges.length;
  progress.done();
  return result;
}

/**
 * One iteration's output: each kept biclique as a bicluster (its mean weight and share of negative weights), and
 * the selected items no kept biclique covers as direct edges.
 */
function recordIteration(
  result: WeightedBiclustering,
  iteration: {
    selected: Item[];
    kept: readonly { rows: number[]; cols: number[] }[];
    sign: 1 | -1;
    iteration: number;
  },
): void {
  const { selected, kept, sign } = iteration;
  // A kept biclique covers selected items only (it was mined from them): their key finds the item.
  const itemOf = new Map(selected.map((item) => [item.input * PAIR_STRIDE + item.output, item]));
  const covered = new Set<number>();
  for (const { rows, cols } of kept) {
    let total = 0;
    let negative = 0;
    let all = 0;
    for (const input of rows) {
      for (const output of cols) {
        const key = input * PAIR_STRIDE + output;
        covered.add(key);
        const item = itemOf.get(key) as Item;
        total += item.weight;
        negative += item.nNeg;
        all += item.nPos + item.nNeg;
      }
    }
    const meanWeight = total / (rows.length * cols.length);
    const negativeRatio = all === 0 ? 0 : negative / all;
    result.biclusters.push({
      inputs: rows,
      outputs: cols,
      sign,
      meanWeight,
      negativeRatio,
      iteration: iteration.iteration,
    });
  }
  for (const item of selected) {
    if (covered.has(item.input * PAIR_STRIDE + item.output)) continue;
    const { input, output, weight } = item;
    result.directEdges.push({ input, output, sign, weight, iteration: iteration.iteration });
  }
}

/** Pair keys are input × stride + output: cluster ids stay far below 2²⁶ in any layer anyone draws. */
const PAIR_STRIDE = 2 ** 26;

/** Pairs read between two looks at the signal: checking a pair costs a few µs, so 1,024 of them take a few ms. */
const PAIRS_PER_CHECK = 1024;

function readItems(strengths: unknown, signal: AbortSignal | undefined): Item[] {
  if (!Array.isArray(strengths)) {
    throw new ClearboxError(
      "E_TYPE",
      `strengths must be an array of cluster-pair strengths (from clusterStrengths), got ${describeValue(strengths)}.`,
      { argument: "strengths" },
    );
  }
  const items: Item[] = [];
  const seen = new Set<number>();
  strengths.forEach((pair: unknown, p) => {
    if (p % PAIRS_PER_CHECK === 0) throwIfAborted(signal, "weighted biclustering");
    const where = `strengths[${p}]`;
    if (typeof pair !== "object" || pair === null) {
      throw new ClearboxError("E_TYPE", `${where} must be { input, output, pos?, neg?, nPos, nNeg }.`, {
        argument: where,
      });
    }
    const s = pair as Partial<ClusterStrength>;
    const input = assertInteger(s.input, `${where}.input`, 0, PAIR_STRIDE - 1);
    const output = assertInteger(s.output, `${where}.output`, 0, PAIR_STRIDE - 1);
    const nPos = assertInteger(s.nPos, `${where}.nPos`, 0);
    const nNeg = assertInteger(s.nNeg, `${where}.nNeg`, 0);
    const key = input * PAIR_STRIDE + output;
    if (seen.has(key)) {
      throw new ClearboxError("E_SHAPE", `${where} repeats the pair (${input}, ${output}).`, { argument: where });
    }
    seen.add(key);
    if (s.pos !== undefined) {
      const pos = assertNonNegative(s.pos, `${where}.pos`);
      items.push({ input, output, sign: 1, weight: pos, magnitude: pos, nPos, nNeg });
    }
    if (s.neg !== undefined) {
      const neg = assertInRange(assertFiniteNumber(s.neg, `${where}.neg`), `${where}.neg`, -Infinity, 0);
      items.push({ input, output, sign: -1, weight: neg, magnitude: -neg, nPos, nNeg });
    }
  });
  return items;
}
