// A variational autoencoder 784-128-16 on MNIST, trained by a custom TensorFlow.js loop on the wasm backend and
// recorded at every step: per layer min / mean / max of weights, gradients and activations (on fixed probe digits),
// and every series of the decoder's first layer. A window of steps runs at a far too high learning rate: the planted
// anomaly the tracker's views should reveal. Deterministic: seeded initialisers, noise and batches in order.
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { createTracker, memoryStorage } from "@clearbox/dgmtracker";

export const LAYERS = [
  { id: "enc1", label: "encoder dense 784→128, ReLU", parents: [], inputs: 784, units: 128 },
  { id: "mu", label: "μ dense 128→16", parents: ["enc1"], inputs: 128, units: 16 },
  { id: "logvar", label: "log σ² dense 128→16", parents: ["enc1"], inputs: 128, units: 16 },
  { id: "dec1", label: "decoder dense 16→128, ReLU", parents: ["mu", "logvar"], inputs: 16, units: 128 },
  { id: "dec2", label: "decoder dense 128→784, sigmoid", parents: ["dec1"], inputs: 128, units: 784 },
];
/** The layer whose every weight, gradient and activation series is kept: 16 × 128 weights. */
export const FULL_LAYER = "dec1";
export const SETTINGS = {
  steps: 300,
  batch: 64,
  learningRate: 1e-3,
  /**
   * The planted anomaly: during these steps the weights into two of the decoder's units move `factor` × as far as
   * Adam says (a per-unit learning-rate bug), the rest of the network trains normally.
   */
  anomaly: { from: 150, to: 160, factor: 100, layer: "dec1", units: [17, 90] },
  probes: 16,
  seed: 1,
};

let ready;
/** The wasm backend (SIMD, one thread; its .wasm files ship inside the npm package). */
export function useWasm() {
  ready ??= (async () => {
    tf.env().set("PROD", true);
    await tf.setBackend("wasm");
    await tf.ready();
  })();
  return ready;
}

function createVariables(seed) {
  return Object.fromEntries(
    LAYERS.flatMap((layer, i) => {
      const kernel = tf.initializers.glorotUniform({ seed: seed * 10 + i }).apply([layer.inputs, layer.units]);
      return [
        [`${layer.id}.kernel`, tf.variable(kernel, true, `${layer.id}.kernel`)],
        [`${layer.id}.bias`, tf.variable(tf.zeros([layer.units]), true, `${layer.id}.bias`)],
      ];
    }),
  );
}

/** The forward pass: every layer's output, the latent sample and the reconstruction. */
function forward(v, x, noise) {
  const dense = (id, input) => tf.add(tf.matMul(input, v[`${id}.kernel`]), v[`${id}.bias`]);
  const enc1 = tf.relu(dense("enc1", x));
  const mu = dense("mu", enc1);
  const logvar = dense("logvar", enc1);
  const z = tf.add(mu, tf.mul(tf.exp(tf.mul(logvar, 0.5)), noise));
  const dec1 = tf.relu(dense("dec1", z));
  const logits = dense("dec2", dec1);
  return { enc1, mu, logvar, dec1, dec2: tf.sigmoid(logits), logits };
}

/**
 * Negative ELBO per digit: Bernoulli reconstruction (from the logits, stable) + KL(q(z|x) ‖ N(0, I)).
 * @returns {tf.Scalar}
 */
function elbo(out, x) {
  const reconstruction = tf.sum(
    tf.sub(tf.add(tf.relu(out.logits), tf.log1p(tf.exp(tf.neg(tf.abs(out.logits))))), tf.mul(out.logits, x)),
    1,
  );
  const kl = tf.mul(-0.5, tf.sum(tf.sub(tf.sub(tf.add(1, out.logvar), tf.square(out.mu)), tf.exp(out.logvar)), 1));
  return tf.mean(tf.add(reconstruction, kl));
}

/**
 * Train and record.
 * @param {{ images: Float32Array, labels: number[] }} train - MNIST digits in [0, 1]
 * @param {{ images: Float32Array }} probes - fixed digits whose activations are recorded
 * @param {{ onProgress?: (line: string) => void, online?: { count: number }, store?: import("@clearbox/dgmtracker").RunStorage, meta?: object }} [options]
 * @returns the tracker's run (closed; its manifest's meta holds `meta`, the decoder's final weights, the probes'
 *   latent codes and the online sample) and the training time
 */
