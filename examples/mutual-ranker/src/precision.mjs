// The n-precision experiment in the style of the thesis's table 5.1, on the GOP-debate set, whose crowd labels say
// what each tweet is about. Computed from the data every run; nothing here is typed in.
import { createModel, precisionAtK, solveExact, topK } from "@clearbox/mutual-rank";
import { editPrior, HASHTAG, TYPE_NAMES, USER } from "./ranking.mjs";

/** Subject-matter labels that name no issue of the debate. */
const OFF_TOPIC = new Set(["", "None of the above", "FOX News or Moderators"]);

/** How strongly an edit moves a prior: one node holds about 1/26,000 of the teleport mass of the GOP graph. */
export const LOWER = 0.01;
export const RAISE = 1000;

export const RELEVANCE_RULE =
  "A tweet is relevant when its crowd label subject_matter names an issue of the debate (anything but “None of the above”, “FOX News or Moderators” or empty); a post (a distinct text: a tweet and its copies) is relevant when at least half of its copies are; a user or hashtag is relevant when at least half of the tweets that carry it (authored, retweeting or mentioning the user; containing the hashtag) are relevant.";

/**
 * The relevant posts, users and hashtags by the rule above, tallied over the rows: a row's label counts for its post,
 * its author, the users it mentions and its hashtags.
 * @returns {[Set<number>, Set<number>, Set<number>]} by type
 */
export function relevantSets(state, labelColumn = "subject_matter") {
  const { graph, rows } = state;
  const node = new Map(graph.names.map((name, i) => [name, i]));
  const tally = new Map(); // node → [relevant, total]
  const count = (n, relevant) => {
    if (n === undefined) return;
    const t = tally.get(n) ?? [0, 0];
    t[0] += relevant ? 1 : 0;
    t[1] += 1;
    tally.set(n, t);
  };
  rows.forEach((row, r) => {
    const relevant = !OFF_TOPIC.has(row[labelColumn] ?? "");
    count(graph.postOfRow[r], relevant);
    const text = row[state.textColumn].toLowerCase();
    const users = new Set([
      row[state.authorColumn].toLowerCase().replace(/^@/, ""),
      ...[...text.matchAll(/@(\w+)/g)].map((m) => m[1]),
    ]);
    for (const user of users) count(node.get(`@${user}`), relevant);
    for (const tag of new Set([...text.matchAll(/#(\w+)/g)].map((m) => m[1]))) count(node.get(`#${tag}`), relevant);
  });
  /** @type {[Set<number>, Set<number>, Set<number>]} */
  const sets = [new Set(), new Set(), new Set()];
  for (const [n, [relevant, total]] of tally) if (2 * relevant >= total) sets[graph.nodeType[n]].add(n);
  return sets;
}

/** Plain PageRank (damping 0.85, uniform teleport, dangling mass spread evenly) on the weighted user–user graph. */
export function userPageRank(state, options = {}) {
  const { nodeType } = state.graph;
  return pageRank(state, (node) => nodeType[node] === USER, options);
}

/**
 * Plain PageRank on the undirected weighted graph of the nodes that `keep` accepts (the others score 0): damping 0.85,
 * uniform teleport over the kept nodes, dangling mass spread evenly.
 */
export function pageRank(state, keep, { damping = 0.85, iterations = 100 } = {}) {
  const { graph } = state;
  const n = graph.nodeType.length;
  const out = new Float64Array(n);
  const links = graph.edges.filter(([a, b]) => keep(a) && keep(b));
  for (const [a, b, w] of links) {
    out[a] += w;
    out[b] += w;
  }
  const nodes = Array.from(graph.nodeType.keys()).filter(keep);
  let rank = new Float64Array(n);
  for (const u of nodes) rank[u] = 1 / nodes.length;
  for (let it = 0; it < iterations; it++) {
    const next = new Float64Array(n);
    let dangling = 0;
    for (const u of nodes) if (out[u] === 0) dangling += rank[u];
    for (const [a, b, w] of links) {
      next[b] += (damping * rank[a] * w) / out[a];
      next[a] += (damping * rank[b] * w) / out[b];
    }
    for (const u of nodes) next[u] += (1 - damping) / nodes.length + (damping * dangling) / nodes.length;
    rank = next;
  }
  return rank;
}

/**
 * n-precision of posts, users and hashtags: the base rate (the precision of a random ranking); MutualRanker on the
 * graph alone (uniform prior, exact solve); the state's ranking before any edit (with its topic prior, if any) and
 * after each of up to `edits` edits chosen by the rule (odd edits lower the highest-ranked irrelevant hashtag to a
 * hundredth of its prior; even edits raise the highest-ranked relevant hashtag not yet edited a thousandfold); and
 * PageRank on the user–user graph and on the whole graph. Edits the state's ranker.
 * @returns {{ rows: { label: string, precision: (number | null)[], edit?: object }[], n: number, relevantCounts: number[] }}
 */
export function precisionTable(state, { n = 200, edits = 5 } = {}) {
  const relevant = relevantSets(state);
  const { graph } = state;
  const precisionOf = (scores) =>
    TYPE_NAMES.map((_, type) => precisionAtK(topK(scores, graph.nodeType, type, n), relevant[type], n));
  const typeSizes = [graph.posts, graph.users, graph.hashtags];
  const rows = [
    { label: "base rate (a random ranking)", precision: relevant.map((set, type) => set.size / typeSizes[type]) },
  ];
  if (state.topic) {
    rows.push({
      label: "MutualRanker, uniform prior (no topic)",
      precision: precisionOf(solveExact(createModel(graph)).scores),
    });
  }
  const before = state.topic ? "MutualRanker + topic prior, before any edit" : "MutualRanker, before any edit";
  rows.push({ label: before, precision: precisionOf(state.ranker.scores()) });
  const touched = new Set();
  for (let k = 1; k <= edits; k++) {
    const lower = k % 2 === 1;
    const ranked = topK(state.ranker.scores(), graph.nodeType, HASHTAG, graph.hashtags);
    const node = ranked.find((h) => !touched.has(h) && relevant[HASHTAG].has(h) !== lower);
    if (node === undefined) break;
    touched.add(node);
    const edit = editPrior(state, node, lower ? LOWER : RAISE);
    rows.push({
      label: `edit ${k}: ${lower ? "lower" : "raise"} ${edit.name}`,
      precision: precisionOf(state.ranker.scores()),
      edit,
    });
  }
  const users = precisionOf(userPageRank(state))[USER];
  rows.push({ label: "PageRank on the user–user graph", precision: [null, users, null] });
  rows.push({ label: "PageRank on the whole graph", precision: precisionOf(pageRank(state, () => true)) });
  return { rows, n, relevantCounts: relevant.map((s) => s.size) };
}
