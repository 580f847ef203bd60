// A layer pair of 256 × 256 units with one cluster per unit: views are derived without a stack overflow (no spread
// of data-sized arrays), the strongest pairs are biclustered and the rest reported as left out.
import { describe, expect, it } from "vitest";
import { createRandom } from "@clearbox/core";
import { deriveViews, moveNeuron } from "../src/index.js";
import type { Analysis, NeuronGroup } from "../src/index.js";

function group(units: number, classes: number, seed: number): NeuronGroup {
  const random = createRandom(seed);
  return {
    name: `g${seed}`,
    layers: [`g${seed}`],
    readout: `g${seed}`,
    kind: "channels",
    units,
    positions: 1,
    meanActivation: 0.5,
    vectors: Array.from({ length: units }, () => Array.from({ length: classes }, () => random.next())),
    importance: Float64Array.from({ length: units }, () => random.next()),
    topClass: new Int32Array(units),
    top: {
      k: 1,
      side: 1,
      channels: 1,
      counts: new Int32Array(units),
      samples: new Int32Array(units),
      values: new Float32Array(units),
      patches: new Float32Array(units),
      field: null,
    },
  };
}

describe("deriveViews on a 256 × 256 pair with one cluster per unit", () => {
  const n = 256;
  const random = createRandom(11);
  const analysis: Analysis = {
    inputShape: [8, 8, 1],
    classes: Array.from({ length: 10 }, (_, c) => String(c)),
    classCounts: new Array(10).fill(1),
    count: 10,
    grouping: "boundaries",
    layerNames: ["g1", "g2"],
    groups: [group(n, 10, 1), group(n, 10, 2)],
    connections: [
      {
        from: 0,
        to: 1,
        rows: n,
        columns: n,
        weights: Float64Array.from({ length: n * n }, () => random.normal()),
        layersCrossed: 1,
      },
    ],
    clusters: [],
  };
  const identity = Array.from({ length: n }, (_, u) => u);

  it("derives every packing and the bundles, the left-out pairs reported", () => {
    const views = deriveViews(analysis, [identity, identity]);
    expect(views.packings[0]).toHaveLength(n);
    expect(views.bundles[0].pairs).toBe(n * n);
    expect(views.bundles[0].kept).toBe(2000);
    expect(views.bundles[0].truncated).toBe(true);
    expect(views.bundles[0].geometry.curves.length).toBeGreaterThan(0);
    const moved = moveNeuron(views.clusters, 1, 3, 4);
    const again = deriveViews(analysis, moved, { previous: views });
    expect(again.packings[0]).toBe(views.packings[0]);
    expect(again.packings[1]).not.toBe(views.packings[1]);
  });
});
