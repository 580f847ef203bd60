// Why does PageRank on the GOP debate's whole graph (posts 0.270) beat MutualRanker with a uniform prior (0.185)? The
// model's inputs changed one at a time from the defaults, every row printed: post–post similarity edges (off, α share),
// copy counts as weights (linear, log, none), the type-pair balance α, user–user retweet / mention weights, damping, a
// prior proportional to the copies, and the topic prior's floor. Every ranking is the exact solve (no Monte Carlo
// noise), scored by top-200 precision against the set's crowd labels (src/precision.mjs's rule). Then a few
// diagnostics: how the labels relate to popularity (copies), to hashtags and to the degree.
// Output: scripts/input-ablation.txt.   node examples/mutual-ranker/scripts/input-ablation.mjs
import { readFileSync } from "node:fs";
import { csvParse } from "d3-dsv";
import { createModel, fromTweets, precisionAtK, solveExact, topicPrior, topK } from "@clearbox/mutual-rank";
import { pageRank, relevantSets } from "../src/precision.mjs";
import { COLLECTIONS, DEBATE_ISSUES, postTexts } from "../src/ranking.mjs";
import { repairText } from "../src/text-repair.mjs";

const N = 200;
const collection = COLLECTIONS["gop-debate-2015"];
const raw = csvParse(readFileSync(new URL("../data/gop-debate-2015.csv", import.meta.url), "utf8"));
const rows = raw.map((row) => ({ ...row, text: repairText(row.text) }));
const graph = fromTweets(rows, collection.columns);
const state = { graph, rows, textColumn: "text", authorColumn: collection.columns.author };
const relevant = relevantSets(state);
const { nodeType } = graph;
const sizes = [graph.posts, graph.users, graph.hashtags];
/** The block of an edge by its two types (0 post, 1 user, 2 hashtag). */
const pairOf = (a, b) => {
  const [s, t] = [Math.min(nodeType[a], nodeType[b]), Math.max(nodeType[a], nodeType[b])];
  return s === 0 ? t : s === 1 ? 2 + t : 5;
};
const equal = [
  [1 / 3, 1 / 3, 1 / 3],
  [1 / 3, 1 / 3, 1 / 3],
  [1 / 3, 1 / 3, 1 / 3],
];

/** Top-n precision of each type under `scores`. */
const precisionOf = (scores) =>
  [0, 1, 2].map((type) => precisionAtK(topK(scores, nodeType, type, N), relevant[type], N));

// Post–post links by how many posts list each one among their top 5 (its in-degree) and whether the link is mutual.
const listedBy = new Int32Array(graph.posts);
const linkCount = new Map();
for (const [a, b] of graph.edges) {
  if (pairOf(a, b) !== 0) continue;
  listedBy[b]++;
  const key = Math.min(a, b) * graph.posts + Math.max(a, b);
  linkCount.set(key, (linkCount.get(key) ?? 0) + 1);
}
const isMutual = (a, b) => linkCount.get(Math.min(a, b) * graph.posts + Math.max(a, b)) === 2;

