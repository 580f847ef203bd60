// @clearbox/blue-noise: sampling 5 % of 10^5 and 10^6 series, side by side with random sampling and a naive
// dart-throwing baseline (every candidate against every accepted series, no index) in the same run; the online
// sampler's cost per step; and the sampling-quality measures on planted outliers and on a real training recording.
import { readFileSync } from "node:fs";
import { createRandom } from "@clearbox/core";
import { createOnlineSampler, polylineDistance, sampleBlueNoise, samplingQuality } from "@clearbox/blue-noise";
import { bundledSeries } from "@clearbox/fixtures/bundled-series";
import { measure, writeReport } from "./measure.mjs";

const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);
const f3 = (v) => (Number.isFinite(v) ? v.toFixed(3) : String(v));
const mib = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

function randomSample(n, count, seed) {
  return createRandom(seed)
    .shuffle(Array.from({ length: n }, (_, i) => i))
    .slice(0, count);
}

/** Dart throwing without an index: each candidate is compared with every accepted series (early exit at r). */
function naiveDartThrowing(series, radius, seed) {
  const { values, count, length } = series;
  const order = randomSample(count, count, seed);
  const accepted = [];
  const row = (i) => values.subarray(i * length, (i + 1) * length);
  for (const i of order) {
    if (accepted.every((j) => polylineDistance(row(i), row(j)) >= radius)) accepted.push(i);
  }
  return accepted;
}

