import { describe, expect, it } from "vitest";
import { createRandom } from "@clearbox/core";
import { isClearboxError } from "@clearbox/core";
import * as clusterSync from "@clearbox/cluster";
import * as clusterAsync from "@clearbox/cluster/async";
import * as rectPackSync from "@clearbox/rect-pack";
import * as rectPackAsync from "@clearbox/rect-pack/async";
import * as reorderSync from "@clearbox/reorder";
import * as reorderAsync from "@clearbox/reorder/async";
import * as biclusterSync from "@clearbox/bicluster";
import * as biclusterAsync from "@clearbox/bicluster/async";
import * as blueNoiseSync from "@clearbox/blue-noise";
import * as blueNoiseAsync from "@clearbox/blue-noise/async";
import * as mutualRankSync from "@clearbox/mutual-rank";
import * as mutualRankAsync from "@clearbox/mutual-rank/async";
import * as chartsSync from "@clearbox/charts";
import * as chartsAsync from "@clearbox/charts/async";

// Every ./async export, in Node (worker_threads): a real AbortController aborted 50 ms after the call rejects with
// E_ABORTED within a generous bound of the abort (the latency is printed), and a small input with a seed gives the
// synchronous form's result exactly. "big" inputs are sized to run well past the abort.

type Fn = (...args: never[]) => unknown;
/** `small`: arguments to compare with the synchronous form; `big`: arguments ending with the options object. */
type Case = { small: () => unknown[]; big: () => unknown[] };

const rows = (n: number, d: number, seed = 1) => {
  const random = createRandom(seed);
  return Array.from({ length: n }, (_, i) => Array.from({ length: d }, (_, j) => random.next() + ((i * 7 + j) % 5)));
};
const rects = (n: number, seed = 2) => {
  const random = createRandom(seed);
  return Array.from({ length: n }, () => ({ width: 1 + 9 * random.next(), height: 1 + 9 * random.next() }));
};
const graph = (n: number, degree: number, seed = 3) => {
  const random = createRandom(seed);
  const edges: number[][] = [];
  for (let u = 0; u < n; u++) for (let k = 0; k < degree; k++) edges.push([u, random.int(n), 1]);
  return { nodes: n, edges };
};
const segments = (n: number, seed = 4) => {
  const random = createRandom(seed);
  return Array.from({ length: n }, () => [0, 100 * random.next(), 300, 100 * random.next()] as const);
};
const bipartite = (n: number, p: number, seed = 5) => {
  const random = createRandom(seed);
  const edges: [number, number][] = [];
  for (let u = 0; u < n; u++) for (let v = 0; v < n; v++) if (random.next() < p) edges.push([u, v]);
  return edges;
};
const strengths = (n: number) =>
  biclusterSync.clusterStrengths(
    rows(n, n, 6).map((r) => r.map((v) => v - 2.5)),
    [...Array(n).keys()],
    [...Array(n).keys()],
  );
const tweets = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    text: `post ${i} about #t${i % 17} and #t${(i * 3) % 11} with @u${i % 23} words w${i % 31} w${i % 7}`,
    author: `u${i % 97}`,
  }));
const model = (n: number) => {
  const { edges } = graph(n, 4, 7);
  return mutualRankSync.createModel({
    types: ["a", "b"],
    nodeType: Array.from({ length: n }, (_, i) => i % 2),
    edges: edges.map(([u, v]) => [u, v, 1] as const),
  });
};

