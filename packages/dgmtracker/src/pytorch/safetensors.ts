// A reader of the safetensors format (Hugging Face; what PyTorch's Trainer saves as model.safetensors). Written here
// because no maintained parser of it is on npm (the format is three fields: an 8-byte little-endian header length, a
// JSON header naming each tensor's dtype, shape and byte range, then the raw little-endian data), and because this
// one reads a tensor's bytes by offset, never the whole file: checkpoints run to gigabytes.
import { ClearboxError } from "@clearbox/core/internal";

/** One tensor's entry in a safetensors header. */
export interface SafetensorsEntry {
  dtype: string;
  shape: number[];
  /** Byte range in the data section, [begin, end). */
  data_offsets: [number, number];
}

/** A safetensors file opened for reading. */
export interface SafetensorsFile {
  /** The tensors' names, dtypes, shapes and byte ranges (without `__metadata__`). */
  tensors: Record<string, SafetensorsEntry>;
  /** The header's `__metadata__` (string → string), if any. */
  metadata: Record<string, string>;
  /** A floating-point tensor's values as float32 (F32, F16, BF16 and F64 are read; other dtypes are E_TYPE). */
  read(name: string): Float32Array;
}

/** The largest header this reader accepts (the format's own limit is 100 MB). */
const MAX_HEADER = 100_000_000;
const FLOAT_BYTES: Record<string, number> = { F32: 4, F16: 2, BF16: 2, F64: 8 };

/**
 * Open a safetensors file through a byte reader (`read(offset, length)`; a file in Node, a Blob's bytes in a page).
 *
 * @param read - Reads `length` bytes at `offset` (fewer at the end of the file).
 * @param name - The file's name, for error messages.
 * @returns The header and a tensor reader.
 * @throws `E_FORMAT` for a file that is not safetensors (a header length beyond the file, a header that is not JSON,
 *   an entry without dtype / shape / offsets, a byte range that does not match its shape).
 * @example
 * ```ts
 * // Fragment: a safetensors file read through Node's file handle.
 * import { openSync, readSync } from "node:fs";
 * import { openSafetensors } from "@clearbox/dgmtracker/node";
 * const fd = openSync("model.safetensors", "r");
 * const file = openSafetensors((offset, length) => {
 *   const bytes = new Uint8Array(length);
 *   return bytes.subarray(0, readSync(fd, bytes, 0, length, offset));
 * }, "model.safetensors");
 * ```
 */
export function openSafetensors(read: (offset: number, length: number) => Uint8Array, name = "file"): SafetensorsFile {
  const prefix = read(0, 8);
  const fail = (why: string) =>
    new ClearboxError("E_FORMAT", `${name} is not a safetensors file: ${why}.`, { argument: name });
  if (prefix.length < 8) throw fail("shorter than its 8-byte header length");
  const length = Number(new DataView(prefix.buffer, prefix.byteOffset, 8).getBigUint64(0, true));
  if (length < 2 || length > MAX_HEADER) throw fail(`a header length of ${length} bytes`);
  const headerBytes = read(8, length);
  if (headerBytes.length < length) throw fail("truncated in its header");
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(new TextDecoder().decode(headerBytes));
  } catch (cause) {
    throw new ClearboxError("E_FORMAT", `${name} is not a safetensors file: its header is not JSON.`, {
      argument: name,
      cause,
    });
  }
  const { __metadata__: metadata = {}, ...entries } = header as Record<string, SafetensorsEntry> & {
    __metadata__?: Record<string, string>;
  };
  for (const [tensor, entry] of Object.entries(entries)) {
    if (typeof entry?.dtype !== "string" || !Array.isArray(entry.shape) || !Array.isArray(entry.data_offsets)) {
      throw fail(`tensor "${tensor}" has no dtype, shape and data_offsets`);
    }
  }
  const base = 8 + length;
  return {
    tensors: entries,
    metadata,
    read(tensor) {
      const entry = entries[tensor];
      if (!entry) throw new ClearboxError("E_OPTION", `${name} has no tensor "${tensor}".`, { argument: "name" });
      const bytes = FLOAT_BYTES[entry.dtype];
      if (bytes === undefined) {
        throw new ClearboxError(
          "E_TYPE",
          `${name}: tensor "${tensor}" is ${entry.dtype}; F32, F16, BF16 and F64 are read.`,
          {
            argument: "name",
          },
        );
      }
      const count = entry.shape.reduce((a, b) => a * b, 1);
      const [begin, end] = entry.data_offsets;
      if (end - begin !== count * bytes)
        throw fail(`tensor "${tensor}" spans ${end - begin} bytes, its shape ${count * bytes}`);
      const data = read(base + begin, end - begin);
      if (data.length < end - begin) throw fail(`truncated in tensor "${tensor}"`);
      return toFloat32(data.slice(), entry.dtype, count);
    },
  };
}

/** Little-endian floats of one dtype (bytes at offset 0 of their own buffer) as float32. */
function toFloat32(data: Uint8Array, dtype: string, count: number): Float32Array {
  if (dtype === "F32") return new Float32Array(data.buffer, 0, count);
  if (dtype === "F64") return Float32Array.from(new Float64Array(data.buffer, 0, count));
  const halves = new Uint16Array(data.buffer, 0, count);
  const out = new Float32Array(count);
  if (dtype === "BF16") {
    const bits = new Uint32Array(out.buffer);
    for (let i = 0; i < count; i++) bits[i] = halves[i] << 16; // bfloat16 is the top half of a float32
    return out;
  }
  for (let i = 0; i < count; i++) out[i] = halfToFloat(halves[i]);
  return out;
}

/** IEEE 754 half precision to a number. */
function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const fraction = h & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 31) return fraction ? NaN : sign * Infinity;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}
