import { ClearboxError, assertInteger, assertOptions, describeValue } from "@clearbox/core/internal";
import type { OptionKeys } from "@clearbox/core/internal";
import { FORMAT, KINDS, MANIFEST, STATS, VERSION, statsHeader, statsRecordLength } from "./format.js";
import type { RunManifest, SeriesEntry, SeriesKind } from "./format.js";
import { minMeanMax, valuesOf } from "./layer-stats.js";
import type { StepValues } from "./layer-stats.js";
import { encodeChunk } from "./quantize.js";
import { assertStorage } from "./storage.js";
import type { RunStorage } from "./storage.js";

/** One layer at one step: any of its weights, their gradients, its activations; and its tensor shape if known. */
export interface LayerStep {
  weights?: StepValues;
  gradients?: StepValues;
  activations?: StepValues;
  /** The shape of the weights (e.g. [inputs, units]), kept in the manifest for the fully kept layers. */
  shape?: number[];
}

/** What one training step recorded. */
export interface StepRecord {
  /** Named scalars, e.g. `{ loss: 0.31 }`: the same names at every step. */
  scalars?: Record<string, number>;
  /** Per layer name, its values at this step. */
  layers: Record<string, LayerStep>;
}

/** Options of {@link createRunWriter}. */
export interface RunWriterOptions {
  /** Layers whose every series is kept (quantised to 16 bits per chunk); the others keep min / mean / max only. */
  full?: string[];
  /** Steps per chunk. Default: what fits `chunkMemory`, between 2 and 64 (a window read fetches whole chunks: short ones waste less). */
  chunkSteps?: number;
  /** Bytes the pending chunk may hold in memory (float32 values of every full series). Default 128 MiB. */
  chunkMemory?: number;
  /** Anything to keep in the manifest about the run (JSON). */
  meta?: Record<string, unknown>;
}

const RUN_WRITER_OPTIONS = {
  full: true,
  chunkSteps: true,
  chunkMemory: true,
  meta: true,
} satisfies OptionKeys<RunWriterOptions>;

/** Writes a run step by step: memory stays at one chunk whatever the run's length. */
export interface RunWriter {
  /** Record one step (`step` is the training step's number: increasing, not necessarily consecutive). */
  append(step: number, record: StepRecord): void;
  /** Write the pending steps and commit them (the manifest). Called by `append` when a chunk is full. */
  flush(): void;
  /** Flush (with `meta` merged into the manifest's); the manifest as committed. Nothing more can be appended. */
  close(meta?: Record<string, unknown>): RunManifest;
  /** Steps recorded (committed and pending). */
  readonly steps: number;
  /** The manifest as last committed (a copy). */
  manifest(): RunManifest;
}

/**
 * An append-only, chunked, columnar run store (format version 1; see the README's "The run format"). Per layer and
 * step it keeps the min / mean / max of the weights, gradients and activations it is given; for the `full` layers
 * every series too, quantised per chunk to 16 bits (error ≤ (max − min) / 131,070 of that series in that chunk, plus
 * float32 rounding). Writes to `storage` as it goes: a folder in Node, memory in a page.
 *
 * @param storage - Where the files go: `directoryStorage(dir)` (from `@clearbox/dgmtracker/node`), `memoryStorage()`.
 * @param options - `full` layers, `chunkSteps` or `chunkMemory`, `meta`.
 * @returns The writer.
 * @throws `E_OPTION` for an unknown option or a storage that already holds a run; `E_RANGE` for chunkSteps < 1.
 *   `append` throws `E_RANGE` for a step not after the last, `E_SHAPE` for a layer, kind or scalar the first step
 *   did not have (or a full series of another length), `E_NAN` for a value that is not finite.
 * @example
 * const writer = createRunWriter(memoryStorage(), { full: ["dense_1"] });
 * writer.append(0, { scalars: { loss: 2.3 }, layers: { dense_1: { weights: kernel } } });
 * writer.close();
 */
export function createRunWriter(storage: RunStorage, options: RunWriterOptions = {}): RunWriter {
  assertStorage(storage);
  options = assertOptions(options, "options", RUN_WRITER_OPTIONS);
  if (storage.size(MANIFEST) >= 0) {
    throw new ClearboxError("E_OPTION", `storage already holds a run (${MANIFEST}): record into an empty one.`, {
      argument: "storage",
    });
  }
  const writer = new ChunkedRunWriter(storage, options);
  return {
    append: (step, record) => writer.append(step, record),
    flush: () => writer.flush(),
    close: (meta) => writer.close(meta),
    get steps() {
      return writer.committed + writer.pending;
    },
    manifest: () => structuredClone(writer.manifest),
  };
}

