import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { greedyModularity, modularity } from "../src/index.js";
import type { WeightedGraph } from "../src/index.js";
import { loadGraph, reference } from "./digits.js";

/** Modularity straight from the definition on a dense adjacency matrix: an independent reference. */
function denseModularity(graph: WeightedGraph, labels: ArrayLike<number>, resolution = 1): number {
  const n = graph.nodes;
  const a = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (const [u, v, w = 1] of graph.edges) {
    a[u][v] += w;
    if (u !== v) a[v][u] += w;
    else a[u][u] += w; // a loop counts twice in its node's degree
  }
  const k = a.map((row) => row.reduce((s, x) => s + x, 0));
  const twoM = k.reduce((s, x) => s + x, 0);
  if (twoM === 0) return 0;
  let q = 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) if (labels[i] === labels[j]) q += a[i][j] - (resolution * k[i] * k[j]) / twoM;
  return q / twoM;
}

const smallGraph = fc.integer({ min: 1, max: 9 }).chain((n) =>
  fc.record({
    nodes: fc.constant(n),
    edges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.integer({ min: 1, max: 4 })), { maxLength: 20 }),
  }),
);

describe("modularity", () => {
  it("equals the textbook definition, self-loops and repeated edges included", () => {
    fc.assert(
      fc.property(smallGraph, fc.array(fc.nat(3), { minLength: 9, maxLength: 9 }), (graph, raw) => {
        const labels = raw.slice(0, graph.nodes);
        for (const resolution of [1, 0.5, 2]) {
          expect(modularity(graph, labels, { resolution })).toBeCloseTo(denseModularity(graph, labels, resolution), 10);
        }
      }),
    );
  });

  it("gives 1/2 for two disjoint triangles split apart", () => {
    const graph = {
      nodes: 6,
      edges: [
        [0, 1],
        [1, 2],
        [0, 2],
        [3, 4],
        [4, 5],
        [3, 5],
      ] as Array<[number, number]>,
    };
    expect(modularity(graph, [0, 0, 0, 1, 1, 1])).toBeCloseTo(0.5, 12);
    expect(modularity({ nodes: 3, edges: [] }, [0, 1, 2])).toBe(0);
  });
});

describe("greedyModularity", () => {
  for (const name of ["karate", "les-miserables", "florentine-families"]) {
    it(`reaches at least networkx's modularity − 0.001 on ${name}`, () => {
      const graph = loadGraph(name);
      const result = greedyModularity(graph);
      expect(result.modularity).toBeGreaterThanOrEqual(reference.greedy_modularity[name].networkx - 0.001);
      expect(result.modularity).toBeCloseTo(denseModularity(graph, result.labels), 10);
    });
  }

  it("stops only at a local optimum: no two linked communities gain by merging", () => {
    fc.assert(
      fc.property(smallGraph, (graph) => {
        const result = greedyModularity(graph);
        expect(result.modularity).toBeCloseTo(denseModularity(graph, result.labels), 10);
        const c = result.communities.length;
        for (let a = 0; a < c; a++) {
          for (let b = a + 1; b < c; b++) {
            const linked = graph.edges.some(
              ([u, v]) =>
                (result.labels[u] === a && result.labels[v] === b) ||
                (result.labels[u] === b && result.labels[v] === a),
            );
            if (!linked) continue;
            const merged = Array.from(result.labels, (l) => (l === b ? a : l));
            expect(denseModularity(graph, merged)).toBeLessThanOrEqual(result.modularity + 1e-12);
          }
        }
      }),
    );
  });

  it("returns a partition: labels index communities, members sorted, largest community first", () => {
    const graph = loadGraph("les-miserables");
    const { labels, communities } = greedyModularity(graph);
    expect(communities.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: graph.nodes }, (_, i) => i));
    communities.forEach((members, c) => {
      expect(members).toEqual([...members].sort((a, b) => a - b));
      for (const v of members) expect(labels[v]).toBe(c);
      if (c > 0) expect(members.length).toBeLessThanOrEqual(communities[c - 1].length);
    });
  });

  it("treats repeated edges as one summed edge and never joins separate components", () => {
    const repeated = greedyModularity({
      nodes: 4,
      edges: [
        [0, 1],
        [0, 1],
        [1, 2],
        [2, 3, 2],
      ],
    });
    const summed = greedyModularity({
      nodes: 4,
      edges: [
        [0, 1, 2],
        [1, 2],
        [2, 3, 2],
      ],
    });
    expect(Array.from(repeated.labels)).toEqual(Array.from(summed.labels));
    expect(repeated.modularity).toBeCloseTo(summed.modularity, 12);
    const apart = greedyModularity({
      nodes: 5,
      edges: [
        [0, 1],
        [2, 3],
        [3, 3],
      ],
    });
    expect(apart.communities).toEqual([[0, 1], [2, 3], [4]]);
  });

  it("is deterministic and leaves the input graph unchanged", () => {
    const graph = loadGraph("karate");
    const copy = structuredClone(graph);
    expect(Array.from(greedyModularity(graph).labels)).toEqual(Array.from(greedyModularity(graph).labels));
    expect(graph).toEqual(copy);
  });

  it("rejects malformed graphs with the edge named", () => {
    expect(() => greedyModularity({ nodes: 2, edges: [[0, 1, -1]] })).toThrow(
      expect.objectContaining({ code: "E_RANGE", argument: "graph.edges[0]" }),
    );
    expect(() => greedyModularity({ nodes: 2, edges: [[0, 2]] })).toThrow(
      "graph.edges[0] has node v = 2, but node ids must be integers in [0, 2).",
    );
    expect(() => greedyModularity({ nodes: 2, edges: [[0, 1, Number.NaN]] })).toThrow(
      expect.objectContaining({ code: "E_NAN" }),
    );
    expect(() => greedyModularity({ nodes: -1, edges: [] })).toThrow(expect.objectContaining({ code: "E_RANGE" }));
    expect(() => greedyModularity({ nodes: 2, edges: [[0]] as never })).toThrow(
      expect.objectContaining({ code: "E_SHAPE" }),
    );
    expect(() => modularity({ nodes: 2, edges: [] }, [0])).toThrow(expect.objectContaining({ code: "E_SHAPE" }));
  });
});
