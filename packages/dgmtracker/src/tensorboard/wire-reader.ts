// A cursor over protobuf's wire format, just enough for TensorBoard's Event. Written here rather than depending on
// protobufjs: that needs the .proto schemas of Event, Summary and TensorProto shipped or compiled in (tens of kB in a
// package with a 15 kB budget) to read eight fields; varints, fixed 32/64-bit values and length-delimited bytes are
// the whole wire format.
import { ClearboxError } from "@clearbox/core/internal";

/** Protobuf wire types. */
export const WIRE = { varint: 0, fixed64: 1, bytes: 2, fixed32: 5 } as const;

/** A cursor over bytes[start, end) of one message; `fail` makes the E_FORMAT error naming the file and offset. */
export class WireReader {
  pos: number;
  private readonly view: DataView;

  constructor(
    readonly bytes: Uint8Array,
    start: number,
    readonly end: number,
    private readonly where: { name: string; offset: number },
    view?: DataView,
  ) {
    this.pos = start;
    // Nested messages share their parent's view: a DataView per field costs more than decoding it.
    this.view = view ?? new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  more(): boolean {
    return this.pos < this.end;
  }

  fail(why: string): ClearboxError {
    const { name, offset } = this.where;
    return new ClearboxError("E_FORMAT", `${name} holds an unreadable event in the record at byte ${offset}: ${why}.`, {
      argument: name,
    });
  }

  /** A varint as a number; an E_FORMAT past 2^53 (lengths, field keys and enums never get there). */
  uint(): number {
    let value = 0;
    for (let scale = 1; scale <= 2 ** 49; scale *= 128) {
      if (this.pos >= this.end) throw this.fail("a varint runs past the message");
      const byte = this.bytes[this.pos++];
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
    }
    throw this.fail("a varint longer than 53 bits where a length or key belongs");
  }

  /** A varint as a signed 64-bit integer (int64: two's complement over ten bytes). */
  int64(): bigint {
    let value = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      if (this.pos >= this.end) throw this.fail("a varint runs past the message");
      const byte = this.bytes[this.pos++];
      value |= BigInt(byte & 0x7f) << shift;
      if (byte < 0x80) return BigInt.asIntN(64, value);
    }
    throw this.fail("a varint longer than ten bytes");
  }

  /** A field's key: its number and wire type. */
  key(): { field: number; wire: number } {
    const key = this.uint();
    return { field: Math.floor(key / 8), wire: key % 8 };
  }

  double(): number {
    this.need(8);
    this.pos += 8;
    return this.view.getFloat64(this.pos - 8, true);
  }

  float(): number {
    this.need(4);
    this.pos += 4;
    return this.view.getFloat32(this.pos - 4, true);
  }

  /** A length-delimited field's [start, end); the cursor moves past it. */
  span(): [number, number] {
    const length = this.uint();
    this.need(length);
    this.pos += length;
    return [this.pos - length, this.pos];
  }

  /** A reader over a length-delimited field (a nested message). */
  nested(): WireReader {
    const [start, end] = this.span();
    return new WireReader(this.bytes, start, end, this.where, this.view);
  }

  /** Passes over a field this reader does not need. */
  skip(wire: number): void {
    if (wire === WIRE.varint) this.int64();
    else if (wire === WIRE.fixed64) this.double();
    else if (wire === WIRE.bytes) this.span();
    else if (wire === WIRE.fixed32) this.float();
    else throw this.fail(`wire type ${wire} (groups and unknown types are not part of Event)`);
  }

  private need(length: number): void {
    if (this.pos + length > this.end) throw this.fail(`a field of ${length} bytes runs past the message`);
  }
}
