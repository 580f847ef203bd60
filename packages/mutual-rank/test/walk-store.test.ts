import { describe, expect, it } from "vitest";
import { createRandom } from "@clearbox/core";
import { WalkStore } from "../src/walk-store.js";

const walkOf = (store: WalkStore, k: number) =>
  Array.from(store.steps.subarray(store.start[k], store.start[k] + store.length[k]));

describe("WalkStore", () => {
  it("reroutes walks from a step, keeps their prefix, finds them through the nodes they reach, and compacts", () => {
    const random = createRandom(4);
    const size = 12;
    const walks = 40;
    const store = new WalkStore(walks, size, 8);
    const goOn = () => random.next() < 0.8;
    const next = () => random.int(size);
    for (let k = 0; k < walks; k++) store.walk(k, k % size, goOn, next);
    store.buildIndex();
    const mark = new Uint8Array(walks);
    const list = new Int32Array(walks);
    let compactions = 0;
    for (let round = 0; round < 200; round++) {
      const k = random.int(walks);
      const before = walkOf(store, k);
      if (before.length < 2) continue;
      const s = store.start[k] + random.int(before.length - 1);
      const kept = s - store.start[k] + 1;
      store.reroute(k, s, goOn, () => size - 1);
      const after = walkOf(store, k);
      expect(after.slice(0, kept)).toEqual(before.slice(0, kept));
      expect(after[kept]).toBe(size - 1);
      // Every walk that visits a node is found through it (a superset: a rerouted walk may have left it).
      const count = store.markThrough([size - 1], mark, list);
      expect(Array.from(list.subarray(0, count))).toContain(k);
      mark.fill(0);
      const copies = Array.from({ length: walks }, (_, w) => walkOf(store, w));
      const usedBefore = store.used;
      store.compactIfSparse();
      if (store.used < usedBefore) compactions++;
      expect(Array.from({ length: walks }, (_, w) => walkOf(store, w))).toEqual(copies);
      expect(store.live).toBe(copies.reduce((n, w) => n + w.length, 0));
      expect(store.used).toBeLessThanOrEqual(2 * store.live);
    }
    expect(compactions).toBeGreaterThan(0);
    const into = new Float64Array(size);
    store.spread(0, 2, into);
    expect(into.reduce((a, b) => a + b, 0)).toBe(2 * store.length[0]);
    expect(store.firstStepFrom(0, new Uint8Array(size))).toBe(-1);
  });
});
