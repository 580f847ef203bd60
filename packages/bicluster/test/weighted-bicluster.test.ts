import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { weightedBicluster } from "../src/index.js";
import type { ClusterStrength } from "../src/index.js";
import { bruteForceBicliques } from "./brute-force.js";
import { signalFiringAt } from "@clearbox/test-kit/signal-firing-at";

/** Random strengths on up to 7 × 7 cluster pairs, weights on a coarse grid so that ties happen. */
const strengthsArbitrary = fc
  .array(
    fc.record({
      input: fc.integer({ min: 0, max: 6 }),
      output: fc.integer({ min: 0, max: 6 }),
      pos: fc.option(
        fc.integer({ min: 1, max: 10 }).map((v) => v / 10),
        { nil: undefined },
      ),
      neg: fc.option(
        fc.integer({ min: 1, max: 10 }).map((v) => -v / 10),
        { nil: undefined },
      ),
      nPos: fc.integer({ min: 1, max: 5 }),
      nNeg: fc.integer({ min: 1, max: 5 }),
    }),
    { maxLength: 30 },
  )
  .map((pairs) => {
    const unique = new Map(pairs.map((p) => [`${p.input},${p.output}`, p]));
    return [...unique.values()].map((p) => ({
      ...p,
      nPos: p.pos === undefined ? 0 : p.nPos,
      nNeg: p.neg === undefined ? 0 : p.nNeg,
    })) as ClusterStrength[];
  });

type Item = { input: number; output: number; sign: 1 | -1; w: number };
const itemsOf = (strengths: ClusterStrength[]): Item[] =>
  strengths.flatMap((s) => [
    ...(s.pos === undefined ? [] : [{ input: s.input, output: s.output, sign: 1 as const, w: s.pos }]),
    ...(s.neg === undefined ? [] : [{ input: s.input, output: s.output, sign: -1 as const, w: s.neg }]),
  ]);

/** The loop of ALGORITHMS.md §4 written out plainly: each iteration's a*, sign and selected items. */
function referenceIterations(strengths: ClusterStrength[], tau: number, threshold: number) {
  let remaining = itemsOf(strengths).filter((i) => Math.abs(i.w) >= threshold && i.w !== 0);
  const iterations: Array<{ aStar: number; sign: 1 | -1; selected: Item[] }> = [];
  while (remaining.length > 0) {
    const aStar = Math.max(...remaining.map((i) => Math.abs(i.w)));
    const sign = remaining.some((i) => i.sign === 1 && Math.abs(i.w) === aStar) ? 1 : -1;
    const selected = remaining.filter((i) => i.sign === sign && aStar - Math.abs(i.w) <= tau);
    remaining = remaining.filter((i) => !selected.includes(i));
    iterations.push({ aStar, sign, selected });
  }
  return iterations;
}

