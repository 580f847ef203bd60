// MutualRanker (thesis chapter 5, ALGORITHMS.md §8–§9) over a tweet collection, composed from the clearbox packages.
// One module for the Vite page and the Node report, so that the two cannot disagree:
//   rankCollection(rows, collection) → the three-type graph, the Monte Carlo ranker and the clusters
//   topElements / rankGraphView / flowMapView read the current scores; editPrior changes one prior incrementally.
import { greedyModularity } from "@clearbox/cluster";
import { createModel, createMonteCarloRanker, fromTweets, topicPrior, topK } from "@clearbox/mutual-rank";
import { createTimings } from "@clearbox/demo-kit/timings";
import { repairText } from "./text-repair.mjs";

export const POST = 0;
export const USER = 1;
export const HASHTAG = 2;
export const TYPE_NAMES = ["posts", "users", "hashtags"];

/** The issues of the debate, as the GOP set's subject categories name them: the topic prior's query. */
export const DEBATE_ISSUES =
  "religion, foreign policy, women's issues, racial issues, abortion, jobs and economy, immigration, LGBT issues, healthcare and medicare, gun control";

/** The collections the app ships (data/), with their column names and where they come from. */
export const COLLECTIONS = {
  "gop-debate-2015": {
    label: "First 2016 GOP primary debate, Aug 2015 (13,871 tweets)",
    columns: { text: "text", author: "name" },
    // The source's mis-decoded emoji and punctuation are repaired where one reading fits (src/text-repair.mjs).
    repair: true,
    // The analyst's query: the debate's issues, as the collection's own subject categories name them.
    topic: DEBATE_ISSUES,
    source:
      'CrowdFlower "First GOP Debate Twitter Sentiment" (listed on Kaggle, CC BY-NC-SA 4.0), trimmed to name, text, tweet_created and the crowd label subject_matter; re-encoded to UTF-8 from Mac Roman.',
  },
  nicar19: {
    label: "NICAR 2019 data-journalism conference (6,108 tweets)",
    columns: { text: "tweet_text", author: "user_screen_name", replyTo: "in_reply_to_screen_name" },
    source:
      "#NICAR19 tweets as published on GitHub (no licence file in the source repository; for research and demonstration, with attribution), trimmed to author, text, reply target and date.",
  },
  "demonetization-2016": {
    label: "India's demonetization, Nov 2016 (8,000 tweets)",
    columns: { text: "text", author: "screenName", replyTo: "replyToSN" },
    source:
      "#Demonetization tweets as published on GitHub (no licence file in the source repository; for research and demonstration, with attribution), trimmed to author, text, reply target and date; the source's truncated tweets keep their garbled endings.",
  },
};

/**
 * Build the graph (copies of one text are one post), weigh it by the collection's topic when it has one, solve it by
 * Monte Carlo (R walks per node: scores with their uncertainty), and cluster the top hashtags and users by greedy
 * modularity on their co-occurrence / interaction graphs.
 * @param {Record<string, string>[]} rows - the collection's records (d3-dsv's csvParse)
 * @param {{ columns: { text: string, author: string, replyTo?: string }, repair?: boolean, topic?: string }} collection
 *   - one of COLLECTIONS
 * @param {{ walksPerNode?: number, seed?: number, clustered?: number, topic?: string | null }} [options] - R (default
 *   10), seed, how many top hashtags and users are clustered (default 150), the topic prior's query (default the
 *   collection's; null for a uniform prior)
 */
export function rankCollection(rows, collection, { walksPerNode = 10, seed = 1, clustered = 150, topic } = {}) {
  const { timings, timed } = createTimings();
  const textColumn = collection.columns.text;
  if (collection.repair) rows = rows.map((row) => ({ ...row, [textColumn]: repairText(row[textColumn]) }));
  const graph = timed("graph from the tweets (distinct posts, TF-IDF, retweets, mentions, hashtags)", () =>
    fromTweets(rows, collection.columns),
  );
  const query = topic === undefined ? collection.topic : topic;
  const prior = query ? topicPrior(graph, postTexts(graph, rows, textColumn), query).prior : undefined;
  const model = timed("model (CSR, normalised per type)", () => createModel(graph, { prior }));
  // Editable: the index edits use is built with the walks, so the analyst's first edit is as quick as the others.
  const ranker = timed(`Monte Carlo ranking, R = ${walksPerNode} (and the index edits use)`, () =>
    createMonteCarloRanker(model, { walksPerNode, seed, editable: true }),
  );
  const state = { rows, graph, model, ranker, timings, edits: [], textColumn, topic: query ?? null };
  state.authorColumn = collection.columns.author;
  state.clusters = timed("clusters of the top hashtags and users (greedy modularity)", () => [
    communities(state, HASHTAG, clustered),
    communities(state, USER, clustered),
  ]);
  return state;
}

