import { ClearboxError, assertInteger, assertOptions, describeValue } from "@clearbox/core/internal";
import type { OptionKeys } from "@clearbox/core/internal";
import { readSeries } from "./series.js";
import type { SeriesInput } from "./series.js";
import { SeriesIndex } from "./series-index.js";
import { isolationOrder } from "./most-isolated.js";
import { nearestNeighbours } from "./nearest.js";
import { rasterCounts } from "./raster.js";

/** Options of {@link samplingQuality}. */
export interface SamplingQualityOptions {
  /**
   * The series that should be kept (planted or known outliers), for `outlierRecall`. Default: the 1 % of series
   * (at least one) whose nearest other series is farthest away.
   */
  outliers?: ArrayLike<number>;
  /** The raster for `overdraw` and `densityFidelity`: columns × rows. Default 256 × 128. */
  raster?: { columns: number; rows: number };
  /** A pixel counts as overdrawn when more than this many sampled lines cross it. Default 3. */
  overdrawLines?: number;
}

const SAMPLING_QUALITY_OPTIONS = {
  outliers: true,
  raster: true,
  overdrawLines: true,
} satisfies OptionKeys<SamplingQualityOptions>;

/** How good a sample of series is, by measures anyone can compute for any sampler. */
export interface SamplingQuality {
  /** The smallest distance between two sampled series (eq. 4-1); Infinity for a single one. Larger is more even. */
  minSpacing: number;
  /** The mean distance from each sampled series to its nearest sampled neighbour. */
  meanSpacing: number;
  /** The mean distance from every series to its nearest sampled series (0 for the sampled). Lower covers better. */
  coverageMean: number;
  /** The 99th percentile of those distances. */
  coverageP99: number;
  /** The largest of those distances: the farthest any series is from the sample. */
  coverageMax: number;
  /** The share of the outliers that are sampled, in [0, 1]. */
  outlierRecall: number;
  /** The share of the pixels the sample draws that more than `overdrawLines` sampled lines cross. Lower is clearer. */
  overdraw: number;
  /**
   * How well the sample's density of lines matches all series': 1 − the total variation distance between the two
   * normalised rasters, in [0, 1]. Random sampling is expected to win here; blue noise trades it for coverage.
   */
  densityFidelity: number;
}

/**
 * Measures of a sample of series: spacing, coverage (how far series are from the sample), recall of outliers,
 * overdraw and density fidelity. Distances are eq. 4-1, as the samplers use; rasters are drawn over the series'
 * value range at `raster` resolution. Neighbours are found with the samplers' index, so it runs at sizes where a
 * pairwise comparison could not.
 *
 * @param series - The N series the sample was drawn from (`number[][]` or `{ values, count, length }`).
 * @param indices - The sampled series' indices (distinct, in [0, N)).
 * @param options - `outliers` to recall, the `raster` size, `overdrawLines`.
 * @returns The measures.
 * @throws `E_SHAPE` / `E_NAN` / `E_TYPE` for bad series; `E_RANGE` / `E_SHAPE` for indices out of range, repeated or
 *   empty; `E_OPTION` for an unknown option key.
 * @example
 * const blue = samplingQuality(series, sampleBlueNoise(series, { ratio: 0.05 }).indices, { outliers });
 * blue.outlierRecall; // near 1, where a random 5 % keeps about 0.05
 */
export function samplingQuality(
  series: SeriesInput,
  indices: ArrayLike<number>,
  options: SamplingQualityOptions = {},
): SamplingQuality {
  options = assertOptions(options, "options", SAMPLING_QUALITY_OPTIONS);
  const data = readSeries(series);
  const n = data.count;
  const sample = checkIndices(indices, "indices", n, true);
  const columns =
    options.raster === undefined ? 256 : assertInteger(options.raster.columns, "options.raster.columns", 2);
  const rows = options.raster === undefined ? 128 : assertInteger(options.raster.rows, "options.raster.rows", 2);
  const overdrawLines =
    options.overdrawLines === undefined ? 3 : assertInteger(options.overdrawLines, "options.overdrawLines", 1);
  const index = new SeriesIndex(data.values, n, data.length);

  const everyone = Int32Array.from({ length: n }, (_, i) => i);
  const coverage = nearestNeighbours(index, everyone, sample, false);
  const spacing = nearestNeighbours(index, sample, sample, true);
  let minSpacing = Infinity;
  let spacingSum = 0;
  for (const d of spacing) {
    minSpacing = Math.min(minSpacing, d);
    spacingSum += d;
  }
  const sorted = Float64Array.from(coverage).sort();
  let coverageSum = 0;
  for (const d of coverage) coverageSum += d;

  let outliers: Int32Array;
  if (options.outliers !== undefined) outliers = checkIndices(options.outliers, "options.outliers", n, false);
  else outliers = isolationOrder(index).slice(0, Math.max(1, Math.round(0.01 * n)));
  const inSample = new Uint8Array(n);
  for (const i of sample) inSample[i] = 1;
  let kept = 0;
  for (const i of outliers) kept += inSample[i];

  const all = rasterCounts(data, everyone, columns, rows);
  const drawn = rasterCounts(data, sample, columns, rows);
  let covered = 0;
  let over = 0;
  let totalAll = 0;
  let totalDrawn = 0;
  for (let p = 0; p < drawn.length; p++) {
    if (drawn[p] > 0) covered++;
    if (drawn[p] > overdrawLines) over++;
    totalAll += all[p];
    totalDrawn += drawn[p];
  }
  let variation = 0;
  for (let p = 0; p < drawn.length; p++) variation += Math.abs(all[p] / totalAll - drawn[p] / totalDrawn);

  return {
    minSpacing,
    meanSpacing: sample.length > 1 ? spacingSum / sample.length : Infinity,
    coverageMean: coverageSum / n,
    coverageP99: sorted[Math.min(n - 1, Math.ceil(0.99 * n) - 1)],
    coverageMax: sorted[n - 1],
    outlierRecall: outliers.length === 0 ? 1 : kept / outliers.length,
    overdraw: covered === 0 ? 0 : over / covered,
    densityFidelity: 1 - variation / 2,
  };
}

function checkIndices(values: unknown, name: string, n: number, nonEmpty: boolean): Int32Array {
  if (!Array.isArray(values) && !(ArrayBuffer.isView(values) && !(values instanceof DataView))) {
    throw new ClearboxError("E_TYPE", `${name} must be an array of series indices, got ${describeValue(values)}.`, {
      argument: name,
    });
  }
  const list = values as unknown as ArrayLike<unknown>;
  if (nonEmpty && list.length === 0) {
    throw new ClearboxError("E_EMPTY", `${name} must hold at least one series index.`, { argument: name });
  }
  const seen = new Uint8Array(n);
  const out = new Int32Array(list.length);
  for (let k = 0; k < list.length; k++) {
    const i = assertInteger(list[k], `${name}[${k}]`, 0, n - 1);
    if (seen[i]) {
      throw new ClearboxError("E_SHAPE", `${name} repeats series ${i} (at ${name}[${k}]).`, {
        argument: `${name}[${k}]`,
      });
    }
    seen[i] = 1;
    out[k] = i;
  }
  return out;
}
