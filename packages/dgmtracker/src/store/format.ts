// The run format, version 1 (documented in the package README, "The run format"). A run is a folder of files:
//   run.json          the manifest: what was recorded and how many steps are committed (replaced at every flush)
//   stats.bin         a 16-byte header, then one float64 record per step: step, scalars, min/mean/max per column
//   series-K.bin      chunks of the K-th fully kept (layer, kind): a 32-byte header, per series its float32 low and
//                     high, then per series its steps as uint16 codes (series-major inside a chunk)
// Files are append-only; the manifest is written last, so a crash leaves a readable run of the committed steps.
import { ClearboxError } from "@clearbox/core/internal";

/** The statistics recorded for a layer: its weights, their gradients, its activations (on probe inputs). */
export type SeriesKind = "weights" | "gradients" | "activations";
export const KINDS: readonly SeriesKind[] = ["weights", "gradients", "activations"];

export const FORMAT = "clearbox-run";
export const VERSION = 1;
export const MANIFEST = "run.json";
export const STATS = "stats.bin";
export const STATS_MAGIC = "CBRUNSTATS\0\0";
export const STATS_HEADER_BYTES = 16;
export const CHUNK_MAGIC = "CBRUNCHK";
export const CHUNK_HEADER_BYTES = 32;
/** Quantisation levels of a 16-bit code. */
export const LEVELS = 65535;

/** One committed chunk of a fully kept series file. */
export interface ChunkEntry {
  /** Index of its first step among the run's recorded steps. */
  start: number;
  /** Steps it holds. */
  steps: number;
  /** Byte offset of its header in the file. */
  offset: number;
}

/** A fully kept (layer, kind): every one of its `count` series, quantised per chunk. */
export interface SeriesEntry {
  layer: string;
  kind: SeriesKind;
  /** How many series (values per step). */
  count: number;
  /** The layer's tensor shape when known (e.g. [inputs, units] for a dense kernel). */
  shape?: number[];
  /** The file that holds its chunks. */
  file: string;
  chunks: ChunkEntry[];
}

/** The manifest (`run.json`): everything needed to read the other files. */
export interface RunManifest {
  format: typeof FORMAT;
  version: typeof VERSION;
  /** Steps committed: records in stats.bin and steps covered by every series file's chunks. */
  steps: number;
  /** The most steps one chunk holds. */
  chunkSteps: number;
  /** Scalar names (e.g. "loss"), in record order. */
  scalars: string[];
  /** The (layer, kind) columns of stats.bin, in record order: min, mean, max each. */
  stats: { layer: string; kind: SeriesKind }[];
  series: SeriesEntry[];
  /** Whatever the recorder was told about the run (settings, model, …). */
  meta: Record<string, unknown>;
}

/** float64 values per stats record: the step, the scalars, three per column. */
export function statsRecordLength(manifest: Pick<RunManifest, "scalars" | "stats">): number {
  return 1 + manifest.scalars.length + 3 * manifest.stats.length;
}

/** Bytes of a chunk of `count` series × `steps` steps. */
export function chunkBytes(count: number, steps: number): number {
  return CHUNK_HEADER_BYTES + 8 * count + 2 * count * steps;
}

export function encodeAscii(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

export function statsHeader(): Uint8Array {
  const bytes = new Uint8Array(STATS_HEADER_BYTES);
  bytes.set(encodeAscii(STATS_MAGIC));
  new DataView(bytes.buffer).setUint32(12, VERSION, true);
  return bytes;
}

export function chunkHeader(start: number, steps: number, count: number): Uint8Array {
  const bytes = new Uint8Array(CHUNK_HEADER_BYTES);
  bytes.set(encodeAscii(CHUNK_MAGIC));
  const view = new DataView(bytes.buffer);
  view.setUint32(8, VERSION, true);
  view.setUint32(12, start, true);
  view.setUint32(16, steps, true);
  view.setUint32(20, count, true);
  return bytes;
}

/** Throw `E_FORMAT` unless `bytes` start with `magic` followed (at `versionAt`) by a version this reader knows. */
export function checkMagic(bytes: Uint8Array, magic: string, versionAt: number, what: string): void {
  const found = String.fromCharCode(...bytes.subarray(0, magic.length));
  if (bytes.length < versionAt + 4 || found !== magic) {
    throw new ClearboxError("E_FORMAT", `${what} is not a clearbox run file (expected "${magic.trim()}").`, {
      argument: what,
    });
  }
  const version = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(versionAt, true);
  if (version !== VERSION) {
    throw new ClearboxError("E_FORMAT", `${what} has format version ${version}; this reader knows ${VERSION}.`, {
      argument: what,
    });
  }
}
