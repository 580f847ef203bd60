// The n-precision experiment in the style of the thesis's table 5.1, on the GOP-debate set, whose crowd labels say
// what each tweet is about. Computed from the data every run; nothing here is typed in.
import { precisionAtK, topK } from "@clearbox/mutual-rank";
import { editPrior, HASHTAG, POST, TYPE_NAMES, USER } from "./ranking.mjs";

/** Subject-matter labels that name no issue of the debate. */
const OFF_TOPIC = new Set(["", "None of the above", "FOX News or Moderators"]);

/** How strongly an edit moves a prior: one node holds about 1/26,000 of the teleport mass of the GOP graph. */
export const LOWER = 0.01;
export const RAISE = 1000;

export const RELEVANCE_RULE =
  "A tweet is relevant when its crowd label subject_matter names an issue of the debate (anything but “None of the above”, “FOX News or Moderators” or empty); a user or hashtag is relevant when at least half of the tweets that carry it (authored, retweeting or mentioning the user; containing the hashtag) are relevant.";

/**
 * The relevant posts, users and hashtags by the rule above.
 * @returns {[Set<number>, Set<number>, Set<number>]} by type
 */
export function relevantSets(state, labelColumn = "subject_matter") {
  const { graph, rows } = state;
  const relevantPost = rows.map((row) => !OFF_TOPIC.has(row[labelColumn] ?? ""));
  const tally = new Map(); // node → [relevant, total]
  const count = (node, relevant) => {
    const t = tally.get(node) ?? [0, 0];
    t[0] += relevant ? 1 : 0;
    t[1] += 1;
    tally.set(node, t);
  };
  const userNode = new Map();
  graph.names.forEach((name, node) => graph.nodeType[node] === USER && userNode.set(name, node));
  for (const [a, b] of graph.edges) {
    // Post–hashtag and post–author links carry the post's label to the other end.
    if (graph.nodeType[a] === POST && graph.nodeType[b] !== POST) count(b, relevantPost[a]);
    else if (graph.nodeType[b] === POST && graph.nodeType[a] !== POST) count(a, relevantPost[b]);
  }
  rows.forEach((row, post) => {
    const text = row[state.textColumn].toLowerCase();
    for (const name of new Set([...text.matchAll(/@(\w+)/g)].map((m) => `@${m[1]}`))) {
      const node = userNode.get(name);
      if (node !== undefined) count(node, relevantPost[post]);
    }
  });
  const sets = [new Set(), new Set(), new Set()];
  relevantPost.forEach((relevant, post) => relevant && sets[POST].add(post));
  for (const [node, [relevant, total]] of tally) if (2 * relevant >= total) sets[graph.nodeType[node]].add(node);
  return sets;
}

/** Plain PageRank (damping 0.85, uniform teleport, dangling mass spread evenly) on the weighted user–user graph. */
export function userPageRank(state, { damping = 0.85, iterations = 100 } = {}) {
  const { graph } = state;
  const n = graph.nodeType.length;
  const out = new Float64Array(n);
  const links = graph.edges.filter(([a, b]) => graph.nodeType[a] === USER && graph.nodeType[b] === USER);
  for (const [a, b, w] of links) {
    out[a] += w;
    out[b] += w;
  }
  const users = Array.from(graph.nodeType).flatMap((t, node) => (t === USER ? [node] : []));
  let rank = new Float64Array(n);
  for (const u of users) rank[u] = 1 / users.length;
  for (let it = 0; it < iterations; it++) {
    const next = new Float64Array(n);
    let dangling = 0;
    for (const u of users) if (out[u] === 0) dangling += rank[u];
    for (const [a, b, w] of links) {
      next[b] += (damping * rank[a] * w) / out[a];
      next[a] += (damping * rank[b] * w) / out[b];
    }
    for (const u of users) next[u] += (1 - damping) / users.length + (damping * dangling) / users.length;
    rank = next;
  }
  return rank;
}

/**
 * n-precision of posts, users and hashtags before any edit, after each of up to `edits` edits chosen by the rule
 * (odd edits lower the highest-ranked irrelevant hashtag to a hundredth of its prior; even edits raise the
 * highest-ranked relevant hashtag not yet edited a thousandfold), the base rate (the precision of a random ranking),
 * and PageRank on the user–user graph. Edits the state's ranker.
 * @returns {{ rows: { label: string, precision: (number | null)[], edit?: object }[], n: number }}
 */
export function precisionTable(state, { n = 200, edits = 5 } = {}) {
  const relevant = relevantSets(state);
  const precisions = () => {
    const scores = state.ranker.scores();
    return TYPE_NAMES.map((_, type) => precisionAtK(topK(scores, state.graph.nodeType, type, n), relevant[type], n));
  };
  const typeSizes = [state.graph.posts, state.graph.users, state.graph.hashtags];
  const rows = [
    { label: "base rate (a random ranking)", precision: relevant.map((set, type) => set.size / typeSizes[type]) },
    { label: "MutualRanker, before any edit", precision: precisions() },
  ];
  const touched = new Set();
  for (let k = 1; k <= edits; k++) {
    const lower = k % 2 === 1;
    const ranked = topK(state.ranker.scores(), state.graph.nodeType, HASHTAG, state.graph.hashtags);
    const node = ranked.find((h) => !touched.has(h) && relevant[HASHTAG].has(h) !== lower);
    if (node === undefined) break;
    touched.add(node);
    const edit = editPrior(state, node, lower ? LOWER : RAISE);
    rows.push({ label: `edit ${k}: ${lower ? "lower" : "raise"} ${edit.name}`, precision: precisions(), edit });
  }
  const pagerank = userPageRank(state);
  rows.push({
    label: "PageRank on the user–user graph",
    precision: [null, precisionAtK(topK(pagerank, state.graph.nodeType, USER, n), relevant[USER], n), null],
  });
  return { rows, n, relevantCounts: relevant.map((s) => s.size) };
}
