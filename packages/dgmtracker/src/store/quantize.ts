import { LEVELS, chunkBytes, chunkHeader } from "./format.js";

/** Series per block when writing codes: bounds the encoder's scratch memory to ~8 MB whatever the layer's size. */
const BLOCK_VALUES = 1 << 22;
/** Series per transposition tile: 512 × 64 steps of codes is 64 KB, within a core's L2 cache. */
const TILE = 512;

/**
 * Encode one chunk: `steps` rows of `count` values (step-major, as recorded) become a header, each series' float32
 * low and high over the chunk, and its steps as 16-bit codes between them (series-major, so that a reader fetches a
 * series' steps in one piece). Decoding gives `low + code · (high − low) / 65535`, within (high − low) / 131070 of the
 * recorded value (plus float32 rounding). Emits the chunk in pieces; returns its byte length.
 */
export function encodeChunk(
  rows: Float32Array,
  count: number,
  steps: number,
  start: number,
  emit: (bytes: Uint8Array) => void,
): number {
  const low = new Float32Array(count).fill(Infinity);
  const high = new Float32Array(count).fill(-Infinity);
  for (let t = 0; t < steps; t++) {
    const row = rows.subarray(t * count, (t + 1) * count);
    for (let i = 0; i < count; i++) {
      const v = row[i];
      if (v < low[i]) low[i] = v;
      if (v > high[i]) high[i] = v;
    }
  }
  emit(chunkHeader(start, steps, count));
  emit(new Uint8Array(low.buffer));
  emit(new Uint8Array(high.buffer));
  const range = new Float64Array(count);
  for (let i = 0; i < count; i++) range[i] = high[i] - low[i];
  const block = Math.max(1, Math.floor(BLOCK_VALUES / steps));
  const codes = new Uint16Array(Math.min(block, count) * steps);
  for (let from = 0; from < count; from += block) {
    const to = Math.min(count, from + block);
    // Transposed in tiles of TILE series, so that the tile's codes stay in cache while each step's values stream in.
    for (let a = from; a < to; a += TILE) {
      const b = Math.min(to, a + TILE);
      for (let t = 0; t < steps; t++) {
        const row = t * count;
        for (let i = a; i < b; i++) {
          // Divide, then scale: the same rounding as format version 1's first writer, so old runs re-encode equal.
          codes[(i - from) * steps + t] = range[i] > 0 ? Math.round(((rows[row + i] - low[i]) / range[i]) * LEVELS) : 0;
        }
      }
    }
    emit(new Uint8Array(codes.buffer, 0, (to - from) * steps * 2));
  }
  return chunkBytes(count, steps);
}
