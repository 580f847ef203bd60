import {
  ClearboxError,
  assertInteger,
  assertOptions,
  createProgress,
  describeValue,
  throwIfAborted,
} from "@clearbox/core/internal";
import type { OptionKeys } from "@clearbox/core/internal";
import type { ModelInput } from "./model.js";
import { TweetCollector } from "./tweets/tweet-collector.js";

/** Options of {@link fromTweets}: which column holds what. */
export interface FromTweetsOptions {
  /** The column with the post's text (hashtags, mentions and `RT @user:` are read from it). */
  text: string;
  /** The column with the author's name. */
  author: string;
  /** A column with the user replied to, when the collection has one. */
  replyTo?: string;
  /** How many most similar posts each post links to (TF-IDF cosine). Default 5. */
  topK?: number;
  /** At most this many distinct hashtags, and as many mentioned users, are read from one row. Default 50. */
  maxTagsPerRow?: number;
  /**
   * Terms in more posts than this (or than a fifth of the posts) are left out of the post–post similarity: they say
   * little about which posts are alike, and the search costs the square of a term's posts. Default 500; `Infinity`
   * keeps every term (the exact top-k, at that cost).
   */
  maxTermPosts?: number;
  /**
   * How many postings of the inverted index are read per post to find its candidates, its rarest terms first (they
   * carry the most TF-IDF weight): the search's cost per post is bounded at a collection's scale. Default 1000
   * (`Infinity` when `maxTermPosts` is: the exact top-k); `Infinity` reads every indexed term.
   */
  similarityBudget?: number;
}

const FROM_TWEETS_OPTIONS = {
  text: true,
  author: true,
  replyTo: true,
  topK: true,
  maxTagsPerRow: true,
  maxTermPosts: true,
  similarityBudget: true,
} satisfies OptionKeys<FromTweetsOptions>;

/** A three-type graph of posts, users and hashtags, ready for `createModel`. */
export interface TweetGraph extends ModelInput {
  /** Edges `[from, to, weight]`. */
  edges: Array<[number, number, number]>;
  /** Node names: a post's shown row index as text, `@user`, `#hashtag`. */
  names: string[];
  /** Nodes 0 … posts − 1 are the distinct posts (in order of first appearance), then the users, then the hashtags. */
  posts: number;
  users: number;
  hashtags: number;
  /** The post node of every row (its copies share one). */
  postOfRow: Int32Array;
  /** Per post node, the row whose text shows it: an untruncated copy, the author's own before a retweet, the longest. */
  shownRow: Int32Array;
  /** Per post node, how many rows are copies of it (retweets and near-duplicates included). */
  copies: Int32Array;
  /** Rows whose hashtags or mentions were cut at `maxTagsPerRow`. */
  cappedRows: number;
}

/**
 * Build MutualRanker's graphs (thesis §5.2) from tweet records. Retweets and near-duplicates (the same words after
 * case, punctuation, links, a leading `RT @user:` and a truncated ending are set aside) collapse into one **distinct
 * post**: one node, linked to the author of every copy (weighted by the copies they posted) and to the retweeted
 * user, so that a text retweeted 150 times is one strong post rather than 150 posts that reinforce each other.
 * Post–post edges link each distinct post to its `topK` most similar ones by TF-IDF cosine (terms in more than 500
 * posts, or a fifth of them, are left out: `maxTermPosts`); user–user edges count retweets (`RT @user`), replies and mentions;
 * hashtag–hashtag edges count co-occurrence; and the post–hashtag and user–hashtag (rows of the user with the tag)
 * links. Names are case-folded; users who are only retweeted or mentioned are nodes too.
 *
 * @param rows - Tweet records: objects with at least the text and author columns (e.g. from d3-dsv's csvParse); the
 *   columns are read as the records' own properties.
 * @param options - The column names: `text`, `author`, optional `replyTo`; `topK` similar posts (default 5);
 *   `maxTagsPerRow` (default 50: a row with more hashtags or mentions is read up to the cap, counted in `cappedRows`);
 *   `maxTermPosts` (default 500).
 * @returns `{ types: ["post", "user", "hashtag"], nodeType, edges, names, posts, users, hashtags, postOfRow, shownRow,
 *   copies, cappedRows }`.
 * @throws `E_TYPE` for rows that are not an array of objects; `E_SHAPE` for a row without its own text or author
 *   column (naming the row and column); `E_OPTION` for an unknown option key; `E_RANGE` for topK or maxTagsPerRow < 1.
 * @example
 * const graph = fromTweets(csvParse(gopDebateCsv), { text: "text", author: "name" });
 * const model = createModel(graph, { alpha: [[0.4, 0.3, 0.3], [0.3, 0.4, 0.3], [0.3, 0.3, 0.4]] });
 */
export function fromTweets(rows: ReadonlyArray<Record<string, unknown>>, options: FromTweetsOptions): TweetGraph {
  const settings = readOptions(options, FROM_TWEETS_OPTIONS);
  if (!Array.isArray(rows)) {
    throw new ClearboxError("E_TYPE", `rows must be an array of tweet records, got ${describeValue(rows)}.`, {
      argument: "rows",
    });
  }
  const collector = new TweetCollector(settings, settings.cap);
  for (const row of rows) collector.add(row);
  const { edges, ...graph } = collector.graph(settings);
  const triples: Array<[number, number, number]> = new Array(edges.from.length);
  for (let e = 0; e < triples.length; e++) triples[e] = [edges.from[e], edges.to[e], edges.weight[e]];
  return { types: ["post", "user", "hashtag"], ...graph, edges: triples };
}

