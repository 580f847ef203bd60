// What training a CNN with batch norm needs from TensorFlow.js's wasm backend and does not get (tfjs 4.22): the
// backend has no Conv2DBackpropFilter kernel at all, its Conv2DBackpropInput is a scalar loop (in a profile of the
// residual CNN's training step it took 3.7 × the time of every forward convolution together), and batch norm's
// gradient tiles 1/σ to the whole activation before multiplying (the next-largest cost). Each is replaced here by the
// same arithmetic on kernels wasm runs fast (XNNPACK convolutions, broadcasting multiplies). Stride 1 and dilation 1
// only: the explorer's CNNs downsample with pooling.
import * as tf from "@tensorflow/tfjs";

/** Run another wasm kernel from inside a kernel (the way the backend's own kernels compose). */
function runKernel(name, inputs, backend, attrs) {
  return /** @type {any} */ (tf.getKernel(name, "wasm")).kernelFunc({ inputs, backend, attrs });
}

/** Forward padding [top, bottom, left, right] of a stride-1 convolution with a kh × kw filter. */
function forwardPadding(pad, kh, kw, strides) {
  if ((Array.isArray(strides) ? strides.some((s) => s !== 1) : strides !== 1) || typeof pad !== "string") {
    throw new Error("cnn-explorer's convolution gradients handle stride 1 with 'same' or 'valid' padding only");
  }
  if (pad === "valid") return [0, 0, 0, 0];
  const top = Math.floor((kh - 1) / 2);
  const left = Math.floor((kw - 1) / 2);
  return [top, kh - 1 - top, left, kw - 1 - left];
}

const VALID = { strides: 1, pad: "valid", dataFormat: "NHWC", dilations: 1, dimRoundingMode: undefined };

/**
 * ∂W[i,j,c,o] = Σ_b,y,x x̂[b, y+i, x+j, c] · dy[b, y, x, o], x̂ the padded input: a valid convolution of x̂ with batch
 * and channels swapped by dy as the filter.
 */
function conv2dBackpropFilter({ inputs, backend, attrs }) {
  const { x, dy } = /** @type {{ x: tf.TensorInfo, dy: tf.TensorInfo }} */ (inputs);
  const { strides, pad, filterShape } = /** @type {any} */ (attrs);
  const [top, bottom, left, right] = forwardPadding(pad, filterShape[0], filterShape[1], strides);
  const paddings = [
    [0, 0],
    [top, bottom],
    [left, right],
    [0, 0],
  ];
  const padded = pad === "same" ? runKernel("PadV2", { x }, backend, { paddings, constantValue: 0 }) : x;
  const xT = runKernel("Transpose", { x: padded }, backend, { perm: [3, 1, 2, 0] });
  const dyT = runKernel("Transpose", { x: dy }, backend, { perm: [1, 2, 0, 3] });
  const swapped = runKernel("Conv2D", { x: xT, filter: dyT }, backend, VALID);
  const result = runKernel("Transpose", { x: swapped }, backend, { perm: [1, 2, 0, 3] });
  for (const t of [xT, dyT, swapped, ...(padded === x ? [] : [padded])]) backend.disposeData(t.dataId);
  return result;
}

/**
 * ∂x = dy padded by (k − 1 − forward padding) on each side, convolved (valid) with the filter turned by 180° and its
 * in/out channels swapped: a transposed convolution as an ordinary one.
 */
function conv2dBackpropInput({ inputs, backend, attrs }) {
  const { dy, filter } = /** @type {{ dy: tf.TensorInfo, filter: tf.TensorInfo }} */ (inputs);
  const { strides, pad } = /** @type {any} */ (attrs);
  const [kh, kw] = filter.shape;
  const [top, bottom, left, right] = forwardPadding(pad, kh, kw, strides);
  const paddings = [
    [0, 0],
    [kh - 1 - top, kh - 1 - bottom],
    [kw - 1 - left, kw - 1 - right],
    [0, 0],
  ];
  const padded = runKernel("PadV2", { x: dy }, backend, { paddings, constantValue: 0 });
  const turned = runKernel("Reverse", { x: filter }, backend, { dims: [0, 1] });
  const swapped = runKernel("Transpose", { x: turned }, backend, { perm: [0, 1, 3, 2] });
  const result = runKernel("Conv2D", { x: padded, filter: swapped }, backend, VALID);
  for (const t of [padded, turned, swapped]) backend.disposeData(t.dataId);
  return result;
}

/** tfjs's batch-norm gradient (FusedBatchNorm_grad.js) with 1/σ broadcast instead of tiled. */
function batchNormGradient(dy, saved, attrs) {
  const { varianceEpsilon } = /** @type {any} */ (attrs);
  const [x, mean, variance, scale] = saved;
  const scaleValue = scale ?? tf.scalar(1);
  const axes = mean.rank === 1 ? x.shape.slice(0, -1).map((_, i) => i) : [];
  const reduce = (t) => tf.reshape(axes.length > 0 ? tf.sum(t, axes) : t, mean.shape);
  const xMinusMean = tf.sub(x, mean);
  const dyTimesScale = tf.mul(dy, scaleValue);
  const rsqrt = tf.rsqrt(tf.add(variance, tf.scalar(varianceEpsilon)));
  const minusHalfRCube = tf.mul(tf.mul(tf.mul(rsqrt, rsqrt), rsqrt), tf.scalar(-0.5));
  return {
    x: () => tf.reshape(tf.mul(tf.mul(dy, rsqrt), scaleValue), x.shape),
    mean: () => reduce(tf.mul(tf.mul(rsqrt, tf.scalar(-1)), dyTimesScale)),
    variance: () => reduce(tf.mul(tf.mul(minusHalfRCube, xMinusMean), dyTimesScale)),
    scale: () => reduce(tf.mul(dy, tf.mul(xMinusMean, rsqrt))),
    offset: () => reduce(dy),
  };
}

/** Register the three, once, before the first training step on the wasm backend. */
export function registerWasmTrainingKernels() {
  /** @type {[string, any][]} */
  const kernels = [
    ["Conv2DBackpropFilter", conv2dBackpropFilter],
    ["Conv2DBackpropInput", conv2dBackpropInput],
  ];
  for (const [kernelName, kernelFunc] of kernels) {
    if (tf.getKernel(kernelName, "wasm")) tf.unregisterKernel(kernelName, "wasm");
    tf.registerKernel({ kernelName, backendName: "wasm", kernelFunc });
  }
  tf.registerGradient({
    kernelName: "FusedBatchNorm",
    inputsToSave: ["x", "mean", "variance", "scale"],
    gradFunc: /** @type {any} */ (batchNormGradient),
  });
}
