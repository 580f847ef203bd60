import { describe, expect, it } from "vitest";
import { createRandom } from "@clearbox/core";
import { similarPosts } from "../src/tweets/text-similarity.js";

/** TF-IDF cosine written out from its definition over every term: the reference. */
function bruteCosines(docs: string[][]): number[][] {
  const n = docs.length;
  const df = new Map<string, number>();
  for (const d of docs) for (const t of new Set(d)) df.set(t, (df.get(t) ?? 0) + 1);
  const vectors = docs.map((d) => {
    const v = new Map<string, number>();
    for (const t of d) v.set(t, (v.get(t) ?? 0) + Math.log(n / (df.get(t) as number)));
    const norm = Math.sqrt([...v.values()].reduce((s, w) => s + w * w, 0));
    return new Map([...v].map(([t, w]) => [t, norm > 0 ? w / norm : 0]));
  });
  return vectors.map((a) => vectors.map((b) => [...a].reduce((s, [t, w]) => s + w * (b.get(t) ?? 0), 0)));
}

function randomDocs(seed: number, n: number, vocabulary: number): string[][] {
  const random = createRandom(seed);
  return Array.from({ length: n }, () =>
    Array.from({ length: 2 + random.int(6) }, () => `w${Math.floor(vocabulary * random.next() ** 2)}`),
  );
}

describe("post–post similarity", () => {
  it("with every term indexed, finds each document's exact top k by TF-IDF cosine (brute force, 40 seeds)", () => {
    for (let seed = 1; seed <= 40; seed++) {
      const docs = randomDocs(seed, 30, 25);
      const cos = bruteCosines(docs);
      const edges = similarPosts(docs, 3, Infinity);
      for (let e = 0; e < edges.from.length; e++) {
        const [i, j] = [edges.from[e], edges.to[e]];
        expect(edges.weight[e]).toBeCloseTo(Math.min(1, cos[i][j]), 12);
        // Tie-aware: no other document is more similar than the k-th found by more than rounding.
        const found = edges.weight.filter((_, f) => edges.from[f] === i);
        const kth = Math.min(...found);
        const better = cos[i].filter((c, other) => other !== i && c > kth + 1e-12).length;
        expect(better).toBeLessThan(found.length);
      }
    }
  });

  it("with common terms left out of the index, still weighs the pairs it finds by their full cosine", () => {
    const docs = randomDocs(7, 60, 20);
    const cos = bruteCosines(docs);
    const edges = similarPosts(docs, 5, 3);
    expect(edges.from.length).toBeGreaterThan(0);
    for (let e = 0; e < edges.from.length; e++) {
      expect(edges.weight[e]).toBeCloseTo(Math.min(1, cos[edges.from[e]][edges.to[e]]), 12);
    }
  });
});
