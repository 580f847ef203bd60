// DGMTracker's analysis on the cached run (data/): what the page and the report both show.
import { fileURLToPath } from "node:url";
import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { openRun } from "@clearbox/dgmtracker";
import { directoryStorage } from "@clearbox/dgmtracker/node";
import { analyzeRun, anomalousSeries, credit, dataflow, loadRun } from "../src/analysis.mjs";

let run;
let analysis;

beforeAll(async () => {
  await tf.setBackend("cpu");
  run = loadRun(openRun(directoryStorage(fileURLToPath(new URL("../data/vae-run/", import.meta.url)))));
  analysis = analyzeRun(run);
});

describe("training-tracker analysis", () => {
  it("knows which series the planted anomaly touched: the 16 inputs of each of its two units", () => {
    const touched = anomalousSeries(run);
    expect(touched).toHaveLength(2 * 16);
    expect(new Set(touched.map((i) => i % 128))).toEqual(new Set(run.settings.anomaly.units));
  });

  it("finds the anomaly with blue noise and mostly misses it at random, at the same count", () => {
    expect(analysis.blue.indices).toHaveLength(100);
    expect(analysis.random).toHaveLength(100);
    expect(new Set(analysis.random).size).toBe(100);
    // Measured on this run: 56 % against 9 %.
    expect(analysis.quality.blue.outlierRecall).toBeGreaterThan(0.4);
    expect(analysis.quality.random.outlierRecall).toBeLessThan(0.2);
    // The online sample, kept during training, took in the series that became isolated at step 150 (53 %).
    expect(analysis.quality.online.outlierRecall).toBeGreaterThan(0.4);
    // Blue noise's guarantee: its lines are spread, random ones crowd.
    expect(analysis.quality.blue.minSpacing).toBeGreaterThan(5 * analysis.quality.random.minSpacing);
  });

  it("shows the anomaly in the DAG: the layer's weight band widens inside the window, not before", () => {
    const { nodes, steps } = dataflow(run, "weights");
    expect(steps).toHaveLength(run.steps);
    expect(nodes[0].series).toBeUndefined(); // the input: no statistics
    expect(nodes.map((n) => n.id)).toEqual(["input", "enc1", "mu", "logvar", "dec1", "dec2"]);
    const { from, to } = run.settings.anomaly;
    const width = (t) => nodes[4].series.max[t] - nodes[4].series.min[t];
    expect(width(to)).toBeGreaterThan(1.8 * width(from - 1));
    expect(width(from - 1)).toBeLessThan(1.2 * width(from - 50));
  });

  it("assigns credit: forward shares of each pixel, per-cluster aggregates that cover every neuron", () => {
    const unit = run.settings.anomaly.units[0];
    const result = credit(run, analysis, unit, 0);
    expect(result.forward).toHaveLength(784);
    expect(result.backward).toHaveLength(16);
    expect(result.reconstruction.every((p) => p >= 0 && p <= 1)).toBe(true);
    expect([result.aggregated.rows, result.aggregated.columns]).toEqual([8, 16]);
    // Forward influence columns sum to 1 over the neurons; aggregated over clusters (covering every neuron) and
    // averaged over each block's pixels, they still do.
    for (let b = 0; b < 16; b++) {
      let sum = 0;
      for (let c = 0; c < 8; c++) sum += result.aggregated.values[c * 16 + b];
      expect(sum).toBeCloseTo(1, 9);
    }
  });
});
