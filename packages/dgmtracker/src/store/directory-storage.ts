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
import { ClearboxError, describeValue } from "@clearbox/core/internal";
import type { RunStorage } from "./storage.js";

/** A {@link RunStorage} on disk, with its open files closed by `close()`. */
export interface DirectoryStorage extends RunStorage {
  /** The folder. */
  readonly path: string;
  /** Close the files it holds open. */
  close(): void;
}

/**
 * A run's files in a folder (created if missing). Appends go straight to disk (synchronously, so that a training
 * step's record is on disk when `record` returns); the manifest is replaced by writing a temporary file and renaming
 * it, so a crash never leaves a half-written manifest.
 *
 * @param path - The folder.
 * @returns The storage.
 * @throws `E_TYPE` when `path` is not a non-empty string; the file system's own error when the folder cannot be made.
 * @example
 * const tracker = createTracker({ store: directoryStorage("runs/mlp"), full: ["dense_2"] });
 */
export function directoryStorage(path: string): DirectoryStorage {
  if (typeof path !== "string" || path === "") {
    throw new ClearboxError("E_TYPE", `path must be a folder's path, got ${describeValue(path)}.`, {
      argument: "path",
    });
  }
  mkdirSync(path, { recursive: true });
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
