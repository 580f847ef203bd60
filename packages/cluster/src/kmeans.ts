import {
  assertInteger,
  assertFiniteNumber,
  createProgress,
  createRandom,
  toDenseMatrix,
  squaredDistance,
  assertOptions,
  LONG_RUNNING_KEYS,
  assertNonNegative,
} from "@clearbox/core/internal";
import type { OptionKeys } from "@clearbox/core/internal";
import type { DenseMatrix, LongRunningOptions, MatrixInput, ProgressReporter } from "@clearbox/core";
import { kmeansPlusPlus } from "./kmeans-plus-plus.js";

/** Options of {@link kmeans}. */
export interface KMeansOptions extends LongRunningOptions {
  /** Seed of the k-means++ initialisations. Default 0. */
  seed?: number;
  /** Number of k-means++ initialisations; the run with the lowest inertia wins. Default 10. */
  nInit?: number;
  /** Maximum Lloyd iterations per run. Default 300. */
  maxIterations?: number;
  /**
   * Convergence tolerance, relative to the mean per-feature variance of the data (as in scikit-learn): a run stops
   * when the summed squared centroid movement falls to `tolerance × mean variance` or no label changes. Default 1e-4.
   */
  tolerance?: number;
}

/** Every option of {@link kmeans}: the list unknown keys are checked against. */
const KMEANS_OPTIONS = {
  seed: true,
  nInit: true,
  maxIterations: true,
  tolerance: true,
  ...LONG_RUNNING_KEYS,
} satisfies OptionKeys<KMeansOptions>;

/** The result of {@link kmeans}. */
export interface KMeansResult {
  /** Cluster of every point, in [0, k). */
  labels: Int32Array;
  /** The k centroids. */
  centroids: number[][];
  /** Sum of squared distances of points to their centroid. */
  inertia: number;
  /** Lloyd iterations of the winning run. */
  iterations: number;
  /** False when the winning run stopped at `maxIterations` before converging. */
  converged: boolean;
}

/**
 * k-means clustering: k-means++ seeding (greedy, with local trials), then Lloyd's iterations accelerated by
 * Hamerly's distance bounds (exact: the same result as plain Lloyd, with most distance computations skipped).
 * An emptied cluster is re-seeded at the point farthest from its centroid. Deterministic for a given seed.
 *
 * @param data - n points as rows (`number[][]`, typed-array rows, or an ml-matrix `Matrix`).
 * @param k - number of clusters, 1 ≤ k ≤ n.
 * @example
 * const { labels, centroids } = kmeans([[0, 0], [0, 1], [10, 10], [10, 11]], 2, { seed: 1 });
 * @param options - `seed`, `nInit` (restarts, default 10), `maxIterations`, `tolerance`, `signal`, `onProgress`.
 * @returns `labels` (Int32Array), `centroids`, `inertia`, `iterations` and `converged` of the best restart.
 * @throws `E_TYPE` / `E_SHAPE` / `E_NAN` / `E_EMPTY` for data that is not a finite, non-empty matrix; `E_RANGE` for k outside [1, n]; `E_OPTION` for an unknown option key or value; `E_ABORTED`.
 */
export function kmeans(data: MatrixInput, k: number, options: KMeansOptions = {}): KMeansResult {
  options = assertOptions(options, "options", KMEANS_OPTIONS);
  const matrix = toDenseMatrix(data, "data");
  assertInteger(k, "k", 1, matrix.rows);
  const seed = options.seed === undefined ? 0 : assertFiniteNumber(options.seed, "options.seed");
  const nInit = options.nInit === undefined ? 10 : assertInteger(options.nInit, "options.nInit", 1);
  const maxIterations =
    options.maxIterations === undefined ? 300 : assertInteger(options.maxIterations, "options.maxIterations", 1);
  const tolerance = options.tolerance === undefined ? 1e-4 : assertNonNegative(options.tolerance, "options.tolerance");
  const progress = createProgress(options, "k-means");
  progress.report(0); // reading the rows is the first long step
  const absoluteTolerance = tolerance * meanVariance(matrix);
  const random = createRandom(seed);

  let best: RunResult | undefined;
  for (let run = 0; run < nInit; run++) {
    const runProgress = progress.phase(run / nInit, (run + 1) / nInit);
    const centres = kmeansPlusPlus(matrix, k, random.fork(), () => runProgress.report(0));
    const result = lloydHamerly(matrix, k, centres, maxIterations, absoluteTolerance, runProgress);
    if (best === undefined || result.inertia < best.inertia) best = result;
  }
  const winner = best as RunResult;
  const centroids: number[][] = [];
  const d = matrix.columns;
  for (let c = 0; c < k; c++) centroids.push(Array.from(winner.centres.subarray(c * d, c * d + d)));
  progress.done();
  return {
    labels: winner.labels,
    centroids,
    inertia: winner.inertia,
    iterations: winner.iterations,
    converged: winner.converged,
  };
}

