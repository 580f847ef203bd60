import { describe, expect, it } from "vitest";
import { createRandom } from "@clearbox/core";
import { edgeRows } from "../src/edge-list.js";

/** The definition: per row, every target once (ascending), its weights summed in the order the edges came. */
function reference(edges: Array<[number, number, number]>, size: number, symmetric: boolean) {
  const rows = Array.from({ length: size }, () => new Map<number, number>());
  const add = (a: number, b: number, w: number) => rows[a].set(b, (rows[a].get(b) ?? 0) + w);
  for (const [a, b, w] of edges) {
    if (w === 0) continue;
    add(a, b, w);
    if (symmetric && a !== b) add(b, a, w);
  }
  const offsets = [0];
  const targets: number[] = [];
  const similarity: number[] = [];
  for (const row of rows) {
    for (const b of [...row.keys()].sort((x, y) => x - y)) {
      targets.push(b);
      similarity.push(row.get(b) as number);
    }
    offsets.push(targets.length);
  }
  return { offsets, targets, similarity };
}

describe("edgeRows", () => {
  it("equals the per-row definition on random edges with many repeats, both ways and directed (bitwise sums)", () => {
    for (let seed = 1; seed <= 30; seed++) {
      const random = createRandom(seed);
      const size = 1 + random.int(40);
      const edges = Array.from({ length: random.int(400) }, (): [number, number, number] => [
        random.int(size),
        random.int(size),
        random.int(4) === 0 ? 0 : random.next() * 3,
      ]);
      for (const symmetric of [true, false]) {
        const rows = edgeRows(edges, size, symmetric);
        const expected = reference(edges, size, symmetric);
        expect(Array.from(rows.offsets)).toEqual(expected.offsets);
        expect(Array.from(rows.targets)).toEqual(expected.targets);
        expect(Array.from(rows.similarity)).toEqual(expected.similarity);
      }
    }
  });

  it("leaves the caller's edges as they were", () => {
    const edges = { from: Int32Array.of(2, 0, 2), to: Int32Array.of(0, 1, 0), weight: Float64Array.of(1, 0.5, 2) };
    const copy = { from: edges.from.slice(), to: edges.to.slice(), weight: edges.weight.slice() };
    edgeRows(edges, 3, true);
    expect(edges).toEqual(copy);
  });
});
