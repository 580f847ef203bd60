import { ClearboxError } from "./errors.js";
import type { ClearboxErrorCode } from "./errors.js";

/** What the calling thread sends a package's worker: one call of one named export. */
export interface CallMessage {
  name: string;
  args: unknown[];
  /** The argument that held `onProgress` (stripped before sending); the worker puts a forwarding one back there. */
  progressAt: number;
  /** The arguments sent as {@link PackedRows}, to unpack before the call. */
  packed: number[];
}

/** An array of equal-length number rows, sent as one buffer: structured clone of 10⁵ small arrays takes seconds. */
export interface PackedRows {
  rows: number;
  columns: number;
  values: Float64Array;
}

/** Pack `value` when it is a non-empty array of equal-length arrays of numbers; otherwise undefined (sent as is). */
export function packRows(value: unknown): PackedRows | undefined {
  if (!Array.isArray(value) || value.length < 64 || !Array.isArray(value[0])) return undefined;
  const rows = value.length;
  const columns = (value[0] as unknown[]).length;
  const values = new Float64Array(rows * columns);
  for (let i = 0; i < rows; i++) {
    const row: unknown = value[i];
    if (!Array.isArray(row) || row.length !== columns) return undefined;
    for (let j = 0; j < columns; j++) {
      const v: unknown = row[j];
      if (typeof v !== "number") return undefined;
      values[i * columns + j] = v;
    }
  }
  return { rows, columns, values };
}

/** The rows again as plain arrays of numbers, as the caller passed them. */
export function unpackRows({ rows, columns, values }: PackedRows): number[][] {
  return Array.from({ length: rows }, (_, i) => Array.from(values.subarray(i * columns, (i + 1) * columns)));
}

/** What the worker sends back: progress, then exactly one result or error. */
export type ReplyMessage =
  { type: "progress"; fraction: number } | { type: "result"; value: unknown } | { type: "error"; error: SentError };

/** An error as it crosses the thread boundary (an Error's class and own fields do not survive structured clone). */
export interface SentError {
  name: string;
  message: string;
  code?: ClearboxErrorCode;
  argument?: string;
}

/** Flatten an error thrown in the worker into what the calling thread can rebuild. */
export function sendableError(error: unknown): SentError {
  if (error instanceof ClearboxError) {
    return { name: error.name, message: error.message, code: error.code, argument: error.argument };
  }
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: "Error", message: String(error) };
}

/** Rebuild an error from the worker: a `ClearboxError` with its code, or a plain `Error` with its name. */
export function receivedError(sent: SentError): Error {
  if (sent.code !== undefined) return new ClearboxError(sent.code, sent.message, { argument: sent.argument });
  const error = new Error(sent.message);
  error.name = sent.name;
  return error;
}

/**
 * The buffers of the typed arrays in a result (to depth 3), to transfer rather than copy: the worker is discarded
 * after the call, so nothing there still needs them. Arrays of numbers are not walked.
 */
export function transferablesOf(value: unknown, depth = 3, found = new Set<ArrayBuffer>()): ArrayBuffer[] {
  if (ArrayBuffer.isView(value)) {
    if (value.buffer instanceof ArrayBuffer) found.add(value.buffer);
  } else if (depth > 0 && typeof value === "object" && value !== null) {
    const items = Array.isArray(value) ? value : Object.values(value);
    if (!(Array.isArray(value) && typeof value[0] === "number")) {
      for (const item of items) transferablesOf(item, depth - 1, found);
    }
  }
  return [...found];
}
