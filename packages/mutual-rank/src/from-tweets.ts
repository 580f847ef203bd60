import { ClearboxError, assertInteger, assertOptions, describeValue } from "@clearbox/core/internal";
import type { OptionKeys } from "@clearbox/core/internal";
import type { ModelInput } from "./model.js";
import { distinctPosts } from "./tweets/distinct-posts.js";
import { EdgeTally } from "./tweets/edge-tally.js";
import { similarPosts, textTerms } from "./tweets/text-similarity.js";
import { parseTweet } from "./tweets/tweet-row.js";
import type { ParsedTweet } from "./tweets/tweet-row.js";

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
}

const FROM_TWEETS_OPTIONS = {
  text: true,
  author: true,
  replyTo: true,
  topK: true,
  maxTagsPerRow: true,
  maxTermPosts: true,
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
  options = assertOptions(options, "options", FROM_TWEETS_OPTIONS);
  if (typeof options.text !== "string" || typeof options.author !== "string") {
    throw new ClearboxError("E_OPTION", `options.text and options.author must name the text and author columns.`, {
      argument: typeof options.text !== "string" ? "options.text" : "options.author",
    });
  }
  const topK = options.topK === undefined ? 5 : assertInteger(options.topK, "options.topK", 1);
  const cap =
    options.maxTagsPerRow === undefined ? 50 : assertInteger(options.maxTagsPerRow, "options.maxTagsPerRow", 1);
  if (!Array.isArray(rows)) {
    throw new ClearboxError("E_TYPE", `rows must be an array of tweet records, got ${describeValue(rows)}.`, {
      argument: "rows",
    });
  }
  const maxTermPosts = options.maxTermPosts === undefined ? 500 : assertFiniteOrInfinite(options.maxTermPosts);
  const tweets = rows.map((row, r) => parseTweet(row, r, options, cap));
  return assembleGraph(tweets, topK, maxTermPosts);
}

/** maxTermPosts: a number ≥ 2, or Infinity. */
function assertFiniteOrInfinite(value: unknown): number {
  if (value === Infinity) return value;
  return assertInteger(value, "options.maxTermPosts", 2);
}

/** Ids in order of first appearance. */
class Names {
  readonly ids = new Map<string, number>();
  id(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) this.ids.set(name, (id = this.ids.size));
    return id;
  }
}

/** The typed graph from parsed rows: distinct posts, then users, then hashtags. */
function assembleGraph(tweets: readonly ParsedTweet[], topK: number, maxTermPosts: number): TweetGraph {
  const distinct = distinctPosts(tweets.map((t) => t.text));
  const users = new Names();
  const hashtags = new Names();
  const authorOf = tweets.map((t) => users.id(t.author));
  const tagsOf = tweets.map((t) => t.hashtags.map((h) => hashtags.id(h)));
  const mentionsOf = tweets.map((t) => t.mentions.map((m) => users.id(m)));
  const retweetedOf = tweets.map((t) => (t.retweeted === "" ? -1 : users.id(t.retweeted)));
  const P = distinct.count;
  const U = users.ids.size;
  const H = hashtags.ids.size;
  const postUser = new EdgeTally(U);
  const postTag = new EdgeTally(H);
  const userUser = new EdgeTally(U);
  const userTag = new EdgeTally(H);
  const tagTag = new EdgeTally(H);
  tweets.forEach((_, r) => {
    const post = distinct.postOfRow[r];
    const author = authorOf[r];
    postUser.addOrdered(post, author);
    if (retweetedOf[r] >= 0) {
      postUser.addOrdered(post, retweetedOf[r]);
      userUser.add(author, retweetedOf[r]);
    }
    for (const m of mentionsOf[r]) userUser.add(author, m);
    const tags = tagsOf[r];
    for (let a = 0; a < tags.length; a++) {
      postTag.addOrdered(post, tags[a]);
      userTag.addOrdered(author, tags[a]);
      for (let b = a + 1; b < tags.length; b++) tagTag.add(tags[a], tags[b]);
    }
  });
  const edges: Array<[number, number, number]> = [];
  const similar = similarPosts(
    Array.from(distinct.shownRow, (r) => textTerms(tweets[r].text)),
    topK,
    maxTermPosts,
  );
  for (let e = 0; e < similar.from.length; e++) edges.push([similar.from[e], similar.to[e], similar.weight[e]]);
  postUser.appendTo(edges, 0, P);
  postTag.appendTo(edges, 0, P + U);
  userUser.appendTo(edges, P);
  tagTag.appendTo(edges, P + U);
  userTag.appendTo(edges, P, P + U);
  const nodeType = new Int32Array(P + U + H);
  nodeType.fill(1, P, P + U);
  nodeType.fill(2, P + U);
  const names = [
    ...Array.from(distinct.shownRow, (r) => String(r)),
    ...[...users.ids.keys()].map((u) => `@${u}`),
    ...[...hashtags.ids.keys()].map((h) => `#${h}`),
  ];
  return {
    types: ["post", "user", "hashtag"],
    nodeType,
    edges,
    names,
    posts: P,
    users: U,
    hashtags: H,
    postOfRow: distinct.postOfRow,
    shownRow: distinct.shownRow,
    copies: distinct.copies,
    cappedRows: tweets.reduce((n, t) => n + (t.capped ? 1 : 0), 0),
  };
}