interface RunResult {
  labels: Int32Array;
  centres: Float64Array;
  inertia: number;
  iterations: number;
  converged: boolean;
}

function meanVariance(matrix: DenseMatrix): number {
  const { rows: n, columns: d, values } = matrix;
  let total = 0;
  for (let j = 0; j < d; j++) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += values[i * d + j];
    mean /= n;
    let v = 0;
    for (let i = 0; i < n; i++) v += (values[i * d + j] - mean) ** 2;
    total += v / n;
  }
  return total / d;
}

/** One k-means run from the given centres (modified in place) with Hamerly's bounds. */
function lloydHamerly(
  matrix: DenseMatrix,
  k: number,
  centres: Float64Array,
  maxIterations: number,
  tolerance: number,
  progress: ProgressReporter,
): RunResult {
  const { rows: n, columns: d, values } = matrix;
  const labels = new Int32Array(n);
  const upper = new Float64Array(n);
  const lower = new Float64Array(n);
  const sums = new Float64Array(k * d);
  const counts = new Int32Array(k);
  const half = new Float64Array(k); // half the distance from each centre to its nearest other centre
  const moved = new Float64Array(k);
  const updated = new Float64Array(k * d);

  const dist = (i: number, c: number): number => Math.sqrt(squaredDistance(values, i * d, centres, c * d, d));
  const scan = (i: number): boolean => scanPoint(values, d, centres, k, i, { labels, upper, lower });
  const addPoint = (i: number, c: number, sign: number): void => {
    counts[c] += sign;
    for (let t = 0; t < d; t++) sums[c * d + t] += sign * values[i * d + t];
  };

  for (let i = 0; i < n; i++) {
    labels[i] = 0;
    scan(i);
    addPoint(i, labels[i], 1);
    if ((i & 4095) === 4095) progress.report(0); // a signal check every ~4,096 · k distances (a few ms)
  }

  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    iterations++;
    // M-step: move every centre to the mean of its points; re-seed emptied clusters.
    for (const i of reseedEmptyClusters(matrix, k, labels, counts, centres, addPoint)) {
      upper[i] = Infinity; // its bounds referred to its old cluster
      lower[i] = 0;
    }
    const shift = moveCentres(matrix, k, sums, counts, centres, { updated, moved, labels, upper, lower });
    progress.report(iterations / maxIterations);
    if (shift <= tolerance) {
      converged = true;
      break;
    }
    // E-step with Hamerly's bounds.
    computeHalfDistances(centres, k, d, half);
    let changed = 0;
    for (let i = 0; i < n; i++) {
      if ((i & 4095) === 4095) progress.report(iterations / maxIterations); // a signal check every few ms
      const a = labels[i];
      const bound = Math.max(half[a], lower[i]);
      if (upper[i] <= bound) continue;
      upper[i] = dist(i, a);
      if (upper[i] <= bound || !scan(i)) continue;
      addPoint(i, a, -1);
      addPoint(i, labels[i], 1);
      changed++;
    }
    if (changed === 0) {
      converged = true;
      break;
    }
  }
  // Labels must refer to the final centres (a shift-converged run moved them after the last assignment).
  let inertia = 0;
  for (let i = 0; i < n; i++) {
    if ((i & 4095) === 4095) progress.report(iterations / maxIterations); // n · k distances: tens of ms
    scan(i);
    inertia += upper[i] * upper[i];
  }
  return { labels, centres, inertia, iterations, converged };
}