/** Per post node, the text of the row that shows it. */
export function postTexts(graph, rows, textColumn) {
  return Array.from(graph.shownRow, (r) => rows[r][textColumn]);
}

/**
 * Communities of the `count` top elements of a type: greedy modularity (Clauset–Newman–Moore) on the edges among
 * them (hashtag co-occurrence, or retweets / replies / mentions between users). An element with no edge to the others
 * is a community of its own.
 */
function communities(state, type, count) {
  const { graph, ranker } = state;
  const members = topK(ranker.scores(), graph.nodeType, type, count);
  const index = new Map(members.map((node, i) => [node, i]));
  const raw = [];
  const degree = new Float64Array(members.length);
  for (const [a, b, w] of graph.edges) {
    const [i, j] = [index.get(a), index.get(b)];
    if (i === undefined || j === undefined || i === j) continue;
    raw.push([i, j, w]);
    degree[i] += w;
    degree[j] += w;
  }
  // Association strength w / √(d_i d_j): a hub that co-occurs with everything (#gopdebate) does not pull all into one.
  const edges = raw.map(([i, j, w]) => [i, j, w / Math.sqrt(degree[i] * degree[j])]);
  const { communities: groups } = greedyModularity({ nodes: members.length, edges });
  return { type, groups: groups.map((group) => group.map((i) => members[i])) };
}

/**
 * The top `k` elements of each type with score, uncertainty (the variance-to-mean ratio v / r, and its percentile
 * among the elements of its type) and a name (a post's name is its text, and it says how many rows are its copies).
 * @returns {Record<string, object[]>} the top elements of each type, by TYPE_NAMES
 */
export function topElements(state, k = 10) {
  const { graph, ranker, rows, textColumn } = state;
  const scores = ranker.scores();
  const uncertainty = ranker.uncertainty();
  const percentile = uncertaintyPercentiles(state);
  const describe = (node) => ({
    node,
    name: graph.nodeType[node] === POST ? rows[graph.shownRow[node]][textColumn] : graph.names[node],
    copies: graph.nodeType[node] === POST ? graph.copies[node] : undefined,
    score: scores[node],
    uncertainty: uncertainty[node],
    percentile: percentile[node],
  });
  return Object.fromEntries(
    TYPE_NAMES.map((name, type) => [name, topK(scores, graph.nodeType, type, k).map(describe)]),
  );
}

/**
 * Each node's uncertainty as its percentile among the nodes of its type (the raw ratios span orders of magnitude).
 * Kept until the next edit: the top lists and the rank graph both read it on every redraw.
 */
function uncertaintyPercentiles(state) {
  if (state.percentiles?.edits === state.edits.length) return state.percentiles.values;
  const { graph, ranker } = state;
  const u = ranker.uncertainty();
  const percentile = new Float64Array(u.length);
  for (let type = 0; type < graph.types.length; type++) {
    const nodes = [];
    graph.nodeType.forEach((t, node) => t === type && nodes.push(node));
    nodes.sort((a, b) => u[a] - u[b] || a - b);
    nodes.forEach((node, rank) => (percentile[node] = rank / Math.max(1, nodes.length - 1)));
  }
  state.percentiles = { edits: state.edits.length, values: percentile };
  return percentile;
}

/**
 * The rank graph of one type's communities: importance = Σ members' scores, ring glyph = members' uncertainty
 * percentiles, links = summed edges between communities, flows = the uncertainty the members propagate (eq. 5-8/5-9)
 * summed per pair of communities.
 * @param {object} state - the loaded collection and its ranker
 * @param {0 | 1 | 2} type - HASHTAG or USER
 * @param {{ limit?: number }} [options] - at most this many communities, the most important first (default 40)
 */
