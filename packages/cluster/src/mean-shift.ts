import {
  ClearboxError,
  assertInteger,
  assertPositive,
  createProgress,
  createRandom,
  squaredDistance,
  toDenseMatrix,
  assertOptions,
  LONG_RUNNING_KEYS,
  assertInRange,
  assertBoolean,
} from "@clearbox/core/internal";
import type { OptionKeys } from "@clearbox/core/internal";
import type { DenseMatrix, LongRunningOptions, MatrixInput } from "@clearbox/core";

/** Options of {@link meanShift}. */
export interface MeanShiftOptions extends LongRunningOptions {
  /** Radius of the flat kernel. Estimated with {@link estimateBandwidth} when omitted. */
  bandwidth?: number;
  /** Quantile used by the bandwidth estimate. Default 0.3. */
  quantile?: number;
  /** Seed for the point sample of the bandwidth estimate. Default 0. */
  seed?: number;
  /**
   * Start from the centres of occupied grid cells of side `bandwidth` (cells with at least `minBinFrequency` points)
   * instead of from every point: far fewer seeds on large data. Default false.
   */
  binSeeding?: boolean;
  /** With `binSeeding`, the points a cell needs to become a seed. Default 1. */
  minBinFrequency?: number;
  /** Maximum shifts per seed. Default 300. */
  maxIterations?: number;
}

/** Every option of {@link meanShift}: the list unknown keys are checked against. */
const MEAN_SHIFT_OPTIONS = {
  bandwidth: true,
  quantile: true,
  seed: true,
  binSeeding: true,
  minBinFrequency: true,
  maxIterations: true,
  ...LONG_RUNNING_KEYS,
} satisfies OptionKeys<MeanShiftOptions>;

/** The result of {@link meanShift}. */
export interface MeanShiftResult {
  /** Cluster of every point: the index of its nearest centre. */
  labels: Int32Array;
  /** Modes found, ordered by how many points their final window held (densest first). */
  centers: number[][];
  /** The bandwidth used (given or estimated). */
  bandwidth: number;
}

/**
 * Mean-shift clustering with a flat kernel (Comaniciu & Meer 2002, as in scikit-learn): every seed climbs to the
 * mean of the points within `bandwidth` until it moves less than 10⁻³ bandwidth; modes closer than a bandwidth to
 * a denser one are dropped; each point joins its nearest mode. No k is needed. O(seeds × iterations × n × d).
 *
 * @example
 * const { centers, labels } = meanShift(points); // bandwidth estimated from the data
 * @param data - n points as rows (`number[][]`, typed-array rows, or an ml-matrix `Matrix`).
 * @param options - `bandwidth` (estimated when absent), `quantile`, `seed`, `binSeeding`, `minBinFrequency`, `maxIterations`, `signal`, `onProgress`.
 * @returns the modes (`centers`), every point's `labels`, and the `bandwidth` used.
 * @throws `E_TYPE` / `E_SHAPE` / `E_NAN` / `E_EMPTY` for data that is not a finite, non-empty matrix; `E_RANGE` for a bandwidth ≤ 0 (or an estimate of 0); `E_OPTION` for an unknown option key or value; `E_ABORTED`.
 */
export function meanShift(data: MatrixInput, options: MeanShiftOptions = {}): MeanShiftResult {
  options = assertOptions(options, "options", MEAN_SHIFT_OPTIONS);
  const matrix = toDenseMatrix(data, "data");
  const maxIterations =
    options.maxIterations === undefined ? 300 : assertInteger(options.maxIterations, "options.maxIterations", 1);
  const progress = createProgress(options, "mean-shift");
  const bandwidth =
    options.bandwidth === undefined
      ? estimateBandwidth(matrix, { quantile: options.quantile, seed: options.seed })
      : assertPositive(options.bandwidth, "options.bandwidth");
  if (!(bandwidth > 0)) {
    throw new ClearboxError(
      "E_RANGE",
      "The estimated bandwidth is 0 (the sampled points coincide); pass options.bandwidth explicitly.",
      { argument: "options.bandwidth" },
    );
  }
  const { rows: n, columns: d, values } = matrix;
  const seeds = (options.binSeeding === undefined ? false : assertBoolean(options.binSeeding, "options.binSeeding"))
    ? binSeeds(
        matrix,
        bandwidth,
        options.minBinFrequency === undefined
          ? 1
          : assertInteger(options.minBinFrequency, "options.minBinFrequency", 1),
      )
    : Float64Array.from(values);
  const seedCount = seeds.length / d;
  const radius2 = bandwidth * bandwidth;
  const stop = 1e-3 * bandwidth;

  const modes: Array<{ centre: Float64Array; count: number; order: number }> = [];
  const mean = new Float64Array(d);
  for (let s = 0; s < seedCount; s++) {
    const centre = seeds.slice(s * d, s * d + d);
    let count = 0;
    for (let iteration = 0; iteration < maxIterations; iteration++) {
      mean.fill(0);
      count = 0;
      for (let i = 0; i < n; i++) {
        if (squaredDistance(values, i * d, centre, 0, d) <= radius2) {
          count++;
          for (let t = 0; t < d; t++) mean[t] += values[i * d + t];
        }
      }
      if (count === 0) break;
      let shift = 0;
      for (let t = 0; t < d; t++) {
        const m = mean[t] / count;
        shift += (m - centre[t]) ** 2;
        centre[t] = m;
      }
      if (Math.sqrt(shift) <= stop) break;
    }
    if (count > 0) modes.push({ centre, count, order: s });
    progress.report((s + 1) / seedCount);
  }

  // Densest modes first; drop any mode within a bandwidth of a kept one.
  modes.sort((a, b) => b.count - a.count || a.order - b.order);
  const kept: Float64Array[] = [];
  for (const mode of modes) {
    if (kept.every((c) => squaredDistance(c, 0, mode.centre, 0, d) > radius2)) kept.push(mode.centre);
  }
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = Infinity;
    for (let c = 0; c < kept.length; c++) {
      const dist = squaredDistance(values, i * d, kept[c], 0, d);
      if (dist < best) {
        best = dist;
        labels[i] = c;
      }
    }
  }
  progress.done();
  return { labels, centers: kept.map((c) => Array.from(c)), bandwidth };
}

