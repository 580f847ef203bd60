import { ClearboxError, assertInteger, assertOptions, describeValue } from "@clearbox/core/internal";
import type { OptionKeys } from "@clearbox/core/internal";
import {
  CHUNK_HEADER_BYTES,
  CHUNK_MAGIC,
  LEVELS,
  FORMAT,
  MANIFEST,
  STATS,
  STATS_HEADER_BYTES,
  STATS_MAGIC,
  VERSION,
  checkMagic,
  chunkBytes,
  statsRecordLength,
} from "./format.js";
import type { RunManifest, SeriesEntry, SeriesKind } from "./format.js";
import { assertStorage } from "./storage.js";
import type { RunStorage } from "./storage.js";

/** Min, mean and max of one statistic per recorded step. */
export interface StatSeries {
  min: Float64Array;
  mean: Float64Array;
  max: Float64Array;
}

/** A window of fully kept series, read from the store. */
export interface SeriesWindow {
  /** Series-major: series k's steps at `values[k · length … (k + 1) · length)`. Feeds `sampleBlueNoise` as it is. */
  values: Float32Array;
  /** How many series (the ones asked for, in the order asked). */
  count: number;
  /** Steps in the window. */
  length: number;
  /** The window's training step numbers. */
  steps: Float64Array;
  /** The series read (indices into the layer's series). */
  series: Int32Array;
  /** Every value is within this of the recorded one (16-bit quantisation; plus float32 rounding). */
  maxError: number;
}

/** Which series and steps {@link RunReader.readSeries} reads. */
export interface SeriesWindowOptions {
  /** First step index (position among the recorded steps, not the step number). Default 0. */
  from?: number;
  /** One past the last step index. Default: every step. */
  to?: number;
  /** The series to read (indices), or `{ start, end }`. Default: all. */
  series?: ArrayLike<number> | { start: number; end: number };
  /**
   * A buffer of at least series × steps values to decode into; the window's `values` is then a view of it. For
   * reading window after window (a brush moving): a new 10⁵ × 200 window otherwise costs 80 MB of fresh pages, which
   * the kernel maps one fault at a time (on the bench machine as long as the decoding itself).
   */
  into?: Float32Array;
}

/** A run opened for reading: its manifest checked, each file's length checked against it. */
export interface RunReader {
  readonly manifest: RunManifest;
  /** Committed steps. */
  readonly length: number;
  /** The training step number of every recorded step. */
  steps(): Float64Array;
  /** A scalar (e.g. "loss") at every step; NaN where it was not given. */
  scalar(name: string): Float64Array;
  /** Min / mean / max of a layer's weights, gradients or activations at every step. */
  stats(layer: string, kind: SeriesKind): StatSeries;
  /** The layers and kinds kept in full, with their series counts. */
  fullSeries(): { layer: string; kind: SeriesKind; count: number; shape?: number[] }[];
  /** A window of steps × a subset of one full (layer, kind)'s series, reading only the chunks and rows needed. */
  readSeries(layer: string, kind: SeriesKind, options?: SeriesWindowOptions): SeriesWindow;
}

const SERIES_WINDOW_OPTIONS = {
  from: true,
  to: true,
  series: true,
  into: true,
} satisfies OptionKeys<SeriesWindowOptions>;

/**
 * Open a run written by `createRunWriter` (or `createTracker`, or the Python recorder) for reading. Reads the
 * manifest and checks every file's length against it; the stats are read on demand (small), the series window by
 * window (chunk headers checked as they are read).
 *
 * @param storage - The run's files (`directoryStorage(dir)` in Node, `memoryStorage(files)` in a page).
 * @returns The reader.
 * @throws `E_FORMAT` when the manifest is missing, not JSON, of another format or version, or a file is shorter
 *   than the manifest says (truncated) or starts with a foreign header. `readSeries` throws `E_RANGE` for a window or
 *   series outside the run, `E_OPTION` for a layer/kind not kept in full or an unknown option key.
 * @example
 * const run = openRun(directoryStorage("runs/vae"));
 * const loss = run.scalar("loss");
 * const window = run.readSeries("dense_1", "weights", { from: 100, to: 300 });
 */
