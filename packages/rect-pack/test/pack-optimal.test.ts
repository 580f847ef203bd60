import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRandom } from "@clearbox/core";
import { packFast, packOptimal } from "../src/index.js";
import type { OptimalPacking, RectSize } from "../src/index.js";
import { expectValidPacking } from "./expect-valid-packing.js";
import { fitsByGrid } from "./fits-by-grid.js";
import { randomRects } from "./random-rects.js";
import { searchOptimal } from "../src/exact/search-optimal.js";

/**
 * The best enclosure by brute force on the integer grid: enclosures in order of `score`, each tried by a grid
 * search (`fitsByGrid`). Independent of packOptimal.
 */
function bruteForceBest(rects: RectSize[], rotate: boolean, score: (w: number, h: number) => number): number {
  const ws = rects.map((r) => r.width);
  const hs = rects.map((r) => r.height);
  const area = rects.reduce((s, r) => s + r.width * r.height, 0);
  const total = rects.reduce((s, r) => s + Math.max(r.width, r.height), 0);
  const enclosures: Array<[number, number]> = [];
  for (let w = 1; w <= total; w++) for (let h = 1; h <= total; h++) if (w * h >= area) enclosures.push([w, h]);
  enclosures.sort((a, b) => score(a[0], a[1]) - score(b[0], b[1]));
  for (const [W, H] of enclosures) if (fitsByGrid(ws, hs, W, H, rotate)) return score(W, H);
  return Infinity;
}

const smallSets = fc.array(
  fc.record({ width: fc.integer({ min: 1, max: 4 }), height: fc.integer({ min: 1, max: 4 }) }),
  { minLength: 1, maxLength: 4 },
);

