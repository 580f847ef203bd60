// @clearbox/credit: LRP ÷ model.predict measured in alternation (pairs of calls, so load changes hit both alike),
// in back-to-back blocks (N predicts, then N LRPs), and where LRP's time goes by backend kernel (tf.profile). A diagnostic beside `pnpm bench credit`:
//   node src/credit-profile.mjs [cifar|mobilenet] [pairs] [--kernels]
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-wasm";
import { createRandom } from "@clearbox/core";
import { fromLayersModel, lrp, prepareNetwork } from "@clearbox/credit";
import { cifarCnn, mobileNetV2 } from "./credit-models.mjs";

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Wall and CPU time (ms) of one call; CPU time is this process's own, so less hurt by other processes' load. */
function timed(f) {
  const [start, cpu] = [performance.now(), process.cpuUsage()];
  f();
  const used = process.cpuUsage(cpu);
  return [performance.now() - start, (used.user + used.system) / 1000];
}

/** Median wall times of f and g called in alternation, the median per-pair ratio g / f, and the ratio of CPU totals. */
function alternate(f, g, pairs) {
  for (let w = 0; w < 3; w++) {
    f();
    g();
  }
  const rows = Array.from({ length: pairs }, () => [timed(f), timed(g)]);
  const total = (k) => rows.reduce((sum, row) => sum + row[k][1], 0);
  return {
    f: median(rows.map((r) => r[0][0])),
    g: median(rows.map((r) => r[1][0])),
    ratio: median(rows.map(([a, b]) => b[0] / a[0])),
    cpuRatio: total(1) / total(0),
  };
}

/** Back-to-back blocks of `count` calls of f then of g, `rounds` times: median per-call wall and CPU times of each. */
function blocks(f, g, count, rounds) {
  const block = (h) => {
    for (let w = 0; w < 3; w++) h();
    const [start, cpu] = [performance.now(), process.cpuUsage()];
    for (let i = 0; i < count; i++) h();
    const used = process.cpuUsage(cpu);
    return [(performance.now() - start) / count, (used.user + used.system) / 1000 / count];
  };
  const rows = Array.from({ length: rounds }, () => [block(f), block(g)]);
  const med = (i, k) => median(rows.map((r) => r[i][k]));
  return { f: med(0, 0), g: med(1, 0), fCpu: med(0, 1), gCpu: med(1, 1) };
}

async function byKernel(f) {
  const info = await tf.profile(f);
  const totals = new Map();
  for (const k of info.kernels) {
    const ms = await k.kernelTimeMs;
    const entry = totals.get(k.name) ?? { ms: 0, calls: 0 };
    entry.ms += typeof ms === "number" ? ms : 0;
    entry.calls += 1;
    totals.set(k.name, entry);
  }
  return [...totals].sort((a, b) => b[1].ms - a[1].ms);
}

await tf.setBackend("wasm");
const [which = "cifar", pairs = "15"] = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const model = which === "cifar" ? cifarCnn() : mobileNetV2();
const shape = model.inputs[0].shape.slice(1);
const random = createRandom(5);
const x = Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => random.next());
const network = prepareNetwork(fromLayersModel(model, { dropSoftmax: true }));
const predict = () => tf.tidy(() => model.predict(tf.tensor(x, [1, ...shape])).dataSync());
const explain = () => lrp(network, x, { rule: "epsilon", target: 3, read: "input" });
const { f, g, ratio, cpuRatio } = alternate(predict, explain, Number(pairs));
console.log(
  `${which}: predict ${f.toFixed(2)} ms, lrp ${g.toFixed(2)} ms (wall medians), median pair ratio ${ratio.toFixed(2)} ×, CPU-time ratio ${cpuRatio.toFixed(2)} ×`,
);
const back = blocks(predict, explain, Number(pairs), 5);
console.log(
  `${which}, back-to-back blocks: predict ${back.f.toFixed(2)} ms, lrp ${back.g.toFixed(2)} ms (wall), ${(back.g / back.f).toFixed(2)} ×; CPU ${back.fCpu.toFixed(2)} / ${back.gCpu.toFixed(2)} ms, ${(back.gCpu / back.fCpu).toFixed(2)} ×`,
);
if (process.argv.includes("--kernels")) {
  for (const [name, run] of [
    ["predict", predict],
    ["lrp", explain],
  ]) {
    const rows = await byKernel(run);
    const total = rows.reduce((s, [, e]) => s + e.ms, 0);
    console.log(`${name}: ${total.toFixed(1)} ms in kernels`);
    for (const [k, e] of rows.slice(0, 20))
      console.log(`  ${k.padEnd(28)} ${e.ms.toFixed(2).padStart(8)} ms ${e.calls} calls`);
  }
}