/** The writer's state: the committed manifest, and the pending chunk (stats rows and full series rows). */
class ChunkedRunWriter {
  manifest: RunManifest;
  committed = 0;
  pending = 0;
  private chunkSteps = 0;
  private statsRows = new Float64Array(0);
  private fullRows: Float32Array[] = [];
  /** Where each full series file's next chunk starts (tracked here: asking the storage would wait for its writes). */
  private offsets: number[] = [];
  private lastStep = -Infinity;
  private closed = false;
  private readonly full: Set<string>;

  constructor(
    private readonly storage: RunStorage,
    private readonly options: RunWriterOptions,
  ) {
    if (
      options.full !== undefined &&
      !(Array.isArray(options.full) && options.full.every((f) => typeof f === "string"))
    ) {
      throw new ClearboxError(
        "E_TYPE",
        `options.full must be an array of layer names, got ${describeValue(options.full)}.`,
        {
          argument: "options.full",
        },
      );
    }
    this.full = new Set(options.full ?? []);
    const meta = options.meta === undefined ? {} : JSON.parse(JSON.stringify(options.meta));
    this.manifest = {
      format: FORMAT,
      version: VERSION,
      steps: 0,
      chunkSteps: 0,
      scalars: [],
      stats: [],
      series: [],
      meta,
    };
  }

  append(step: number, record: StepRecord): void {
    if (this.closed) throw new ClearboxError("E_OPTION", "The run writer is closed.", { argument: "append" });
    if (typeof step !== "number" || !Number.isFinite(step) || step <= this.lastStep) {
      throw new ClearboxError(
        "E_RANGE",
        `step must be a finite number after the last recorded (${this.lastStep}), got ${describeValue(step)}.`,
        { argument: "step" },
      );
    }
    if (typeof record !== "object" || record === null || typeof record.layers !== "object") {
      throw new ClearboxError("E_TYPE", `record must be { scalars?, layers }, got ${describeValue(record)}.`, {
        argument: "record",
      });
    }
    const resolved = resolveValues(record); // each tensor read once (dataSync copies it out of the backend)
    if (this.chunkSteps === 0) this.layout(resolved);
    this.checkFullLengths(resolved);
    const row = this.statsRow(step, resolved); // also copies the full series into the pending chunk, in the same pass
    this.statsRows.set(row, this.pending * row.length);
    this.pending++;
    this.lastStep = step;
    if (this.pending === this.chunkSteps) this.flush();
  }

  /** The first step decides the columns: its scalars, its layers' kinds, the full layers' series counts. */
  private layout(record: StepRecord): void {
    const manifest = this.manifest;
    manifest.scalars = Object.keys(record.scalars ?? {});
    for (const [layer, step] of Object.entries(record.layers)) {
      for (const kind of KINDS) {
        if (step[kind] === undefined) continue;
        manifest.stats.push({ layer, kind });
        if (!this.full.has(layer)) continue;
        const count = valuesOf(step[kind], `record.layers.${layer}.${kind}`).length;
        const entry: SeriesEntry = { layer, kind, count, file: `series-${manifest.series.length}.bin`, chunks: [] };
        if (kind !== "activations" && step.shape) entry.shape = [...step.shape];
        manifest.series.push(entry);
      }
    }
    for (const layer of this.full) {
      if (!(layer in record.layers)) {
        throw new ClearboxError("E_OPTION", `options.full names "${layer}", which the first step did not record.`, {
          argument: "options.full",
        });
      }
    }
    const values = manifest.series.reduce((sum, s) => sum + s.count, 0);
    this.chunkSteps =
      this.options.chunkSteps !== undefined
        ? assertInteger(this.options.chunkSteps, "options.chunkSteps", 1)
        : Math.max(
            2,
            Math.min(64, Math.floor((this.options.chunkMemory ?? 128 * 2 ** 20) / (4 * Math.max(1, values)))),
          );
    manifest.chunkSteps = this.chunkSteps;
    this.statsRows = new Float64Array(this.chunkSteps * statsRecordLength(manifest));
    this.fullRows = manifest.series.map((s) => this.rowsFor(s));
    this.offsets = manifest.series.map((s) => Math.max(0, this.storage.size(s.file)));
    this.storage.append(STATS, statsHeader());
  }

  /** A pending chunk's buffer for a full series: the storage's when it hands them out, else one of our own. */
  private rowsFor(entry: SeriesEntry): Float32Array {
    const length = this.chunkSteps * entry.count;
    return this.storage.chunkRows?.(entry.file, length) ?? new Float32Array(length);
  }

