import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classMeanVectors, divisiveHierarchy, knnGraph, representatives } from "../src/index.js";
import type { HierarchyNode } from "../src/index.js";
import { loadDigits } from "./digits.js";

function checkTree(node: HierarchyNode, maxLeafSize: number): void {
  if (node.children.length === 0) {
    expect(node.members.length).toBeLessThanOrEqual(maxLeafSize);
    expect(node.split).toBeNull();
    return;
  }
  expect(node.children.length).toBeGreaterThanOrEqual(2);
  const union = node.children.flatMap((c) => c.members).sort((a, b) => a - b);
  expect(union).toEqual(node.members);
  for (const child of node.children) {
    expect(child.depth).toBe(node.depth + 1);
    checkTree(child, maxLeafSize);
  }
}

describe("divisiveHierarchy", () => {
  it("caps every leaf and partitions the items at every level (property)", () => {
    const vectors = fc.array(fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 3, maxLength: 3 }), {
      minLength: 1,
      maxLength: 60,
    });
    fc.assert(
      fc.property(vectors, fc.integer({ min: 1, max: 8 }), (items, maxLeafSize) => {
        const { root, leaves } = divisiveHierarchy(items, "cosine", { maxLeafSize });
        checkTree(root, maxLeafSize);
        expect(leaves.flat().sort((a, b) => a - b)).toEqual(items.map((_, i) => i));
      }),
      { numRuns: 60 },
    );
  });

  it("falls back to balanced splits when similarity is uniform (one giant community)", () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const { root, leaves } = divisiveHierarchy(items, () => 1, { maxLeafSize: 5 });
    expect(root.split).toBe("balanced");
    checkTree(root, 5);
    expect(Math.max(...leaves.map((l) => l.length))).toBeLessThanOrEqual(5);
  });

  it("keeps similar digits' pixel vectors together", () => {
    const { pixels, labels } = loadDigits();
    // Items: 300 digit images of classes 0 and 1; the hierarchy's first split should separate them.
    const chosen = pixels
      .map((p, i) => [p, labels[i]] as const)
      .filter(([, l]) => l === 0 || l === 1)
      .slice(0, 300);
    const { root } = divisiveHierarchy(
      chosen.map(([p]) => p),
      "cosine",
      { maxLeafSize: 12 },
    );
    const purity = root.children.map((child) => {
      const ones = child.members.filter((i) => chosen[i][1] === 1).length;
      return Math.max(ones, child.members.length - ones) / child.members.length;
    });
    const weighted = root.children.reduce((s, c, i) => s + purity[i] * c.members.length, 0) / chosen.length;
    expect(weighted).toBeGreaterThan(0.95);
  });

  it("splits by Leiden by default and by CNM on request; Leiden's leaves are at least as pure on the digits", () => {
    const { pixels, labels } = loadDigits();
    const items = pixels.slice(0, 600);
    const purity = (leaves: number[][]): number =>
      leaves.reduce((s, leaf) => {
        const counts = new Map<number, number>();
        for (const i of leaf) counts.set(labels[i], (counts.get(labels[i]) ?? 0) + 1);
        return s + Math.max(...counts.values());
      }, 0) / items.length;
    const byLeiden = divisiveHierarchy(items, "cosine", { maxLeafSize: 12 });
    const byCnm = divisiveHierarchy(items, "cosine", { maxLeafSize: 12, communities: "greedy-modularity" });
    checkTree(byLeiden.root, 12);
    checkTree(byCnm.root, 12);
    expect(purity(byLeiden.leaves)).toBeGreaterThanOrEqual(purity(byCnm.leaves) - 0.005);
    expect(() => divisiveHierarchy(items, "cosine", { communities: "louvain" as never })).toThrow(
      expect.objectContaining({ code: "E_OPTION", argument: "options.communities" }),
    );
  });

  it("reports progress and notices an abort during a part's k-NN pass, not only when leaves are placed", () => {
    const { pixels } = loadDigits();
    const items = pixels.slice(0, 600);
    let calls = 0;
    const cosine = (a: number[], b: number[]): number => {
      calls++;
      let ab = 0;
      let aa = 0;
      let bb = 0;
      for (let t = 0; t < a.length; t++) {
        ab += a[t] * b[t];
        aa += a[t] * a[t];
        bb += b[t] * b[t];
      }
      return ab / Math.sqrt(aa * bb || 1);
    };
    const controller = new AbortController();
    const run = () =>
      divisiveHierarchy(items, cosine, { signal: controller.signal, onProgress: () => controller.abort() });
    expect(run).toThrow(expect.objectContaining({ code: "E_ABORTED" }));
    expect(calls).toBeLessThan((600 * 599) / 4); // stopped inside the root's k-NN pass (600 × 599 similarities)
  });

  it("rejects bad input", () => {
    expect(() => divisiveHierarchy([[1, 2], [3]], "cosine")).toThrow(expect.objectContaining({ code: "E_SHAPE" }));
    expect(() => divisiveHierarchy([1, 2], () => 1, { maxLeafSize: 0 })).toThrow(
      expect.objectContaining({ argument: "options.maxLeafSize" }),
    );
    expect(() =>
      divisiveHierarchy(
        Array.from({ length: 20 }, (_, i) => i),
        () => Number.NaN,
        { maxLeafSize: 2 },
      ),
    ).toThrow(expect.objectContaining({ code: "E_NAN", argument: "similarity" }));
  });
});

