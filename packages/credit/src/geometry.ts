// Spatial arithmetic of convolution and pooling, as TensorFlow and Keras define it (channels last).

/** "valid": no padding; "same": zero padding so that output = ⌈input / stride⌉ (more padding after than before). */
export type Padding = "valid" | "same";

/** Output length of a convolution or pooling window `kernel` moved by `stride` over `input` cells. */
export function windowOutputSize(input: number, kernel: number, stride: number, padding: Padding): number {
  return padding === "same" ? Math.ceil(input / stride) : Math.ceil((input - kernel + 1) / stride);
}

/** Cells of zero padding before the first cell (TensorFlow puts the odd one after). */
export function paddingBefore(input: number, output: number, kernel: number, stride: number): number {
  return Math.floor(Math.max((output - 1) * stride + kernel - input, 0) / 2);
}

/** Output length of a transposed convolution (Keras's `deconv_output_length` without output padding). */
export function transposedOutputSize(input: number, kernel: number, stride: number, padding: Padding): number {
  return padding === "same" ? input * stride : input * stride + Math.max(kernel - stride, 0);
}

/** The span of a dilated kernel: (k − 1) · d + 1. */
export function dilatedSize(kernel: number, dilation: number): number {
  return (kernel - 1) * dilation + 1;
}
