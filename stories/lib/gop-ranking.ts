import { csvParse } from "d3-dsv";
import type { Flow, RankCluster } from "@clearbox/charts";
import { createModel, createMonteCarloRanker, fromTweets, topK } from "@clearbox/mutual-rank";
import type { MonteCarloRanker, TweetGraph } from "@clearbox/mutual-rank";
import csv from "../../data/tweets/gop-debate-2015.csv?raw";

/** The GOP-debate tweets ranked once for the ranking chart stories (R = 10, seed 1). */
export interface GopRanking {
  graph: TweetGraph;
  ranker: MonteCarloRanker;
  /** The top hashtags (node ids), most important first. */
  hashtags: number[];
  /** One cluster per top hashtag: its posts as members, their uncertainty as a percentile among all posts (0–1). */
  clusters: RankCluster[];
  /** Co-occurrence links between the top hashtags. */
  links: { source: number; target: number; weight: number }[];
  /** Uncertainty flows (eq. 5-8/5-9) between the top hashtags, by cluster index. */
  flows: Flow[];
}

const cache = new Map<number, GopRanking>();

export function gopRanking(count: number): GopRanking {
  const cached = cache.get(count);
  if (cached) return cached;
  const graph = fromTweets(csvParse(csv), { text: "text", author: "name" });
  const ranker = createMonteCarloRanker(createModel(graph), { walksPerNode: 10, seed: 1 });
  const scores = ranker.scores();
  const uncertainty = ranker.uncertainty();
  const hashtags = topK(scores, graph.nodeType, 2, count);
  const cluster = new Map(hashtags.map((h, c) => [h, c]));
  const members: number[][] = hashtags.map(() => []);
  const links = new Map<string, { source: number; target: number; weight: number }>();
  const edges = graph.edges as ArrayLike<readonly [number, number, number]>;
  for (let e = 0; e < edges.length; e++) {
    const [a, b, w] = edges[e];
    const [ca, cb] = [cluster.get(a), cluster.get(b)];
    if (ca !== undefined && graph.nodeType[b] === 0) members[ca].push(b);
    if (cb !== undefined && graph.nodeType[a] === 0) members[cb].push(a);
    if (ca !== undefined && cb !== undefined && ca !== cb) {
      const key = `${Math.min(ca, cb)}-${Math.max(ca, cb)}`;
      const link = links.get(key) ?? { source: Math.min(ca, cb), target: Math.max(ca, cb), weight: 0 };
      link.weight += w;
      links.set(key, link);
    }
  }
  // Uncertainty as a percentile among the posts: the raw ratios span orders of magnitude.
  const order = Array.from({ length: graph.posts }, (_, i) => i).sort((a, b) => uncertainty[a] - uncertainty[b]);
  const percentile = new Float64Array(graph.posts);
  order.forEach((p, rank) => (percentile[p] = rank / Math.max(1, graph.posts - 1)));
  const clusters = hashtags.map((h, c) => {
    const posts = [...new Set(members[c])];
    return {
      label: graph.names[h],
      importance: scores[h],
      uncertainty: posts.map((p) => percentile[p]),
      members: posts.map((p) => ({ label: `post ${graph.names[p]}`, importance: scores[p] })),
    };
  });
  const flows = ranker.propagation(hashtags, { topK: 400 }).flatMap((f) => {
    const to = cluster.get(f.to);
    const from = cluster.get(f.from);
    return to === undefined || from === undefined ? [] : [{ from, to, flow: f.flow }];
  });
  const result = { graph, ranker, hashtags, clusters, links: [...links.values()], flows };
  cache.set(count, result);
  return result;
}
