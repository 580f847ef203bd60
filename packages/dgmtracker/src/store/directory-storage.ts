import {
  closeSync,
  existsSync,
  fstatSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  statSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";
import { ClearboxError, assertOptions, describeValue } from "@clearbox/core/internal";
import type { OptionKeys } from "@clearbox/core/internal";
import { startBackgroundWrites } from "./background-writes.js";
import type { BackgroundWrites } from "./background-writes.js";
import { chunkBytes } from "./format.js";
import type { RunStorage } from "./storage.js";

/** Options of {@link directoryStorage}. */
export interface DirectoryStorageOptions {
  /**
   * Write on a worker thread: appends, the manifest and the quantisation of each chunk happen there, in order, while
   * training goes on (the training thread copies a full chunk's float32 rows once, at the chunk's end). Reads and
   * `close()` wait for the writes. Default false: every `record` is on disk when it returns.
   */
  background?: boolean;
}

const DIRECTORY_STORAGE_OPTIONS = { background: true } satisfies OptionKeys<DirectoryStorageOptions>;

/** A {@link RunStorage} on disk, with its open files closed by `close()`. */
export interface DirectoryStorage extends RunStorage {
  /** The folder. */
  readonly path: string;
  /** Wait for background writes, then close the files it holds open. */
  close(): void;
}

/**
 * A run's files in a folder (created if missing). Appends go straight to disk (synchronously, so that a training
 * step's record is on disk when `record` returns); the manifest is replaced by writing a temporary file and renaming
 * it, so a crash never leaves a half-written manifest. With `{ background: true }` the writes, and the quantisation of
 * the full series, go to a worker thread in the same order (the manifest still last): the training step no longer
 * waits for them.
 *
 * @param path - The folder.
 * @param options - `background`: write on a worker thread (default false).
 * @returns The storage.
 * @throws `E_TYPE` when `path` is not a non-empty string; `E_OPTION` for an unknown option; the file system's own
 *   error when the folder cannot be made (in the background: at the next write, read or `close()`).
 * @example
 * const store = directoryStorage("runs/mlp", { background: true });
 * const tracker = createTracker({ store, full: ["dense_2"] });
 * // … train, calling tracker.record(step, …) …
 * tracker.close();
 * store.close(); // waits for the last writes
 */
export function directoryStorage(path: string, options: DirectoryStorageOptions = {}): DirectoryStorage {
  if (typeof path !== "string" || path === "") {
    throw new ClearboxError("E_TYPE", `path must be a folder's path, got ${describeValue(path)}.`, {
      argument: "path",
    });
  }
  options = assertOptions(options, "options", DIRECTORY_STORAGE_OPTIONS);
  mkdirSync(path, { recursive: true });
  const background = options.background === true ? startBackgroundWrites(path, WRITE_WORKER) : undefined;
  const storage = foregroundStorage(path);
  return background ? inBackground(storage, background) : storage;
}

/** The worker module beside the built entry (dist/write-worker.js; tsup's shims give CommonJS an import.meta.url). */
const WRITE_WORKER = new URL("./write-worker.js", import.meta.url);

/** The storage with its writes handed to the worker, and its reads after the writes. */
function inBackground(storage: ReturnType<typeof foregroundStorage>, writes: BackgroundWrites): DirectoryStorage {
  return {
    path: storage.path,
    append: (name, bytes) => writes.append(name, bytes),
    replace(name, bytes) {
      writes.replace(name, bytes);
      storage.forget(name);
    },
    appendChunk(name, rows, count, steps, start) {
      writes.appendChunk(name, rows, count, steps, start);
      return chunkBytes(count, steps);
    },
    chunkRows: (name, length) => writes.chunkRows(name, length),
    read(name, offset, length) {
      writes.settle();
      return storage.read(name, offset, length);
    },
    readInto(name, offset, into) {
      writes.settle();
      return storage.readInto!(name, offset, into);
    },
    size(name) {
      writes.settle();
      return storage.size(name);
    },
    close() {
      try {
        writes.close();
      } finally {
        storage.close();
      }
    },
  };
}

/** The folder's files, read and written on this thread. */
function foregroundStorage(path: string): DirectoryStorage & { forget(name: string): void } {
  const appenders = new Map<string, number>();
  const readers = new Map<string, number>();
  const reader = (name: string): number | undefined => {
    let fd = readers.get(name);
    if (fd === undefined) {
      if (!existsSync(join(path, name))) return undefined;
      readers.set(name, (fd = openSync(join(path, name), "r")));
    }
    return fd;
  };
  const closeReader = (name: string) => {
    const fd = readers.get(name);
    if (fd !== undefined) closeSync(fd);
    readers.delete(name);
  };
  return {
    path,
    forget: closeReader,
    append(name, bytes) {
      let fd = appenders.get(name);
      if (fd === undefined) appenders.set(name, (fd = openSync(join(path, name), "a")));
      let done = 0;
      while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
    },
    replace(name, bytes) {
      const temporary = join(path, `${name}.tmp`);
      writeFileSync(temporary, bytes);
      renameSync(temporary, join(path, name));
      closeReader(name);
    },
    read(name, offset, length) {
      const fd = reader(name);
      if (fd === undefined) return new Uint8Array(0);
      const bytes = new Uint8Array(Math.max(0, Math.min(length, fstatSync(fd).size - offset)));
      return bytes.subarray(0, readFully(fd, offset, bytes));
    },
    readInto(name, offset, into) {
      const fd = reader(name);
      return fd === undefined ? 0 : readFully(fd, offset, into);
    },
    size(name) {
      try {
        return statSync(join(path, name)).size;
      } catch {
        return -1;
      }
    },
    close() {
      for (const fd of [...appenders.values(), ...readers.values()]) closeSync(fd);
      appenders.clear();
      readers.clear();
    },
  };
}

/** Read from `offset` until `into` is full or the file ends; the bytes read. */
function readFully(fd: number, offset: number, into: Uint8Array): number {
  let done = 0;
  while (done < into.length) {
    const n = readSync(fd, into, done, into.length - done, offset + done);
    if (n === 0) break;
    done += n;
  }
  return done;
}
