import { ClearboxError, describeValue } from "@clearbox/core/internal";

/**
 * Where a run's files live: a folder on disk (`directoryStorage` from `@clearbox/dgmtracker/node`), memory
 * ({@link memoryStorage}, e.g. in a page), or anything else with these four operations. Files are only appended to,
 * except the small manifest, which is replaced whole.
 */
export interface RunStorage {
  /** Add bytes at the end of a file (created when missing). */
  append(name: string, bytes: Uint8Array): void;
  /** Replace a whole file (atomically where the medium allows: the manifest is the run's commit point). */
  replace(name: string, bytes: Uint8Array): void;
  /** Up to `length` bytes from `offset` (fewer at the end of the file). */
  read(name: string, offset: number, length: number): Uint8Array;
  /**
   * Optional: fill `into` with the bytes from `offset` and return how many there were (fewer at the end of the
   * file). Readers use it, when given, to decode every chunk of a window from one reused buffer.
   */
  readInto?(name: string, offset: number, into: Uint8Array): number;
  /** The file's size in bytes, or -1 when it does not exist. */
  size(name: string): number;
  /**
   * Optional: quantise and append one chunk of `steps` rows of `count` values (step-major) as `encodeChunk` does,
   * returning the chunk's byte length — so that a storage can do the work off the training thread (a background
   * `directoryStorage`). The storage may return before the bytes are written, but must keep its operations in order.
   */
  appendChunk?(name: string, rows: Float32Array, count: number, steps: number, start: number): number;
  /**
   * Optional, with `appendChunk`: a buffer of `length` floats to fill with the next chunk of `name` (a background
   * storage hands out one of two shared buffers in turn, so that `appendChunk` passes the rows on without a copy).
   */
  chunkRows?(name: string, length: number): Float32Array;
}

/** A {@link RunStorage} in memory, with its files listed: to save them, or to open files a user picked. */
export interface MemoryStorage extends RunStorage {
  /** Every file's bytes (views on the storage's buffers: copy them before appending more). */
  files(): Record<string, Uint8Array>;
}

/**
 * A run kept in memory: the store's files as growing byte buffers. With 16-bit series this is the recorded data
 * once, not a second copy. Pass `files` (e.g. fetched or picked by a user) to read a run written elsewhere.
 *
 * @param files - Files to start from (copied).
 * @returns The storage.
 * @throws `E_TYPE` when a file is not a Uint8Array.
 * @example
 * const storage = memoryStorage();
 * const tracker = createTracker({ store: storage, full: ["dense_2"] });
 */
export function memoryStorage(files: Record<string, Uint8Array> = {}): MemoryStorage {
  if (typeof files !== "object" || files === null) {
    throw new ClearboxError("E_TYPE", `files must be an object of Uint8Arrays, got ${describeValue(files)}.`, {
      argument: "files",
    });
  }
  const buffers = new Map<string, { bytes: Uint8Array; size: number }>();
  for (const [name, bytes] of Object.entries(files)) {
    if (!(bytes instanceof Uint8Array)) {
      throw new ClearboxError("E_TYPE", `files[${JSON.stringify(name)}] must be a Uint8Array.`, {
        argument: `files.${name}`,
      });
    }
    buffers.set(name, { bytes: bytes.slice(), size: bytes.length });
  }
  return {
    append(name, bytes) {
      const file = buffers.get(name) ?? { bytes: new Uint8Array(0), size: 0 };
      if (file.size + bytes.length > file.bytes.length) {
        const grown = new Uint8Array(Math.max(file.size + bytes.length, 2 * file.bytes.length, 1024));
        grown.set(file.bytes.subarray(0, file.size));
        file.bytes = grown;
      }
      file.bytes.set(bytes, file.size);
      file.size += bytes.length;
      buffers.set(name, file);
    },
    replace(name, bytes) {
      buffers.set(name, { bytes: bytes.slice(), size: bytes.length });
    },
    read(name, offset, length) {
      const file = buffers.get(name);
      if (!file) return new Uint8Array(0);
      return file.bytes.slice(Math.min(offset, file.size), Math.min(offset + length, file.size));
    },
    readInto(name, offset, into) {
      const file = buffers.get(name);
      if (!file) return 0;
      const bytes = file.bytes.subarray(Math.min(offset, file.size), Math.min(offset + into.length, file.size));
      into.set(bytes);
      return bytes.length;
    },
    size: (name) => buffers.get(name)?.size ?? -1,
    files: () => Object.fromEntries([...buffers].map(([name, file]) => [name, file.bytes.subarray(0, file.size)])),
  };
}

/** Throw `E_TYPE` unless `storage` has the four operations of a {@link RunStorage}. */
export function assertStorage(storage: unknown, name = "storage"): RunStorage {
  const methods = ["append", "replace", "read", "size"] as const;
  if (
    typeof storage !== "object" ||
    storage === null ||
    methods.some((m) => typeof (storage as Record<string, unknown>)[m] !== "function")
  ) {
    throw new ClearboxError(
      "E_TYPE",
      `${name} must be a run storage ({ append, replace, read, size }: memoryStorage() or directoryStorage(dir)), got ${describeValue(storage)}.`,
      { argument: name },
    );
  }
  return storage as RunStorage;
}
