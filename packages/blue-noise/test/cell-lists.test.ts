import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CellLists } from "../src/cell-lists.js";

/** A list's slots, first to last. */
function listOf(lists: CellLists, key: number): number[] {
  const out: number[] = [];
  for (let block = lists.first(key); block >= 0; block = lists.arena[block]) {
    for (let k = 0; k < lists.arena[block + 1]; k++) out.push(lists.arena[block + 3 + k]);
  }
  return out;
}

describe("CellLists", () => {
  it("keeps each key's slots in insertion order, as a Map of arrays does, through the table's and nodes' growth", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 30 })), { maxLength: 400 }),
        fc.constantFrom(0x7fffffff, 0xffffffff, 64),
        (pushes, spread) => {
          const lists = new CellLists(1, 1); // the smallest: every growth path is taken
          const reference = new Map<number, number[]>();
          for (const [k, slot] of pushes) {
            const key = (Math.imul(k, 0x9e3779b1) >>> 0) % spread; // unsigned keys, many colliding in the table
            lists.push(key, slot);
            const list = reference.get(key) ?? [];
            if (list[list.length - 1] !== slot) list.push(slot); // the same slot twice in a row is kept once
            reference.set(key, list);
          }
          for (const [key, list] of reference) expect(listOf(lists, key)).toEqual(list);
          expect(lists.first(spread)).toBe(-1); // keys are below spread: this one was never pushed
        },
      ),
      { seed: 7, numRuns: 200 },
    );
  });
});
