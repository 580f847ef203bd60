import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { pngDataUrl } from "../src/index.js";

/** The PNG's chunks, by type. */
function chunks(bytes: Buffer): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (let p = 8; p < bytes.length;) {
    const length = bytes.readUInt32BE(p);
    out.set(bytes.toString("latin1", p + 4, p + 8), bytes.subarray(p + 8, p + 8 + length));
    p += 12 + length;
  }
  return out;
}

describe("pngDataUrl", () => {
  it("encodes RGB pixels that a standard inflater reads back exactly, row by row", () => {
    const [width, height] = [5, 4700]; // 75,200 raw bytes: more than one stored block (65,535)
    const rgb = Uint8Array.from({ length: width * height * 3 }, (_, i) => (i * 37) % 256);
    const url = pngDataUrl(width, height, rgb);
    expect(url.startsWith("data:image/png;base64,")).toBe(true);
    const bytes = Buffer.from(url.slice("data:image/png;base64,".length), "base64");
    expect([...bytes.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    const parts = chunks(bytes);
    const header = parts.get("IHDR")!;
    expect([header.readUInt32BE(0), header.readUInt32BE(4), header[8], header[9]]).toEqual([width, height, 8, 2]);
    const raw = inflateSync(parts.get("IDAT")!);
    expect(raw.length).toBe(height * (1 + 3 * width));
    for (let y = 0; y < height; y++) {
      expect(raw[y * (1 + 3 * width)]).toBe(0); // filter: none
      const row = raw.subarray(y * (1 + 3 * width) + 1, (y + 1) * (1 + 3 * width));
      expect(Buffer.compare(row, Buffer.from(rgb.subarray(3 * width * y, 3 * width * (y + 1))))).toBe(0);
    }
  });

  it("names the argument when the sizes or bytes are wrong", () => {
    expect(() => pngDataUrl(0, 1, new Uint8Array(0))).toThrow(
      expect.objectContaining({ code: "E_RANGE", argument: "width" }),
    );
    expect(() => pngDataUrl(2, 2, new Uint8Array(11))).toThrow(
      expect.objectContaining({ code: "E_SHAPE", argument: "rgb" }),
    );
    expect(() => pngDataUrl(1, 1, [0, 0, 0] as unknown as Uint8Array)).toThrow(
      expect.objectContaining({ code: "E_TYPE", argument: "rgb" }),
    );
  });
});
