import * as tf from "@tensorflow/tfjs-core";
import { ClearboxError, toDenseMatrix } from "@clearbox/core/internal";
import { checkActivation } from "../activations.js";
import type { DenseLayer } from "../layer-types.js";
import { checkChannels, requireRank } from "./checks.js";
import { linearKind } from "./linear.js";

/** A fully connected layer: matMul forward, matMul with the transposed kernel back. @internal */
export const denseKind = linearKind<DenseLayer>(
  ["dense"],
  (layer, { where, inShapes, inputs }) => {
    const { rows, columns, values } = toDenseMatrix(layer.kernel, `${where}.kernel`);
    const inShape = requireRank(inShapes[0], where, 1);
    if (inShape[0] !== rows) {
      const source = inputs[0] === 0 ? "network.inputShape says" : `layer ${inputs[0] - 1} has`;
      throw new ClearboxError(
        "E_SHAPE",
        `${where}.kernel has ${rows} inputs but ${source} ${inShape[0]} outputs: the layers do not chain.`,
        { argument: `${where}.kernel` },
      );
    }
    return {
      type: "dense",
      outShape: [columns],
      kernel: Float32Array.from(values),
      kernelShape: [rows, columns],
      bias: checkChannels(layer.bias, columns, `${where}.bias`),
      strides: [1, 1],
      padding: "valid",
      dilation: [1, 1],
      outStride: 1,
      activation: checkActivation(layer.activation, where),
    };
  },
  () => ({
    apply: (x, w) => tf.matMul(x as tf.Tensor2D, w as tf.Tensor2D),
    applyWithBias: (a, b, bias) => tf.fused.matMul({ a: a as tf.Tensor2D, b: b as tf.Tensor2D, bias }),
    // The kernel transposed once (cached): a matMul with transposeB ran ~10 × slower on wasm.
    toBack: (w) => tf.transpose(w),
    adjoint: (s, wBack) => tf.matMul(s as tf.Tensor2D, wBack as tf.Tensor2D),
  }),
);
