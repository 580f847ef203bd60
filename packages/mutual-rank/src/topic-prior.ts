import { ClearboxError, assertFiniteNumber, assertOptions, describeValue } from "@clearbox/core/internal";
import type { OptionKeys } from "@clearbox/core/internal";
import type { TweetGraph, TweetStreamGraph } from "./from-tweets.js";

/** Options of {@link topicPrior}. */
export interface TopicPriorOptions {
  /** Every node's prior starts at this floor (> 0, so that no node is cut off from the walks). Default 0.05. */
  floor?: number;
}

const TOPIC_PRIOR_OPTIONS = { floor: true } satisfies OptionKeys<TopicPriorOptions>;

/** A prior W from a topic: what {@link topicPrior} returns. */
export interface TopicPrior {
  /** Every node's prior weight (floor + relevance), on the graph's nodes; pass it to `createModel` as `prior`. */
  prior: Float64Array;
  /** Per post node, its TF-IDF cosine to the query, in [0, 1]. */
  relevance: Float64Array;
  /** Posts that share at least one term with the query. */
  matchedPosts: number;
}

/**
 * Terms for topic matching: words of 3+ letters (a leading `#` dropped, so `#immigration` counts as `immigration`)
 * cut to their first 5 letters — truncation stemming, so that `immigrants` and `immigration` match without a
 * language-specific stemmer.
 */
function topicTerms(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/https?:\/\/\S+/g, " ")
    .replace(/^rt @\w+:?/, " ")
    .split(/[^a-z0-9']+/)
    .filter((t) => t.length >= 3)
    .map((t) => t.slice(0, 5));
}

/** Each document's TF-IDF cosine to the query, with the IDF of the documents. */
function cosineToQuery(documents: readonly string[][], query: string[]): Float64Array {
  const df = new Map<string, number>();
  for (const doc of documents) for (const t of new Set(doc)) df.set(t, (df.get(t) ?? 0) + 1);
  const idf = (t: string) => Math.log((documents.length + 1) / ((df.get(t) ?? 0) + 1)) + 1;
  const q = new Map<string, number>();
  for (const t of query) q.set(t, (q.get(t) ?? 0) + idf(t));
  let qSquares = 0;
  for (const w of q.values()) qSquares += w * w;
  const qNorm = Math.sqrt(qSquares);
  return Float64Array.from(documents, (doc) => {
    const tf = new Map<string, number>();
    for (const t of doc) tf.set(t, (tf.get(t) ?? 0) + 1);
    let dot = 0;
    let squares = 0;
    for (const [t, f] of tf) {
      const w = f * idf(t);
      squares += w * w;
      dot += w * (q.get(t) ?? 0);
    }
    return squares > 0 ? Math.min(1, dot / (Math.sqrt(squares) * qNorm)) : 0;
  });
}

/**
 * A topic prior (the retrieval setting of thesis §5.2: the analyst's query gives W). Each post's relevance is the
 * TF-IDF cosine of its text to the query (keywords, or an example post's text); a user's or hashtag's is the mean
 * relevance of the posts linked to it, weighted by the links; every node's prior is `floor + relevance`.
 *
 * @param graph - From {@link fromTweets}.
 * @param postTexts - Per post node, its text (e.g. `Array.from(graph.shownRow, (r) => rows[r].text)`).
 * @param query - Keywords or an example post.
 * @param options - `floor` (default 0.05).
 * @returns `{ prior, relevance, matchedPosts }`.
 * @throws `E_SHAPE` when postTexts is not one string per post; `E_EMPTY` for a query without a word of 3+ letters;
 *   `E_RANGE` for floor ≤ 0; `E_OPTION` for an unknown option key.
 * @example
 * const { prior } = topicPrior(graph, Array.from(graph.shownRow, (r) => rows[r].text), "immigration abortion economy");
 * const model = createModel(graph, { prior });
 */
export function topicPrior(
  graph: TweetGraph | TweetStreamGraph,
  postTexts: readonly string[],
  query: string,
  options: TopicPriorOptions = {},
): TopicPrior {
  assertTweetGraph(graph);
  options = assertOptions(options, "options", TOPIC_PRIOR_OPTIONS);
  const floor = options.floor === undefined ? 0.05 : assertFiniteNumber(options.floor, "options.floor");
  if (!(floor > 0)) {
    throw new ClearboxError("E_RANGE", `options.floor must be > 0, got ${floor}.`, { argument: "options.floor" });
  }
  if (!Array.isArray(postTexts) || postTexts.length !== graph.posts || postTexts.some((t) => typeof t !== "string")) {
    throw new ClearboxError(
      "E_SHAPE",
      `postTexts must be ${graph.posts} strings (one per post), got ${describeValue(postTexts)}.`,
      {
        argument: "postTexts",
      },
    );
  }
  const queryTerms = topicTerms(typeof query === "string" ? query : "");
  if (queryTerms.length === 0) {
    throw new ClearboxError("E_EMPTY", `query must hold a word of 3 or more letters, got ${describeValue(query)}.`, {
      argument: "query",
    });
  }
  const relevance = cosineToQuery(postTexts.map(topicTerms), queryTerms);
  const size = graph.nodeType.length;
  const linked = new Float64Array(size);
  const weight = new Float64Array(size);
  forEachEdge(graph, (a, b, w) => {
    const [post, other] = a < graph.posts ? [a, b] : [b, a];
    if (post >= graph.posts || other < graph.posts) return;
    linked[other] += w * relevance[post];
    weight[other] += w;
  });
  const prior = new Float64Array(size).fill(floor);
  let matchedPosts = 0;
  for (let p = 0; p < graph.posts; p++) {
    prior[p] += relevance[p];
    if (relevance[p] > 0) matchedPosts++;
  }
  for (let i = graph.posts; i < size; i++) if (weight[i] > 0) prior[i] += linked[i] / weight[i];
  return { prior, relevance, matchedPosts };
}

/** Every edge of a graph from fromTweets (triples) or fromTweetStream (typed arrays). */
function forEachEdge(graph: TweetGraph | TweetStreamGraph, visit: (a: number, b: number, w: number) => void): void {
  if (Array.isArray(graph.edges)) {
    for (const [a, b, w] of graph.edges) visit(a, b, w);
    return;
  }
  const { from, to, weight } = graph.edges as TweetStreamGraph["edges"];
  for (let e = 0; e < from.length; e++) visit(from[e], to[e], weight[e]);
}

/** The graph must be what `fromTweets` returns: a post count, a node type per node and an edge list. */
function assertTweetGraph(graph: TweetGraph | TweetStreamGraph): void {
  const ok =
    typeof graph === "object" &&
    graph !== null &&
    Number.isInteger(graph.posts) &&
    graph.posts >= 0 &&
    (Array.isArray(graph.edges) || (graph.edges instanceof Object && graph.edges.from instanceof Int32Array)) &&
    graph.nodeType !== undefined &&
    typeof graph.nodeType.length === "number" &&
    graph.nodeType.length >= graph.posts;
  if (!ok) {
    throw new ClearboxError("E_SHAPE", `graph must be the result of fromTweets, got ${describeValue(graph)}.`, {
      argument: "graph",
    });
  }
}
