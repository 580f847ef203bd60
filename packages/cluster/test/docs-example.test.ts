import { describe, expect, it } from "vitest";
import { classMeanVectors, divisiveHierarchy, greedyModularity, kmeans, knnGraph } from "../src/index.js";

// The runnable example of docs/packages/cluster.md and the package README, with the outputs they print.
describe("the documented example", () => {
  it("prints what the docs say", () => {
    const activations = [
      [1.0, 0.0, 0.9],
      [0.9, 0.1, 1.0],
      [1.1, 0.0, 0.8],
      [0.0, 1.0, 0.1],
      [0.1, 0.9, 0.0],
      [0.0, 1.1, 0.2],
    ];
    const labels = [0, 0, 0, 1, 1, 1];
    const neurons = classMeanVectors(activations, labels, 2);
    expect(neurons.flat().map((x) => +x.toFixed(3))).toEqual([1, 0.033, 0.033, 1, 0.9, 0.1]);
    expect(Array.from(kmeans(neurons, 2, { seed: 1 }).labels)).toEqual([0, 1, 0]);
    expect(divisiveHierarchy(neurons, "cosine", { maxLeafSize: 2 }).leaves).toEqual([[1], [0, 2]]);
    const triangles = {
      nodes: 6,
      edges: [
        [0, 1],
        [1, 2],
        [0, 2],
        [3, 4],
        [4, 5],
        [3, 5],
        [2, 3],
      ] as Array<[number, number]>,
    };
    const result = greedyModularity(triangles);
    expect(result.communities).toEqual([
      [0, 1, 2],
      [3, 4, 5],
    ]);
    expect(+result.modularity.toFixed(4)).toBe(0.3571);
    expect(knnGraph(neurons, 1).edges.map(([u, v]) => [u, v])).toEqual([
      [0, 2],
      [1, 2],
    ]);
  });
});
