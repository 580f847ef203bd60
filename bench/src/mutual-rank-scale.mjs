// One scale run of @clearbox/mutual-rank, in a process of its own (so its peak RSS is its own): a synthetic
// collection (mutual-rank-collection.mjs) written as NDJSON, then timed from rows to ranked lists with uncertainty —
// NDJSON read line by line into fromTweetStream, createModel, the Monte Carlo ranker, and the top 200 of every type
// with each score's standard deviation. Prints one JSON line.
// With RECALL_SAMPLE (e.g. 300) it then checks the similar-post search on that many posts against the exact top 5
// (mutual-rank-recall.mjs), after the peak RSS is read: the check's own memory is not the pipeline's.
//   node --max-old-space-size=14000 bench/src/mutual-rank-scale.mjs ROWS [WALKS_PER_NODE] [FILE] [RECALL_SAMPLE]
import { existsSync } from "node:fs";
import { createModel, createMonteCarloRanker, fromTweetStream, topK } from "@clearbox/mutual-rank";
import { readNdjson, writeSyntheticNdjson } from "./mutual-rank-collection.mjs";
import { sampledRecall } from "./mutual-rank-recall.mjs";

const rows = Number(process.argv[2] ?? 1_425_017);
const walksPerNode = Number(process.argv[3] ?? 5);
const file = process.argv[4] || `/tmp/clearbox-synthetic-${rows}.ndjson`;
const recallSample = Number(process.argv[5] ?? 0);
if (!existsSync(file)) writeSyntheticNdjson(file, { rows, seed: 1 });

const phases = {};
// The kernel's peak (ru_maxrss, KiB): a timer sampling RSS never fired inside the synchronous phases (createModel, the
// walks), so it saw only the peaks between them.
const peakMiB = () => Math.round(process.resourceUsage().maxRSS / 1024);
const timed = async (name, fn) => {
  const [start, cpu] = [performance.now(), process.cpuUsage()];
  const result = await fn();
  const used = process.cpuUsage(cpu);
  phases[name] = {
    wallS: +((performance.now() - start) / 1000).toFixed(2),
    cpuS: +((used.user + used.system) / 1e6).toFixed(2),
  };
  // Each phase as it ends, on stderr: a run stopped before the end still says how far it got.
  process.stderr.write(`${name}: ${JSON.stringify(phases[name])}, peak RSS so far ${peakMiB()} MiB\n`);
  return result;
};
const alpha = [
  [0.4, 0.3, 0.3],
  [0.3, 0.4, 0.3],
  [0.3, 0.3, 0.4],
];
const graph = await timed("read + fromTweetStream", () =>
  fromTweetStream(readNdjson(file), { text: "text", author: "name" }),
);
const model = await timed("createModel", () => createModel(graph, { alpha }));
const ranker = await timed("Monte Carlo", () => createMonteCarloRanker(model, { walksPerNode, seed: 1 }));
const lists = await timed("top 200 per type with uncertainty", () => {
  const scores = ranker.scores();
  const sd = ranker.uncertainty();
  return [0, 1, 2].map((type) => topK(scores, model.nodeType, type, 200).map((i) => [i, scores[i], sd[i]]));
});
const total = Object.values(phases).reduce((s, p) => s + p.wallS, 0);
const peakRssMiB = peakMiB();
const recall = recallSample > 0 ? await sampledRecall(file, graph, { sample: recallSample }) : undefined;
console.log(
  JSON.stringify({
    rows,
    posts: graph.posts,
    users: graph.users,
    hashtags: graph.hashtags,
    edges: graph.edges.from.length,
    walks: ranker.storage.walks,
    walksPerNode,
    totalS: +total.toFixed(2),
    peakRssMiB,
    recall,
    phases,
    topPost: lists[0][0],
  }),
);
