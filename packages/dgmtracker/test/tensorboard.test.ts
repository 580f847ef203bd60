// TensorBoard event files written by PyTorch's SummaryWriter (test/fixtures/tensorboard-run.py, Debian's python3-torch
// with tensorboard 2.21): the reader's scalars are compared exactly with the values the script wrote (float32-rounded
// where the file stores float32), and damaged files must fail with the file's name and the record's byte offset.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { createRandom } from "@clearbox/core";
import { decodeTensorBoardScalars } from "../src/index.js";
import type { TensorBoardScalars } from "../src/index.js";
import { readTensorBoardScalars } from "../src/node.js";
import { crc32c, maskedCrc32c } from "../src/tensorboard/crc32c.js";

const fixtures = fileURLToPath(new URL("./fixtures/", import.meta.url));
const log = join(fixtures, "tensorboard-run");
const topFile = join(log, "events.out.tfevents.1700000000.fixture");
const tf2File = join(fixtures, "tensorboard-tensors", "events.out.tfevents.1700000100.fixture");
type Expected = Record<string, [number, number, number][]>;
const load = (name: string) => JSON.parse(readFileSync(join(fixtures, name), "utf8")) as Expected;
const {
  torch: _torch,
  tensorboard: _tensorboard,
  ...written
} = load("tensorboard-run.json") as Expected & {
  torch: unknown;
  tensorboard: unknown;
};
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function expectSeries(actual: TensorBoardScalars, rows: [number, number, number][]): void {
  expect(Array.from(actual.steps)).toEqual(rows.map((r) => r[0]));
  expect(Array.from(actual.values)).toEqual(rows.map((r) => r[1]));
  expect(Array.from(actual.wallTimes)).toEqual(rows.map((r) => r[2]));
}

/** The byte offsets of a TFRecord file's records, walked from the length fields alone. */
function recordOffsets(bytes: Uint8Array): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const offsets: number[] = [];
  for (let at = 0; at < bytes.length; at += 16 + Number(view.getBigUint64(at, true))) offsets.push(at);
  return offsets;
}

describe("readTensorBoardScalars on SummaryWriter's files", () => {
  it("reads a log folder: simple_value, float and double tensors, add_scalars' sub-folders, exactly as written", () => {
    const scalars = readTensorBoardScalars(log);
    expect(Object.keys(scalars).sort()).toEqual(Object.keys(written).sort());
    for (const [tag, rows] of Object.entries(written)) expectSeries(scalars[tag], rows);
    expect(scalars.loss.values[49]).toBeLessThan(scalars.loss.values[0]); // it trained
  });

  it("reads one file by path and by bytes, and decodeTensorBoardScalars agrees", () => {
    const bytes = readFileSync(topFile);
    const copy = Uint8Array.from(bytes);
    const byPath = readTensorBoardScalars(topFile);
    expect(Object.keys(byPath)).toEqual(["accuracy", "loss", "lr"]);
    expect(readTensorBoardScalars(bytes)).toEqual(byPath);
    expect(decodeTensorBoardScalars(bytes, { name: "run.tfevents" })).toEqual(byPath);
    expect(bytes).toEqual(Buffer.from(copy)); // not mutated
  });

  it("reads TensorFlow 2's tensor_content scalars at steps past 2^32 and passes over tensors that are not scalars", () => {
    const scalars = decodeTensorBoardScalars(readFileSync(tf2File));
    const tensors = load("tensorboard-tensors.json");
    expect(Object.keys(scalars)).toEqual(["tf2/loss", "tf2/lr"]);
    for (const [tag, rows] of Object.entries(tensors)) expectSeries(scalars[tag], rows);
  });

  it("sorts by step whatever the records' order", () => {
    const bytes = readFileSync(topFile);
    const offsets = [...recordOffsets(bytes), bytes.length];
    const records = offsets.slice(0, -1).map((at, k) => bytes.subarray(at, offsets[k + 1]));
    const reversed = Buffer.concat(records.reverse());
    const scalars = decodeTensorBoardScalars(reversed);
    for (const tag of ["loss", "accuracy", "lr"]) expectSeries(scalars[tag], written[tag]);
  });

  it("keeps only the tags asked for", () => {
    const scalars = readTensorBoardScalars(log, { tags: ["grad_norm_fc2/grad_norm", "loss"] });
    expect(Object.keys(scalars)).toEqual(["grad_norm_fc2/grad_norm", "loss"]);
    expectSeries(scalars.loss, written.loss);
  });
});

