import {
  ClearboxError,
  assertFiniteNumber,
  assertFiniteVector,
  assertInteger,
  assertOptions,
  createProgress,
} from "@clearbox/core/internal";
import type { OptionKeys } from "@clearbox/core/internal";
import { nearestNeighbours } from "./nearest.js";
import { progressivePrefix, visitingOrder } from "./progressive-order.js";
import { SeriesIndex } from "./series-index.js";

/** Options of {@link createOnlineSampler}. */
export interface OnlineSamplerOptions {
  /** How many series to keep sampled. */
  count: number;
  /** Seed of the visiting order. Default 0. */
  seed?: number;
  /**
   * Series checked for coverage at each step, in rotation: every series is looked at once per N / window steps.
   * Default: max(1,000, N / 20).
   */
  window?: number;
}

const ONLINE_SAMPLER_OPTIONS = { count: true, seed: true, window: true } satisfies OptionKeys<OnlineSamplerOptions>;

/** A blue-noise sample of series that grow one time step at a time. */
export interface OnlineSampler {
  /** Append one step: one value per series (the same series, in the same order, every time). */
  push(step: ArrayLike<number>): void;
  /**
   * The current sample (empty before the second step), and a lower bound on the distance between any two of its
   * series (exact at the steps where it was measured).
   */
  sample(): { indices: Int32Array; radius: number };
  /** Steps pushed so far. */
  readonly length: number;
  /** The series so far, as `{ values, count, length }`. */
  series(): { values: Float64Array; count: number; length: number };
}

/**
 * A blue-noise sample kept current while series grow during training (the thesis's future work), without sampling
 * from scratch at every step. At the second step it samples like `sampleBlueNoise`. At each later step, as the new
 * segment moves every distance a little, it repairs the sample by dart throwing at a floor of 0.7 × the last measured
 * spacing: the sampled series, in order, that stay that far from those kept before them, then the series of a
 * rotating window (every series is visited once per N / window steps) that are that far from all kept, up to the
 * count; when that falls short the floor shrinks, and as a last resort the window fills in. A window series that no
 * sampled series covers any more (farther than 1.5 × their mean neighbour spacing) replaces a crowded sampled one, so that series
 * that become outliers during training enter the sample. The spacing is measured every 4 steps. Work per step: the sample and the window, not N. How far the result drifts from a fresh sample is
 * measured in the bench (a fresh sample at the end is twice as evenly spaced; mean coverage is the same).
 *
 * @param options - `count` (how many series to keep), `seed`, `window`.
 * @returns The sampler: `push(step)`, `sample()`, `length`, `series()`.
 * @throws `E_RANGE` for a count below 1 or a window below 1; `E_OPTION` for an unknown option key. `push` throws
 *   `E_SHAPE` when a step's length differs from the first step's, `E_NAN` for a value that is not finite, and
 *   `E_RANGE` when count exceeds the number of series.
 * @example
 * const sampler = createOnlineSampler({ count: 100, seed: 1 });
 * for (const weights of trainingSteps) sampler.push(weights); // one value per series per step
 * sampler.sample().indices; // the 100 series to draw now
 */
export function createOnlineSampler(options: OnlineSamplerOptions): OnlineSampler {
  options = assertOptions(options, "options", ONLINE_SAMPLER_OPTIONS);
  const count = assertInteger(options.count, "options.count", 1);
  const seed = options.seed === undefined ? 0 : assertFiniteNumber(options.seed, "options.seed");
  const window = options.window === undefined ? undefined : assertInteger(options.window, "options.window", 1);
  let n = 0;
  let length = 0;
  // One column per step, as pushed: a push is one copy, and the series never move (a row-major store doubling its
  // capacity copied all of them, and held two copies meanwhile).
  const columns: Float64Array[] = [];
  let sample: Int32Array = new Int32Array(0);
  let radius = Infinity;
  let measured = Infinity;
  let typical = Infinity;
  let visit: Int32Array = new Int32Array(0);
  let cursor = 0;

  /** The series so far (or the rows `which`), packed row-major: a copy. */
  const packed = (which?: Int32Array) => {
    const rows = which ?? Int32Array.from({ length: n }, (_, i) => i);
    const out = new Float64Array(rows.length * length);
    for (let t = 0; t < length; t++) {
      const column = columns[t];
      for (let k = 0; k < rows.length; k++) out[k * length + t] = column[rows[k]];
    }
    return out;
  };

  return {
    push(step) {
      assertFiniteVector(step, "step", n === 0 ? { nonEmpty: true } : { length: n });
      if (n === 0) {
        n = step.length;
        if (count > n) {
          throw new ClearboxError("E_RANGE", `options.count (${count}) exceeds the number of series (${n}).`, {
            argument: "options.count",
          });
        }
        visit = visitingOrder(n, seed, undefined);
      }
      columns.push(Float64Array.from(step));
      length++;
      if (length < 2) return;
      if (length === 2) {
        const index = new SeriesIndex(packed(), n, length);
        const fresh = progressivePrefix(index, count, visit, createProgress({}), undefined);
        sample = fresh.indices;
        radius = measured = fresh.radius;
        typical = meanFinite(nearestNeighbours(index, sample, sample, true, 2));
        return;
      }
      const repaired = repair(
        sample,
        measured,
        packed,
        n,
        length,
        count,
        window ?? Math.max(1000, Math.ceil(n / 20)),
        cursor,
        visit,
        length % MEASURE_EVERY === 0,
        typical,
      );
      sample = repaired.sample;
      radius = repaired.radius;
      measured = repaired.measured;
      typical = repaired.typical;
      cursor = repaired.cursor;
    },
    sample: () => ({ indices: sample.slice(), radius: length < 2 ? Infinity : radius }),
    get length() {
      return length;
    },
    series: () => ({ values: packed(), count: n, length }),
  };
}

