import {
  ClearboxError,
  LONG_RUNNING_KEYS,
  assertFiniteNumber,
  assertFiniteVector,
  assertFunction,
  assertInRange,
  assertInteger,
  assertNonNegative,
  assertOneOf,
  assertOptions,
  createProgress,
} from "@clearbox/core/internal";
import type { LongRunningOptions } from "@clearbox/core";
import type { OptionKeys } from "@clearbox/core/internal";
import { dartThrowing } from "./dart-throwing.js";
import { progressivePrefix, visitingOrder } from "./progressive-order.js";
import { readSeries } from "./series.js";
import type { FlatSeries, SeriesInput } from "./series.js";
import { SeriesIndex } from "./series-index.js";

/** Options of {@link sampleBlueNoise}: give exactly one of `count`, `ratio` and `radius`. */
export interface SampleBlueNoiseOptions extends LongRunningOptions {
  /** How many series to keep (1 … N). */
  count?: number;
  /** The share of series to keep, in (0, 1]: `count = max(1, round(ratio · N))`. */
  ratio?: number;
  /** Keep series at least this far apart (one dart-throwing pass); the count follows from it. */
  radius?: number;
  /** Seed of the visiting order. Default 0. */
  seed?: number;
  /**
   * `"random"` (default): visit in seeded random order. `"importance"`: visit by `importance`, largest first, so that
   * among series equally placed the important ones are kept.
   */
  order?: "random" | "importance";
  /** One score per series, for `order: "importance"`. */
  importance?: ArrayLike<number>;
  /** The chart's y scale (value → pixels), so that distances match what is drawn. Default: the values. */
  y?: (value: number) => number;
}

const SAMPLE_BLUE_NOISE_OPTIONS = {
  count: true,
  ratio: true,
  radius: true,
  seed: true,
  order: true,
  importance: true,
  y: true,
  ...LONG_RUNNING_KEYS,
} satisfies OptionKeys<SampleBlueNoiseOptions>;

/** A blue-noise sample and what it guarantees. */
export interface BlueNoiseSample {
  /** The sampled series, in the progressive order (every prefix is itself a blue-noise sample). */
  indices: Int32Array;
  /** Every two sampled series are at least this far apart (eq. 4-1); Infinity for a single series. */
  radius: number;
  /** Every series is within this distance of a sampled one. */
  coverage: number;
  /**
   * Every series whose nearest other series is at least this far away is sampled: outliers are kept. Equal to
   * `radius` unless the cut fell among the last pass's isolated series.
   */
  isolation: number;
  /** Dart-throwing passes run. */
  passes: number;
}

/**
 * A blue-noise sample of polylines (DGMTracker, thesis §4.4): a subset whose members are far apart, so that dense
 * bundles are thinned while isolated (outlier) lines are kept. The distance is eq. 4-1 — the mean gap between the
 * midpoints of corresponding segments, in chart space. With `count` or `ratio`, the sample is a prefix of one
 * progressive order made by dart throwing with a shrinking radius (isolated series first in each pass): exactly the
 * size asked, nested (a 1 % sample is a prefix of the 5 % sample with the same seed), and deterministic per seed.
 * With `radius`, one dart-throwing pass. An index on cheap lower bounds of the distance (block means of the segment
 * midpoints, on a grid) and exact distances with early exit mean no pass compares all pairs.
 *
 * @param series - N series of T ≥ 2 finite values: `number[][]`, or one typed array `{ values, count, length }`
 *   (row-major, N × T) for large N.
 * @param options - One of `count`, `ratio`, `radius`; `seed`, `order`, `importance`, the chart's `y` scale,
 *   `signal`, `onProgress`.
 * @returns The sampled indices in progressive order, with the spacing `radius`, the `coverage` and `isolation`
 *   distances it guarantees, and the passes run.
 * @throws `E_SHAPE` for series of different lengths, T < 2, or a flat array whose length is not count × length;
 *   `E_NAN` for a value that is not finite; `E_RANGE` for a count outside 1 … N or a ratio outside (0, 1];
 *   `E_OPTION` for none or several of count / ratio / radius, or an unknown option; `E_ABORTED`.
 * @example
 * const { indices } = sampleBlueNoise(weightSeries, { ratio: 0.05, seed: 1 }); // 5 %, outliers kept
 */
export function sampleBlueNoise(series: SeriesInput, options: SampleBlueNoiseOptions = {}): BlueNoiseSample {
  options = assertOptions(options, "options", SAMPLE_BLUE_NOISE_OPTIONS);
  const data = scaledSeries(readSeries(series, "series", options.signal), options.y);
  const n = data.count;
  const given = (["count", "ratio", "radius"] as const).filter((key) => options[key] !== undefined);
  if (given.length !== 1) {
    throw new ClearboxError(
      "E_OPTION",
      `Give exactly one of options.count, options.ratio and options.radius; got ${given.length === 0 ? "none" : given.join(" and ")}.`,
      { argument: "options" },
    );
  }
  const seed = options.seed === undefined ? 0 : assertFiniteNumber(options.seed, "options.seed");
  const order =
    options.order === undefined
      ? "random"
      : assertOneOf(options.order, "options.order", ["random", "importance"] as const);
  let importance: ArrayLike<number> | undefined;
  if (order === "importance") {
    if (options.importance === undefined) {
      throw new ClearboxError(
        "E_OPTION",
        `options.order "importance" needs options.importance (one score per series).`,
        {
          argument: "options.importance",
        },
      );
    }
    importance = assertFiniteVector(options.importance, "options.importance", { length: n });
  }
  const progress = createProgress(options, "blue-noise sampling");
  const index = new SeriesIndex(data.values, n, data.length, options.signal);
  const visit = visitingOrder(n, seed, importance);
  if (options.radius !== undefined) {
    const radius = assertNonNegative(options.radius, "options.radius");
    const indices = dartThrowing(index, radius, visit);
    progress.done();
    return { indices, radius, coverage: radius, isolation: radius, passes: 1 };
  }
  const count =
    options.count !== undefined
      ? assertInteger(options.count, "options.count", 1, n)
      : Math.max(1, Math.round(n * ratioOf(options.ratio)));
  const prefix = progressivePrefix(index, count, visit, progress, options.signal);
  progress.done();
  return prefix;
}

function ratioOf(value: unknown): number {
  const ratio = assertFiniteNumber(value, "options.ratio");
  if (ratio <= 0) {
    throw new ClearboxError("E_RANGE", `options.ratio must be in (0, 1], got ${ratio}.`, { argument: "options.ratio" });
  }
  return assertInRange(ratio, "options.ratio", 0, 1);
}

/** The series through the chart's y scale (a copy), or as they are. */
export function scaledSeries(data: FlatSeries, y: unknown): FlatSeries {
  if (y === undefined) return data;
  const scale = assertFunction<(value: number) => number>(y, "options.y");
  const values = new Float64Array(data.values.length);
  for (let k = 0; k < values.length; k++) {
    values[k] = scale(data.values[k]);
    if (!Number.isFinite(values[k])) {
      throw new ClearboxError(
        "E_NAN",
        `options.y maps ${data.values[k]} to ${values[k]}: the scale must give finite values.`,
        {
          argument: "options.y",
        },
      );
    }
  }
  return { values, count: data.count, length: data.length };
}
