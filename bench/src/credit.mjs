// @clearbox/credit (in progress): LRP and influence timings on TensorFlow.js's CPU backend.
// The wasm backend and CNN figures come with the convolution layers (issue #5).
import { createRandom } from "@clearbox/core";
import { forwardInfluence, forwardPass, lrp } from "@clearbox/credit";
import { measure, writeReport } from "./measure.mjs";

function mlp(sizes, seed) {
  const random = createRandom(seed);
  return {
    layers: sizes.slice(0, -1).map((n, l) => ({
      type: "dense",
      kernel: Array.from({ length: n }, () =>
        Array.from({ length: sizes[l + 1] }, () => random.normal() / Math.sqrt(n)),
      ),
      bias: Array.from({ length: sizes[l + 1] }, () => 0.01 * random.normal()),
      activation: l + 2 < sizes.length ? "relu" : "linear",
    })),
  };
}

export function runCreditBench() {
  const fmt = (ms) => `${ms.toFixed(2)} ms`;
  const random = createRandom(1);
  const net = mlp([784, 256, 128, 10], 1);
  const x = Array.from({ length: 784 }, () => random.next());
  const rows = [];
  for (const rule of ["lrp0", "epsilon", "alphabeta", "zb"]) {
    const { ms } = measure(() => lrp(net, x, { rule, target: 3 }), { repeats: 9 });
    rows.push({ task: `LRP (${rule}), one sample, MLP 784-256-128-10`, backend: "cpu", time: fmt(ms) });
  }
  const wide = mlp([512, 512], 2);
  const input = Array.from({ length: 512 }, () => random.next());
  const { activations } = forwardPass(wide, input);
  const influence = measure(() => forwardInfluence(wide, activations, 0), { repeats: 9 });
  rows.push({ task: "forward influence matrix, 512 × 512 dense pair", backend: "float64 JS", time: fmt(influence.ms) });
  writeReport("credit", "@clearbox/credit (in progress)", [
    {
      heading: "Timings",
      note: "Median of 9 runs after warm-up. Issue #5 asks LRP ≤ 10 ms (MLP) and influence ≤ 50 ms.",
      rows,
    },
  ]);
}
