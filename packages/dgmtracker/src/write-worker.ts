// The worker behind a background directoryStorage: does the run's writes in the order they were posted, and
// quantises chunks here rather than on the training thread (see store/background-writes.ts).
import { closeSync, openSync, renameSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import { CONTROL } from "./store/background-writes.js";
import type { WriteOp } from "./store/background-writes.js";
import { encodeChunk } from "./store/quantize.js";

const { path, control } = workerData as { path: string; control: SharedArrayBuffer };
const counters = new Int32Array(control, 0, 3);
const files = new Map<string, number>();

function append(name: string, bytes: Uint8Array): void {
  let fd = files.get(name);
  if (fd === undefined) files.set(name, (fd = openSync(join(path, name), "a")));
  for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done, bytes.length - done);
}

function run(message: WriteOp): void {
  if (message.op === "append") append(message.name, message.bytes);
  else if (message.op === "replace") {
    writeFileSync(join(path, `${message.name}.tmp`), message.bytes);
    renameSync(join(path, `${message.name}.tmp`), join(path, message.name));
  } else if (message.op === "chunk") {
    const rows = new Float32Array(message.rows, 0, message.count * message.steps);
    encodeChunk(rows, message.count, message.steps, message.start, (bytes) => append(message.name, bytes));
  } else {
    files.forEach((fd) => closeSync(fd));
    files.clear();
  }
}

/** Keep the first error for the training thread; later writes are skipped (the run stays as last committed). */
function fail(error: unknown): void {
  if (Atomics.load(counters, CONTROL.failed) !== 0) return;
  const text = new TextEncoder().encode(error instanceof Error ? error.message : String(error));
  const length = Math.min(text.length, CONTROL.bytes - CONTROL.messageAt);
  new Uint8Array(control, CONTROL.messageAt, length).set(text.subarray(0, length));
  Atomics.store(counters, CONTROL.length, length);
  Atomics.store(counters, CONTROL.failed, 1);
}

parentPort!.on("message", (message: WriteOp) => {
  try {
    if (Atomics.load(counters, CONTROL.failed) === 0) run(message);
  } catch (error) {
    fail(error);
  }
  if (message.op === "chunk") {
    const state = new Int32Array(message.state); // the slot is free again, written or not
    Atomics.store(state, 0, 0);
    Atomics.notify(state, 0);
  }
  Atomics.add(counters, CONTROL.done, 1);
  Atomics.notify(counters, CONTROL.done);
});
