// The training kernels registered for the wasm backend (src/wasm-training-kernels.mjs) against tfjs's own cpu
// backend, which has both convolution gradients natively, with tfjs's own batch-norm gradient (gradients are global,
// not per backend: it is captured before useWasm replaces it, and put back for the reference run).
import * as tf from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";
import { useWasm } from "../src/train-cnn.mjs";

const tfjsBatchNormGradient = tf.getGradient("FusedBatchNorm");

/** Gradients of a loss through same- and valid-padded convolutions (fused, as before a batch norm) and a batch norm. */
function gradients(model, x, y) {
  return tf.tidy(() => {
    const { value, grads } = tf.variableGrads(() =>
      tf.losses.softmaxCrossEntropy(y, /** @type {tf.Tensor} */ (model.apply(x, { training: true }))),
    );
    return { loss: value.dataSync()[0], grads: Object.values(grads).map((g) => Array.from(g.dataSync())) };
  });
}

function smallResidualModel() {
  const apply = (layer, t) => /** @type {tf.SymbolicTensor} */ (layer.apply(t));
  const init = (seed) => tf.initializers.heNormal({ seed });
  const input = tf.input({ shape: [9, 9, 2] });
  const a = apply(
    tf.layers.conv2d({ filters: 3, kernelSize: 3, padding: "same", useBias: false, kernelInitializer: init(1) }),
    input,
  );
  const bn = apply(tf.layers.reLU(), apply(tf.layers.batchNormalization({ momentum: 0.9 }), a));
  const b = apply(tf.layers.conv2d({ filters: 2, kernelSize: 2, padding: "same", kernelInitializer: init(2) }), bn);
  const sum = apply(tf.layers.add(), [input, b]);
  const c = apply(
    tf.layers.conv2d({ filters: 4, kernelSize: 3, padding: "valid", activation: "relu", kernelInitializer: init(3) }),
    sum,
  );
  const out = apply(tf.layers.dense({ units: 3, kernelInitializer: init(4) }), apply(tf.layers.flatten(), c));
  return tf.model({ inputs: input, outputs: out });
}

describe("wasm training kernels", () => {
  it("give the cpu backend's gradients for convolutions (same, valid, even kernel) and batch norm", async () => {
    await useWasm();
    const model = smallResidualModel();
    const values = Float32Array.from({ length: 5 * 9 * 9 * 2 }, (_, i) => Math.sin(i * 0.37) + 0.2 * Math.cos(i));
    const x = tf.tensor4d(values, [5, 9, 9, 2]);
    const y = tf.oneHot(tf.tensor1d([0, 1, 2, 1, 0], "int32"), 3);
    const wasm = gradients(model, x, y);
    const ours = tf.getGradient("FusedBatchNorm");
    expect(ours).not.toBe(tfjsBatchNormGradient);
    await tf.setBackend("cpu");
    tf.registerGradient(tfjsBatchNormGradient);
    const cpu = gradients(model, x, y);
    tf.registerGradient(ours);
    await tf.setBackend("wasm");
    expect(wasm.loss).toBeCloseTo(cpu.loss, 5);
    expect(wasm.grads).toHaveLength(cpu.grads.length);
    wasm.grads.forEach((g, i) => {
      const scale = Math.max(...cpu.grads[i].map(Math.abs));
      expect(scale).toBeGreaterThan(0);
      g.forEach((v, j) => expect(Math.abs(v - cpu.grads[i][j])).toBeLessThan(1e-4 * scale));
    });
    tf.dispose([x, y]);
    model.dispose();
  });
});
