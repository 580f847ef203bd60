// The few fields of TensorBoard's Event protobuf (tensorflow/core/util/event.proto, summary.proto, tensor.proto) that
// carry scalars: Event{wall_time=1, step=2, summary=5}, Summary{value=1}, Summary.Value{tag=1, simple_value=2,
// tensor=8}, TensorProto{dtype=1, tensor_shape=2, tensor_content=4, float_val=5, double_val=6}.
import { WIRE, WireReader } from "./wire-reader.js";

/** One scalar of an event. */
export interface EventScalar {
  tag: string;
  value: number;
}

/** An event's time, step and scalars (none for file_version, graphs, images, histograms…). */
export interface ScalarEvent {
  wallTime: number;
  step: number;
  scalars: EventScalar[];
}

const DT_FLOAT = 1;
const DT_DOUBLE = 2;
const text = /* @__PURE__ */ new TextDecoder();

/** Decodes one record's Event; `where` names the file and the record's offset for errors. */
export function decodeEvent(data: Uint8Array, where: { name: string; offset: number }): ScalarEvent {
  const reader = new WireReader(data, 0, data.length, where);
  const event: ScalarEvent = { wallTime: 0, step: 0, scalars: [] };
  while (reader.more()) {
    const { field, wire } = reader.key();
    if (field === 1 && wire === WIRE.fixed64) event.wallTime = reader.double();
    else if (field === 2 && wire === WIRE.varint) event.step = exactStep(reader);
    else if (field === 5 && wire === WIRE.bytes) readSummary(reader.nested(), event.scalars);
    else reader.skip(wire);
  }
  return event;
}

function exactStep(reader: WireReader): number {
  const step = reader.int64();
  if (step > BigInt(Number.MAX_SAFE_INTEGER) || step < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw reader.fail(`step ${step} is beyond 2^53, not exact as a number`);
  }
  return Number(step);
}

function readSummary(reader: WireReader, into: EventScalar[]): void {
  while (reader.more()) {
    const { field, wire } = reader.key();
    if (field !== 1 || wire !== WIRE.bytes) {
      reader.skip(wire);
      continue;
    }
    const scalar = readValue(reader.nested());
    if (scalar) into.push(scalar);
  }
}

/** A Summary.Value's tag and scalar: simple_value, or a float / double tensor of one element; else undefined. */
function readValue(reader: WireReader): EventScalar | undefined {
  let tag = "";
  let value: number | undefined;
  while (reader.more()) {
    const { field, wire } = reader.key();
    if (field === 1 && wire === WIRE.bytes) {
      const [start, end] = reader.span();
      tag = text.decode(reader.bytes.subarray(start, end));
    } else if (field === 2 && wire === WIRE.fixed32) value = reader.float();
    else if (field === 8 && wire === WIRE.bytes) value = readScalarTensor(reader.nested());
    else reader.skip(wire);
  }
  return value === undefined ? undefined : { tag, value };
}

/** A TensorProto's value when it is a float or double scalar (one element); undefined for anything else. */
function readScalarTensor(reader: WireReader): number | undefined {
  let dtype = 0;
  let elements = 1;
  const values: number[] = [];
  let content: Uint8Array | undefined;
  while (reader.more()) {
    const { field, wire } = reader.key();
    if (field === 1 && wire === WIRE.varint) dtype = reader.uint();
    else if (field === 2 && wire === WIRE.bytes) elements = shapeElements(reader.nested());
    else if (field === 4 && wire === WIRE.bytes) {
      const [start, end] = reader.span();
      content = reader.bytes.subarray(start, end);
    } else if (field === 5 || field === 6) readRepeated(reader, wire, field === 5 ? 4 : 8, values);
    else reader.skip(wire);
  }
  if ((dtype !== DT_FLOAT && dtype !== DT_DOUBLE) || elements !== 1) return undefined;
  if (content) return fromContent(content, dtype, reader);
  return values.length === 1 ? values[0] : undefined;
}

function fromContent(content: Uint8Array, dtype: number, reader: WireReader): number {
  const size = dtype === DT_FLOAT ? 4 : 8;
  if (content.length !== size) {
    throw reader.fail(`a scalar tensor's content holds ${content.length} bytes, expected ${size}`);
  }
  const view = new DataView(content.buffer, content.byteOffset, size);
  return dtype === DT_FLOAT ? view.getFloat32(0, true) : view.getFloat64(0, true);
}

/** float_val / double_val: packed (one length-delimited run) or one value per key. */
function readRepeated(reader: WireReader, wire: number, size: 4 | 8, into: number[]): void {
  const read = () => (size === 4 ? reader.float() : reader.double());
  if (wire !== WIRE.bytes) {
    if (wire !== (size === 4 ? WIRE.fixed32 : WIRE.fixed64))
      throw reader.fail(`wire type ${wire} for a ${size}-byte value`);
    into.push(read());
    return;
  }
  const packed = reader.nested();
  while (packed.more()) into.push(size === 4 ? packed.float() : packed.double());
}

/** The number of elements of a TensorShapeProto{dim=2 {size=1}} (1 for a scalar: no dims). */
function shapeElements(reader: WireReader): number {
  let elements = 1;
  while (reader.more()) {
    const { field, wire } = reader.key();
    if (field !== 2 || wire !== WIRE.bytes) {
      reader.skip(wire);
      continue;
    }
    const dim = reader.nested();
    let size = 0;
    while (dim.more()) {
      const key = dim.key();
      if (key.field === 1 && key.wire === WIRE.varint) size = Number(dim.int64());
      else dim.skip(key.wire);
    }
    elements *= size;
  }
  return elements;
}
