import { Worker } from "node:worker_threads";

/**
 * The writes of a background `directoryStorage`, done in order by one worker thread: appends, manifest
 * replacements, and chunks to quantise. The training thread only copies a chunk's float32 rows into a shared slot and
 * posts a message, so quantisation and disk I/O leave the training step. Waiting uses `Atomics.wait`, which works
 * while the training thread never yields to its event loop (a synchronous custom loop).
 */
export interface BackgroundWrites {
  append(name: string, bytes: Uint8Array): void;
  replace(name: string, bytes: Uint8Array): void;
  appendChunk(name: string, rows: Float32Array, count: number, steps: number, start: number): void;
  /** The next of the file's two shared chunk buffers, once the worker is done with it. */
  chunkRows(name: string, length: number): Float32Array;
  /** Wait until every posted write is on disk; rethrow the first error the worker met. */
  settle(): void;
  /** Settle, then stop the worker. */
  close(): void;
}

/** The message the worker takes (see write-worker.ts). */
export type WriteOp =
  | { op: "append" | "replace"; name: string; bytes: Uint8Array }
  | { op: "close" }
  | {
      op: "chunk";
      name: string;
      rows: SharedArrayBuffer;
      state: SharedArrayBuffer;
      count: number;
      steps: number;
      start: number;
    };

/** Layout of the shared control block: ops done, error flag, then the first error's message (UTF-8, length-prefixed). */
export const CONTROL = { done: 0, failed: 1, length: 2, messageAt: 12, bytes: 12 + 1024 } as const;

/** A shared chunk buffer: the rows, and a state that is 1 while the worker holds them. */
interface Slot {
  rows: SharedArrayBuffer;
  state: Int32Array;
}

/** A series file's two buffers, and which one to hand out next. */
interface SlotPair {
  slots: Slot[];
  next: number;
}

/**
 * Start the worker for the folder `path`.
 *
 * @param path - The run's folder (the worker opens its files itself).
 * @param workerUrl - The worker's module (dist/write-worker.js beside the built entry).
 * @returns The write queue.
 */
export function startBackgroundWrites(path: string, workerUrl: URL): BackgroundWrites {
  const control = new SharedArrayBuffer(CONTROL.bytes);
  const counters = new Int32Array(control, 0, 3);
  const worker = new Worker(workerUrl, { workerData: { path, control } });
  worker.unref(); // an unclosed run must not keep the process alive; close() settles first
  const slots = new Map<string, SlotPair>();
  let posted = 0;
  let closed = false;
  const post = (message: WriteOp) => {
    if (closed) throw new Error(`The background writes of ${path} are closed.`);
    throwIfFailed(control);
    posted++;
    worker.postMessage(message);
  };
  const settle = () => {
    for (let done = Atomics.load(counters, CONTROL.done); done < posted; done = Atomics.load(counters, CONTROL.done)) {
      Atomics.wait(counters, CONTROL.done, done, 1000);
    }
    throwIfFailed(control);
  };
  return {
    append: (name, bytes) => post({ op: "append", name, bytes: bytes.slice() }),
    replace: (name, bytes) => post({ op: "replace", name, bytes: bytes.slice() }),
    appendChunk(name, rows, count, steps, start) {
      const pair = slots.get(name);
      let slot = pair?.slots.find((s) => s.rows === rows.buffer);
      if (!slot) {
        // Rows of the caller's own: copied into the next shared buffer.
        slot = freeSlot(slots, name, rows.length);
        new Float32Array(slot.rows, 0, rows.length).set(rows);
      }
      throwIfFailed(control);
      Atomics.store(slot.state, 0, 1);
      post({ op: "chunk", name, rows: slot.rows, state: slot.state.buffer as SharedArrayBuffer, count, steps, start });
    },
    chunkRows: (name, length) => new Float32Array(freeSlot(slots, name, length).rows, 0, length),
    settle,
    close() {
      if (closed) return;
      try {
        posted++; // not post(): the files are closed even after a failed write
        worker.postMessage({ op: "close" } satisfies WriteOp);
        settle();
      } finally {
        closed = true;
        void worker.terminate();
      }
    },
  };
}

/**
 * The file's next shared buffer, once the worker has let go of it, grown to `length` floats. Two per file: training
 * fills one while the worker quantises the other.
 */
function freeSlot(slots: Map<string, SlotPair>, name: string, length: number): Slot {
  let pair = slots.get(name);
  if (!pair) slots.set(name, (pair = { slots: [], next: 0 }));
  const k = pair.next;
  pair.next = 1 - k;
  let slot = pair.slots[k];
  if (slot) while (Atomics.load(slot.state, 0) !== 0) Atomics.wait(slot.state, 0, 1, 1000);
  if (!slot || slot.rows.byteLength < 4 * length) {
    slot = { rows: new SharedArrayBuffer(4 * length), state: new Int32Array(new SharedArrayBuffer(4)) };
    pair.slots[k] = slot;
  }
  return slot;
}

/** Rethrow, on the training thread, the first error the worker met (a full disk, a removed folder …). */
function throwIfFailed(control: SharedArrayBuffer): void {
  const counters = new Int32Array(control, 0, 3);
  if (Atomics.load(counters, CONTROL.failed) === 0) return;
  const message = new TextDecoder().decode(
    new Uint8Array(control, CONTROL.messageAt, Atomics.load(counters, CONTROL.length)).slice(),
  );
  throw new Error(`Writing the run in the background failed: ${message}`);
}
