import { paddingBefore } from "./geometry.js";
import type { CheckedLinear } from "./network.js";

/**
 * Visit every connection of a dense or convolutional layer: `visit(i, j, w)` for input neuron i, output neuron j
 * (flat, row-major, channels last) and the weight between them. A convolution connects each output to the inputs
 * under its kernel (padding cells are not neurons); a transposed convolution has the same connections as the
 * convolution it transposes, with inputs and outputs swapped. @internal
 */
export function forEachConnection(layer: CheckedLinear, visit: (i: number, j: number, w: number) => void): void {
  const { kernel } = layer;
  if (layer.type === "dense") {
    const [inputs, outputs] = layer.kernelShape;
    for (let i = 0; i < inputs; i++) for (let j = 0; j < outputs; j++) visit(i, j, kernel[i * outputs + j]);
    return;
  }
  const transposed = layer.type === "conv2dTranspose";
  // Walk the convolution from `source` to `target` (for a transposed layer: from its output to its input).
  const [source, target] = transposed ? [layer.outShape, layer.inShape] : [layer.inShape, layer.outShape];
  const [kh, kw, a, b] = layer.kernelShape;
  const [sh, sw] = layer.strides;
  const top = paddingBefore(source[0], target[0], kh, sh);
  const left = paddingBefore(source[1], target[1], kw, sw);
  for (let ty = 0; ty < target[0]; ty++) {
    for (let tx = 0; tx < target[1]; tx++) {
      for (let ky = 0; ky < kh; ky++) {
        const sy = ty * sh - top + ky;
        if (sy < 0 || sy >= source[0]) continue;
        for (let kx = 0; kx < kw; kx++) {
          const sx = tx * sw - left + kx;
          if (sx < 0 || sx >= source[1]) continue;
          const sourceBase = (sy * source[1] + sx) * source[2];
          const targetBase = (ty * target[1] + tx) * target[2];
          const kernelBase = (ky * kw + kx) * a * b;
          for (let p = 0; p < a; p++) {
            for (let q = 0; q < b; q++) {
              const w = kernel[kernelBase + p * b + q];
              // conv2d: kernel is kh × kw × in × out; conv2dTranspose: kh × kw × out × in.
              if (transposed) visit(targetBase + q, sourceBase + p, w);
              else visit(sourceBase + p, targetBase + q, w);
            }
          }
        }
      }
    }
  }
}
