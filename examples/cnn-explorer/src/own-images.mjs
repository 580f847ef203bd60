// Shared by the page and the report: an image (RGBA bytes) resized to a model's input by nearest neighbour and read as
// values in [0, 1] — one grey channel (the mean of R, G, B) or three.

/**
 * @param {{ width: number, height: number, rgba: Uint8Array | Uint8ClampedArray }} image
 * @param {number[]} inputShape - [height, width, channels] with channels 1 or 3
 * @returns {Float32Array} height × width × channels values
 */
export function resizeToInput({ width, height, rgba }, inputShape) {
  const [h, w, channels = 1] = inputShape;
  if (channels !== 1 && channels !== 3)
    throw new Error(`the model's input has ${channels} channels: images give 1 or 3.`);
  const out = new Float32Array(h * w * channels);
  for (let y = 0; y < h; y++) {
    const sy = Math.min(height - 1, Math.floor(((y + 0.5) * height) / h));
    for (let x = 0; x < w; x++) {
      const sx = Math.min(width - 1, Math.floor(((x + 0.5) * width) / w));
      const at = (sy * width + sx) * 4;
      const o = (y * w + x) * channels;
      if (channels === 1) out[o] = (rgba[at] + rgba[at + 1] + rgba[at + 2]) / 765;
      else for (let c = 0; c < 3; c++) out[o + c] = rgba[at + c] / 255;
    }
  }
  return out;
}
