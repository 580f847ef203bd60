import { ClearboxError, LONG_RUNNING_KEYS, assertOptions } from "@clearbox/core/internal";
import type { OptionKeys } from "@clearbox/core/internal";
import type { LongRunningOptions } from "@clearbox/core";
import { sampleBlueNoise, samplingQuality } from "@clearbox/blue-noise";
import type { BlueNoiseSample, SamplingQuality } from "@clearbox/blue-noise";
import type { SeriesKind } from "../store/format.js";
import { assertRun } from "../store/run-reader.js";
import type { RunReader, SeriesWindow, SeriesWindowOptions } from "../store/run-reader.js";
import { randomSample } from "./random-sample.js";

/** Options of {@link sampleRun}. */
export interface SampleRunOptions extends LongRunningOptions, Omit<SeriesWindowOptions, "into"> {
  /** How many series to sample. Default 100 (or all, when fewer). */
  count?: number;
  /** Seed of both samples. Default 1. */
  seed?: number;
  /** Series known to matter (e.g. a planted fault's), for the samples' outlier recall. */
  outliers?: ArrayLike<number>;
  /** Another sample to measure alongside (e.g. the online sample kept during training): series indices. */
  compare?: ArrayLike<number>;
}

const SAMPLE_RUN_OPTIONS = {
  count: true,
  seed: true,
  outliers: true,
  compare: true,
  from: true,
  to: true,
  series: true,
  ...LONG_RUNNING_KEYS,
} satisfies OptionKeys<SampleRunOptions>;

/** Blue-noise versus random sampling of a run's series, with their quality. */
export interface RunSample {
  /** The series read (a window of steps × series); positions in it are `window.series` indices. */
  window: SeriesWindow;
  /** The blue-noise sample: its `indices` are series indices (as in the run), in progressive order. */
  blue: BlueNoiseSample;
  /** A seeded uniform random sample of the same count (series indices, ascending). */
  random: Int32Array;
  /** `samplingQuality` of each (and of `compare`, when given), outlier recall against `outliers`. */
  quality: { blue: SamplingQuality; random: SamplingQuality; compare?: SamplingQuality };
}

/**
 * DGMTracker's line view (§4.4) on a recorded run: read a window of one fully kept (layer, kind), draw a blue-noise
 * sample and a random one of the same count, and measure both (`samplingQuality`: spacing, coverage, overdraw, and
 * the recall of known outliers). Blue noise keeps the isolated series that random sampling misses.
 *
 * @param run - From `openRun` or `tracker.close()`.
 * @param layer - A layer kept in full.
 * @param kind - "weights", "gradients" or "activations".
 * @param options - `count`, `seed`, `outliers`, `compare`, the window (`from`, `to`, `series`), `signal`, `onProgress`.
 * @returns The window read, both samples and their quality.
 * @throws What `readSeries` and `sampleBlueNoise` throw; `E_OPTION` for an unknown option; `E_RANGE` for an
 *   outlier or compared series not in the window.
 * @example
 * const { blue, quality } = sampleRun(run, "dec1", "weights", { count: 100, outliers: faultySeries });
 */
export function sampleRun(run: RunReader, layer: string, kind: SeriesKind, options: SampleRunOptions = {}): RunSample {
  assertRun(run, ["readSeries"]);
  options = assertOptions(options, "options", SAMPLE_RUN_OPTIONS);
  const { from, to, series, seed = 1, signal, onProgress } = options;
  const window = run.readSeries(layer, kind, { from, to, series });
  const count = Math.min(options.count ?? 100, window.count);
  const blue = sampleBlueNoise(window, {
    count,
    seed,
    ...(signal ? { signal } : {}),
    ...(onProgress ? { onProgress } : {}),
  });
  const random = randomSample(window.count, count, seed);
  const position = positionsOf(window.series);
  const outliers =
    options.outliers === undefined ? undefined : toPositions(options.outliers, position, "options.outliers");
  const measure = (indices: ArrayLike<number>) => samplingQuality(window, indices, outliers ? { outliers } : {});
  const quality: RunSample["quality"] = { blue: measure(blue.indices), random: measure(random) };
  if (options.compare !== undefined)
    quality.compare = measure(toPositions(options.compare, position, "options.compare"));
  const toSeries = (positions: Int32Array) => Int32Array.from(positions, (k) => window.series[k]);
  return { window, blue: { ...blue, indices: toSeries(blue.indices) }, random: toSeries(random), quality };
}

function positionsOf(series: Int32Array): Map<number, number> {
  const map = new Map<number, number>();
  series.forEach((i, k) => map.set(i, k));
  return map;
}

function toPositions(indices: ArrayLike<number>, position: Map<number, number>, name: string): Int32Array {
  return Int32Array.from(Array.from(indices), (i, k) => {
    const at = position.get(i);
    if (at === undefined) {
      throw new ClearboxError("E_RANGE", `${name}[${k}] = ${i} is not among the series read.`, {
        argument: `${name}[${k}]`,
      });
    }
    return at;
  });
}
