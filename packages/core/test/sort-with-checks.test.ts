import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sortWithChecks } from "../src/internal.js";

interface Keyed {
  key: number;
  at: number;
}
const byKey = (a: Keyed, b: Keyed): number => a.key - b.key;

describe("sortWithChecks", () => {
  it("gives the built-in stable sort's order, ties included, at lengths around the piece size", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 9_000 }), (keys) => {
        const items = keys.map((key, at) => ({ key, at }));
        const expected = items.slice().sort(byKey);
        expect(sortWithChecks(items, byKey, () => {})).toEqual(expected);
      }),
      { numRuns: 40 },
    );
    for (const n of [2047, 2048, 2049, 4096, 6145, 20_000]) {
      const items = Array.from({ length: n }, (_, at) => ({ key: (at * 7919) % 97, at }));
      const expected = items.slice().sort(byKey);
      expect(sortWithChecks(items, byKey, () => {})).toEqual(expected);
    }
  });

  it("sorts in place and calls check after every piece of at most 2,048 elements", () => {
    const n = 50_000;
    const items = Array.from({ length: n }, (_, at) => ({ key: (at * 104_729) % 1_000, at }));
    let checks = 0;
    const result = sortWithChecks(items, byKey, () => checks++);
    expect(result).toBe(items);
    // 25 pieces sorted, then ⌈log2 25⌉ = 5 merge passes of n elements each.
    expect(checks).toBeGreaterThanOrEqual(Math.floor(n / 2048) * 6);
    expect(items.every((item, i) => i === 0 || byKey(items[i - 1], item) <= 0)).toBe(true);
  });

  it("stops at the check that throws", () => {
    const items = Array.from({ length: 10_000 }, (_, at) => ({ key: -at, at }));
    let checks = 0;
    const stop = (): void => {
      if (++checks === 3) throw new Error("stop");
    };
    expect(() => sortWithChecks(items, byKey, stop)).toThrow("stop");
    expect(checks).toBe(3);
  });
});
