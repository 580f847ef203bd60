// @clearbox/mutual-rank: exact and Monte Carlo solves on 10^5 nodes / 10^6 edges side by side with
// graphology-metrics' and ngraph.pagerank's PageRank on the same graph; a prior edit against re-running the walks;
// and the GOP-debate tweets end to end (graph building, solves, an edit of a top hashtag, top-200 agreement).
import { readFileSync } from "node:fs";
import { csvParse } from "d3-dsv";
import Graph from "graphology";
import pagerankGraphology from "graphology-metrics/centrality/pagerank.js";
import createNgraph from "ngraph.graph";
import pagerankNgraph from "ngraph.pagerank";
import { createRandom } from "@clearbox/core";
import { createModel, createMonteCarloRanker, fromTweets, solveExact, topK } from "@clearbox/mutual-rank";
import { measure, writeReport } from "./measure.mjs";

const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);
const l1 = (a, b) => Array.from(a).reduce((s, v, i) => s + Math.abs(v - b[i]), 0);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function runMutualRankBench() {
  const sections = [];

  // 10^5 nodes, 10^6 directed edges (random, weight 1), one type: plain PageRank, comparable across libraries.
  const n = 100_000;
  const m = 1_000_000;
  const random = createRandom(1);
  const edges = [];
  const seen = new Set();
  while (edges.length < m) {
    const a = random.int(n);
    // A skewed target distribution, so that some nodes are hubs.
    const b = Math.floor(n * random.next() ** 3);
    if (a === b || seen.has(a * n + b)) continue;
    seen.add(a * n + b);
    edges.push([a, b, 1]);
  }
  const input = { types: ["node"], nodeType: new Int32Array(n), edges };
  const build = measure(() => createModel(input, { symmetric: false }), { repeats: 1, warmup: false });
  const model = build.result;
  const exact = measure(() => solveExact(model, { tolerance: 1e-9 }), { repeats: 3, warmup: false });
  const mc = measure(() => createMonteCarloRanker(model, { walksPerNode: 5, seed: 1 }), { repeats: 3, warmup: false });
  const gGraph = new Graph({ type: "directed" });
  for (let i = 0; i < n; i++) gGraph.addNode(i);
  for (const [a, b] of edges) gGraph.addEdge(a, b);
  const gRank = measure(() => pagerankGraphology(gGraph, { alpha: 0.85, tolerance: 1e-9, getEdgeWeight: null }), {
    repeats: 3,
    warmup: false,
  });
  const nGraph = createNgraph();
  for (let i = 0; i < n; i++) nGraph.addNode(i);
  for (const [a, b] of edges) nGraph.addLink(a, b);
  const nRank = measure(() => pagerankNgraph(nGraph, 0.85, 1e-9), { repeats: 3, warmup: false });
  const asArray = (scores) => Float64Array.from({ length: n }, (_, i) => scores[i]);
  const exactScores = exact.result.scores;
  const ranker = mc.result;
  const storage = ranker.storage;
  sections.push({
    heading: "10^5 nodes, 10^6 directed edges (one type, uniform prior)",
    note: "Median of 3 runs (model building: 1). L1 to clearbox's exact solve (tolerance 1e-9). graphology-metrics 2.4 and ngraph.pagerank on the same edges; they redistribute dangling nodes uniformly, as clearbox does with a uniform prior.",
    rows: [
      { solver: "clearbox createModel (CSR, transitions)", time: fmt(build.ms), "L1 to exact": "—", note: "" },
      {
        solver: "clearbox solveExact",
        time: fmt(exact.ms),
        "L1 to exact": "0",
        note: `${exact.result.iterations} iterations`,
      },
      {
        solver: "clearbox Monte Carlo, R = 5",
        time: fmt(mc.ms),
        "L1 to exact": l1(ranker.scores(), exactScores).toFixed(4),
        note: `${storage.walks.toLocaleString("en")} walks, ${storage.steps.toLocaleString("en")} steps, ${(storage.bytes / 2 ** 20).toFixed(1)} MiB stored`,
      },
      {
        solver: "graphology-metrics pagerank",
        time: fmt(gRank.ms),
        "L1 to exact": l1(asArray(gRank.result), exactScores).toFixed(6),
        note: "",
      },
      {
        solver: "ngraph.pagerank",
        time: fmt(nRank.ms),
        "L1 to exact": l1(asArray(nRank.result), exactScores).toFixed(6),
        note: "",
      },
    ],
  });

  // Prior edits on top nodes, against re-running the walks.
  const top = topK(exactScores, model.nodeType, 0, 5);
  const editTimes = [];
  const affected = [];
  for (const node of top) {
    const start = performance.now();
    const update = ranker.setPriors(new Map([[node, 3 * ranker.model.prior[node]]]));
    editTimes.push(performance.now() - start);
    affected.push(update.affectedWalks);
  }
  // And on nodes of middling rank (the 1,000th to 50,000th), the usual edit of an analyst going down a list.
  const ranked = topK(exactScores, model.nodeType, 0, n);
  const middleTimes = [];
  const middleAffected = [];
  for (const rank of [1000, 5000, 10000, 20000, 50000]) {
    const node = ranked[rank];
    const start = performance.now();
    const update = ranker.setPriors(new Map([[node, 3 * ranker.model.prior[node]]]));
    middleTimes.push(performance.now() - start);
    middleAffected.push(update.affectedWalks);
  }
  sections.push({
    heading: "Prior edits (10^5 nodes, 10^6 edges, R = 5)",
    note: "Successive edits, each tripling one node's prior; the walks are reweighted, not run again. A walk is affected when it leaves an in-neighbour of the edited node (that row of M renormalises), so the cost follows the edited node's in-degree: the top nodes of this skewed graph have tens of thousands of in-neighbours.",
    rows: [
      {
        operation: "setPriors on a top-5 node (median of 5 edits)",
        time: fmt(median(editTimes)),
        "affected walks": `${median(affected).toLocaleString("en")} of ${storage.walks.toLocaleString("en")}`,
        "speed-up over re-running the walks": `${(mc.ms / median(editTimes)).toFixed(1)}×`,
      },
      {
        operation: "setPriors on nodes ranked 1,000th … 50,000th (median of 5)",
        time: fmt(median(middleTimes)),
        "affected walks": `${median(middleAffected).toLocaleString("en")} of ${storage.walks.toLocaleString("en")}`,
        "speed-up over re-running the walks": `${(mc.ms / median(middleTimes)).toFixed(1)}×`,
      },
      {
        operation: "createMonteCarloRanker again",
        time: fmt(mc.ms),
        "affected walks": "all",
        "speed-up over re-running the walks": "1×",
      },
    ],
  });

  // The GOP-debate tweets.
  const rows = csvParse(readFileSync(new URL("../../data/tweets/gop-debate-2015.csv", import.meta.url), "utf8"));
  const graph = measure(() => fromTweets(rows, { text: "text", author: "name" }), { repeats: 3, warmup: false });
  const alpha = [
    [0.4, 0.3, 0.3],
    [0.3, 0.4, 0.3],
    [0.3, 0.3, 0.4],
  ];
  const tweets = createModel(graph.result, { alpha });
  const tweetExact = measure(() => solveExact(tweets), { repeats: 3, warmup: false });
  const tweetMc = measure(() => createMonteCarloRanker(tweets, { walksPerNode: 10, seed: 1 }), {
    repeats: 3,
    warmup: false,
  });
  const hashtag = topK(tweetExact.result.scores, tweets.nodeType, 2, 4)[3];
  const tweetRanker = tweetMc.result;
  const start = performance.now();
  const update = tweetRanker.setPriors(new Map([[hashtag, 5 * tweetRanker.model.prior[hashtag]]]));
  const editMs = performance.now() - start;
  const prior = Float64Array.from(tweets.prior);
  prior[hashtag] *= 5;
  const after = solveExact(createModel(graph.result, { alpha, prior })).scores;
  const updated = tweetRanker.scores();
  const agreement = (type) => {
    const truth = topK(after, tweets.nodeType, type, 200);
    const found = topK(updated, tweets.nodeType, type, 200);
    const cut = after[truth[truth.length - 1]];
    const plain = found.filter((i) => truth.includes(i)).length / 200;
    const tieAware = found.filter((i) => after[i] >= cut - 1e-15).length / 200;
    return `${plain.toFixed(3)} (tie-aware ${tieAware.toFixed(3)})`;
  };
  sections.push({
    heading: "The GOP-debate tweets (13,871 posts) end to end",
    note: `fromTweets gives ${graph.result.posts.toLocaleString("en")} posts, ${graph.result.users.toLocaleString("en")} users, ${graph.result.hashtags.toLocaleString("en")} hashtags and ${graph.result.edges.length.toLocaleString("en")} edges. The edit multiplies the 4th hashtag's (${graph.result.names[hashtag]}) prior by 5; top-200 overlap with the exact solve under the new priors (tie-aware: an element counts when its exact score reaches the 200th's; posts are full of exact ties — retweets of one text).`,
    rows: [
      { step: "fromTweets (median of 3)", time: fmt(graph.ms), result: "" },
      { step: "solveExact", time: fmt(tweetExact.ms), result: `${tweetExact.result.iterations} iterations` },
      {
        step: "Monte Carlo, R = 10",
        time: fmt(tweetMc.ms),
        result: `${(tweetRanker.storage.bytes / 2 ** 20).toFixed(1)} MiB of walks`,
      },
      {
        step: `setPriors on ${graph.result.names[hashtag]}`,
        time: fmt(editMs),
        result: `${update.affectedWalks.toLocaleString("en")} walks affected, ${update.resampledWalks.toLocaleString("en")} resampled; top-200 overlap posts ${agreement(0)}, users ${agreement(1)}, hashtags ${agreement(2)}`,
      },
    ],
  });

  writeReport("mutual-rank", "@clearbox/mutual-rank", sections);
}