/** Options of {@link estimateBandwidth}. */
export interface BandwidthOptions {
  /** Which neighbour distance to average, as a fraction of n (k = ⌊n · quantile⌋, at least 1). Default 0.3. */
  quantile?: number;
  /** Points sampled to estimate from (all when n is smaller). Default 1,000. */
  sampleSize?: number;
  /** Seed of that sample. Default 0. */
  seed?: number;
}

/** Every option of {@link estimateBandwidth}: the list unknown keys are checked against. */
const BANDWIDTH_OPTIONS = { quantile: true, sampleSize: true, seed: true } satisfies OptionKeys<BandwidthOptions>;

/**
 * Bandwidth estimate of scikit-learn's `estimate_bandwidth`: the mean, over (sampled) points, of the distance to
 * their k-th nearest neighbour (the point itself counting as the first), k = ⌊n · quantile⌋.
 * @param data - n points as rows.
 * @param options - `quantile` in (0, 1] (default 0.3), `sampleSize` (default 1,000), `seed`.
 * @returns the bandwidth, ≥ 0 (0 when the sampled points coincide).
 * @throws `E_TYPE` / `E_SHAPE` / `E_NAN` / `E_EMPTY` for data that is not a finite, non-empty matrix; `E_RANGE` for a quantile outside (0, 1]; `E_OPTION` for an unknown option key or value.
 * @example
 * const bandwidth = estimateBandwidth(points, { quantile: 0.2 });
 */
export function estimateBandwidth(data: MatrixInput | DenseMatrix, options: BandwidthOptions = {}): number {
  options = assertOptions(options, "options", BANDWIDTH_OPTIONS);
  const matrix = isDense(data) ? data : toDenseMatrix(data, "data");
  const quantile =
    options.quantile === undefined
      ? 0.3
      : assertInRange(assertPositive(options.quantile, "options.quantile"), "options.quantile", 0, 1);
  const sampleSize =
    options.sampleSize === undefined ? 1000 : assertInteger(options.sampleSize, "options.sampleSize", 1);
  const { rows: n, columns: d, values } = matrix;
  const k = Math.max(1, Math.floor(n * quantile));
  const random = createRandom(options.seed ?? 0);
  const sample =
    n <= sampleSize
      ? Array.from({ length: n }, (_, i) => i)
      : random.shuffle(Array.from({ length: n }, (_, i) => i)).slice(0, sampleSize);
  const distances = new Float64Array(n);
  let total = 0;
  for (const i of sample) {
    for (let j = 0; j < n; j++) distances[j] = squaredDistance(values, i * d, values, j * d, d);
    total += Math.sqrt(kthSmallest(distances, k - 1));
  }
  return total / sample.length;
}

function isDense(value: unknown): value is DenseMatrix {
  return typeof value === "object" && value !== null && (value as DenseMatrix).values instanceof Float64Array;
}

/** The k-th smallest (0-based) of `a` by quickselect; reorders `a`. */
function kthSmallest(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}

/** Centres (bin coordinates × bandwidth) of grid cells holding at least `minFrequency` points, in first-seen order. */
function binSeeds(matrix: DenseMatrix, bandwidth: number, minFrequency: number): Float64Array {
  const { rows: n, columns: d, values } = matrix;
  const bins = new Map<string, { count: number; cell: number[] }>();
  for (let i = 0; i < n; i++) {
    const cell: number[] = [];
    for (let t = 0; t < d; t++) cell.push(Math.round(values[i * d + t] / bandwidth));
    const key = cell.join(",");
    const bin = bins.get(key);
    if (bin) bin.count++;
    else bins.set(key, { count: 1, cell });
  }
  const seeds: number[] = [];
  for (const { count, cell } of bins.values())
    if (count >= minFrequency) for (const c of cell) seeds.push(c * bandwidth);
  if (seeds.length === 0) return Float64Array.from(values); // as scikit-learn: fall back to every point
  return Float64Array.from(seeds);
}