describe("packOptimal", () => {
  it("finds the brute-force minimum area on every small random set, with and without rotation", () => {
    fc.assert(
      fc.property(smallSets, fc.boolean(), (rects, rotate) => {
        const result = packOptimal(rects, { allowRotation: rotate });
        expect(result.optimal).toBe(true);
        expectValidPacking(rects, result);
        expect(result.width * result.height).toBe(bruteForceBest(rects, rotate, (w, h) => w * h));
        expect(result.lowerBound).toBe(result.width * result.height);
      }),
      { numRuns: 60 },
    );
  });

  it("reports a lowerBound that never exceeds the brute-force optimum when the node budget cuts the search", () => {
    const sets = fc.array(
      fc.record({ width: fc.integer({ min: 1, max: 5 }), height: fc.integer({ min: 1, max: 5 }) }),
      { minLength: 2, maxLength: 5 },
    );
    fc.assert(
      fc.property(
        sets,
        fc.constantFrom(undefined, 0.5, 1.6),
        fc.boolean(),
        fc.integer({ min: 1, max: 12 }),
        (rects, aspectRatio, rotate, maxNodes) => {
          const score = (w: number, h: number) => (aspectRatio === undefined ? w * h : Math.max(w / aspectRatio, h));
          const result = packOptimal(rects, { aspectRatio, allowRotation: rotate, maxNodes });
          expectValidPacking(rects, result);
          const optimum = bruteForceBest(rects, rotate, score);
          expect(result.lowerBound).toBeLessThanOrEqual(optimum + 1e-9);
          expect(result.lowerBound).toBeLessThanOrEqual(score(result.width, result.height) + 1e-9);
          if (result.optimal) expect(result.lowerBound).toBeCloseTo(optimum, 9);
        },
      ),
      { numRuns: 80 },
    );
  });

  it("with aspectRatio, finds the enclosure that scales largest into that shape (brute force)", () => {
    fc.assert(
      fc.property(smallSets, fc.constantFrom(0.5, 1, 1.6, 3), fc.boolean(), (rects, aspectRatio, rotate) => {
        const score = (w: number, h: number) => Math.max(w / aspectRatio, h);
        const result = packOptimal(rects, { aspectRatio, allowRotation: rotate });
        expect(result.optimal).toBe(true);
        expectValidPacking(rects, result);
        expect(score(result.width, result.height)).toBeCloseTo(bruteForceBest(rects, rotate, score), 9);
        // Among equal scores the widest enclosure is searched first; the result is still the packing's own extent.
        expect(result.width).toBe(Math.max(...result.placements.map((p) => p.x + p.width)));
        expect(result.height).toBe(Math.max(...result.placements.map((p) => p.y + p.height)));
      }),
      { numRuns: 60 },
    );
  });

  it("with aspectRatio, returns the packing's own extent, not the wider enclosure searched", () => {
    // Score max(w, h) = 8: 8 × 8 is searched before 8 × 7 (widest first among equal scores) and holds a packing
    // 8 × 7.
    const rects = [
      { width: 3, height: 5 },
      { width: 4, height: 4 },
      { width: 1, height: 4 },
      { width: 4, height: 1 },
      { width: 2, height: 1 },
      { width: 2, height: 2 },
    ];
    const result = packOptimal(rects, { aspectRatio: 1 });
    expect(result.optimal).toBe(true);
    expectValidPacking(rects, result);
    expect([result.width, result.height, result.lowerBound]).toEqual([
      Math.max(...result.placements.map((p) => p.x + p.width)),
      Math.max(...result.placements.map((p) => p.y + p.height)),
      8,
    ]);
    expect(Math.min(result.width, result.height)).toBe(7);
  });

  it("proves the consecutive-squares optima for N ≤ 17 (OEIS A038666)", () => {
    const optima = [1, 6, 15, 35, 60, 99, 154, 210, 300, 405, 513, 667, 836, 1035, 1265, 1512, 1794];
    optima.forEach((area, k) => {
      const squares = Array.from({ length: k + 1 }, (_, i) => ({ width: i + 1, height: i + 1 }));
      const result = packOptimal(squares);
      expect(result.optimal).toBe(true);
      expect(result.width * result.height).toBe(area);
      expectValidPacking(squares, result);
    });
  });

  it("proves the unoriented-rectangle optima 1×2 … N×(N+1), rotation allowed, for N ≤ 8 (perfect from N = 7)", () => {
    // Σ i(i+1) is a lower bound; from N = 7 on it is met exactly (Korf, Moffitt & Pollack 2010).
    const optima = [2, 8, 20, 40, 70, 114, 168, 240];
    optima.forEach((area, k) => {
      const rects = Array.from({ length: k + 1 }, (_, i) => ({ width: i + 1, height: i + 2 }));
      const result = packOptimal(rects, { allowRotation: true });
      expect(result.optimal).toBe(true);
      expect(result.width * result.height).toBe(area);
      expectValidPacking(rects, result);
    });
  });

  it("gives the transposed input the same optimum (wide enclosures are searched transposed)", () => {
    // Oriented rectangles 1×2 … N×(N+1): not symmetric, so the input and its transpose are searched along different
    // axes; their optima must agree, and each packing must be valid for its own input.
    for (let N = 9; N <= 13; N++) {
      const rects = Array.from({ length: N }, (_, i) => ({ width: i + 1, height: i + 2 }));
      const turned = rects.map(({ width, height }) => ({ width: height, height: width }));
      const a = packOptimal(rects);
      const b = packOptimal(turned);
      expect(a.optimal && b.optimal).toBe(true);
      expect(a.width * a.height).toBe(b.width * b.height);
      expectValidPacking(rects, a);
      expectValidPacking(turned, b);
    }
  });

  it("is exact on real-valued sizes: scaling the input scales the optimum", () => {
    const integers = [
      { width: 5, height: 3 },
      { width: 4, height: 4 },
      { width: 3, height: 6 },
      { width: 2, height: 5 },
      { width: 7, height: 2 },
      { width: 1, height: 3 },
    ];
    const scale = 0.37;
    const reals = integers.map((r) => ({ width: r.width * scale, height: r.height * scale }));
    const exact = packOptimal(integers);
    const scaled = packOptimal(reals);
    expect(exact.optimal && scaled.optimal).toBe(true);
    expect(scaled.width * scaled.height).toBeCloseTo(exact.width * exact.height * scale * scale, 9);
    expectValidPacking(reals, scaled);
  });

  it("says optimal: false, with a valid packing, when real-valued sizes make too many enclosures to search", () => {
    const random = createRandom(14);
    const rects = Array.from({ length: 14 }, () => ({ width: 1 + random.next() * 9, height: 1 + random.next() * 9 }));
    const result = packOptimal(rects);
    expect(result.optimal).toBe(false);
    expectValidPacking(rects, result);
    const area = rects.reduce((sum, r) => sum + r.width * r.height, 0);
    expect(result.lowerBound).toBeGreaterThanOrEqual(area);
    expect(result.lowerBound).toBeLessThan(result.width * result.height);
  });

  it("reports optimal: false with the best packing found when the budget runs out", () => {
    const squares = Array.from({ length: 18 }, (_, i) => ({ width: i + 1, height: i + 1 }));
    const result = packOptimal(squares, { maxNodes: 3000 });
    expect(result.optimal).toBe(false);
    expect(result.cutByTime).toBe(false);
    // Between Σ i² and the known optimum (A038666: 2,139), whatever the search ruled out in time.
    expect(result.lowerBound).toBeGreaterThanOrEqual(2109);
    expect(result.lowerBound).toBeLessThanOrEqual(2139);
    expect(result.nodes).toBeGreaterThan(0);
    expectValidPacking(squares, result);
    const fast = packFast(squares);
    expect(result.width * result.height).toBeLessThanOrEqual(fast.width * fast.height);
    const capped = packOptimal(squares, { maxNodes: 1000 });
    expect(capped.optimal).toBe(false);
  });

  it("when the budget ends first, improves its packing by packFast best's annealing (deterministically)", () => {
    // The bench's first set of 12 (sides 10–100): the search alone keeps the heuristic's 32,308.
    const rects = randomRects(12, 1);
    const result = packOptimal(rects, { maxNodes: 2000 });
    const plain = searchOptimal(rects, { maxNodes: 2000 }, 0);
    expect(result.optimal).toBe(false);
    expectValidPacking(rects, result);
    expect(plain.width * plain.height).toBe(32_308);
    expect(result.width * result.height).toBeLessThan(plain.width * plain.height);
    expect(result.lowerBound).toBe(plain.lowerBound);
    expect(packOptimal(rects, { maxNodes: 2000 })).toEqual(result);
  });

  it("checks its signal while annealing an unproven result", () => {
    const rects = randomRects(12, 1);
    // A signal that counts how often it is read, and says aborted from read `after` on.
    const countingSignal = (after: number) => {
      const state = { reads: 0 };
      const signal = {
        get aborted() {
          return ++state.reads > after;
        },
        reason: "stop",
      } as unknown as AbortSignal;
      return { state, signal };
    };
    const annealed = countingSignal(Infinity);
    packOptimal(rects, { maxNodes: 2000, signal: annealed.signal });
    const plain = countingSignal(Infinity);
    searchOptimal(rects, { maxNodes: 2000, signal: plain.signal }, 0);
    expect(annealed.state.reads).toBeGreaterThan(plain.state.reads + 1);
    // Aborted once the search is over: only the annealing can notice.
    const late = countingSignal(plain.state.reads + 1);
    expect(() => packOptimal(rects, { maxNodes: 2000, signal: late.signal })).toThrow(
      expect.objectContaining({ code: "E_ABORTED" }),
    );
  });

  it("says optimal when the annealed packing reaches the lower bound the search stopped at", () => {
    const rects = [
      { width: 8, height: 10 },
      { width: 7, height: 12 },
      { width: 10, height: 11 },
      { width: 9, height: 10 },
      { width: 3, height: 10 },
    ];
    const plain = searchOptimal(rects, { maxNodes: 20 }, 0);
    expect(plain.optimal).toBe(false);
    const result = packOptimal(rects, { maxNodes: 20 });
    expect(result.optimal).toBe(true);
    expect(result.width * result.height).toBe(plain.lowerBound);
    expect(result.lowerBound).toBe(plain.lowerBound);
    expectValidPacking(rects, result);
    expect(bruteForceBest(rects, false, (w, h) => w * h)).toBe(plain.lowerBound);
  });

  it("reports the share of candidate enclosures ruled out, non-decreasing, ending at 1", () => {
    const squares = Array.from({ length: 12 }, (_, i) => ({ width: i + 1, height: i + 1 }));
    const seen: number[] = [];
    const result = packOptimal(squares, { onProgress: (f) => seen.push(f) });
    expect(result.optimal).toBe(true);
    expect(seen.at(-1)).toBe(1);
    expect(seen.filter((f) => f === 1)).toHaveLength(1);
    expect(seen.some((f) => f > 0 && f < 1)).toBe(true);
    expect(seen.every((f, i) => i === 0 || f >= seen[i - 1])).toBe(true);
  });

  it("reports progress during a long proof and stops within 128 nodes of an abort from onProgress", () => {
    const squares = Array.from({ length: 19 }, (_, i) => ({ width: i + 1, height: i + 1 }));
    const seen: number[] = [];
    const proved = packOptimal(squares, { onProgress: (f) => seen.push(f) });
    expect(proved.optimal).toBe(true);
    expect(seen.filter((f) => f > 0 && f < 1).length).toBeGreaterThan(3);
    const controller = new AbortController();
    let callsAfterAbort = 0;
    const aborting = () =>
      packOptimal(squares, {
        signal: controller.signal,
        onProgress: (f) => {
          if (controller.signal.aborted) callsAfterAbort++;
          if (f > 0) controller.abort();
        },
      });
    expect(aborting).toThrow(expect.objectContaining({ code: "E_ABORTED" }));
    expect(callsAfterAbort).toBe(0);
  });

  it("stops the heuristic sweep that bounds the search when aborted", () => {
    // Too many rectangles for the annealing and a one-node search: the signal reads beyond the option check and
    // the first check are the sweep's, and an abort at one of them stops the call.
    const many = Array.from({ length: 200 }, (_, i) => ({ width: 1 + (i % 37), height: 1 + ((i * 7) % 41) }));
    const counting = (abortAfter: number) => {
      const state = { reads: 0 };
      const signal = {
        get aborted() {
          state.reads++;
          return state.reads > abortAfter;
        },
        reason: "stop",
      } as unknown as AbortSignal;
      return { state, signal };
    };
    const quiet = counting(Infinity);
    packOptimal(many, { signal: quiet.signal, maxNodes: 1 });
    expect(quiet.state.reads).toBeGreaterThan(4);
    const late = counting(quiet.state.reads - 1);
    expect(() => packOptimal(many, { signal: late.signal, maxNodes: 1 })).toThrow(
      expect.objectContaining({ code: "E_ABORTED" }),
    );
  });

  it("handles the empty list and rejects bad input and options", () => {
    expect(packOptimal([])).toEqual({
      width: 0,
      height: 0,
      placements: [],
      optimal: true,
      lowerBound: 0,
      nodes: 0,
      cutByTime: false,
    });
    expect(() => packOptimal([{ width: 1, height: 1 }], { maxNode: 5 } as object)).toThrow(
      expect.objectContaining({ code: "E_OPTION", message: expect.stringMatching(/Did you mean maxNodes\?/) }),
    );
    expect(() => packOptimal([{ width: 1, height: 1 }], { allowRotation: "yes" as unknown as boolean })).toThrow(
      expect.objectContaining({ code: "E_TYPE", argument: "options.allowRotation" }),
    );
    expect(() => packOptimal([{ width: 0, height: 1 }])).toThrow(expect.objectContaining({ code: "E_RANGE" }));
    expect(() => packOptimal([{ width: 1, height: 1 }], { budgetMs: 0 })).toThrow(
      expect.objectContaining({ argument: "options.budgetMs" }),
    );
    expect(() => packOptimal([{ width: 1, height: 1 }], { aspectRatio: -1 })).toThrow(
      expect.objectContaining({ argument: "options.aspectRatio" }),
    );
    expect(() => packOptimal([{ width: 1, height: 1 }], { maxNodes: 0.5 })).toThrow(
      expect.objectContaining({ argument: "options.maxNodes" }),
    );
    const controller = new AbortController();
    controller.abort();
    expect(() => packOptimal([{ width: 1, height: 1 }], { signal: controller.signal })).toThrow(
      expect.objectContaining({ code: "E_ABORTED" }),
    );
  });

  it("gives the same result on every call, in one process and across processes: budgets count nodes", () => {
    // Squares 1…19 were time-dependent with the old default (a 300 ms budget: unproven on a cold first call,
    // proven later). Both the proof and a node-capped unproven search must now repeat exactly.
    const squares = Array.from({ length: 19 }, (_, i) => ({ width: i + 1, height: i + 1 }));
    const summary = (r: OptimalPacking) => [r.width, r.height, r.optimal, r.nodes, r.cutByTime];
    const capped = [1, 2, 3].map(() => summary(packOptimal(squares, { maxNodes: 40_000 })));
    expect(capped[1]).toEqual(capped[0]);
    expect(capped[2]).toEqual(capped[0]);
    expect(capped[0][2]).toBe(false);
    const proven = summary(packOptimal(squares));
    expect(proven.slice(0, 3)).toEqual([47, 53, true]);
    const child = execFileSync(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `import { packOptimal } from "@clearbox/rect-pack";
         const squares = Array.from({ length: 19 }, (_, i) => ({ width: i + 1, height: i + 1 }));
         const s = (r) => [r.width, r.height, r.optimal, r.nodes, r.cutByTime];
         console.log(JSON.stringify([s(packOptimal(squares, { maxNodes: 40_000 })), s(packOptimal(squares))]));`,
      ],
      { cwd: fileURLToPath(new URL("..", import.meta.url)), encoding: "utf8" },
    );
    expect(JSON.parse(child)).toEqual([capped[0], proven]);
  });

  it("keeps a wall-clock limit as an opt-in that the result reports", () => {
    const squares = Array.from({ length: 18 }, (_, i) => ({ width: i + 1, height: i + 1 }));
    expect(packOptimal(squares, { maxNodes: 3000 }).cutByTime).toBe(false);
    const timed = packOptimal(squares, { budgetMs: 1 });
    expectValidPacking(squares, timed);
    // Whether 1 ms suffices depends on the machine; what it reports must agree with what happened.
    if (timed.optimal) expect(timed.cutByTime).toBe(false);
    else expect(timed.cutByTime || timed.nodes >= 200_000).toBe(true);
  });
});
