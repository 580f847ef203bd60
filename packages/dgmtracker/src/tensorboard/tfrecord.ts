// TFRecord framing, the container of TensorBoard's event files: each record is a uint64 little-endian length, the
// masked CRC-32C of those 8 bytes, the data, and the masked CRC-32C of the data.
import { ClearboxError } from "@clearbox/core/internal";
import { maskedCrc32c } from "./crc32c.js";

/** One record's data and where it starts in the file (the byte offset of its length field). */
export interface TfRecord {
  data: Uint8Array;
  offset: number;
}

/**
 * The records of a TFRecord file, both CRCs verified.
 *
 * @throws `E_FORMAT` naming the file and the byte offset of a truncated record or a CRC that does not match.
 */
export function* tfRecords(bytes: Uint8Array, name: string): Generator<TfRecord> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fail = (offset: number, why: string) =>
    new ClearboxError("E_FORMAT", `${name} is not a readable TFRecord file: ${why} at byte ${offset}.`, {
      argument: name,
    });
  let offset = 0;
  while (offset < bytes.length) {
    if (offset + 12 > bytes.length) throw fail(offset, "a record header truncated");
    const length = view.getBigUint64(offset, true);
    if (view.getUint32(offset + 8, true) !== maskedCrc32c(bytes.subarray(offset, offset + 8))) {
      throw fail(offset, "the length's CRC-32C does not match");
    }
    const end = offset + 12 + Number(length);
    if (length > BigInt(bytes.length) || end + 4 > bytes.length) {
      throw fail(offset, `a record of ${length} bytes truncated`);
    }
    const data = bytes.subarray(offset + 12, end);
    if (view.getUint32(end, true) !== maskedCrc32c(data)) throw fail(offset, "the data's CRC-32C does not match");
    yield { data, offset };
    offset = end + 4;
  }
}