const cases: Record<string, Record<string, Case>> = {
  cluster: {
    kmeans: { small: () => [rows(300, 3), 4, { seed: 1 }], big: () => [rows(200_000, 4), 60, { seed: 1 }] },
    meanShift: { small: () => [rows(120, 2), { bandwidth: 1 }], big: () => [rows(40_000, 2), { bandwidth: 0.5 }] },
    greedyModularity: { small: () => [graph(60, 3)], big: () => [graph(20_000, 6), {}] },
    leiden: { small: () => [graph(60, 3), { seed: 1 }], big: () => [graph(200_000, 6), { seed: 1 }] },
    divisiveHierarchy: {
      small: () => [rows(60, 4), "cosine", { seed: 1 }],
      big: () => [rows(6_000, 16), "cosine", { seed: 1 }],
    },
    knnGraph: { small: () => [rows(100, 5), 4], big: () => [rows(20_000, 16), 10, "cosine", {}] },
    principalComponents: { small: () => [rows(200, 5), 2], big: () => [rows(100_000, 30), 3, {}] },
  },
  "rect-pack": {
    packFast: { small: () => [rects(40), { seed: 1 }], big: () => [rects(40_000), { seed: 1 }] },
    packOptimal: { small: () => [rects(5)], big: () => [rects(20), {}] },
    packHierarchical: {
      small: () => [rects(30), { seed: 1, features: rows(30, 4) }],
      big: () => [rects(20_000), { seed: 1, features: rows(20_000, 8) }],
    },
  },
  reorder: {
    heldKarp: {
      small: () => [reorderSync.distanceMatrix(rows(8, 3))],
      big: () => [reorderSync.distanceMatrix(rows(19, 3)), {}],
    },
    reorderRows: { small: () => [rows(30, 5), { seed: 1 }], big: () => [rows(3_000, 20), { seed: 1 }] },
    similarityMatrix: { small: () => [rows(40, 4)], big: () => [rows(5_000, 100), {}] },
    distanceMatrix: { small: () => [rows(40, 4)], big: () => [rows(5_000, 100), {}] },
  },
  bicluster: {
    closedBicliques: { small: () => [bipartite(8, 0.5)], big: () => [bipartite(120, 0.5), {}] },
    weightedBicluster: { small: () => [strengths(6)], big: () => [strengths(400), {}] },
  },
  "blue-noise": {
    sampleBlueNoise: {
      small: () => [rows(200, 12), { seed: 1, count: 20 }],
      big: () => [rows(30_000, 60), { seed: 1, count: 3_000 }],
    },
    samplingQuality: {
      small: () => [rows(100, 12), [1, 5, 9, 30]],
      big: () => [rows(30_000, 60), [...Array(3_000).keys()], {}],
    },
  },
  "mutual-rank": {
    solveExact: { small: () => [model(50)], big: () => [model(60_000), { tolerance: 1e-15 }] },
    monteCarloScores: {
      small: () => [model(50), { walksPerNode: 5, seed: 1 }],
      big: () => [model(60_000), { walksPerNode: 40, seed: 1 }],
    },
    fromTweets: {
      small: () => [tweets(40), { text: "text", author: "author" }],
      big: () => [tweets(40_000), { text: "text", author: "author" }],
    },
  },
  charts: {
    bundleEdges: { small: () => [segments(12)], big: () => [segments(4_000), {}] },
  },
};

const modules: Record<string, [Record<string, unknown>, Record<string, unknown>]> = {
  cluster: [clusterSync, clusterAsync],
  "rect-pack": [rectPackSync, rectPackAsync],
  reorder: [reorderSync, reorderAsync],
  bicluster: [biclusterSync, biclusterAsync],
  "blue-noise": [blueNoiseSync, blueNoiseAsync],
  "mutual-rank": [mutualRankSync, mutualRankAsync],
  charts: [chartsSync, chartsAsync],
};

describe("every ./async export", () => {
  it("has a case here (a new async form needs one)", () => {
    for (const [pkg, [, asyncForms]] of Object.entries(modules)) {
      expect(Object.keys(asyncForms).sort(), pkg).toEqual(Object.keys(cases[pkg]).sort());
    }
  });

  const all = Object.entries(cases).flatMap(([pkg, fns]) =>
    Object.entries(fns).map(([name, c]) => [pkg, name, c] as const),
  );

  it.each(all)("%s %s: same result as the synchronous form", async (pkg, name, c) => {
    const [syncForms, asyncForms] = modules[pkg];
    const args = c.small();
    const expected = (syncForms[name] as Fn)(...(args as never[]));
    await expect((asyncForms[name] as Fn)(...(args as never[]))).resolves.toEqual(expected);
  });

  it.each(all)("%s %s: aborted 50 ms after the call, rejects with E_ABORTED at once", async (pkg, name, c) => {
    const [, asyncForms] = modules[pkg];
    const args = c.big();
    const controller = new AbortController();
    const callArgs = [...args.slice(0, -1), { ...(args[args.length - 1] as object), signal: controller.signal }];
    let abortedAt = 0;
    const started = performance.now();
    const pending = (asyncForms[name] as Fn)(...(callArgs as never[])) as Promise<unknown>;
    setTimeout(() => {
      abortedAt = performance.now();
      controller.abort();
    }, 50);
    const error = await pending.then(
      () =>
        new Error(
          `${name} finished ${Math.round(performance.now() - started)} ms after the call: make its input bigger`,
        ),
      (e: unknown) => e,
    );
    const latency = performance.now() - abortedAt;
    console.log(`${pkg} ${name}: rejected ${latency.toFixed(1)} ms after the abort`);
    expect(isClearboxError(error, "E_ABORTED"), String(error)).toBe(true);
    expect(latency).toBeLessThan(150);
  });
});
