import { dilatedSize, paddingBefore } from "./geometry.js";
import type { CheckedLinear } from "./kinds/linear.js";

type Visit = (i: number, j: number, w: number) => void;

/**
 * Visit every connection of a layer with weights: `visit(i, j, w)` for input neuron i, output neuron j (flat,
 * row-major, channels last) and the weight between them. A convolution connects each output to the inputs under
 * its (dilated) kernel (padding cells are not neurons); a depthwise one only within a channel; a transposed
 * convolution has the connections of the convolution it transposes, inputs and outputs swapped; a batch norm
 * connects each neuron to itself. @internal
 */
export function forEachConnection(layer: CheckedLinear, visit: Visit): void {
  const { kernel } = layer;
  if (layer.type === "dense") {
    const [inputs, outputs] = layer.kernelShape;
    for (let i = 0; i < inputs; i++) for (let j = 0; j < outputs; j++) visit(i, j, kernel[i * outputs + j]);
  } else if (layer.type === "batchNorm") {
    const channels = kernel.length;
    const size = layer.inShape.reduce((p, s) => p * s, 1);
    for (let i = 0; i < size; i++) visit(i, i, kernel[i % channels]);
  } else {
    forEachWindow(layer, visit);
  }
}

/** The kernel entries joining one source cell's channels to one target cell's (a × b, or the depthwise diagonal). */
function visitCell(
  layer: CheckedLinear,
  kernelBase: number,
  sourceBase: number,
  targetBase: number,
  visit: Visit,
): void {
  const [, , a, b] = layer.kernelShape;
  const { kernel } = layer;
  if (layer.type === "depthwiseConv2d") {
    // a channels × b multipliers: input channel p feeds outputs p · b + m.
    for (let p = 0; p < a; p++)
      for (let m = 0; m < b; m++) visit(sourceBase + p, targetBase + p * b + m, kernel[kernelBase + p * b + m]);
    return;
  }
  for (let p = 0; p < a; p++) {
    for (let q = 0; q < b; q++) {
      const w = kernel[kernelBase + p * b + q];
      // conv2d: kernel is kh × kw × in × out; conv2dTranspose: kh × kw × out × in.
      if (layer.type === "conv2dTranspose") visit(targetBase + q, sourceBase + p, w);
      else visit(sourceBase + p, targetBase + q, w);
    }
  }
}

/** Walk the convolution from `source` to `target` (for a transposed layer: from its output to its input). */
function forEachWindow(layer: CheckedLinear, visit: Visit): void {
  const transposed = layer.type === "conv2dTranspose";
  const [source, target] = transposed ? [layer.outShape, layer.inShape] : [layer.inShape, layer.outShape];
  const [kh, kw, a, b] = layer.kernelShape;
  const [sh, sw] = layer.strides;
  const [dy, dx] = layer.dilation;
  const top = paddingBefore(source[0], target[0], dilatedSize(kh, dy), sh);
  const left = paddingBefore(source[1], target[1], dilatedSize(kw, dx), sw);
  for (let ty = 0; ty < target[0]; ty++) {
    for (let tx = 0; tx < target[1]; tx++) {
      const targetBase = (ty * target[1] + tx) * target[2];
      for (let k = 0; k < kh * kw; k++) {
        const [ky, kx] = [Math.floor(k / kw), k % kw];
        const [sy, sx] = [ty * sh - top + ky * dy, tx * sw - left + kx * dx];
        if (sy < 0 || sy >= source[0] || sx < 0 || sx >= source[1]) continue;
        visitCell(layer, k * a * b, (sy * source[1] + sx) * source[2], targetBase, visit);
      }
    }
  }
}
