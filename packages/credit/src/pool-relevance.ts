import type { CheckedPool } from "./network.js";

/**
 * Relevance through a pooling layer, in plain loops (pooling has no weights to modify, so the LRP rules do not
 * apply): max pooling gives each output's relevance to the input that won its window (the first, on ties);
 * average pooling shares it in proportion to the inputs' values (LRP-0 of the average; a window summing to 0 passes
 * nothing on, and that relevance counts as absorbed). @internal
 */
export function poolRelevance(layer: CheckedPool, input: Float32Array, upper: Float32Array): Float32Array {
  const [height, width, channels] = layer.inShape;
  const [outHeight, outWidth] = layer.outShape;
  const [ph, pw] = layer.poolSize;
  const [sh, sw] = layer.strides;
  const [top, left] = layer.before;
  const relevance = new Float64Array(input.length);
  const at = (y: number, x: number, c: number) => (y * width + x) * channels + c;
  for (let oy = 0; oy < outHeight; oy++) {
    const y0 = Math.max(0, oy * sh - top);
    const y1 = Math.min(height, oy * sh - top + ph);
    for (let ox = 0; ox < outWidth; ox++) {
      const x0 = Math.max(0, ox * sw - left);
      const x1 = Math.min(width, ox * sw - left + pw);
      for (let c = 0; c < channels; c++) {
        const r = upper[(oy * outWidth + ox) * channels + c];
        if (r === 0) continue;
        if (layer.type === "maxPool2d") {
          let winner = at(y0, x0, c);
          for (let y = y0; y < y1; y++) {
            for (let x = x0; x < x1; x++) if (input[at(y, x, c)] > input[winner]) winner = at(y, x, c);
          }
          relevance[winner] += r;
          continue;
        }
        let z = 0;
        for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) z += input[at(y, x, c)];
        if (z === 0) continue;
        for (let y = y0; y < y1; y++)
          for (let x = x0; x < x1; x++) relevance[at(y, x, c)] += (input[at(y, x, c)] * r) / z;
      }
    }
  }
  return Float32Array.from(relevance);
}
