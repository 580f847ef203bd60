// TensorBoard's scalars (what SummaryWriter.add_scalar / tf.summary.scalar write) from event-file bytes: the records
// framed and checked (tfrecord.ts), each Event's scalars decoded (event.ts), gathered per tag and sorted by step.
import { ClearboxError, assertOptions, describeValue, throwIfAborted } from "@clearbox/core/internal";
import type { OptionKeys } from "@clearbox/core/internal";
import { decodeEvent } from "./event.js";
import { tfRecords } from "./tfrecord.js";

/** One tag's scalars, sorted by step (events of equal steps keep the files' order). */
export interface TensorBoardScalars {
  steps: Float64Array;
  /** The values as written: float32 for simple_value and DT_FLOAT tensors, float64 for DT_DOUBLE ones. */
  values: Float64Array;
  /** Each event's wall_time, seconds since 1970. */
  wallTimes: Float64Array;
}

/** Options of {@link decodeTensorBoardScalars}. */
export interface DecodeTensorBoardOptions {
  /** Only these tags; a tag not found is `E_EMPTY`. Default: every scalar tag. */
  tags?: string[];
  /** Stops between records (`E_ABORTED`). */
  signal?: AbortSignal;
  /** The file's name, for error messages. Default "event file". */
  name?: string;
}

export const DECODE_OPTIONS = { tags: true, signal: true, name: true } satisfies OptionKeys<DecodeTensorBoardOptions>;

/** Scalars gathered from one or more files before sorting. */
export type ScalarColumns = Map<string, { steps: number[]; values: number[]; wallTimes: number[] }>;

/**
 * The scalars of one TensorBoard event file (`events.out.tfevents.*`) from its bytes — in a page, a File's
 * `arrayBuffer()`. Every record's two CRC-32C checksums are verified. Only scalars are read: `simple_value`, and
 * float or double tensors of one element; histograms, images, text and graphs are passed over.
 *
 * @param bytes - The event file's bytes.
 * @param options - `tags` (only these), `signal`, `name` (for error messages).
 * @returns Per tag, `{ steps, values, wallTimes }` sorted by step.
 * @throws `E_FORMAT` naming the file and the byte offset of a truncated record, a CRC that does not match or an event
 *   that is not protobuf; `E_EMPTY` for a requested tag the file does not hold; `E_TYPE` for bytes that are not a
 *   Uint8Array; `E_OPTION` for an unknown option key; `E_ABORTED` when `signal` aborts.
 * @example
 * ```ts
 * // Fragment: an event file chosen in a page's <input type="file">.
 * import { decodeTensorBoardScalars } from "@clearbox/dgmtracker";
 * const file = input.files[0];
 * const { loss } = decodeTensorBoardScalars(new Uint8Array(await file.arrayBuffer()), { name: file.name });
 * console.log(loss.steps, loss.values);
 * ```
 */
export function decodeTensorBoardScalars(
  bytes: Uint8Array,
  options: DecodeTensorBoardOptions = {},
): Record<string, TensorBoardScalars> {
  options = assertOptions(options, "options", DECODE_OPTIONS);
  const columns: ScalarColumns = new Map();
  collectScalars(bytes, options.name ?? "event file", "", columns, options.signal);
  return sortedScalars(columns, options.tags);
}

/** Adds one file's scalars to `columns`, each tag prefixed with `prefix` (a sub-folder's run name). */
export function collectScalars(
  bytes: Uint8Array,
  name: string,
  prefix: string,
  columns: ScalarColumns,
  signal: AbortSignal | undefined,
): void {
  if (!(bytes instanceof Uint8Array)) {
    throw new ClearboxError("E_TYPE", `bytes must be a Uint8Array, got ${describeValue(bytes)}.`, {
      argument: "bytes",
    });
  }
  // A plain view: a Node Buffer's subarray() builds a Buffer, several times slower per record.
  const plain = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let records = 0;
  for (const { data, offset } of tfRecords(plain, name)) {
    if (++records % 4096 === 0) throwIfAborted(signal, "TensorBoard read");
    const event = decodeEvent(data, { name, offset });
    for (const { tag, value } of event.scalars) {
      const key = prefix + tag;
      let column = columns.get(key);
      if (!column) columns.set(key, (column = { steps: [], values: [], wallTimes: [] }));
      column.steps.push(event.step);
      column.values.push(value);
      column.wallTimes.push(event.wallTime);
    }
  }
  throwIfAborted(signal, "TensorBoard read");
}

/** The gathered columns as typed arrays sorted by step, keeping only `tags` when given. */
export function sortedScalars(columns: ScalarColumns, tags?: string[]): Record<string, TensorBoardScalars> {
  for (const tag of tags ?? []) {
    if (!columns.has(tag)) {
      const found = [...columns.keys()].join(", ") || "none";
      throw new ClearboxError("E_EMPTY", `tags names "${tag}", which the events do not hold (scalar tags: ${found}).`, {
        argument: "tags",
      });
    }
  }
  const result: Record<string, TensorBoardScalars> = {};
  for (const tag of tags ?? [...columns.keys()].sort()) {
    const { steps, values, wallTimes } = columns.get(tag)!;
    // Logs are nearly always written in step order: sort (stably, by index) only when they are not.
    const inOrder = steps.every((step, i) => i === 0 || steps[i - 1] <= step);
    const order = inOrder
      ? steps.map((_, i) => i)
      : steps.map((_, i) => i).sort((a, b) => steps[a] - steps[b] || a - b);
    result[tag] = {
      steps: Float64Array.from(order, (i) => steps[i]),
      values: Float64Array.from(order, (i) => values[i]),
      wallTimes: Float64Array.from(order, (i) => wallTimes[i]),
    };
  }
  return result;
}