export function openRun(storage: RunStorage): RunReader {
  assertStorage(storage);
  const manifest = readManifest(storage);
  const width = statsRecordLength(manifest);
  checkLength(storage, STATS, STATS_HEADER_BYTES + 8 * width * manifest.steps, manifest.steps > 0);
  if (manifest.steps > 0) checkMagic(storage.read(STATS, 0, STATS_HEADER_BYTES), STATS_MAGIC, 12, STATS);
  for (const entry of manifest.series) {
    const last = entry.chunks.at(-1);
    const covered = last ? last.start + last.steps : 0;
    if (covered !== manifest.steps) {
      throw new ClearboxError(
        "E_FORMAT",
        `${MANIFEST}: ${entry.file} covers ${covered} steps, the run ${manifest.steps}.`,
        {
          argument: MANIFEST,
        },
      );
    }
    checkLength(storage, entry.file, last ? last.offset + chunkBytes(entry.count, last.steps) : 0, !!last);
  }
  let table: Float64Array | undefined;
  const records = () => (table ??= readStats(storage, manifest.steps, width));
  const column = (at: number) => Float64Array.from({ length: manifest.steps }, (_, t) => records()[t * width + at]);
  return {
    manifest,
    length: manifest.steps,
    steps: () => column(0),
    scalar(name) {
      const k = manifest.scalars.indexOf(name);
      if (k < 0) throw missing("name", name, manifest.scalars);
      return column(1 + k);
    },
    stats(layer, kind) {
      const c = manifest.stats.findIndex((s) => s.layer === layer && s.kind === kind);
      if (c < 0)
        throw missing(
          "layer.kind",
          `${layer}.${kind}`,
          manifest.stats.map((s) => `${s.layer}.${s.kind}`),
        );
      const at = 1 + manifest.scalars.length + 3 * c;
      return { min: column(at), mean: column(at + 1), max: column(at + 2) };
    },
    fullSeries: () =>
      manifest.series.map(({ layer, kind, count, shape }) => ({ layer, kind, count, ...(shape ? { shape } : {}) })),
    readSeries(layer, kind, options = {}) {
      const entry = manifest.series.find((s) => s.layer === layer && s.kind === kind);
      if (!entry) {
        throw missing(
          "layer.kind (kept in full)",
          `${layer}.${kind}`,
          manifest.series.map((s) => `${s.layer}.${s.kind}`),
        );
      }
      options = assertOptions(options, "options", SERIES_WINDOW_OPTIONS);
      const window = windowOf(options, manifest.steps, entry.count);
      const out = readWindow(storage, entry, window, outputOf(options.into, window));
      const steps = column(0).subarray(window.from, window.to);
      return { ...out, steps, series: window.series };
    },
  };
}

function readManifest(storage: RunStorage): RunManifest {
  const size = storage.size(MANIFEST);
  if (size < 0) throw new ClearboxError("E_FORMAT", `No ${MANIFEST}: not a clearbox run.`, { argument: MANIFEST });
  let manifest: RunManifest;
  try {
    manifest = JSON.parse(new TextDecoder().decode(storage.read(MANIFEST, 0, size)));
  } catch (cause) {
    throw new ClearboxError("E_FORMAT", `${MANIFEST} is not JSON: not a clearbox run, or cut short.`, {
      argument: MANIFEST,
      cause,
    });
  }
  if (manifest?.format !== FORMAT) {
    throw new ClearboxError(
      "E_FORMAT",
      `${MANIFEST} is not a clearbox run (format ${describeValue(manifest?.format)}).`,
      {
        argument: MANIFEST,
      },
    );
  }
  if (manifest.version !== VERSION) {
    throw new ClearboxError(
      "E_FORMAT",
      `${MANIFEST} has format version ${manifest.version}; this reader knows ${VERSION}.`,
      {
        argument: MANIFEST,
      },
    );
  }
  return manifest;
}

function checkLength(storage: RunStorage, file: string, bytes: number, required: boolean): void {
  if (!required) return;
  const size = storage.size(file);
  if (size < bytes) {
    throw new ClearboxError(
      "E_FORMAT",
      `${file} is truncated: ${MANIFEST} commits ${bytes} bytes of it, it holds ${Math.max(0, size)}.`,
      { argument: file },
    );
  }
}

function readStats(storage: RunStorage, steps: number, width: number): Float64Array {
  const bytes = storage.read(STATS, STATS_HEADER_BYTES, 8 * width * steps);
  return new Float64Array(bytes.buffer, bytes.byteOffset, width * steps);
}

function missing(what: string, name: string, known: string[]): ClearboxError {
  return new ClearboxError(
    "E_OPTION",
    `The run has no ${what} "${name}"; it has ${known.map((k) => `"${k}"`).join(", ") || "none"}.`,
    { argument: what },
  );
}

