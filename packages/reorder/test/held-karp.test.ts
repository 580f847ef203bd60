import fc from "fast-check";
import { Matrix } from "ml-matrix";
import { describe, expect, it } from "vitest";
import { heldKarp, pathCost } from "../src/index.js";
import { previousHeldKarp } from "./held-karp-previous.js";

/** Every permutation of 0 … n − 1 (n ≤ 9 here). */
function* permutations(items: number[]): Generator<number[]> {
  if (items.length <= 1) {
    yield items;
    return;
  }
  for (let i = 0; i < items.length; i++) {
    const rest = [...items.slice(0, i), ...items.slice(i + 1)];
    for (const tail of permutations(rest)) yield [items[i], ...tail];
  }
}

function bruteForce(d: number[][], start?: number, end?: number): number {
  const n = d.length;
  let best = Infinity;
  for (const p of permutations([...Array(n).keys()])) {
    if (start !== undefined && p[0] !== start) continue;
    if (end !== undefined && p[n - 1] !== end) continue;
    let cost = 0;
    for (let t = 1; t < n; t++) cost += d[p[t - 1]][p[t]];
    best = Math.min(best, cost);
  }
  return best;
}

const matrix = (symmetric: boolean, maxN = 9) =>
  fc.integer({ min: 1, max: maxN }).chain((n) =>
    fc
      .array(fc.array(fc.integer({ min: 0, max: 50 }), { minLength: n, maxLength: n }), {
        minLength: n,
        maxLength: n,
      })
      .map((rows) =>
        symmetric
          ? rows.map((row, i) => row.map((_, j) => (i === j ? 0 : rows[Math.min(i, j)][Math.max(i, j)])))
          : rows,
      ),
  );

describe("heldKarp", () => {
  it("equals brute force on every random instance with n ≤ 9, symmetric or not", () => {
    fc.assert(
      fc.property(matrix(false), (d) => {
        const { order, cost } = heldKarp(d);
        expect([...order].sort((a, b) => a - b)).toEqual([...Array(d.length).keys()]);
        expect(cost).toBe(bruteForce(d));
        expect(pathCost({ n: d.length, values: Float64Array.from(d.flat()) }, order)).toBe(cost);
      }),
      { numRuns: 80 },
    );
  });

  it("honours fixed start and end", () => {
    fc.assert(
      fc.property(matrix(true, 8), fc.nat(), fc.nat(), (d, s, e) => {
        const n = d.length;
        const start = s % n;
        const end = e % n;
        if (n > 1 && start === end) return;
        const { order, cost } = heldKarp(d, { start, end });
        expect(order[0]).toBe(start);
        expect(order[n - 1]).toBe(end);
        expect(cost).toBe(bruteForce(d, start, end));
        const onlyStart = heldKarp(d, { start });
        expect(onlyStart.order[0]).toBe(start);
        expect(onlyStart.cost).toBe(bruteForce(d, start));
      }),
      { numRuns: 40 },
    );
  });

  it("accepts nested arrays, ml-matrix and { n, values } alike; handles n = 0, 1, 2", () => {
    const d = [
      [0, 1, 9],
      [1, 0, 1],
      [9, 1, 0],
    ];
    const expected = { order: [0, 1, 2], cost: 2 };
    expect(heldKarp(d)).toEqual(expected);
    expect(heldKarp(new Matrix(d))).toEqual(expected);
    expect(heldKarp({ n: 3, values: d.flat() })).toEqual(expected);
    expect(heldKarp([])).toEqual({ order: [], cost: 0 });
    expect(heldKarp([[0]])).toEqual({ order: [0], cost: 0 });
    expect(
      heldKarp([
        [0, 4],
        [4, 0],
      ]).cost,
    ).toBe(4);
  });

  it("gives exactly the previous implementation's path and cost, ties and fixed ends included (property)", () => {
    const instance = fc.integer({ min: 1, max: 12 }).chain((n) =>
      fc.record({
        n: fc.constant(n),
        values: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: n * n, maxLength: n * n }),
        symmetric: fc.boolean(),
        start: fc.integer({ min: -1, max: n - 1 }),
        end: fc.integer({ min: -1, max: n - 1 }),
      }),
    );
    fc.assert(
      fc.property(instance, ({ n, values, symmetric, start, end }) => {
        const w = Float64Array.from(values, (v, k) => {
          const [i, j] = [Math.floor(k / n), k % n];
          return i === j ? 0 : symmetric ? values[Math.min(i, j) * n + Math.max(i, j)] : v;
        });
        if (n > 1 && start >= 0 && start === end) return;
        const options = { ...(start >= 0 ? { start } : {}), ...(end >= 0 ? { end } : {}) };
        expect(heldKarp({ n, values: w }, options)).toEqual(previousHeldKarp(w, n, start, end));
      }),
      { numRuns: 400 },
    );
  });

  it("refuses n above the limit with E_TOO_LARGE naming the limit and the alternative", () => {
    const big = { n: 21, values: new Float64Array(21 * 21) };
    expect(() => heldKarp(big)).toThrow(expect.objectContaining({ code: "E_TOO_LARGE" }));
    expect(() => heldKarp(big)).toThrow(/exceeds the limit of 20 .*reorderRows/);
    expect(() =>
      heldKarp(
        [
          [0, 1],
          [1, 0],
        ],
        { maxSize: 25 },
      ),
    ).toThrow(expect.objectContaining({ argument: "options.maxSize" }));
  });

  it("rejects malformed matrices and options", () => {
    expect(() => heldKarp([[0, 1], [1]])).toThrow(expect.objectContaining({ code: "E_SHAPE" }));
    expect(() =>
      heldKarp([
        [0, Number.NaN],
        [1, 0],
      ]),
    ).toThrow(expect.objectContaining({ code: "E_NAN", argument: "distance[0][1]" }));
    expect(() => heldKarp({ n: 2, values: [0, 1, 1] })).toThrow(expect.objectContaining({ code: "E_SHAPE" }));
    expect(() =>
      heldKarp(
        [
          [0, 1],
          [1, 0],
        ],
        { start: 1, end: 1 },
      ),
    ).toThrow(expect.objectContaining({ code: "E_OPTION" }));
    expect(() =>
      heldKarp(
        [
          [0, 1],
          [1, 0],
        ],
        { start: 2 },
      ),
    ).toThrow(expect.objectContaining({ code: "E_RANGE" }));
    expect(() => heldKarp("x" as never)).toThrow(expect.objectContaining({ code: "E_TYPE" }));
  });

  it("can be aborted", () => {
    const controller = new AbortController();
    controller.abort();
    const n = 16;
    const values = new Float64Array(n * n).map((_, t) => (t * 7919) % 101);
    expect(() => heldKarp({ n, values }, { signal: controller.signal })).toThrow(
      expect.objectContaining({ code: "E_ABORTED" }),
    );
  });
});