// The words fromTweets's similarity reads (text-similarity.ts's textTerms, copied: it is internal), without the terms
// in more than 500 posts, which its index leaves out too.
const STOP = new Set(
  "the and for that this with you are was not but have has had all its our out his her they them their what when who will would there been from about just more than into your can one how why also over only very much some any".split(
    " ",
  ),
);
const termsOf = (text) =>
  new Set(
    text
      .toLowerCase()
      .replace(/https?:\/\/\S+/g, " ")
      .replace(/^rt @\w+:?/, " ")
      .split(/[^a-z0-9#@']+/)
      .filter((t) => t.length >= 3 && !STOP.has(t)),
  );
const postTerms = Array.from(graph.shownRow, (r) => termsOf(rows[r].text));
const termPosts = new Map();
for (const terms of postTerms) for (const t of terms) termPosts.set(t, (termPosts.get(t) ?? 0) + 1);
const sharedTerms = (a, b) => {
  let shared = 0;
  for (const t of postTerms[a]) if (termPosts.get(t) <= 500 && postTerms[b].has(t)) shared++;
  return shared;
};

/**
 * MutualRanker's exact scores on the graph with its edges reweighted: `weight(w, pair)` gives an edge's new weight (0
 * drops it), `alpha`, `damping` and `prior` go to createModel.
 * @param {{ weight?: (w: number, pair: number, a: number, b: number) => number, alpha?: number[][],
 *   damping?: number, prior?: Float64Array }} [options]
 */
function rank({ weight = (w) => w, alpha = equal, damping = 0.85, prior } = {}) {
  /** @type {[number, number, number][]} */
  const edges = [];
  for (const [a, b, w] of graph.edges) {
    const v = weight(w, pairOf(a, b), a, b);
    if (v > 0) edges.push([a, b, v]);
  }
  const model = createModel({ types: graph.types, nodeType, edges }, { alpha, damping, prior });
  return precisionOf(solveExact(model).scores);
}

const COUNTS = new Set([1, 2, 3, 4, 5]); // every block but post–post counts rows
const log = (w) => 1 + Math.log(w);
const withAlpha = (pp, other) => {
  // α[s][s] = pp for posts' own block; a row's other shares split evenly, every row summing to 1.
  const rest = (1 - pp) / 2;
  return [
    [pp, rest, rest],
    [other, (1 - other) / 2, (1 - other) / 2],
    [other, (1 - other) / 2, (1 - other) / 2],
  ];
};
const texts = postTexts(graph, rows, "text");
const copiesPrior = Float64Array.from(nodeType, (t, n) => (t === 0 ? graph.copies[n] : 1));
const logCopiesPrior = Float64Array.from(nodeType, (t, n) => (t === 0 ? 1 + Math.log(graph.copies[n]) : 1));
/** @type {[string, Parameters<typeof rank>[0]][]} */
const variants = [
  ["defaults (uniform prior, α equal, counts linear, d 0.85)", {}],
  ["post–post similarity edges off", { weight: (w, p) => (p === 0 ? 0 : w) }],
  ["post–post similarity binary (1 per top-5 link)", { weight: (w, p) => (p === 0 ? 1 : w) }],
  [
    "post–post: mutual top-5 links only (both list the other)",
    { weight: (w, p, a, b) => (p === 0 && !isMutual(a, b) ? 0 : w) },
  ],
  [
    "post–post: cosine ÷ √(in-degree of both ends) (hub links damped)",
    { weight: (w, p, a, b) => (p === 0 ? w / Math.sqrt((1 + listedBy[a]) * (1 + listedBy[b])) : w) },
  ],
  [
    "post–post: links whose texts share fewer than 2 indexed words dropped",
    { weight: (w, p, a, b) => (p === 0 && sharedTerms(a, b) < 2 ? 0 : w) },
  ],
  ["post–post: links with cosine < 0.5 dropped", { weight: (w, p) => (p === 0 && w < 0.5 ? 0 : w) }],
  [
    "post–post mutual only + every count block log",
    { weight: (w, p, a, b) => (p === 0 ? (isMutual(a, b) ? w : 0) : COUNTS.has(p) ? log(w) : w) },
  ],
  [
    "post–post mutual only + damping 0.5",
    { weight: (w, p, a, b) => (p === 0 && !isMutual(a, b) ? 0 : w), damping: 0.5 },
  ],
  ["post–post α 0.1 (posts' walks go mostly to users / hashtags)", { alpha: withAlpha(0.1, 1 / 3) }],
  ["post–post α 0.6", { alpha: withAlpha(0.6, 1 / 3) }],
  ["copy counts as log weight (1 + ln n), every count block", { weight: (w, p) => (COUNTS.has(p) ? log(w) : w) }],
  ["copy counts ignored (1 per linked pair), every count block", { weight: (w, p) => (COUNTS.has(p) ? 1 : w) }],
  ["post–user and post–hashtag counts as log weight only", { weight: (w, p) => (p === 1 || p === 2 ? log(w) : w) }],
  ["post–user and post–hashtag counts ignored only", { weight: (w, p) => (p === 1 || p === 2 ? 1 : w) }],
  ["user–user edges off", { weight: (w, p) => (p === 3 ? 0 : w) }],
  ["user–user counts as log weight", { weight: (w, p) => (p === 3 ? log(w) : w) }],
  ["hashtag–hashtag edges off", { weight: (w, p) => (p === 5 ? 0 : w) }],
  ["user–hashtag edges off", { weight: (w, p) => (p === 4 ? 0 : w) }],
  ["users and hashtags send walks to posts: α[u][p] = α[h][p] = 0.6", { alpha: withAlpha(1 / 3, 0.6) }],
  ["users and hashtags send walks to posts: α[u][p] = α[h][p] = 0.1", { alpha: withAlpha(1 / 3, 0.1) }],
  ["damping 0.5", { damping: 0.5 }],
  ["damping 0.95", { damping: 0.95 }],
  ["prior ∝ a post's copies (popularity), users and hashtags 1", { prior: copiesPrior }],
  ["prior ∝ 1 + ln(copies)", { prior: logCopiesPrior }],
  ["every count block log, post–post off", { weight: (w, p) => (p === 0 ? 0 : COUNTS.has(p) ? log(w) : w) }],
  ["every count block ignored, post–post off", { weight: (w, p) => (p === 0 ? 0 : COUNTS.has(p) ? 1 : w) }],
];
const fmt = (p) => p.map((x) => (x === null ? "—" : x.toFixed(3))).join(" | ");
const out = [];
out.push(
  `GOP debate, ${rows.length} rows: ${sizes[0]} posts, ${sizes[1]} users, ${sizes[2]} hashtags; n = ${N}; exact solves\n`,
);
out.push("| ranking | posts | users | hashtags |\n| --- | --- | --- | --- |");
out.push(`| base rate (a random ranking) | ${fmt(relevant.map((s, t) => s.size / sizes[t]))} |`);
out.push(
  `| PageRank on the whole graph (undirected, raw weights) | ${fmt(precisionOf(pageRank(state, () => true)))} |`,
);
for (const [label, options] of variants) out.push(`| MutualRanker, ${label} | ${fmt(rank(options))} |`);
for (const floor of [0.01, 0.05, 0.2, 1]) {
  const { prior } = topicPrior(graph, texts, DEBATE_ISSUES, { floor });
  out.push(`| MutualRanker, topic prior (category names), floor ${floor} | ${fmt(rank({ prior }))} |`);
}
console.log(out.join("\n"));
diagnostics();

/** How the labels relate to what the graph can see: copies, hashtags, degree. */
function diagnostics() {
  const lines = ["\nDiagnostics (posts)\n", "| posts ranked by | top-200 precision |", "| --- | --- |"];
  const postScore = (f) => Float64Array.from(nodeType, (t, n) => (t === 0 ? f(n) : 0));
  const degree = new Float64Array(nodeType.length);
  const tagCount = new Float64Array(nodeType.length);
  for (const [a, b, w] of graph.edges) {
    degree[a] += w;
    degree[b] += w;
    if (nodeType[a] === 0 && nodeType[b] === 2) tagCount[a]++;
  }
  const orders = [
    ["copies (how often the text was posted)", postScore((n) => graph.copies[n])],
    ["fewest copies", postScore((n) => 1 / graph.copies[n])],
    ["number of distinct hashtags", postScore((n) => tagCount[n])],
    ["listed among the top-5 similar posts of the most posts (kNN hubs)", postScore((n) => listedBy[n])],
    ["weighted degree (what undirected PageRank follows)", postScore((n) => degree[n])],
  ];
  for (const [label, scores] of orders) lines.push(`| ${label} | ${precisionOf(scores)[0].toFixed(3)} |`);
  // Relevance rate by how many copies a post has.
  const buckets = [
    [1, 1],
    [2, 4],
    [5, 19],
    [20, Infinity],
  ];
  lines.push("\n| copies | posts | share relevant |\n| --- | --- | --- |");
  for (const [lo, hi] of buckets) {
    let [count, hits] = [0, 0];
    for (let p = 0; p < graph.posts; p++) {
      if (graph.copies[p] < lo || graph.copies[p] > hi) continue;
      count++;
      if (relevant[0].has(p)) hits++;
    }
    lines.push(
      `| ${lo}${hi === Infinity ? "+" : hi === lo ? "" : `–${hi}`} | ${count} | ${(hits / count).toFixed(3)} |`,
    );
  }
  console.log(lines.join("\n"));
}
