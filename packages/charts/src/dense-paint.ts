// A DenseLines raster painted on a canvas — on the main thread and in the density worker alike, so that both paint
// the same picture of the same counts.

/** 2d contexts of a canvas and of an OffscreenCanvas: what painting a raster needs. */
type Context2D = Pick<CanvasRenderingContext2D, "createImageData" | "putImageData">;

/**
 * Paint `raster` (`columns × rows` weights) one pixel per cell: the square root of each weight over the largest (so
 * that sparse regions stay visible) through `lut` (256 colours, r g b each); empty cells transparent.
 */
export function paintRaster(context: Context2D, raster: Float32Array, columns: number, rows: number, lut: Uint8Array) {
  let max = 0;
  for (let p = 0; p < raster.length; p++) if (raster[p] > max) max = raster[p];
  const image = context.createImageData(columns, rows);
  for (let p = 0; p < raster.length; p++) {
    if (raster[p] === 0) continue;
    const q = 3 * Math.round(255 * Math.sqrt(raster[p] / (max || 1)));
    image.data[4 * p] = lut[q];
    image.data[4 * p + 1] = lut[q + 1];
    image.data[4 * p + 2] = lut[q + 2];
    image.data[4 * p + 3] = 255;
  }
  context.putImageData(image, 0, 0);
}
