// The GOP-debate tweets ranked by MutualRanker (R = 10, seed 1) and summarised by their top hashtags, as the ranking
// charts draw them: one cluster per hashtag with its posts as members, co-occurrence links, and the uncertainty flows
// between the hashtags. Shared by the chart stories and the docs figures; the caller reads the CSV.
import { createModel, createMonteCarloRanker, fromTweets, topK } from "@clearbox/mutual-rank";

/**
 * @param rows - the parsed data/tweets/gop-debate-2015.csv (d3-dsv's csvParse)
 * @param count - how many top hashtags
 * @returns `{ graph, ranker, hashtags, clusters, links, flows }`; a cluster's member uncertainty is each post's
 *   percentile among all posts (the raw ratios span orders of magnitude), flows are by cluster index
 */
export function gopRanking(rows, count) {
  const graph = fromTweets(rows, { text: "text", author: "name" });
  const ranker = createMonteCarloRanker(createModel(graph), { walksPerNode: 10, seed: 1 });
  const scores = ranker.scores();
  const uncertainty = ranker.uncertainty();
  const hashtags = topK(scores, graph.nodeType, 2, count);
  const cluster = new Map(hashtags.map((h, c) => [h, c]));
  const members = hashtags.map(() => new Set());
  const links = new Map();
  for (const [a, b, w] of graph.edges) {
    const [ca, cb] = [cluster.get(a), cluster.get(b)];
    if (ca !== undefined && graph.nodeType[b] === 0) members[ca].add(b);
    if (cb !== undefined && graph.nodeType[a] === 0) members[cb].add(a);
    if (ca !== undefined && cb !== undefined && ca !== cb) {
      const [source, target] = ca < cb ? [ca, cb] : [cb, ca];
      const link = links.get(`${source}-${target}`) ?? { source, target, weight: 0 };
      link.weight += w;
      links.set(`${source}-${target}`, link);
    }
  }
  const order = Array.from({ length: graph.posts }, (_, i) => i).sort((a, b) => uncertainty[a] - uncertainty[b]);
  const percentile = new Float64Array(graph.posts);
  order.forEach((p, rank) => (percentile[p] = rank / Math.max(1, graph.posts - 1)));
  const clusters = hashtags.map((h, c) => ({
    label: graph.names[h],
    importance: scores[h],
    uncertainty: [...members[c]].map((p) => percentile[p]),
    members: [...members[c]].map((p) => ({ label: `post ${graph.names[p]}`, importance: scores[p] })),
  }));
  const flows = ranker.propagation(hashtags, { topK: 400 }).flatMap((f) => {
    const [from, to] = [cluster.get(f.from), cluster.get(f.to)];
    return from === undefined || to === undefined ? [] : [{ from, to, flow: f.flow }];
  });
  return { graph, ranker, hashtags, clusters, links: [...links.values()], flows };
}
