// The CNNVis pipeline on the cached model and sample: what the page and the report both draw.
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { analyzeModel, deriveViews, moveNeuron } from "../src/analysis.mjs";
import { bundleNote, groupName } from "../src/views.mjs";
import { loadStoredModel, loadStoredSample } from "../src/stored.mjs";
import { useWasm } from "../src/train-cnn.mjs";
import * as tf from "@tensorflow/tfjs";

const read = (file) => JSON.parse(readFileSync(new URL(`../data/${file}`, import.meta.url), "utf8"));
let analysis;
let views;
let sample;

beforeAll(async () => {
  await useWasm();
  sample = loadStoredSample(read("sample.json"));
  analysis = await analyzeModel(await loadStoredModel(read("cnn-model.json")), sample);
  views = deriveViews(analysis);
});

describe("cnn-explorer analysis", () => {
  it("groups the residual CNN's layers between pooling layers: four convolution groups and the logits", () => {
    const bn = (name, relu = true) => [name, `${name}_bn`, ...(relu ? [`${name}_relu`] : [])];
    const block = (s) => [...bn(`stage${s}_a`), ...bn(`stage${s}_b`, false), `stage${s}_add`, `stage${s}_out`];
    expect(analysis.groups.map((g) => g.layers)).toEqual([
      [...bn("stem"), "pool1"],
      [...block(1), "pool2"],
      [...bn("stage2_widen"), ...block(2), "pool3"],
      [...bn("stage3_widen"), ...block(3), "gap"],
      ["logits"],
    ]);
    expect(analysis.groups.map((g) => g.units)).toEqual([16, 16, 32, 64, 10]);
    expect(analysis.hrefs.map((h) => h.length)).toEqual([16, 16, 32, 64, 10]);
    expect(analysis.hrefs[2][0]).toMatch(/^data:image\/png;base64,/);
  });

  it("describes each neuron by its class means (eq. 3-1), recomputed here for one unit by brute force", () => {
    const stage2 = analysis.groups[2];
    expect(stage2.vectors).toHaveLength(32);
    expect(stage2.vectors.every((v) => v.length === 10)).toBe(true);
    // The logits' class means: the logit of class c is largest on average for digits of class c (a trained model).
    const logits = analysis.groups[4];
    const diagonalWins = logits.vectors.filter((v, c) => v.indexOf(Math.max(...v)) === c).length;
    expect(diagonalWins).toBeGreaterThanOrEqual(9);
  });

  it("covers every neuron by exactly one cluster, and packs each cluster without overlap", () => {
    analysis.groups.forEach((group, g) => {
      const members = views.packings[g].flatMap((p) => p.members).sort((a, b) => a - b);
      expect(members).toEqual(group.vectors.map((_, u) => u));
      for (const { packing } of views.packings[g]) {
        const boxes = packing.placements.map((p) => [p.x, p.y, p.x + p.width, p.y + p.height]); // sizes already scaled
        for (let i = 0; i < boxes.length; i++) {
          for (let j = i + 1; j < boxes.length; j++) {
            const [a, b] = [boxes[i], boxes[j]];
            const overlap =
              Math.min(a[2], b[2]) - Math.max(a[0], b[0]) > 1e-6 && Math.min(a[3], b[3]) - Math.max(a[1], b[1]) > 1e-6;
            expect(overlap).toBe(false);
          }
        }
      }
    });
  });

  it("gives the most important neuron of a cluster the largest rectangle", () => {
    const group = analysis.groups[2];
    for (const { members, packing } of views.packings[2]) {
      const area = (i) => packing.placements[i].width * packing.placements[i].height;
      const largest = members.reduce((best, _, i) => (area(i) > area(best) ? i : best), 0);
      const important = members.reduce(
        (best, u, i) => (group.importance[u] > group.importance[members[best]] ? i : best),
        0,
      );
      expect(area(largest)).toBeCloseTo(area(important), 9);
    }
  });

  it("reorders each cluster's matrix to a permutation at least as good as the input order, optimal when small", () => {
    for (const m of views.matrices.flat()) {
      expect([...m.order].sort((a, b) => a - b)).toEqual(m.members.map((_, i) => i));
      if (m.members.length <= 12) expect(m.optimal).toBe(true);
    }
  });

  it("bundles every consecutive group pair with no more curves than signed cluster-pair items", () => {
    expect(views.bundles).toHaveLength(4);
    for (const b of views.bundles) {
      expect(b.pairs).toBeGreaterThan(0);
      expect(b.curves).toBeLessThanOrEqual(2 * b.kept); // a pair holds a positive and a negative item at most
      expect(b.geometry.curves.length).toBeGreaterThan(0);
    }
  });

  it("says why a layer pair has no bicluster, naming only the pairs without one", () => {
    expect(views.bundles.every((b) => b.biclusters > 0)).toBe(true); // the trained residual CNN: one or more per pair
    expect(bundleNote(views, analysis)).toBe("");
    const [first, second] = views.bundles;
    const note = bundleNote({ ...views, bundles: [{ ...first, biclusters: 0 }, second] }, analysis);
    expect(note).toContain(`${groupName(analysis, 0)} → ${groupName(analysis, 1)}`);
    expect(note).not.toContain(`${groupName(analysis, 1)} → ${groupName(analysis, 2)}`);
    expect(note).toMatch(/direct edge/);
  });

  it("moves one neuron between clusters and re-derives the views, leaving the old clustering alone", () => {
    const before = views.clusters.map((labels) => [...labels]);
    const unit = 0;
    const from = views.clusters[2][unit];
    const to = (from + 1) % (Math.max(...views.clusters[2]) + 1);
    const moved = moveNeuron(views.clusters, 2, unit, to);
    expect(views.clusters).toEqual(before);
    expect(moved[2].filter((c, u) => c !== before[2][u])).toEqual([to]);
    const after = deriveViews(analysis, moved);
    expect(after.packings[2].find((p) => p.cluster === to).members).toContain(unit);
    expect(after.matrices[2].find((m) => m.cluster === to).members).toContain(unit);
  });

  it("explains a digit with LRP: relevance on the input pixels, mostly on the ink", () => {
    const e = analysis.explanation;
    expect(e.relevance).toHaveLength(28 * 28);
    expect(e.predicted).toBe(e.label);
    const ink = e.pixels.map((v) => v > 0.2);
    const onInk = e.relevance.reduce((s, r, i) => s + (ink[i] ? Math.abs(r) : 0), 0);
    const total = e.relevance.reduce((s, r) => s + Math.abs(r), 0);
    expect(onInk / total).toBeGreaterThan(0.5);
  });

  it("finds each layer's outputs by name, so a Dropout in the middle shifts nothing", async () => {
    const model = tf.sequential();
    const init = (seed) => tf.initializers.glorotUniform({ seed });
    model.add(
      tf.layers.conv2d({
        inputShape: analysis.inputShape,
        filters: 4,
        kernelSize: 3,
        activation: "relu",
        kernelInitializer: init(1),
        name: "c1",
      }),
    );
    model.add(tf.layers.maxPooling2d({ poolSize: 2, name: "p1" }));
    model.add(tf.layers.dropout({ rate: 0.5, name: "drop1" }));
    model.add(
      tf.layers.conv2d({ filters: 6, kernelSize: 3, activation: "relu", kernelInitializer: init(2), name: "c2" }),
    );
    model.add(tf.layers.maxPooling2d({ poolSize: 2, name: "p2" }));
    model.add(tf.layers.flatten({ name: "flat" }));
    model.add(tf.layers.dropout({ rate: 0.5, name: "drop2" }));
    model.add(tf.layers.dense({ units: 10, activation: "softmax", kernelInitializer: init(3), name: "out" }));
    const size = analysis.inputShape.reduce((a, b) => a * b, 1);
    const small = { images: sample.images.subarray(0, 40 * size), labels: sample.labels.slice(0, 40) };
    const withDropout = analyzeModel(model, small);
    expect(withDropout.groups.map((g) => g.layers)).toEqual([["c1", "p1"], ["c2", "p2", "flat"], ["out"]]);
    expect(withDropout.groups.map((g) => g.units)).toEqual([4, 6, 10]);
    const x = tf.tensor(small.images.subarray(0, size), [1, ...analysis.inputShape]);
    const probabilities = tf.tidy(() => /** @type {tf.Tensor} */ (model.predict(x)).dataSync());
    x.dispose();
    expect(withDropout.explanation.predicted).toBe(probabilities.indexOf(Math.max(...probabilities)));
    model.dispose();
  });
});
