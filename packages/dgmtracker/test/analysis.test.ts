import { describe, expect, it } from "vitest";
import { createTracker, dataflow, randomSample, sampleRun } from "../src/index.js";

/** 600 weight series that drift together, 12 of which jump away for a while (a planted fault). */
function faultyRun() {
  const tracker = createTracker({ full: ["layer"] });
  const n = 600;
  const weights = new Float32Array(n);
  let state = 3;
  const next = () => (state = (state * 16807) % 2147483647) / 2147483647 - 0.5;
  for (let i = 0; i < n; i++) weights[i] = next();
  const faulty = Array.from({ length: 12 }, (_, k) => k * 50 + 7);
  for (let step = 0; step < 60; step++) {
    for (let i = 0; i < n; i++) weights[i] += 0.01 * next();
    if (step >= 30 && step < 36) for (const i of faulty) weights[i] += 0.3 * (i % 2 ? 1 : -1);
    tracker.record(step, {
      scalars: { loss: 1 / (step + 1) },
      layers: { layer: { weights }, other: { weights: [step, -step] } },
    });
  }
  return { run: tracker.close(), faulty };
}

describe("the analyses of a run", () => {
  it("draws random samples uniformly: every index about equally often over many seeds", () => {
    const counts = new Array(50).fill(0);
    for (let seed = 1; seed <= 2000; seed++) {
      const sample = randomSample(50, 5, seed);
      expect(new Set(sample).size).toBe(5);
      for (const i of sample) counts[i]++;
    }
    for (const c of counts) expect(Math.abs(c - 200)).toBeLessThan(60);
  });

  it("finds a planted fault by blue noise and mostly misses it at random, at the same count", () => {
    const { run, faulty } = faultyRun();
    const { blue, random, quality, window } = sampleRun(run, "layer", "weights", {
      count: 30,
      outliers: faulty,
      seed: 2,
    });
    expect(window.count).toBe(600);
    expect(blue.indices).toHaveLength(30);
    expect(random).toHaveLength(30);
    expect(quality.blue.outlierRecall).toBeGreaterThanOrEqual(0.5);
    expect(quality.random.outlierRecall).toBeLessThanOrEqual(0.25);
    // A window of steps × series: indices come back as the run's series indices.
    const part = sampleRun(run, "layer", "weights", { count: 5, series: { start: 100, end: 200 }, from: 20, to: 40 });
    expect(part.window.length).toBe(20);
    for (const i of part.blue.indices) expect(i >= 100 && i < 200).toBe(true);
    expect(() => sampleRun(run, "layer", "weights", { series: [1, 2], outliers: [3] })).toThrow(
      expect.objectContaining({ code: "E_RANGE" }),
    );
  });

  it("gives the dataflow DAG each recorded layer's statistic per step, nodes without records as they are", () => {
    const { run } = faultyRun();
    const { steps, nodes } = dataflow(run, [
      { id: "input" },
      { id: "layer", parents: ["input"] },
      { id: "other", parents: ["layer"] },
    ]);
    expect(steps).toHaveLength(60);
    expect(nodes[0].series).toBeUndefined();
    expect(Array.from(nodes[2].series!.max.subarray(0, 3))).toEqual([0, 1, 2]);
    expect(Array.from(nodes[2].series!.mean.subarray(0, 3))).toEqual([0, 0, 0]);
  });
});