  /** The step's stats record: step, scalars, min / mean / max per column (NaN for a column not given). */
  private statsRow(step: number, record: StepRecord): Float64Array {
    const { scalars, stats } = this.manifest;
    const row = new Float64Array(statsRecordLength(this.manifest)).fill(NaN);
    row[0] = step;
    for (const name of Object.keys(record.scalars ?? {})) {
      const k = scalars.indexOf(name);
      if (k < 0) throw unknown("record.scalars", name, scalars);
      const value = record.scalars![name];
      row[1 + k] = typeof value === "number" ? value : NaN;
    }
    for (const [layer, step] of Object.entries(record.layers)) {
      for (const kind of KINDS) {
        if (step[kind] === undefined) continue;
        const c = stats.findIndex((s) => s.layer === layer && s.kind === kind);
        if (c < 0)
          throw unknown(
            "record.layers",
            `${layer}.${kind}`,
            stats.map((s) => `${s.layer}.${s.kind}`),
          );
        const name = `record.layers.${layer}.${kind}`;
        const k = this.manifest.series.findIndex((s) => s.layer === layer && s.kind === kind);
        const copy = k < 0 ? undefined : { into: this.fullRows[k], at: this.pending * this.manifest.series[k].count };
        row.set(minMeanMax(valuesOf(step[kind], name), name, copy), 1 + scalars.length + 3 * c);
      }
    }
    return row;
  }

  /** Throw `E_SHAPE` unless every full series is given at this step with its length. */
  private checkFullLengths(record: StepRecord): void {
    this.manifest.series.forEach(({ layer, kind, count }) => {
      const name = `record.layers.${layer}.${kind}`;
      const given = record.layers[layer]?.[kind];
      const values = given === undefined ? undefined : valuesOf(given, name);
      if (values?.length !== count) {
        throw new ClearboxError(
          "E_SHAPE",
          `${name} must hold ${count} values at every step (it is kept in full), got ${values === undefined ? "none" : values.length}.`,
          { argument: name },
        );
      }
    });
  }

  flush(): void {
    if (this.pending === 0) return;
    const width = statsRecordLength(this.manifest);
    const stats = this.statsRows.subarray(0, this.pending * width);
    this.storage.append(STATS, new Uint8Array(stats.buffer, stats.byteOffset, stats.byteLength));
    this.manifest.series.forEach((entry, k) => {
      const rows = this.fullRows[k].subarray(0, this.pending * entry.count);
      const length = this.storage.appendChunk
        ? this.storage.appendChunk(entry.file, rows, entry.count, this.pending, this.committed)
        : encodeChunk(rows, entry.count, this.pending, this.committed, (bytes) =>
            this.storage.append(entry.file, bytes),
          );
      entry.chunks.push({ start: this.committed, steps: this.pending, offset: this.offsets[k] });
      this.offsets[k] += length;
      if (this.storage.chunkRows) this.fullRows[k] = this.rowsFor(entry); // the other buffer, while the worker has this one
    });
    this.committed += this.pending;
    this.pending = 0;
    this.manifest.steps = this.committed;
    this.storage.replace(MANIFEST, encodeManifest(this.manifest));
  }

  close(meta?: Record<string, unknown>): RunManifest {
    if (!this.closed) {
      if (meta !== undefined) Object.assign(this.manifest.meta, JSON.parse(JSON.stringify(meta)));
      this.flush();
      this.storage.replace(MANIFEST, encodeManifest(this.manifest));
      this.closed = true;
    }
    return structuredClone(this.manifest);
  }
}

/** The step with every layer's values as arrays: tensors read once, arrays as they are. */
function resolveValues(record: StepRecord): StepRecord {
  const layers: StepRecord["layers"] = {};
  for (const [layer, step] of Object.entries(record.layers)) {
    const out: LayerStep = step?.shape ? { shape: step.shape } : {};
    for (const kind of KINDS) {
      if (step?.[kind] !== undefined) out[kind] = valuesOf(step[kind], `record.layers.${layer}.${kind}`);
    }
    layers[layer] = out;
  }
  return { ...record, layers };
}

function encodeManifest(manifest: RunManifest): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(manifest));
}

function unknown(where: string, name: string, known: string[]): ClearboxError {
  return new ClearboxError(
    "E_SHAPE",
    `${where} has "${name}", which the first step did not record (it had ${known.map((k) => `"${k}"`).join(", ") || "none"}): every step records the same names.`,
    { argument: `${where}.${name}` },
  );
}

export type { SeriesKind };