/** The options of fromTweets / fromTweetStream checked, with their defaults. */
function readOptions(
  options: FromTweetsOptions,
  known: OptionKeys<FromTweetsOptions> | OptionKeys<FromTweetStreamOptions>,
): {
  text: string;
  author: string;
  replyTo?: string;
  topK: number;
  cap: number;
  maxTermPosts: number;
  similarityBudget: number;
} {
  options = assertOptions(options, "options", known);
  if (typeof options.text !== "string" || typeof options.author !== "string") {
    throw new ClearboxError("E_OPTION", `options.text and options.author must name the text and author columns.`, {
      argument: typeof options.text !== "string" ? "options.text" : "options.author",
    });
  }
  const topK = options.topK === undefined ? 5 : assertInteger(options.topK, "options.topK", 1);
  const cap =
    options.maxTagsPerRow === undefined ? 50 : assertInteger(options.maxTagsPerRow, "options.maxTagsPerRow", 1);
  const maxTermPosts = options.maxTermPosts === undefined ? 500 : assertFiniteOrInfinite(options.maxTermPosts);
  const similarityBudget =
    options.similarityBudget === undefined
      ? maxTermPosts === Infinity
        ? Infinity
        : 1000
      : options.similarityBudget === Infinity
        ? Infinity
        : assertInteger(options.similarityBudget, "options.similarityBudget", 1);
  const { text, author, replyTo } = options;
  return { text, author, ...(replyTo === undefined ? {} : { replyTo }), topK, cap, maxTermPosts, similarityBudget };
}

/** Options of {@link fromTweetStream}: those of {@link fromTweets}, and `signal` / `onProgress`. */
export interface FromTweetStreamOptions extends FromTweetsOptions {
  /** Stops the reading (checked every 4,096 rows) and the assembly: the promise rejects with `E_ABORTED`. */
  signal?: AbortSignal;
  /** Called with the fraction done: 0.5 once the rows are read, 1 at the end. */
  onProgress?: (fraction: number) => void;
}

const FROM_TWEET_STREAM_OPTIONS = {
  ...FROM_TWEETS_OPTIONS,
  signal: true,
  onProgress: true,
} satisfies OptionKeys<FromTweetStreamOptions>;

/** A tweet graph whose edges are typed arrays (what {@link fromTweetStream} returns: millions of edges stay compact). */
export interface TweetStreamGraph extends Omit<TweetGraph, "edges"> {
  /** Edges as parallel arrays: `from[e]`, `to[e]`, `weight[e]` (as `createModel` takes them). */
  edges: { from: Int32Array; to: Int32Array; weight: Float64Array };
}

/**
 * {@link fromTweets} over rows that arrive one at a time — an async iterable such as NDJSON lines parsed as they are
 * read, or csv-parse's stream — so a collection of millions of rows is never held as records or as one string: each
 * row is read into interned ids at once (only its text is kept). The graph's edges come as typed arrays.
 *
 * @param rows - An iterable or async iterable of tweet records (the columns read as their own properties).
 * @param options - As {@link fromTweets}, with `signal` and `onProgress`.
 * @returns A promise of the graph, as {@link fromTweets}'s with `edges: { from, to, weight }`.
 * @throws (rejects with) `E_TYPE` if rows is not iterable or a row not an object; `E_SHAPE` for a row without its text
 *   or author column; `E_OPTION` for an unknown option key; `E_RANGE` for topK or maxTagsPerRow < 1; `E_ABORTED` when
 *   the signal fires.
 * @example
 * import { createReadStream } from "node:fs";
 * import { createInterface } from "node:readline";
 * async function* ndjson(path) {
 *   for await (const line of createInterface({ input: createReadStream(path) })) if (line) yield JSON.parse(line);
 * }
 * const graph = await fromTweetStream(ndjson("tweets.ndjson"), { text: "text", author: "name" });
 */
export async function fromTweetStream(
  rows: AsyncIterable<unknown> | Iterable<unknown>,
  options: FromTweetStreamOptions,
): Promise<TweetStreamGraph> {
  const settings = readOptions(options, FROM_TWEET_STREAM_OPTIONS);
  const progress = createProgress(options, "fromTweetStream");
  const iterable = rows as Partial<AsyncIterable<unknown> & Iterable<unknown>> | null;
  if (typeof iterable?.[Symbol.asyncIterator] !== "function" && typeof iterable?.[Symbol.iterator] !== "function") {
    throw new ClearboxError("E_TYPE", `rows must be an iterable of tweet records, got ${describeValue(rows)}.`, {
      argument: "rows",
    });
  }
  const collector = new TweetCollector(settings, settings.cap);
  for await (const row of rows) {
    collector.add(row);
    if ((collector.rows & 4095) === 0) throwIfAborted(options.signal, "fromTweetStream");
  }
  progress.report(0.5);
  const graph = collector.graph(settings);
  progress.done();
  return { types: ["post", "user", "hashtag"], ...graph };
}

/** maxTermPosts: a number ≥ 2, or Infinity. */
function assertFiniteOrInfinite(value: unknown): number {
  if (value === Infinity) return value;
  return assertInteger(value, "options.maxTermPosts", 2);
}
