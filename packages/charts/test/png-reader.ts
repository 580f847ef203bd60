import { inflateSync } from "node:zlib";

/** A PNG data URL read back: the IHDR fields and the inflated scanlines (a filter byte before each row). */
export function readPng(url: string): { width: number; height: number; depth: number; colour: number; raw: Buffer } {
  const prefix = "data:image/png;base64,";
  if (!url.startsWith(prefix)) throw new Error(`not a PNG data URL: ${url.slice(0, 40)}`);
  const bytes = Buffer.from(url.slice(prefix.length), "base64");
  if (bytes.subarray(0, 8).compare(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10])) !== 0) {
    throw new Error("no PNG signature");
  }
  const chunks = new Map<string, Buffer>();
  for (let p = 8; p < bytes.length;) {
    const length = bytes.readUInt32BE(p);
    chunks.set(bytes.toString("latin1", p + 4, p + 8), bytes.subarray(p + 8, p + 8 + length));
    p += 12 + length;
  }
  const header = chunks.get("IHDR")!;
  return {
    width: header.readUInt32BE(0),
    height: header.readUInt32BE(4),
    depth: header[8],
    colour: header[9],
    raw: inflateSync(chunks.get("IDAT")!),
  };
}
