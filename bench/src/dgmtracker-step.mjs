// The tracker's cost on a real training step, in its own process: an MLP 784-1000-1000-10 (its middle layer holds
// 10^6 weights) trained by a custom TensorFlow.js loop on the wasm backend, batch 64, on synthetic digits; step time
// without the tracker and with it (every step: the middle layer's weights and gradients in full, every layer's weight
// and gradient statistics, the loss), the two interleaved in blocks so that both see the same machine load. The
// tracker writes through directoryStorage(dir, { background: true }) (quantisation and disk on a worker thread). Two
// chunks of tracked steps run first: the chunk buffers' first touch (page faults) is a once-per-run cost. Median and
// mean per step (the mean includes the steps that hand a full chunk to the worker). The tracker is given the tensors:
// on wasm it reads them in place (a dataSync copy of the 3.6 M values would cost ~25 % of a step by itself).
//   node bench/src/dgmtracker-step.mjs STEPS DIR [sync]   → one JSON line ("sync": the synchronous storage)
import { readFileSync, rmSync } from "node:fs";
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { createTracker } from "@clearbox/dgmtracker";
import { directoryStorage } from "@clearbox/dgmtracker/node";

const steps = Number(process.argv[2] ?? 60);
const dir = process.argv[3];
const background = process.argv[4] !== "sync";
tf.env().set("PROD", true);
await tf.setBackend("wasm");
await tf.ready();
rmSync(dir, { recursive: true, force: true });

const sizes = [784, 1000, 1000, 10];
const v = {};
for (let l = 0; l < 3; l++) {
  // Named: variableGrads keys the gradients by variable name.
  v[`dense${l}`] = tf.variable(
    tf.initializers.glorotUniform({ seed: l + 1 }).apply([sizes[l], sizes[l + 1]]),
    true,
    `dense${l}`,
  );
  v[`bias${l}`] = tf.variable(tf.zeros([sizes[l + 1]]), true, `bias${l}`);
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

const storage = directoryStorage(dir, { background });
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
// The first two chunks (2 × 10^6 series: 16 steps of 128 MiB each): the background storage fills one shared buffer
// while its worker quantises the other, and each buffer's first touch (page faults) is once per run.
for (let w = 0; w < 32; w++) trainStep(true);
// The training thread's own CPU time (Linux: /proc/self/task/PID/stat, utime + stime in 10 ms ticks): what the
// step costs whatever else the machine runs, and without the background worker's time, which is on another thread.
const mainThreadCpuMs = () => {
  const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, "utf8").split(") ")[1].split(" ");
  return 10 * (Number(fields[11]) + Number(fields[12]));
};
const times = { plain: [], tracked: [] };
const cpu = { plain: 0, tracked: 0 };
for (let block = 0; block < steps / 10; block++) {
  for (const mode of ["plain", "tracked"]) {
    const cpuStart = mainThreadCpuMs();
    for (let k = 0; k < 5; k++) {
      const start = performance.now();
      trainStep(mode === "tracked");
      times[mode].push(performance.now() - start);
    }
    cpu[mode] += mainThreadCpuMs() - cpuStart;
  }
}
const manifestChunkSteps = tracker.close().manifest.chunkSteps;
storage.close();
rmSync(dir, { recursive: true, force: true });
const median = (a) => [...a].sort((p, q) => p - q)[Math.floor(a.length / 2)];
const mean = (a) => a.reduce((p, q) => p + q, 0) / a.length;
console.log(
  JSON.stringify({
    steps: times.plain.length,
    background,
    chunkSteps: tracker.store === storage ? manifestChunkSteps : undefined,
    plainMs: median(times.plain),
    trackedMs: median(times.tracked),
    plainMeanMs: mean(times.plain),
    trackedMeanMs: mean(times.tracked),
    plainCpuMs: cpu.plain / times.plain.length,
    trackedCpuMs: cpu.tracked / times.tracked.length,
  }),
);
