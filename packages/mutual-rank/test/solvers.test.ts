import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRandom } from "@clearbox/core";
import { createModel, createMonteCarloRanker, solveExact } from "../src/index.js";
import type { ModelInput } from "../src/index.js";
import { PriorJump } from "../src/prior-jump.js";

function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let [ma, mb] = [0, 0];
  for (let i = 0; i < n; i++) [ma, mb] = [ma + a[i] / n, mb + b[i] / n];
  let [ab, aa, bb] = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    ab += (a[i] - ma) * (b[i] - mb);
    aa += (a[i] - ma) ** 2;
    bb += (b[i] - mb) ** 2;
  }
  return ab / Math.sqrt(aa * bb);
}

/** A random typed graph. */
function randomGraph(n: number, m: number, types: number, seed: number): ModelInput {
  const random = createRandom(seed);
  return {
    types: Array.from({ length: types }, (_, t) => `type${t}`),
    nodeType: Array.from({ length: n }, () => random.int(types)),
    edges: Array.from(
      { length: m },
      () => [random.int(n), random.int(n), 0.1 + random.next()] as [number, number, number],
    ),
  };
}

/** The model written out densely from its definition, solved by plain power iteration: an independent reference. */
function denseReference(
  input: ModelInput,
  alpha: number[][],
  prior: number[],
  d: number,
  symmetric: boolean,
): number[] {
  const n = input.nodeType.length;
  const types = input.types.length;
  const sim = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (const [a, b, w] of input.edges as ReadonlyArray<readonly [number, number, number]>) {
    sim[a][b] += w;
    if (symmetric && a !== b) sim[b][a] += w;
  }
  const total = prior.reduce((s, v) => s + v, 0);
  const W = prior.map((v) => v / total);
  const M = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    const s = input.nodeType[i];
    const block = new Array<number>(types).fill(0);
    for (let j = 0; j < n; j++) block[input.nodeType[j]] += sim[i][j] * W[j];
    const share = alpha[s].reduce((acc, a, t) => acc + (block[t] > 0 ? a : 0), 0);
    for (let j = 0; j < n; j++) {
      const t = input.nodeType[j];
      if (share > 0 && block[t] > 0) M[i][j] = (alpha[s][t] / share) * ((sim[i][j] * W[j]) / block[t]);
    }
  }
  let r = [...W];
  for (let it = 0; it < 2000; it++) {
    const next = new Array<number>(n).fill(0);
    let lost = 0;
    for (let i = 0; i < n; i++) {
      const out = M[i].reduce((s, v) => s + v, 0);
      if (out <= 0) lost += r[i];
      else for (let j = 0; j < n; j++) next[j] += d * r[i] * M[i][j];
    }
    for (let j = 0; j < n; j++) next[j] += (d * lost + 1 - d) * W[j];
    r = next;
  }
  return r;
}

const l1 = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((s, v, i) => s + Math.abs(v - b[i]), 0);