/** Full scan: the nearest and second-nearest centre of point i into its bounds; returns whether its label changed. */
function scanPoint(
  values: Float64Array,
  d: number,
  centres: Float64Array,
  k: number,
  i: number,
  { labels, upper, lower }: Pick<StepState, "labels" | "upper" | "lower">,
): boolean {
  let first = Infinity;
  let second = Infinity;
  let arg = 0;
  for (let c = 0; c < k; c++) {
    const dc = Math.sqrt(squaredDistance(values, i * d, centres, c * d, d));
    if (dc < first) {
      second = first;
      first = dc;
      arg = c;
    } else if (dc < second) second = dc;
  }
  upper[i] = first;
  lower[i] = second;
  if (arg === labels[i]) return false;
  labels[i] = arg;
  return true;
}

/** Scratch and per-point state of a run that the M-step reads and updates. */
interface StepState {
  updated: Float64Array;
  moved: Float64Array;
  labels: Int32Array;
  upper: Float64Array;
  lower: Float64Array;
}

/**
 * The M-step: move every centre to the mean of its points (a cluster still empty — only with duplicate points —
 * keeps its centre), then loosen each point's Hamerly bounds by how far the centres moved. Returns the total
 * squared shift of the centres.
 */
function moveCentres(
  matrix: DenseMatrix,
  k: number,
  sums: Float64Array,
  counts: Int32Array,
  centres: Float64Array,
  { updated, moved, labels, upper, lower }: StepState,
): number {
  const { rows: n, columns: d } = matrix;
  let shift = 0;
  let largest = 0;
  let largestAt = -1;
  let secondLargest = 0;
  for (let c = 0; c < k; c++) {
    let s = 0;
    for (let t = 0; t < d; t++) {
      // A cluster still empty (only with duplicate points) keeps its centre.
      const value = counts[c] > 0 ? sums[c * d + t] / counts[c] : centres[c * d + t];
      updated[c * d + t] = value;
      s += (value - centres[c * d + t]) ** 2;
    }
    moved[c] = Math.sqrt(s);
    shift += s;
    if (moved[c] > largest) {
      secondLargest = largest;
      largest = moved[c];
      largestAt = c;
    } else if (moved[c] > secondLargest) secondLargest = moved[c];
  }
  centres.set(updated);
  for (let i = 0; i < n; i++) {
    upper[i] += moved[labels[i]];
    lower[i] -= labels[i] === largestAt ? secondLargest : largest;
  }
  return shift;
}

function computeHalfDistances(centres: Float64Array, k: number, d: number, half: Float64Array): void {
  half.fill(Infinity);
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) {
      const h = 0.5 * Math.sqrt(squaredDistance(centres, a * d, centres, b * d, d));
      if (h < half[a]) half[a] = h;
      if (h < half[b]) half[b] = h;
    }
  }
  if (k === 1) half[0] = Infinity;
}

/**
 * Give every empty cluster the point farthest from its own centroid (among clusters that keep at least one
 * point), as scikit-learn does. Rare; costs one exact pass over the data when it happens. Returns the points moved.
 */
function reseedEmptyClusters(
  matrix: DenseMatrix,
  k: number,
  labels: Int32Array,
  counts: Int32Array,
  centres: Float64Array,
  addPoint: (i: number, c: number, sign: number) => void,
): number[] {
  const empty: number[] = [];
  for (let c = 0; c < k; c++) if (counts[c] === 0) empty.push(c);
  if (empty.length === 0) return empty;
  const moved: number[] = [];
  const { rows: n, columns: d, values } = matrix;
  const far = Array.from({ length: n }, (_, i) => i);
  const distance = Float64Array.from(far, (i) => squaredDistance(values, i * d, centres, labels[i] * d, d));
  far.sort((x, y) => distance[y] - distance[x] || x - y);
  let cursor = 0;
  for (const c of empty) {
    while (cursor < n && counts[labels[far[cursor]]] <= 1) cursor++;
    if (cursor >= n) break; // fewer distinct donors than empty clusters (k close to n with duplicates)
    const i = far[cursor++];
    addPoint(i, labels[i], -1);
    labels[i] = c;
    addPoint(i, c, 1);
    moved.push(i);
  }
  return moved;
}