/** One step's repair of the sample; see {@link createOnlineSampler}. */
function repair(
  current: Int32Array,
  spacing: number,
  packed: (which?: Int32Array) => Float64Array,
  n: number,
  length: number,
  count: number,
  windowSize: number,
  cursor: number,
  visit: Int32Array,
  measure: boolean,
  typical: number,
): { sample: Int32Array; radius: number; measured: number; typical: number; cursor: number } {
  // The window: the next series in the visiting order, wrapping around.
  const size = Math.min(n, windowSize);
  const inSample = new Set(current);
  const extra: number[] = [];
  for (let k = 0; k < size; k++) {
    const i = visit[(cursor + k) % n];
    if (!inSample.has(i)) extra.push(i);
  }
  // One small index over the sample and the window's other series (their rows only): positions 0 … m − 1 are the
  // sample, the rest the window. Its grids use two pivot coordinates: here inserts are as many as queries.
  const rows = Int32Array.from([...current, ...extra]);
  const m = current.length;
  const index = new SeriesIndex(packed(rows), rows.length, length);
  // The new segment moved every distance a little. Keep the sampled series, in order, that stay at least the floor
  // apart; then take series of the window that are at least the floor from all kept; shrink the floor when that is
  // not enough to restore the count.
  let floor = Number.isFinite(spacing) ? FLOOR * spacing : 0;
  let kept: number[] = [];
  for (let attempt = 0; attempt < 8; attempt++) {
    kept = [];
    const grid = index.grid(floor, 2, rows.length);
    const consider = (k: number) => {
      if (kept.length >= count) return;
      if (floor > 0 && grid.firstWithin(k, floor) < floor) return;
      kept.push(k);
      grid.add(k);
    };
    for (let k = 0; k < m; k++) consider(k);
    for (let k = m; k < rows.length; k++) consider(k);
    if (kept.length >= count || floor === 0) break;
    floor *= FLOOR;
  }
  // Still short (a window too small for the count): fill from the window in order.
  const chosen = new Set(kept);
  for (let k = 0; k < rows.length && kept.length < count; k++) if (!chosen.has(k)) kept.push(k);
  if (Number.isFinite(spacing) && Number.isFinite(typical))
    swapInUncovered(index, kept, m, rows.length, spacing, typical);
  // Every kept pair is at least the floor apart; the spacing itself is measured every few steps (and after a fill),
  // since a floor carried from step to step would only shrink.
  const sample = Int32Array.from(kept);
  let radius = floor;
  let measured = spacing;
  if (measure || kept.length > chosen.size) {
    const nearest = nearestNeighbours(index, sample, sample, true, 2);
    radius = Infinity;
    for (const d of nearest) radius = Math.min(radius, d); // a loop: a spread of 10⁵ arguments can overflow the stack
    measured = radius;
    typical = meanFinite(nearest);
  }
  return { sample: Int32Array.from(sample, (k) => rows[k]), radius, measured, typical, cursor: (cursor + size) % n };
}

function meanFinite(values: Float64Array): number {
  let sum = 0;
  let count = 0;
  for (const v of values) if (Number.isFinite(v)) [sum, count] = [sum + v, count + 1];
  return count > 0 ? sum / count : Infinity;
}

/**
 * A series of the window in a hole of the sample — farther from every kept series than 1.5 × the mean distance between
 * neighbouring kept series — has become isolated as the series grew: it replaces a kept series that has another kept
 * one nearer than that mean (whose region stays covered), the most isolated first, at most a tenth of the sample per
 * repair, each the floor away from the others taken. Without this a valid sample never changes, and a series that
 * turns anomalous halfway through training is never drawn.
 */
function swapInUncovered(
  index: SeriesIndex,
  kept: number[],
  m: number,
  total: number,
  spacing: number,
  typical: number,
) {
  const bound = HOLE * typical;
  const floor = spacing * FLOOR;
  const inKept = new Set(kept);
  const window = Int32Array.from({ length: total - m }, (_, k) => m + k).filter((k) => !inKept.has(k));
  if (window.length === 0 || kept.length < 2) return;
  const members = Int32Array.from(kept);
  // Most window series are covered: a grid query that stops at the first kept series within the bound says so
  // cheaply; only the uncovered ones get their nearest distance, to take the most isolated first.
  const grid = index.grid(bound, 2, members.length);
  for (const j of members) grid.add(j);
  const candidates = window.filter((i) => !(grid.firstWithin(i, bound, true) <= bound));
  if (candidates.length === 0) return;
  const distance = nearestNeighbours(index, candidates, members, false, 2);
  const limit = Math.max(1, Math.floor(kept.length / 10));
  const uncovered: number[] = [];
  for (const q of Array.from(candidates.keys()).sort((a, b) => distance[b] - distance[a])) {
    if (uncovered.length >= limit) break;
    if (uncovered.every((p) => index.distanceWithin(candidates[p], candidates[q], floor) >= floor)) uncovered.push(q);
  }
  // The grid's cells (bound = HOLE × typical wide) hold every neighbour within typical too: no second grid.
  const crowded: number[] = [];
  for (let t = 0; t < members.length && crowded.length < uncovered.length; t++) {
    const i = members[t];
    if (grid.firstWithin(i, typical, false, i) < typical) crowded.push(t);
  }
  crowded.forEach((t, k) => (kept[t] = candidates[uncovered[k]]));
}

/** A window series farther than this many mean neighbour spacings from every sampled series sits in a hole. */
const HOLE = 1.5;
/** The repaired sample keeps series at least this share of the last measured spacing apart. */
const FLOOR = 0.7;
/** Steps between measurements of the sample's spacing. */
const MEASURE_EVERY = 4;