describe("readTensorBoardScalars on damaged files and bad arguments", () => {
  const bytes = readFileSync(topFile);
  const offsets = recordOffsets(bytes);

  it("a truncated file is E_FORMAT naming the file and the last record's offset", () => {
    const cut = bytes.subarray(0, bytes.length - 3);
    expect(() => decodeTensorBoardScalars(cut, { name: "cut.tfevents" })).toThrow(
      expect.objectContaining({ code: "E_FORMAT", message: expect.stringContaining(`cut.tfevents`) }),
    );
    expect(() => decodeTensorBoardScalars(cut)).toThrow(`truncated at byte ${offsets.at(-1)}`);
    expect(() => decodeTensorBoardScalars(bytes.subarray(0, offsets[5] + 7))).toThrow(
      `a record header truncated at byte ${offsets[5]}`,
    );
  });

  it("a flipped byte in a record's data or length fails its CRC-32C", () => {
    const inData = Uint8Array.from(bytes);
    inData[offsets[20] + 14] ^= 0x10;
    expect(() => decodeTensorBoardScalars(inData)).toThrow(
      expect.objectContaining({
        code: "E_FORMAT",
        message: expect.stringContaining(`data's CRC-32C does not match at byte ${offsets[20]}`),
      }),
    );
    const inLength = Uint8Array.from(bytes);
    inLength[offsets[7]] ^= 0x01;
    expect(() => decodeTensorBoardScalars(inLength)).toThrow(`length's CRC-32C does not match at byte ${offsets[7]}`);
  });

  it("crc32c gives RFC 3720's check value", () => {
    expect(crc32c(new TextEncoder().encode("123456789"))).toBe(0xe3069283);
    expect(crc32c(new Uint8Array(32))).toBe(0x8a9136aa); // RFC 3720 B.4: 32 bytes of zeros
  });

  it("unknown option keys, missing tags, paths and aborts are coded errors", () => {
    const code = (code: string) => expect.objectContaining({ code });
    expect(() => readTensorBoardScalars(log, { tag: ["loss"] } as never)).toThrow(code("E_OPTION"));
    expect(() => decodeTensorBoardScalars(bytes, { signal: undefined, step: 1 } as never)).toThrow(code("E_OPTION"));
    expect(() => readTensorBoardScalars(log, { tags: ["val_loss"] })).toThrow(code("E_EMPTY"));
    expect(() => readTensorBoardScalars(join(log, "missing"))).toThrow(code("E_TYPE"));
    expect(() => decodeTensorBoardScalars([1, 2] as never)).toThrow(code("E_TYPE"));
    const empty = mkdtempSync(join(tmpdir(), "tb-empty-"));
    dirs.push(empty);
    expect(() => readTensorBoardScalars(empty)).toThrow(code("E_EMPTY"));
    expect(() => readTensorBoardScalars(log, { signal: AbortSignal.abort() })).toThrow(code("E_ABORTED"));
  });
});

describe("readTensorBoardScalars on records with valid CRCs around bytes that are not an Event", () => {
  /** One TFRecord with correct CRCs around `data`. */
  function frame(data: Uint8Array): Uint8Array {
    const record = new Uint8Array(16 + data.length);
    const view = new DataView(record.buffer);
    view.setBigUint64(0, BigInt(data.length), true);
    view.setUint32(8, maskedCrc32c(record.subarray(0, 8)), true);
    record.set(data, 12);
    view.setUint32(12 + data.length, maskedCrc32c(data), true);
    return record;
  }

  it("re-framed fixture records read the same: the framing written here is TFRecord's", () => {
    const bytes = readFileSync(topFile);
    const offsets = [...recordOffsets(bytes), bytes.length];
    const reframed = Buffer.concat(
      offsets.slice(0, -1).map((at, k) => frame(bytes.subarray(at + 12, offsets[k + 1] - 4))),
    );
    expect(decodeTensorBoardScalars(reframed)).toEqual(decodeTensorBoardScalars(bytes));
  });

  it("random payloads and cut events either decode or fail with E_FORMAT, never another error", () => {
    const random = createRandom(7);
    const event = readFileSync(topFile);
    const second = recordOffsets(event)[1];
    const data = event.subarray(
      second + 12,
      second + 12 + Number(new DataView(event.buffer, event.byteOffset).getBigUint64(second, true)),
    );
    const payloads = [
      ...Array.from({ length: 300 }, () => Uint8Array.from({ length: 1 + random.int(40) }, () => random.int(256))),
      ...Array.from({ length: data.length - 1 }, (_, cut) => data.subarray(0, cut + 1)),
    ];
    let failed = 0;
    for (const payload of payloads) {
      try {
        decodeTensorBoardScalars(frame(payload), { name: "fuzz" });
      } catch (error) {
        expect(error).toMatchObject({ name: "ClearboxError", code: "E_FORMAT" });
        expect((error as Error).message).toContain("fuzz holds an unreadable event in the record at byte 0");
        failed++;
      }
    }
    expect(failed).toBeGreaterThan(payloads.length / 4); // most garbage is not protobuf
  });
});