/** The window asked for, checked: step indices [from, to) and the series, in the order given. */
function windowOf(options: SeriesWindowOptions, steps: number, count: number) {
  const from = assertInteger(options.from ?? 0, "options.from", 0, steps);
  const to = assertInteger(options.to ?? steps, "options.to", from, steps);
  const chosen = options.series;
  let series: Int32Array;
  if (chosen === undefined) series = Int32Array.from({ length: count }, (_, i) => i);
  else if ("start" in chosen && "end" in chosen && !ArrayBuffer.isView(chosen)) {
    const start = assertInteger(chosen.start, "options.series.start", 0, count);
    const end = assertInteger(chosen.end, "options.series.end", start, count);
    series = Int32Array.from({ length: end - start }, (_, k) => start + k);
  } else {
    series = Int32Array.from(chosen as ArrayLike<number>);
    series.forEach((i, k) => assertInteger(i, `options.series[${k}]`, 0, count - 1));
  }
  return { from, to, series };
}

/** The window's values: a view of `into` when given (checked to be large enough), else a new array. */
function outputOf(into: unknown, window: { from: number; to: number; series: Int32Array }): Float32Array {
  const size = window.series.length * (window.to - window.from);
  if (into === undefined) return new Float32Array(size);
  if (!(into instanceof Float32Array) || into.length < size) {
    throw new ClearboxError(
      "E_SHAPE",
      `options.into must be a Float32Array of at least ${size} values (series × steps), got ${describeValue(into)}.`,
      { argument: "options.into" },
    );
  }
  return into.subarray(0, size);
}

/** Read one window: for each chunk that overlaps it, the asked series' low, high and codes, in runs of neighbours. */
function readWindow(
  storage: RunStorage,
  entry: SeriesEntry,
  window: { from: number; to: number; series: Int32Array },
  values: Float32Array,
): { values: Float32Array; count: number; length: number; maxError: number } {
  const { from, to, series } = window;
  const length = to - from;
  let maxError = 0;
  const read = pieceReader(storage, entry.file);
  for (const chunk of entry.chunks) {
    const lo = Math.max(from, chunk.start);
    const hi = Math.min(to, chunk.start + chunk.steps);
    if (lo >= hi) continue;
    const header = storage.read(entry.file, chunk.offset, CHUNK_HEADER_BYTES);
    checkChunk(header, entry, chunk);
    const target = { values, length, from, lo: lo - chunk.start, hi: hi - chunk.start };
    for (const [first, last, k0] of runsOf(series)) {
      maxError = Math.max(maxError, readRun(read, entry, chunk, first, last, k0, target));
    }
  }
  return { values, count: series.length, length, maxError };
}

function checkChunk(header: Uint8Array, entry: SeriesEntry, chunk: { start: number; steps: number }): void {
  checkMagic(header, CHUNK_MAGIC, 8, entry.file);
  const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
  const [start, steps, count] = [12, 16, 20].map((at) => view.getUint32(at, true));
  if (start !== chunk.start || steps !== chunk.steps || count !== entry.count) {
    throw new ClearboxError(
      "E_FORMAT",
      `${entry.file}: a chunk header says steps ${start}+${steps} of ${count} series, ${MANIFEST} ${chunk.start}+${chunk.steps} of ${entry.count}.`,
      { argument: entry.file },
    );
  }
}

/** Consecutive runs of ascending neighbours in `series`: [first index, last index, position of first in series]. */
function runsOf(series: Int32Array): [number, number, number][] {
  const runs: [number, number, number][] = [];
  for (let k = 0; k < series.length; k++) {
    const run = runs.at(-1);
    if (run && series[k] === run[1] + 1 && k === run[2] + (run[1] - run[0]) + 1) run[1] = series[k];
    else runs.push([series[k], series[k], k]);
  }
  return runs;
}

/** Most bytes one read fetches: long runs of series are read in pieces of this size. */
const READ_BYTES = 1 << 24;

/** Where a run of series goes: the window's values, its length, and the chunk's steps [lo, hi) to take. */
interface RunTarget {
  values: Float32Array;
  length: number;
  from: number;
  lo: number;
  hi: number;
}

/**
 * Read series first … last of a chunk (in pieces of at most READ_BYTES) and decode steps [lo, hi) of each into the
 * window, series first at position k0. Returns the largest error the decoding can have.
 */
