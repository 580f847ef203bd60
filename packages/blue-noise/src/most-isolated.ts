import { assertInteger } from "@clearbox/core/internal";
import { nearestNeighbours } from "./nearest.js";
import { readSeries } from "./series.js";
import type { SeriesInput } from "./series.js";
import { SeriesIndex } from "./series-index.js";

/**
 * The series farthest from all others: ranked by the distance (eq. 4-1) to their nearest other series, largest first
 * (ties by index). The outliers a sampler should keep, when none are known; `samplingQuality` uses the top 1 %.
 *
 * @param series - N series of T ≥ 2 steps.
 * @param count - How many to return (1 … N).
 * @returns Their indices, most isolated first.
 * @throws `E_SHAPE` / `E_NAN` / `E_TYPE` for bad series; `E_RANGE` for a count outside 1 … N.
 * @example
 * mostIsolated(weightSeries, 20); // the 20 lines that stand apart from every other
 */
export function mostIsolated(series: SeriesInput, count: number): Int32Array {
  const data = readSeries(series);
  assertInteger(count, "count", 1, data.count);
  return isolationOrder(new SeriesIndex(data.values, data.count, data.length)).slice(0, count);
}

/** Every series of the index, most isolated first. */
export function isolationOrder(index: SeriesIndex): Int32Array {
  const everyone = Int32Array.from({ length: index.count }, (_, i) => i);
  const nearest = nearestNeighbours(index, everyone, everyone, true);
  return everyone.sort((a, b) => nearest[b] - nearest[a] || a - b);
}
