// A minimal PNG encoder (RGB, 8 bit, no compression: zlib "stored" blocks) for rasters drawn where there is no canvas
// (server-side rendering). Written here because the browser has no synchronous encoder outside a canvas, and Node's
// zlib is not available to a browser bundle; the images it makes are small (a few hundred pixels a side).

import { ClearboxError, assertInteger, describeValue } from "@clearbox/core/internal";

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array, start: number, end: number): number {
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * Encode RGB pixels as a PNG `data:` URL, with no canvas: for `href` images (e.g. `packedRects`' feature patches)
 * drawn in Node for server-side rendering as well as in a browser. Uncompressed, so keep images small.
 *
 * @param width - Pixels per row, a positive integer.
 * @param height - Rows, a positive integer.
 * @param rgb - `width · height · 3` bytes, row-major, red, green, blue per pixel.
 * @returns `data:image/png;base64,…`
 * @throws `E_TYPE` / `E_RANGE` for a size that is not a positive integer; `E_TYPE` when `rgb` is not a Uint8Array;
 *   `E_SHAPE` when its length is not `width · height · 3`.
 * @example
 * import { pngDataUrl } from "@clearbox/charts";
 * pngDataUrl(1, 1, Uint8Array.of(255, 0, 0)).startsWith("data:image/png;base64,"); // => true
 */
export function pngDataUrl(width: number, height: number, rgb: Uint8Array): string {
  assertInteger(width, "width", 1);
  assertInteger(height, "height", 1);
  if (!(rgb instanceof Uint8Array)) {
    throw new ClearboxError(
      "E_TYPE",
      `rgb must be a Uint8Array of width · height · 3 bytes, got ${describeValue(rgb)}.`,
      {
        argument: "rgb",
      },
    );
  }
  if (rgb.length !== width * height * 3) {
    throw new ClearboxError(
      "E_SHAPE",
      `rgb has ${rgb.length} bytes but a ${width} × ${height} RGB image needs ${width * height * 3}.`,
      { argument: "rgb" },
    );
  }
  // Raw scanlines: a filter byte (0, none) before each row.
  const raw = new Uint8Array(height * (1 + 3 * width));
  for (let y = 0; y < height; y++) raw.set(rgb.subarray(3 * width * y, 3 * width * (y + 1)), y * (1 + 3 * width) + 1);
  // zlib: header, stored blocks of at most 65,535 bytes, Adler-32.
  const blocks = Math.max(1, Math.ceil(raw.length / 65535));
  const zlib = new Uint8Array(2 + raw.length + 5 * blocks + 4);
  zlib[0] = 0x78;
  zlib[1] = 0x01;
  let at = 2;
  for (let b = 0; b < blocks; b++) {
    const chunk = raw.subarray(b * 65535, Math.min(raw.length, (b + 1) * 65535));
    zlib[at++] = b === blocks - 1 ? 1 : 0;
    zlib[at++] = chunk.length & 0xff;
    zlib[at++] = chunk.length >>> 8;
    zlib[at++] = ~chunk.length & 0xff;
    zlib[at++] = (~chunk.length >>> 8) & 0xff;
    zlib.set(chunk, at);
    at += chunk.length;
  }
  let a = 1;
  let s = 0;
  for (let i = 0; i < raw.length; i++) {
    a = (a + raw[i]) % 65521;
    s = (s + a) % 65521;
  }
  const adler = ((s << 16) | a) >>> 0;
  zlib[at++] = adler >>> 24;
  zlib[at++] = (adler >>> 16) & 0xff;
  zlib[at++] = (adler >>> 8) & 0xff;
  zlib[at++] = adler & 0xff;

  const chunks: [string, Uint8Array][] = [
    ["IHDR", Uint8Array.from([...u32(width), ...u32(height), 8, 2, 0, 0, 0])],
    ["IDAT", zlib],
    ["IEND", new Uint8Array(0)],
  ];
  const size = 8 + chunks.reduce((n, [, data]) => n + 12 + data.length, 0);
  const png = new Uint8Array(size);
  png.set([137, 80, 78, 71, 13, 10, 26, 10]);
  let p = 8;
  for (const [type, data] of chunks) {
    png.set(u32(data.length), p);
    for (let k = 0; k < 4; k++) png[p + 4 + k] = type.charCodeAt(k);
    png.set(data, p + 8);
    png.set(u32(crc32(png, p + 4, p + 8 + data.length)), p + 8 + data.length);
    p += 12 + data.length;
  }
  let binary = "";
  for (let i = 0; i < png.length; i += 0x8000) binary += String.fromCharCode(...png.subarray(i, i + 0x8000));
  return `data:image/png;base64,${btoa(binary)}`;
}

function u32(v: number): number[] {
  return [v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
}
