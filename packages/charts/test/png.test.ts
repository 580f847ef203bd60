import { describe, expect, it } from "vitest";
import { pngDataUrl } from "../src/index.js";
import { readPng } from "./png-reader.js";

describe("pngDataUrl", () => {
  it("encodes RGB pixels that a standard inflater reads back exactly, row by row", () => {
    const [width, height] = [5, 4700]; // 75,200 raw bytes: more than one stored block (65,535)
    const rgb = Uint8Array.from({ length: width * height * 3 }, (_, i) => (i * 37) % 256);
    const png = readPng(pngDataUrl(width, height, rgb));
    expect([png.width, png.height, png.depth, png.colour]).toEqual([width, height, 8, 2]);
    const { raw } = png;
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