describe("solveExact", () => {
  it("agrees with a dense reference built from the definition, on random typed graphs", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 25 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer(),
        fc.boolean(),
        (n, m, types, seed, symmetric) => {
          const input = randomGraph(n, m, types, seed);
          const random = createRandom(seed + 1);
          const alpha = Array.from({ length: types }, () => {
            const row = Array.from({ length: types }, () => 0.1 + random.next());
            const sum = row.reduce((s, v) => s + v, 0);
            return row.map((v) => v / sum);
          });
          const prior = Array.from({ length: n }, () => random.next() + 0.01);
          const model = createModel(input, { alpha, prior, symmetric, damping: 0.85 });
          const { scores, converged } = solveExact(model, { tolerance: 1e-13 });
          expect(converged).toBe(true);
          expect(l1(scores, denseReference(input, alpha, prior, 0.85, symmetric))).toBeLessThan(1e-9);
          expect(Array.from(scores).reduce((s, v) => s + v, 0)).toBeCloseTo(1, 9);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("agrees with networkx's pagerank (committed reference, scripts/networkx-reference.py)", () => {
    const fixture = JSON.parse(readFileSync(new URL("./fixtures/networkx-pagerank.json", import.meta.url), "utf8")) as {
      cases: Array<{ n: number; edges: Array<[number, number, number]>; prior: number[]; scores: number[] }>;
    };
    for (const c of fixture.cases) {
      const model = createModel(
        { types: ["node"], nodeType: new Array(c.n).fill(0), edges: c.edges },
        { prior: c.prior, symmetric: false },
      );
      expect(l1(solveExact(model, { tolerance: 1e-14 }).scores, c.scores)).toBeLessThan(1e-6);
    }
  });
});

describe("createMonteCarloRanker", () => {
  const input = randomGraph(60, 240, 3, 7);
  const model = createModel(input, { damping: 0.85 });
  const exact = solveExact(model).scores;

  it("converges to the exact scores like 1/√R", () => {
    const Rs = [4, 16, 64, 256];
    const errors = Rs.map((R) => {
      let sum = 0;
      for (let seed = 0; seed < 4; seed++)
        sum += l1(createMonteCarloRanker(model, { walksPerNode: R, seed }).scores(), exact);
      return sum / 4;
    });
    const slope = (Math.log(errors[3]) - Math.log(errors[0])) / (Math.log(Rs[3]) - Math.log(Rs[0]));
    expect(slope).toBeGreaterThan(-0.7);
    expect(slope).toBeLessThan(-0.3);
  });

  it("reports variance that matches the spread of its estimates across seeds, and cluster uncertainty as eq. 5-7", () => {
    const R = 20;
    const runs = Array.from({ length: 40 }, (_, seed) =>
      createMonteCarloRanker(model, { walksPerNode: R, seed: seed + 100 }),
    );
    const mean = exact;
    const perNodeEmpirical = new Float64Array(mean.length);
    const perNodeReported = new Float64Array(mean.length);
    for (const run of runs) {
      const s = run.scores();
      const v = run.variance();
      for (let j = 0; j < s.length; j++) {
        perNodeEmpirical[j] += (s[j] - mean[j]) ** 2 / runs.length;
        perNodeReported[j] += v[j] / runs.length;
      }
    }
    const total = (values: Float64Array) => values.reduce((a, v) => a + v, 0);
    // The walks' sample variance estimates the spread across seeds: in total, and node by node.
    expect(total(perNodeReported) / total(perNodeEmpirical)).toBeGreaterThan(0.8);
    expect(total(perNodeReported) / total(perNodeEmpirical)).toBeLessThan(1.25);
    expect(correlation(perNodeReported, perNodeEmpirical)).toBeGreaterThan(0.8);
    // So is the uncertainty v/r: under this uniform prior, eq. 5-5's Poisson approximation would give every node the
    // same u = (1 − d) / (N R); the sample variance ranks them as the seeds' spread does.
    const uncertaintyOf = (v: Float64Array) => Float64Array.from(v, (x, j) => x / mean[j]);
    expect(new Set(model.prior).size).toBe(1);
    expect(correlation(uncertaintyOf(perNodeReported), uncertaintyOf(perNodeEmpirical))).toBeGreaterThan(0.6);
    const ranker = runs[0];
    const labels = Array.from({ length: 60 }, (_, j) => j % 4);
    const r = ranker.scores();
    const u = ranker.uncertainty();
    const uc = ranker.clusterUncertainty(labels);
    for (let c = 0; c < 4; c++) {
      let rc = 0;
      let weighted = 0;
      for (let j = 0; j < 60; j++) if (labels[j] === c) rc += r[j];
      for (let j = 0; j < 60; j++) if (labels[j] === c) weighted += (r[j] / rc) * u[j];
      expect(uc[c]).toBeCloseTo(weighted, 12);
    }
    const flows = ranker.propagation([0, 1, 2], { topK: 3 });
    expect(flows.length).toBeLessThanOrEqual(9);
    for (const f of flows) expect(f.flow).toBeGreaterThanOrEqual(0);
  });

  it("after setPriors matches the exact solve with the new priors within the Monte Carlo error, also after five edits", () => {
    const R = 40;
    const ranker = createMonteCarloRanker(model, { walksPerNode: R, seed: 3 });
    const prior = Array.from(model.prior);
    const random = createRandom(9);
    let last = 0;
    for (let edit = 0; edit < 5; edit++) {
      const node = random.int(60);
      const before = prior.reduce((sum, v) => sum + v, 0);
      prior[node] *= edit % 2 === 0 ? 4 : 0.25;
      const total = prior.reduce((sum, v) => sum + v, 0);
      // setPriors takes weights on the scale of the current (normalised) prior: the others keep theirs.
      // Rerouting forced: on 60 nodes at R = 40 every edit passes more walks than edges, and "auto" would re-solve.
      const update = ranker.setPriors(new Map([[node, prior[node] / before]]), { strategy: "rerouted" });
      expect(update.affectedWalks).toBeGreaterThan(0);
      const newExact = solveExact(createModel(input, { prior })).scores;
      const fresh = l1(
        createMonteCarloRanker(createModel(input, { prior }), { walksPerNode: R, seed: 50 + edit }).scores(),
        newExact,
      );
      last = l1(ranker.scores(), newExact);
      expect(last).toBeLessThan(2 * fresh + 0.02);
      expect(
        l1(
          ranker.model.prior,
          Float64Array.from(prior, (v) => v / total),
        ),
      ).toBeLessThan(1e-9);
    }
    expect(last).toBeLessThan(0.2);
  });

  it("setPriors leaves the caller's model as it was, and follows rows that start or stop jumping by W", () => {
    // Node 1's only out-edge goes to node 2: with w_2 = 0 row 1 has nothing to move to and jumps by W.
    const chain = {
      types: ["node"],
      nodeType: [0, 0, 0, 0],
      edges: [
        [0, 1, 1],
        [1, 2, 1],
        [2, 3, 1],
        [3, 0, 1],
        [3, 2, 1],
      ] as [number, number, number][],
    };
    const base = createModel(chain, { symmetric: false });
    const transition = base.transition.slice();
    const ranker = createMonteCarloRanker(base, { walksPerNode: 4000, seed: 5 });
    for (const priors of [
      [1, 1, 0, 1],
      [1, 1, 2, 1],
      [0, 1, 2, 1],
    ]) {
      const current = ranker.model.prior;
      const total = priors.reduce((sum, v) => sum + v, 0);
      // On the scale of the current prior: the whole vector is replaced, so the scale is the current sum (1).
      ranker.setPriors(new Map(priors.map((v, i) => [i, v / total] as [number, number])));
      expect(
        l1(
          ranker.model.prior,
          Float64Array.from(priors, (v) => v / total),
        ),
      ).toBeLessThan(1e-12);
      const exact = solveExact(createModel(chain, { symmetric: false, prior: priors })).scores;
      expect(l1(ranker.scores(), exact)).toBeLessThan(0.03);
      expect(current).not.toBe(ranker.model.prior);
    }
    expect(base.transition).toEqual(transition);
    expect(Array.from(base.prior)).toEqual([0.25, 0.25, 0.25, 0.25]);
  });
});

describe("jumps by W after edits", () => {
  it("are drawn with the edited prior's probabilities (200,000 draws after edits up, down, to 0 and a rebuild)", () => {
    const random = createRandom(11);
    const n = 50;
    let prior = Float64Array.from({ length: n }, (_, i) => 1 + (i % 7));
    const normalise = (p: Float64Array) => p.map((v) => v / p.reduce((a, b) => a + b, 0));
    prior = normalise(prior);
    const jump = new PriorJump(prior);
    const steps: Array<Array<[number, number]>> = [
      [[3, 40]],
      [
        [10, 0],
        [11, 0.05],
      ],
      [[3, 0.5]],
      [[20, 30]],
      [
        [21, 1e-3],
        [22, 12],
      ],
    ];
    for (const step of steps) {
      const raw = Float64Array.from(prior);
      for (const [i, factor] of step) raw[i] *= factor;
      prior = normalise(raw);
      jump.update(
        prior,
        step.map(([i]) => i),
      );
      const draws = 200_000;
      const counts = new Float64Array(n);
      for (let d = 0; d < draws; d++) counts[jump.sample(random)]++;
      for (let i = 0; i < n; i++) {
        const sigma = Math.sqrt(draws * prior[i] * (1 - prior[i])) + 1;
        expect(Math.abs(counts[i] - draws * prior[i]), `node ${i}`).toBeLessThan(5 * sigma);
      }
      if (prior[10] === 0) expect(counts[10]).toBe(0);
    }
  });

  it("draw from the edited prior exactly: on a graph of mostly dangling nodes, edits up, down and to 0 stay as close to the exact solve as a fresh solve", () => {
    // 400 nodes, only the first 40 have out-edges: most walks jump by W, so W's sampler carries the ranking.
    const random = createRandom(5);
    const edges: Array<[number, number, number]> = [];
    for (let a = 0; a < 40; a++) for (let e = 0; e < 3; e++) edges.push([a, random.int(400), 1]);
    const input = { types: ["node"], nodeType: new Array(400).fill(0), edges };
    const model = createModel(input, { symmetric: false });
    const ranker = createMonteCarloRanker(model, { walksPerNode: 60, seed: 3 });
    const prior = Float64Array.from(model.prior);
    const edits: Array<[number, number]> = [
      [300, 40],
      [7, 0.01],
      [250, 0],
      [301, 25],
      [300, 0.5],
    ];
    for (const [node, factor] of edits) {
      const weight = factor === 0 ? 0 : factor * ranker.model.prior[node];
      ranker.setPriors(new Map([[node, weight]]));
      prior[node] = factor === 0 ? 0 : factor * prior[node];
    }
    const exact = solveExact(createModel(input, { symmetric: false, prior })).scores;
    const fresh = createMonteCarloRanker(createModel(input, { symmetric: false, prior }), {
      walksPerNode: 60,
      seed: 9,
    });
    const l1 = (a: ArrayLike<number>) => Array.from(exact).reduce((sum, x, i) => sum + Math.abs(x - a[i]), 0);
    expect(ranker.scores()[250]).toBeLessThan(exact[250] + 0.002);
    expect(l1(ranker.scores())).toBeLessThan(1.5 * l1(fresh.scores()));
  });
});

describe("createModel's edge input", () => {
  it("reads parallel typed arrays as it reads triples, summing repeated edges and dropping zero weights", () => {
    const triples: Array<[number, number, number]> = [
      [2, 0, 1],
      [0, 1, 0.5],
      [2, 0, 2],
      [1, 1, 1],
      [0, 3, 0],
      [3, 2, 0.25],
    ];
    const input = { types: ["a", "b"], nodeType: [0, 1, 0, 1] };
    const fromTriples = createModel({ ...input, edges: triples });
    const fromArrays = createModel({
      ...input,
      edges: {
        from: Int32Array.from(triples, (t) => t[0]),
        to: Int32Array.from(triples, (t) => t[1]),
        weight: Float64Array.from(triples, (t) => t[2]),
      },
    });
    for (const key of ["offsets", "targets", "similarity", "transition"] as const) {
      expect(Array.from(fromArrays[key])).toEqual(Array.from(fromTriples[key]));
    }
    // Row 0: 1 (0.5) and 2 (1 + 2, both ways); row 1: itself once; row 3: 2 only (the zero edge to 0 dropped).
    expect(Array.from(fromTriples.offsets)).toEqual([0, 2, 4, 6, 7]);
    expect(Array.from(fromTriples.targets)).toEqual([1, 2, 0, 1, 0, 3, 2]);
    expect(Array.from(fromTriples.similarity)).toEqual([0.5, 3, 0.5, 1, 3, 0.25, 0.25]);
    expect(() => createModel({ ...input, edges: { from: [0], to: [1, 2], weight: [1] } })).toThrow(
      expect.objectContaining({ code: "E_SHAPE", argument: "input.edges" }),
    );
    expect(() => createModel({ ...input, edges: { from: [0], to: [9], weight: [1] } })).toThrow(
      expect.objectContaining({ code: "E_RANGE", argument: "input.edges[0][1]" }),
    );
  });
});
