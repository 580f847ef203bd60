// A layer pair of 256 × 256 units with one cluster per unit: views are derived without a stack overflow (no spread
// of data-sized arrays), the strongest pairs are biclustered and the rest reported as left out.
import { describe, expect, it } from "vitest";
import { randomLayerPair } from "@clearbox/fixtures/random-layer-pair";
import { deriveViews, moveNeuron } from "../src/index.js";
import type { Analysis } from "../src/index.js";

describe("deriveViews on a 256 × 256 pair with one cluster per unit", () => {
  const n = 256;
  const analysis: Analysis = randomLayerPair(n, { seed: 11 });
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
