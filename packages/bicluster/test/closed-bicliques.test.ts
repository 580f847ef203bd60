import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { closedBicliques } from "../src/index.js";
import { bruteForceBicliques } from "./brute-force.js";

const bipartite = (maxSide: number) =>
  fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: maxSide - 1 }), fc.integer({ min: 0, max: maxSide - 1 })), {
    selector: ([r, c]) => `${r},${c}`,
    maxLength: maxSide * maxSide,
  });

describe("closedBicliques", () => {
  it("equals brute force on every random bipartite graph up to 9 × 9", () => {
    fc.assert(
      fc.property(bipartite(9), (edges) => {
        expect(closedBicliques(edges).bicliques).toEqual(bruteForceBicliques(edges));
      }),
      { numRuns: 300 },
    );
  });

  it("returns complete, maximal, distinct bicliques whatever the order of the edges", () => {
    fc.assert(
      fc.property(bipartite(12), fc.integer(), (edges, seed) => {
        const { bicliques, truncated } = closedBicliques(edges);
        expect(truncated).toBe(false);
        const has = new Set(edges.map(([r, c]) => `${r},${c}`));
        const keys = new Set<string>();
        for (const { rows, cols } of bicliques) {
          for (const r of rows) for (const c of cols) expect(has.has(`${r},${c}`)).toBe(true);
          // Maximal: no other row joins all the columns, no other column all the rows.
          const allRows = new Set(edges.map(([r]) => r));
          const allCols = new Set(edges.map(([, c]) => c));
          for (const r of allRows) if (!rows.includes(r)) expect(cols.every((c) => has.has(`${r},${c}`))).toBe(false);
          for (const c of allCols) if (!cols.includes(c)) expect(rows.every((r) => has.has(`${r},${c}`))).toBe(false);
          keys.add(`${rows}|${cols}`);
        }
        expect(keys.size).toBe(bicliques.length);
        const shuffled = [...edges].sort(
          (a, b) => ((a[0] * 31 + a[1] * 17 + seed) % 7) - ((b[0] * 31 + b[1] * 17 + seed) % 7),
        );
        expect(closedBicliques(shuffled).bicliques).toEqual(bicliques);
      }),
      { numRuns: 150 },
    );
  });

  it("finds the two maximal bicliques of a small example, and filters by size", () => {
    const edges: Array<[number, number]> = [
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
      [2, 1],
    ];
    expect(closedBicliques(edges).bicliques).toEqual([
      { rows: [0, 1], cols: [0, 1] },
      { rows: [0, 1, 2], cols: [1] },
    ]);
    expect(closedBicliques(edges, { minCols: 2 }).bicliques).toEqual([{ rows: [0, 1], cols: [0, 1] }]);
    expect(closedBicliques(edges, { minRows: 3 }).bicliques).toEqual([{ rows: [0, 1, 2], cols: [1] }]);
    expect(closedBicliques([]).bicliques).toEqual([]);
    expect(closedBicliques([[4, 7]]).bicliques).toEqual([{ rows: [4], cols: [7] }]);
  });

  it("stops at the output budget and says so, without hanging on a graph with 2^k maximal bicliques", () => {
    // A crown graph (complete bipartite minus a perfect matching) on 2 × 20 nodes has 2^20 − 2 maximal bicliques.
    const edges: Array<[number, number]> = [];
    for (let r = 0; r < 20; r++) for (let c = 0; c < 20; c++) if (r !== c) edges.push([r, c]);
    const cut = closedBicliques(edges, { maxResults: 500 });
    expect(cut.truncated).toBe(true);
    expect(cut.bicliques.length).toBe(500);
    const small: Array<[number, number]> = [];
    for (let r = 0; r < 5; r++) for (let c = 0; c < 5; c++) if (r !== c) small.push([r, c]);
    const whole = closedBicliques(small, { maxResults: 30 });
    expect(whole.bicliques.length).toBe(30);
    expect(whole.truncated).toBe(false);
    expect(closedBicliques(small, { maxResults: 29 }).truncated).toBe(true);
  });

  it("rejects malformed edges and options with coded errors", () => {
    expect(() => closedBicliques([[0, -1]])).toThrow(
      expect.objectContaining({ code: "E_RANGE", argument: "edges[0][1]" }),
    );
    expect(() => closedBicliques([[0]] as unknown as Array<[number, number]>)).toThrow(
      expect.objectContaining({ code: "E_TYPE", argument: "edges[0]" }),
    );
    expect(() => closedBicliques([[0, 1]], { maxResult: 3 } as object)).toThrow(
      expect.objectContaining({ code: "E_OPTION", message: expect.stringContaining("Did you mean maxResults?") }),
    );
    const controller = new AbortController();
    controller.abort();
    expect(() => closedBicliques([[0, 1]], { signal: controller.signal })).toThrow(
      expect.objectContaining({ code: "E_ABORTED" }),
    );
  });
});