function readRun(
  read: PieceReader,
  entry: SeriesEntry,
  chunk: { start: number; steps: number; offset: number },
  first: number,
  last: number,
  k0: number,
  target: RunTarget,
): number {
  const { count } = entry;
  const { values, length, lo, hi } = target;
  const base = chunk.offset + CHUNK_HEADER_BYTES;
  const per = Math.max(1, Math.floor(READ_BYTES / (2 * chunk.steps)));
  const skip = chunk.start + lo - target.from; // where step lo lands in a window row
  let maxStep = 0;
  for (let a = first; a <= last; a += per) {
    const n = Math.min(last, a + per - 1) - a + 1;
    const { low, high, codes } = read(
      [base + 4 * a, base + 4 * count + 4 * a, base + 8 * count + 2 * chunk.steps * a],
      n,
      chunk.steps,
    );
    for (let i = 0; i < n; i++) {
      const step = (high[i] - low[i]) / LEVELS;
      maxStep = Math.max(maxStep, step);
      decodeSteps(values, (k0 + a - first + i) * length + skip, codes, i * chunk.steps, lo, hi, low[i], step);
    }
  }
  return maxStep / 2;
}

/**
 * Steps [lo, hi) of one series' codes into `values` from `row`. A function of its own, small and called once per
 * series, so that the engine optimises it within the first chunk: as a loop inside readRun, which runs once per
 * chunk, most of a window was decoded before the optimised code was ready.
 */
function decodeSteps(
  values: Float32Array,
  row: number,
  codes: Uint16Array,
  at: number,
  lo: number,
  hi: number,
  low: number,
  step: number,
): void {
  for (let t = lo; t < hi; t++) values[row + t - lo] = low + codes[at + t] * step;
}

/** Reads n series' low and high (float32) and codes (uint16, `steps` each) from their three offsets in a chunk. */
type PieceReader = (
  offsets: [number, number, number],
  n: number,
  steps: number,
) => { low: Float32Array; high: Float32Array; codes: Uint16Array };

/**
 * A piece reader over one file. With the storage's `readInto`, every piece lands in one buffer reused across the
 * window's chunks, and low, high and codes are views on it (no allocation, no copy per chunk); without it, each is
 * read on its own and copied only when it does not start on its own buffer.
 */
function pieceReader(storage: RunStorage, file: string): PieceReader {
  let scratch = new ArrayBuffer(0);
  const fill = (offset: number, into: Uint8Array) => {
    if (storage.readInto!(file, offset, into) < into.length) {
      throw new ClearboxError("E_FORMAT", `${file} ends inside a chunk: truncated while open.`, { argument: file });
    }
  };
  return ([lowAt, highAt, codesAt], n, steps) => {
    if (storage.readInto === undefined) {
      return {
        low: new Float32Array(aligned(storage.read(file, lowAt, 4 * n)).buffer),
        high: new Float32Array(aligned(storage.read(file, highAt, 4 * n)).buffer),
        codes: new Uint16Array(aligned(storage.read(file, codesAt, 2 * steps * n)).buffer),
      };
    }
    const bytes = 8 * n + 2 * steps * n;
    if (scratch.byteLength < bytes) scratch = new ArrayBuffer(bytes);
    fill(lowAt, new Uint8Array(scratch, 0, 4 * n));
    fill(highAt, new Uint8Array(scratch, 4 * n, 4 * n));
    fill(codesAt, new Uint8Array(scratch, 8 * n, 2 * steps * n));
    return {
      low: new Float32Array(scratch, 0, n),
      high: new Float32Array(scratch, 4 * n, n),
      codes: new Uint16Array(scratch, 8 * n, steps * n),
    };
  };
}

/** Bytes at offset 0 of their own buffer, so typed-array views line up. */
function aligned(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
}

/** Throw `E_TYPE` unless `run` has the reader's `methods` (from `openRun` or `tracker.close()`). */
export function assertRun(run: unknown, methods: readonly string[], name = "run"): RunReader {
  if (
    typeof run !== "object" ||
    run === null ||
    methods.some((m) => typeof (run as Record<string, unknown>)[m] !== "function")
  ) {
    throw new ClearboxError(
      "E_TYPE",
      `${name} must be a run from openRun or tracker.close(), got ${describeValue(run)}.`,
      {
        argument: name,
      },
    );
  }
  return run as RunReader;
}
