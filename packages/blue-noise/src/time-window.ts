import { ClearboxError, assertInteger, assertOptions } from "@clearbox/core/internal";
import type { OptionKeys } from "@clearbox/core/internal";
import { readSeries } from "./series.js";
import type { FlatSeries, SeriesInput } from "./series.js";

/** Options of {@link timeWindow}. */
export interface TimeWindowOptions {
  /** Steps in the overview (bucket means over the whole run). Default 100. */
  resolution?: number;
}

const TIME_WINDOW_OPTIONS = { resolution: true } satisfies OptionKeys<TimeWindowOptions>;

/** A focus + context view of series over time. */
export interface TimeWindow {
  /** Every series over the whole run, reduced to `resolution` steps by bucket means. */
  overview: FlatSeries;
  /** The step (fractional: a bucket's centre) each overview value stands for. */
  overviewSteps: Float64Array;
  /** Every series over the focused steps `from … to` (inclusive), at full resolution. */
  focus: FlatSeries;
  /** The steps of the focus: from, from + 1, …, to. */
  focusSteps: Int32Array;
}

/**
 * A coarse overview of the whole run plus the focused range at full resolution, for a focus + context time axis
 * (thesis §4.4): sample the overview for the context lines, and sample the focus again for the detail. The overview
 * averages consecutive steps in buckets (as many as `resolution`), which keeps the shape that eq. 4-1 compares.
 *
 * @param series - N series of T ≥ 2 steps.
 * @param from - The first focused step (0 ≤ from < to).
 * @param to - The last focused step (to < T).
 * @param options - `resolution` of the overview (≥ 2; default 100; a run shorter than that is kept as it is).
 * @returns The overview with its steps, and the focus with its steps.
 * @throws `E_RANGE` for a range outside 0 … T − 1 or with to ≤ from; `E_SHAPE` / `E_NAN` for bad series;
 *   `E_OPTION` for an unknown option key.
 * @example
 * const { overview, focus } = timeWindow(weightSeries, 1200, 1500, { resolution: 200 });
 */
export function timeWindow(series: SeriesInput, from: number, to: number, options: TimeWindowOptions = {}): TimeWindow {
  options = assertOptions(options, "options", TIME_WINDOW_OPTIONS);
  const data = readSeries(series);
  const { count, length, values } = data;
  assertInteger(from, "from", 0, length - 2);
  assertInteger(to, "to", 0, length - 1);
  if (to <= from) {
    throw new ClearboxError("E_RANGE", `to must come after from, got from ${from}, to ${to}.`, { argument: "to" });
  }
  const resolution = Math.min(
    length,
    options.resolution === undefined ? 100 : assertInteger(options.resolution, "options.resolution", 2),
  );
  const starts = Array.from({ length: resolution + 1 }, (_, b) => Math.round((b * length) / resolution));
  const overview = new Float64Array(count * resolution);
  for (let i = 0; i < count; i++) {
    for (let b = 0; b < resolution; b++) {
      let sum = 0;
      for (let t = starts[b]; t < starts[b + 1]; t++) sum += values[i * length + t];
      overview[i * resolution + b] = sum / (starts[b + 1] - starts[b]);
    }
  }
  const span = to - from + 1;
  const focus = new Float64Array(count * span);
  for (let i = 0; i < count; i++) focus.set(values.subarray(i * length + from, i * length + to + 1), i * span);
  return {
    overview: { values: overview, count, length: resolution },
    overviewSteps: Float64Array.from({ length: resolution }, (_, b) => (starts[b] + starts[b + 1] - 1) / 2),
    focus: { values: focus, count, length: span },
    focusSteps: Int32Array.from({ length: span }, (_, k) => from + k),
  };
}
