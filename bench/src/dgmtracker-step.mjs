// The tracker's cost on a real training step, in its own process: an MLP 784-1000-1000-10 (its middle layer holds
// 10^6 weights) trained by a custom TensorFlow.js loop on the wasm backend, batch 64, on synthetic digits; median
// step time without the tracker and with it (every step: the middle layer's weights in full, every layer's weight
// and gradient statistics, the loss), the two interleaved in blocks so that both see the same machine load.
//   node bench/src/dgmtracker-step.mjs STEPS DIR   → one JSON line
import { rmSync } from "node:fs";
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { createTracker } from "@clearbox/dgmtracker";
import { directoryStorage } from "@clearbox/dgmtracker/node";

const steps = Number(process.argv[2] ?? 60);
const dir = process.argv[3];
tf.env().set("PROD", true);
await tf.setBackend("wasm");
await tf.ready();
rmSync(dir, { recursive: true, force: true });

const sizes = [784, 1000, 1000, 10];
const v = {};
for (let l = 0; l < 3; l++) {
  v[`dense${l}`] = tf.variable(tf.initializers.glorotUniform({ seed: l + 1 }).apply([sizes[l], sizes[l + 1]]));
  v[`bias${l}`] = tf.variable(tf.zeros([sizes[l + 1]]));
}
const x = tf.randomUniform([64, 784], 0, 1, "float32", 1);
const y = tf.oneHot(tf.randomUniform([64], 0, 10, "int32", 2), 10).asType("float32");
const optimizer = tf.train.adam(1e-3);
const loss = () =>
  tf.losses.softmaxCrossEntropy(
    y,
    [0, 1, 2].reduce((h, l) => {
      const z = tf.add(tf.matMul(h, v[`dense${l}`]), v[`bias${l}`]);
      return l < 2 ? tf.relu(z) : z;
    }, x),
  );

const storage = directoryStorage(dir);
const tracker = createTracker({ full: ["dense1"], store: storage });
let step = 0;
function trainStep(track) {
  const { value, grads } = tf.variableGrads(loss);
  if (track) {
    const layers = {};
    for (let l = 0; l < 3; l++) layers[`dense${l}`] = { weights: v[`dense${l}`], gradients: grads[`dense${l}`] };
    tracker.record(step, { scalars: { loss: value.dataSync()[0] }, layers });
  } else value.dataSync();
  optimizer.applyGradients(grads);
  tf.dispose([value, ...Object.values(grads)]);
  step++;
}
for (let w = 0; w < 5; w++) trainStep(false); // warm-up
const times = { plain: [], tracked: [] };
for (let block = 0; block < steps / 10; block++) {
  for (const mode of ["plain", "tracked"]) {
    for (let k = 0; k < 5; k++) {
      const start = performance.now();
      trainStep(mode === "tracked");
      times[mode].push(performance.now() - start);
    }
  }
}
tracker.close();
storage.close();
rmSync(dir, { recursive: true, force: true });
const median = (a) => [...a].sort((p, q) => p - q)[Math.floor(a.length / 2)];
console.log(
  JSON.stringify({ steps: times.plain.length, plainMs: median(times.plain), trackedMs: median(times.tracked) }),
);