export async function runBlueNoiseBench() {
  const sections = [];

  // Speed at scale.
  const speedRows = [];
  for (const [n, repeats] of [
    [10_000, 3],
    [100_000, 3],
  ]) {
    const { series } = bundledSeries(n, 100, 1);
    const blue = measure(() => sampleBlueNoise(series, { ratio: 0.05, seed: 1 }), { repeats, warmup: n <= 10_000 });
    const random = measure(() => randomSample(n, blue.result.indices.length, 1), { repeats });
    speedRows.push({
      series: `${n.toLocaleString("en")} × 100 steps`,
      method: "clearbox sampleBlueNoise, ratio 0.05",
      time: fmt(blue.ms),
      sampled: blue.result.indices.length,
      note: `radius ${f3(blue.result.radius)}, ${blue.result.passes} passes`,
    });
    speedRows.push({
      series: `${n.toLocaleString("en")} × 100 steps`,
      method: "random sampling (Fisher–Yates)",
      time: fmt(random.ms),
      sampled: random.result.length,
      note: "",
    });
    if (n <= 10_000) {
      const start = performance.now();
      const naive = naiveDartThrowing(series, blue.result.radius, 1);
      speedRows.push({
        series: `${n.toLocaleString("en")} × 100 steps`,
        method: "naive dart throwing at the same radius (no index, one pass)",
        time: fmt(performance.now() - start),
        sampled: naive.length,
        note: "one run; the count is whatever the radius gives",
      });
    }
  }
  {
    const n = 1_000_000;
    const { series } = bundledSeries(n, 100, 1);
    const before = process.memoryUsage().rss;
    let peak = before;
    let reports = 0;
    // CPU time beside wall time: on a shared machine the wall clock mostly measures the other processes.
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    const blue = sampleBlueNoise(series, {
      ratio: 0.05,
      seed: 1,
      onProgress: () => {
        reports++;
        peak = Math.max(peak, process.memoryUsage().rss);
      },
    });
    const ms = performance.now() - start;
    const cpu = process.cpuUsage(cpuStart);
    peak = Math.max(peak, process.memoryUsage().rss);
    speedRows.push({
      series: "1,000,000 × 100 steps (Float32, 381 MiB)",
      method: "clearbox sampleBlueNoise, ratio 0.05",
      time: fmt(ms),
      sampled: blue.indices.length,
      note: `CPU ${fmt((cpu.user + cpu.system) / 1000)}; radius ${f3(blue.radius)}, ${blue.passes} passes, ${reports} progress reports; RSS ${mib(before)} before, ${mib(peak)} peak`,
    });
  }
  sections.push({
    heading: "Sampling 5 % of N series of 100 steps",
    note: "Median of 3 runs (10^4: after warm-up); 10^6: one run, with its CPU time (on a shared machine the wall time mostly measures the other processes; the naive row shows how loaded it was). Synthetic training dynamics: five bundles with drift and noise, ten planted outliers.",
    rows: speedRows,
  });

  // The online sampler.
  {
    const n = 100_000;
    const steps = 40;
    const { series, outliers } = bundledSeries(n, steps, 2);
    const sampler = createOnlineSampler({ count: 5000, seed: 1 });
    const times = [];
    for (let t = 0; t < steps; t++) {
      const step = new Float64Array(n);
      for (let i = 0; i < n; i++) step[i] = series.values[i * steps + t];
      const start = performance.now();
      sampler.push(step);
      if (t >= 2) times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    const online = samplingQuality(series, sampler.sample().indices, { outliers });
    const fresh = samplingQuality(series, sampleBlueNoise(series, { count: 5000, seed: 1 }).indices, { outliers });
    sections.push({
      heading: "Online sampling: 100,000 series growing to 40 steps, 5,000 kept",
      note: "push() per step after the first two (the second samples from scratch): median and max. Drift: the online sample at the end beside a fresh sample of the final series.",
      rows: [
        {
          sample: "online (repaired every step)",
          "push median": fmt(times[Math.floor(times.length / 2)]),
          "push max": fmt(times[times.length - 1]),
          minSpacing: f3(online.minSpacing),
          coverageMean: f3(online.coverageMean),
          coverageMax: f3(online.coverageMax),
          outlierRecall: f3(online.outlierRecall),
        },
        {
          sample: "fresh sampleBlueNoise at the end",
          "push median": "—",
          "push max": "—",
          minSpacing: f3(fresh.minSpacing),
          coverageMean: f3(fresh.coverageMean),
          coverageMax: f3(fresh.coverageMax),
          outlierRecall: f3(fresh.outlierRecall),
        },
      ],
    });
  }

  // Quality, synthetic and real.
  const qualityRows = [];
  const compare = (label, series, outliers, ratio) => {
    const count = Math.max(1, Math.round(ratio * series.count));
    const blue = samplingQuality(series, sampleBlueNoise(series, { count, seed: 1 }).indices, { outliers });
    const randoms = [1, 2, 3, 4, 5].map((seed) =>
      samplingQuality(series, randomSample(series.count, count, seed), { outliers }),
    );
    const mean = (key) => randoms.reduce((s, q) => s + q[key], 0) / randoms.length;
    for (const [method, q] of [
      ["blue noise", blue],
      ["random (mean of 5 seeds)", Object.fromEntries(Object.keys(blue).map((k) => [k, mean(k)]))],
    ]) {
      qualityRows.push({
        data: label,
        sampled: count,
        method,
        outlierRecall: f3(q.outlierRecall),
        minSpacing: f3(q.minSpacing),
        coverageMean: f3(q.coverageMean),
        coverageP99: f3(q.coverageP99),
        coverageMax: f3(q.coverageMax),
        overdraw: f3(q.overdraw),
        densityFidelity: f3(q.densityFidelity),
      });
    }
  };
  const planted = bundledSeries(10_000, 100, 3);
  compare("synthetic: 10,000 × 100, 10 planted outliers", planted.series, planted.outliers, 0.05);
  const root = new URL("../../", import.meta.url);
  const header = JSON.parse(readFileSync(new URL("data/training/digits-mlp.json", root), "utf8"));
  const blob = readFileSync(new URL(`data/training/${header.file}`, root));
  const all = new Float32Array(blob.buffer, blob.byteOffset, blob.byteLength / 4);
  for (const block of header.blocks.filter((b) => b.name !== "loss")) {
    const series = {
      values: all.slice(block.offset, block.offset + block.count * header.steps),
      count: block.count,
      length: header.steps,
    };
    compare(
      `real: the digits MLP's ${block.count.toLocaleString("en")} ${block.name} series × ${header.steps} steps (outliers: the 1 % most isolated)`,
      series,
      undefined,
      0.05,
    );
  }
  sections.push({
    heading: "Sampling quality at 5 %: blue noise beside random sampling",
    note: "Distances are eq. 4-1 in data units. Overdraw: share of drawn pixels (256 × 128) crossed by more than 3 sampled lines. Density fidelity: 1 − total variation between the sample's and all series' rasters — random sampling is expected to win there.",
    rows: qualityRows,
  });

  writeReport("blue-noise", "@clearbox/blue-noise", sections);
}