export function rankGraphData(state, type = HASHTAG, { limit = 40 } = {}) {
  const { graph, ranker } = state;
  const scores = ranker.scores();
  const percentile = uncertaintyPercentiles(state);
  const all = state.clusters.find((c) => c.type === type).groups;
  const groups = all
    .map((members) => ({ members, importance: members.reduce((s, n) => s + scores[n], 0) }))
    .sort((a, b) => b.importance - a.importance)
    .slice(0, limit);
  const community = new Map();
  groups.forEach(({ members }, c) => members.forEach((n) => community.set(n, c)));
  const links = new Map();
  for (const [a, b, w] of graph.edges) {
    const [ca, cb] = [community.get(a), community.get(b)];
    if (ca === undefined || cb === undefined || ca === cb) continue;
    const key = ca < cb ? `${ca}-${cb}` : `${cb}-${ca}`;
    const link = links.get(key) ?? { source: Math.min(ca, cb), target: Math.max(ca, cb), weight: 0 };
    link.weight += w;
    links.set(key, link);
  }
  const sources = groups.flatMap((g) => g.members);
  const summed = new Map();
  for (const f of ranker.propagation(sources, { topK: 50 })) {
    const [from, to] = [community.get(f.from), community.get(f.to)];
    if (from === undefined || to === undefined || from === to) continue;
    summed.set(`${from}-${to}`, (summed.get(`${from}-${to}`) ?? 0) + f.flow);
  }
  const flows = [...summed].map(([key, flow]) => {
    const [from, to] = key.split("-").map(Number);
    return { from, to, flow };
  });
  const clusters = groups.map(({ members, importance }) => {
    const sorted = [...members].sort((a, b) => scores[b] - scores[a]);
    return {
      label: `${graph.names[sorted[0]]}${members.length > 1 ? ` +${members.length - 1}` : ""}`,
      importance,
      uncertainty: members.map((n) => percentile[n]),
      members: sorted.map((n) => ({ label: graph.names[n], importance: scores[n] })),
      nodes: sorted,
    };
  });
  return { clusters, links: [...links.values()], flows };
}

/**
 * The flow map of the top `count` hashtags (or users) on a circle by rank: the uncertainty that the chosen sources
 * propagate to the others.
 * @param {number[]} sources - nodes whose flows are drawn
 */
export function flowMapData(state, sources, type = HASHTAG, count = 40) {
  const { graph, ranker } = state;
  const nodes = topK(ranker.scores(), graph.nodeType, type, count);
  const index = new Map(nodes.map((n, i) => [n, i]));
  const flows = ranker.propagation(sources, { topK: 100 }).flatMap((f) => {
    const [from, to] = [index.get(f.from), index.get(f.to)];
    return from === undefined || to === undefined || from === to ? [] : [{ from, to, flow: f.flow }];
  });
  return {
    nodes: nodes.map((_, i) => {
      const angle = (i / nodes.length) * 2 * Math.PI - Math.PI / 2;
      return [Math.cos(angle), Math.sin(angle)];
    }),
    labels: nodes.map((n) => graph.names[n]),
    flows,
    order: nodes,
  };
}

/**
 * Raise or lower one element's importance: its prior × `factor`, applied by walking the affected stored walks again
 * from their first changed step, or by an exact re-solve warm-started from the current scores when too many walks pass
 * the changed rows (the ranker chooses). Returns what changed and how long it took.
 * @param {number} node
 * @param {number} factor - e.g. 10 to raise, 0.1 to lower
 */
export function editPrior(state, node, factor) {
  const { model, ranker } = state;
  const current = state.priors?.get(node) ?? model.prior[node];
  const next = current * factor;
  const start = performance.now();
  const update = ranker.setPriors(new Map([[node, next]]));
  const ms = performance.now() - start;
  (state.priors ??= new Map()).set(node, next);
  const edit = { node, name: state.graph.names[node], factor, ms, ...update };
  state.edits.push(edit);
  return edit;
}