describe("knnGraph", () => {
  it("links each vector to its k most similar others, symmetrised, with positive weights", () => {
    const { pixels } = loadDigits();
    const vectors = pixels.slice(0, 80);
    const k = 4;
    const graph = knnGraph(vectors, k);
    const cos = (a: number[], b: number[]) => {
      const dot = a.reduce((s, v, t) => s + v * b[t], 0);
      return dot / Math.sqrt(a.reduce((s, v) => s + v * v, 0) * b.reduce((s, v) => s + v * v, 0));
    };
    const edges = new Set(graph.edges.map(([u, v]) => `${u}-${v}`));
    for (const [u, v, w] of graph.edges) {
      expect(u).toBeLessThan(v);
      expect(w).toBeGreaterThan(0);
      expect(w).toBeCloseTo(cos(vectors[u], vectors[v]), 10);
    }
    vectors.forEach((a, i) => {
      const ranked = vectors
        .map((b, j) => [j, j === i ? -Infinity : cos(a, b)] as const)
        .sort((x, y) => y[1] - x[1] || x[0] - y[0])
        .slice(0, k);
      for (const [j] of ranked) expect(edges.has(i < j ? `${i}-${j}` : `${j}-${i}`)).toBe(true);
    });
  });

  it("caps k at n − 1 and drops non-positive similarities", () => {
    expect(
      knnGraph(
        [
          [1, 0],
          [0, 1],
          [-1, 0],
        ],
        5,
      ).edges,
    ).toEqual([]);
    expect(
      knnGraph(
        [
          [1, 0],
          [1, 1],
        ],
        5,
      ).edges,
    ).toHaveLength(1);
  });
});

describe("classMeanVectors and representatives", () => {
  it("computes per-class means by brute force (eq. 3-1)", () => {
    const { pixels, labels } = loadDigits();
    const vectors = classMeanVectors(pixels, labels, 10);
    expect(vectors).toHaveLength(64);
    for (const neuron of [0, 20, 43]) {
      for (const c of [0, 7]) {
        const members = pixels.filter((_, s) => labels[s] === c);
        expect(vectors[neuron][c]).toBeCloseTo(members.reduce((s, p) => s + p[neuron], 0) / members.length, 10);
      }
    }
    expect(() => classMeanVectors([[1], [2]], [0, 0], 2)).toThrow("Class 1 has no sample");
    expect(() => classMeanVectors([[1], [2]], [0, 2], 2)).toThrow(expect.objectContaining({ argument: "labels[1]" }));
  });

  it("picks the members nearest each centroid, nearest first", () => {
    const data = [[0], [1], [3], [10], [11], [15]];
    expect(representatives(data, [0, 0, 0, 1, 1, 1], [[1.2], [12]], 2)).toEqual([
      [1, 0],
      [4, 3],
    ]);
    expect(representatives(data, [0, 0, 0, 0, 0, 0], [[0], [5]], 10)).toEqual([[0, 1, 2, 3, 4, 5], []]);
    expect(() => representatives(data, [0, 0, 0, 0, 0, 0], [[0, 1]], 1)).toThrow(
      expect.objectContaining({ code: "E_SHAPE" }),
    );
  });
});