export async function trainVae(
  train,
  probes,
  { onProgress = () => {}, online, store = memoryStorage(), meta = {} } = {},
) {
  await useWasm();
  const { steps, batch, learningRate, anomaly, seed } = SETTINGS;
  const v = createVariables(seed);
  const optimizer = tf.train.adam(learningRate);
  const tracker = createTracker({
    full: [FULL_LAYER],
    store,
    ...(online && { online: { layer: FULL_LAYER, count: online.count, seed: 1 } }),
  });
  const count = train.labels.length;
  const probeCount = probes.images.length / 784;
  const probeX = tf.tensor2d(probes.images, [probeCount, 784]);
  const probeNoise = tf.zeros([probeCount, 16]); // activations of the mean code: no sampling noise in the record
  const start = performance.now();
  for (let step = 0; step < steps; step++) {
    const from = (step * batch) % count;
    const rows = Array.from({ length: batch }, (_, k) => (from + k) % count);
    const x = tf.tensor2d(
      rows.flatMap((r) => Array.from(train.images.subarray(r * 784, (r + 1) * 784))),
      [batch, 784],
    );
    const noise = tf.randomNormal([batch, 16], 0, 1, "float32", seed * 100_000 + step);
    const { value, grads } = tf.variableGrads(() => elbo(forward(v, x, noise), x));
    const loss = value.dataSync()[0];
    /** @type {Record<string, import("@clearbox/dgmtracker").LayerStep>} */
    const layers = {};
    for (const layer of LAYERS) {
      layers[layer.id] = {
        weights: v[`${layer.id}.kernel`].dataSync(),
        gradients: grads[`${layer.id}.kernel`].dataSync(),
      };
    }
    const planted = step >= anomaly.from && step < anomaly.to;
    const kernel = v[`${anomaly.layer}.kernel`];
    const before = planted ? tf.clone(kernel) : undefined;
    // @ts-expect-error the gradients by variable name: tfjs's types ask for variables, its code reads tensors
    optimizer.applyGradients(grads);
    if (planted) {
      // Those units' columns move factor × Adam's step: w ← w₀ + (1 + (factor − 1) · mask) · (w − w₀).
      tf.tidy(() => {
        const mask = tf.tensor1d(
          Array.from({ length: kernel.shape[1] }, (_, u) => (anomaly.units.includes(u) ? anomaly.factor - 1 : 0)),
        );
        kernel.assign(tf.add(before, tf.mul(tf.sub(kernel, before), tf.add(1, mask))));
      });
      before.dispose();
    }
    tf.dispose([x, noise, value, ...Object.values(grads)]);
    tf.tidy(() => {
      const out = forward(v, probeX, probeNoise);
      for (const layer of LAYERS) layers[layer.id].activations = out[layer.id].dataSync();
    });
    tracker.record(step, { scalars: { loss }, layers });
    if ((step + 1) % 50 === 0) {
      onProgress(
        `step ${step + 1}/${steps}: loss ${loss.toFixed(1)} (${((performance.now() - start) / 1000).toFixed(1)} s)`,
      );
    }
  }
  // What the credit view needs: the decoder's final weights and the probes' latent codes (μ).
  // Rounded to 6 significant digits: the manifest is JSON, and more digits change no view.
  const weights = Object.fromEntries(
    ["dec1", "dec2"].map((id) => [
      id,
      { kernel: roundDeep(v[`${id}.kernel`].arraySync()), bias: roundDeep(v[`${id}.bias`].arraySync()) },
    ]),
  );
  const probeCodes = roundDeep(tf.tidy(() => forward(v, probeX, probeNoise).mu.arraySync()));
  tf.dispose([probeX, probeNoise, ...Object.values(v)]);
  optimizer.dispose();
  const seconds = (performance.now() - start) / 1000;
  const run = tracker.close({ ...meta, fullLayer: FULL_LAYER, decoder: weights, probeCodes });
  return { run, seconds };
}

/** Nested arrays of numbers, to 6 significant digits. */
function roundDeep(value) {
  return Array.isArray(value) ? value.map(roundDeep) : Number(value.toPrecision(6));
}