describe("weightedBicluster", () => {
  it('"all" mode equals the specified loop with brute-force biclique mining, on random strengths', () => {
    fc.assert(
      fc.property(
        strengthsArbitrary,
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 0, max: 6 }),
        (strengths, t, h) => {
          const tau = t / 10;
          const threshold = h / 10;
          const result = weightedBicluster(strengths, { tau, threshold, select: "all" });
          const reference = referenceIterations(strengths, tau, threshold);
          expect(result.iterations).toBe(reference.length);
          const expected = reference.flatMap(({ sign, selected }, iteration) =>
            bruteForceBicliques(selected.map((i) => [i.input, i.output] as [number, number])).map((b) => ({
              inputs: b.rows,
              outputs: b.cols,
              sign,
              iteration,
            })),
          );
          expect(
            result.biclusters.map(({ inputs, outputs, sign, iteration }) => ({ inputs, outputs, sign, iteration })),
          ).toEqual(expected);
          // Every item ≥ θ is covered (all mode leaves nothing to draw directly), a* never increases.
          expect(result.directEdges).toEqual([]);
          for (let k = 1; k < reference.length; k++)
            expect(reference[k].aStar).toBeLessThanOrEqual(reference[k - 1].aStar);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("keeps biclusters that are complete, one-signed, within τ of a*, and (greedy) draws no more curves than edges", () => {
    fc.assert(
      fc.property(strengthsArbitrary, fc.integer({ min: 0, max: 4 }), (strengths, t) => {
        const tau = t / 10;
        const reference = referenceIterations(strengths, tau, 0);
        for (const select of ["greedy", "all"] as const) {
          const result = weightedBicluster(strengths, { tau, select });
          const seen = new Set<string>();
          for (const b of result.biclusters) {
            const { aStar, sign, selected } = reference[b.iteration];
            expect(b.sign).toBe(sign);
            let sum = 0;
            for (const input of b.inputs) {
              for (const output of b.outputs) {
                const item = selected.find((i) => i.input === input && i.output === output);
                expect(item).toBeDefined();
                expect(Math.abs((item as Item).w)).toBeGreaterThanOrEqual(aStar - tau - 1e-12);
                expect(Math.abs((item as Item).w)).toBeLessThanOrEqual(aStar + 1e-12);
                sum += (item as Item).w;
              }
            }
            expect(b.meanWeight).toBeCloseTo(sum / (b.inputs.length * b.outputs.length), 12);
            expect(b.negativeRatio).toBeGreaterThanOrEqual(0);
            expect(b.negativeRatio).toBeLessThanOrEqual(1);
            const key = `${b.iteration}|${b.inputs}|${b.outputs}`;
            expect(seen.has(key)).toBe(false);
            seen.add(key);
          }
          // Every item is drawn: covered by a kept bicluster of its iteration, or directly.
          const covered = new Set<string>();
          for (const b of result.biclusters) {
            for (const i of b.inputs) for (const o of b.outputs) covered.add(`${b.iteration}|${b.sign}|${i}|${o}`);
          }
          for (const e of result.directEdges) covered.add(`${e.iteration}|${e.sign}|${e.input}|${e.output}`);
          expect(covered.size).toBe(result.edges);
          expect(result.edges).toBe(itemsOf(strengths).length);
          if (select === "greedy") expect(result.curves).toBeLessThanOrEqual(result.edges);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("does not depend on the order of the strengths", () => {
    fc.assert(
      fc.property(strengthsArbitrary, (strengths) => {
        const forward = weightedBicluster(strengths, { tau: 0.2 });
        expect(weightedBicluster([...strengths].reverse(), { tau: 0.2 })).toEqual(forward);
      }),
      { numRuns: 100 },
    );
  });

  it("bundles a planted block into one bicluster and draws the noise directly", () => {
    const strengths: ClusterStrength[] = [];
    for (let i = 0; i < 4; i++)
      for (let o = 0; o < 5; o++) strengths.push({ input: i, output: o, pos: 0.9, nPos: 3, nNeg: 1, neg: -0.05 });
    strengths.push({ input: 6, output: 6, pos: 0.2, nPos: 1, nNeg: 0 });
    const result = weightedBicluster(strengths, { tau: 0.1, threshold: 0.1 });
    expect(result.biclusters).toEqual([
      {
        inputs: [0, 1, 2, 3],
        outputs: [0, 1, 2, 3, 4],
        sign: 1,
        meanWeight: expect.closeTo(0.9, 12),
        negativeRatio: 0.25,
        iteration: 0,
      },
    ]);
    expect(result.directEdges).toEqual([{ input: 6, output: 6, sign: 1, weight: 0.2, iteration: 1 }]);
    expect([result.curves, result.edges]).toEqual([10, 21]);
  });

  it("handles the edge cases: no edges, one edge, all negative, τ = 0 with ties, |pos| = |neg|, θ above every weight", () => {
    expect(weightedBicluster([])).toMatchObject({
      biclusters: [],
      directEdges: [],
      iterations: 0,
      edges: 0,
      curves: 0,
    });
    const one = weightedBicluster([{ input: 2, output: 3, pos: 0.5, nPos: 1, nNeg: 0 }]);
    expect(one.directEdges).toEqual([{ input: 2, output: 3, sign: 1, weight: 0.5, iteration: 0 }]);
    expect(
      weightedBicluster([{ input: 2, output: 3, pos: 0.5, nPos: 1, nNeg: 0 }], { select: "all" }).biclusters,
    ).toEqual([{ inputs: [2], outputs: [3], sign: 1, meanWeight: 0.5, negativeRatio: 0, iteration: 0 }]);
    const negatives: ClusterStrength[] = [];
    for (let i = 0; i < 3; i++)
      for (let o = 0; o < 3; o++) negatives.push({ input: i, output: o, neg: -0.4, nPos: 0, nNeg: 2 });
    const allNegative = weightedBicluster(negatives, { tau: 0 });
    expect(allNegative.biclusters).toEqual([
      {
        inputs: [0, 1, 2],
        outputs: [0, 1, 2],
        sign: -1,
        meanWeight: expect.closeTo(-0.4, 12),
        negativeRatio: 1,
        iteration: 0,
      },
    ]);
    // |pos| = |neg| on one pair: positive first, then the negative in the next iteration.
    const tie = weightedBicluster([{ input: 0, output: 0, pos: 0.3, neg: -0.3, nPos: 1, nNeg: 1 }], { tau: 0 });
    expect(tie.directEdges.map((e) => [e.sign, e.iteration])).toEqual([
      [1, 0],
      [-1, 1],
    ]);
    const empty = weightedBicluster(negatives, { threshold: 0.5 });
    expect([empty.biclusters.length, empty.directEdges.length, empty.curves, empty.edges]).toEqual([0, 0, 0, 0]);
  });

  it("rejects bad strengths and options with coded errors naming them", () => {
    expect(() => weightedBicluster([{ input: 0, output: 0, pos: NaN, nPos: 1, nNeg: 0 }])).toThrow(
      expect.objectContaining({ code: "E_NAN", argument: "strengths[0].pos" }),
    );
    expect(() => weightedBicluster([{ input: 0, output: 0, neg: 0.2, nPos: 0, nNeg: 1 }])).toThrow(
      expect.objectContaining({ code: "E_RANGE", argument: "strengths[0].neg" }),
    );
    expect(() => weightedBicluster([], { tau: -1 })).toThrow(
      expect.objectContaining({ code: "E_RANGE", argument: "options.tau" }),
    );
    expect(() => weightedBicluster([], { threshold: NaN })).toThrow(
      expect.objectContaining({ code: "E_NAN", argument: "options.threshold" }),
    );
    expect(() => weightedBicluster([], { select: "some" as "all" })).toThrow(
      expect.objectContaining({ code: "E_OPTION" }),
    );
    expect(() => weightedBicluster([], { thresold: 1 } as object)).toThrow(
      expect.objectContaining({ code: "E_OPTION", message: expect.stringContaining("Did you mean threshold?") }),
    );
  });
});

describe("weightedBicluster and its signal", () => {
  /** 60 × 60 cluster pairs with seeded weights: dozens of reads of the signal in one call. */
  const strengths: ClusterStrength[] = [];
  let state = 7;
  const next = () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31) * 2 - 1;
  for (let input = 0; input < 60; input++) {
    for (let output = 0; output < 60; output++) {
      strengths.push({ input, output, pos: Math.abs(next()), neg: -Math.abs(next()), nPos: 3, nNeg: 2 });
    }
  }
  it("stops with E_ABORTED at the very check that sees the abort, wherever in the call it comes", () => {
    const quiet = signalFiringAt(0);
    const result = weightedBicluster(strengths, { signal: quiet as unknown as AbortSignal });
    expect(quiet.reads).toBeGreaterThan(15); // reading is 4 checks, the sort of 7,200 items 8
    expect(weightedBicluster(strengths)).toEqual(result); // the checks change nothing
    for (const fraction of [0.05, 0.3, 0.6, 0.99]) {
      const at = Math.max(1, Math.round(quiet.reads * fraction));
      const signal = signalFiringAt(at);
      expect(() => weightedBicluster(strengths, { signal: signal as unknown as AbortSignal })).toThrow(
        expect.objectContaining({ code: "E_ABORTED" }),
      );
      expect(signal.reads, `fired at read ${at}`).toBe(at);
    }
  });
});
