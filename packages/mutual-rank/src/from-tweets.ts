import { ClearboxError, assertInteger, assertOptions, describeValue } from "@clearbox/core/internal";
import type { OptionKeys } from "@clearbox/core/internal";
import type { ModelInput } from "./model.js";

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
}

const FROM_TWEETS_OPTIONS = {
  text: true,
  author: true,
  replyTo: true,
  topK: true,
} satisfies OptionKeys<FromTweetsOptions>;

/** A three-type graph of posts, users and hashtags, ready for `createModel`. */
export interface TweetGraph extends ModelInput {
  /** Node names: the post's row index as text, `@user`, `#hashtag`. */
  names: string[];
  /** Nodes 0 … posts − 1 are the posts (in row order), then the users, then the hashtags. */
  posts: number;
  users: number;
  hashtags: number;
}

const STOPWORDS = new Set(
  "the and for that this with you are was not but have has had all its our out his her they them their what when who will would there been from about just more than into your can one how why also over only very much some any".split(
    " ",
  ),
);

/**
 * Build MutualRanker's graphs (thesis §5.2) from tweet records: posts, users and hashtags as nodes; post–post edges to
 * each post's `topK` most similar posts by TF-IDF cosine (terms in more than 500 posts, or a fifth of them, are left
 * out of the similarity: they say little about which posts are alike); user–user edges for retweets (`RT @user`),
 * replies and mentions (counted); hashtag–hashtag co-occurrence counts; and the post–author, post–hashtag and
 * user–hashtag (posts of the user with the tag) links. Names are case-folded; users who are only retweeted or
 * mentioned are nodes too.
 *
 * @param rows - Tweet records: objects with at least the text and author columns (e.g. from d3-dsv's csvParse).
 * @param options - The column names: `text`, `author`, optional `replyTo`; `topK` similar posts (default 5).
 * @returns `{ types: ["post", "user", "hashtag"], nodeType, edges, names, posts, users, hashtags }`.
 * @throws `E_TYPE` for rows that are not an array of objects; `E_SHAPE` for a row missing its text or author column
 *   (naming the row and column); `E_OPTION` for an unknown option key; `E_RANGE` for topK < 1.
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
  if (!Array.isArray(rows)) {
    throw new ClearboxError("E_TYPE", `rows must be an array of tweet records, got ${describeValue(rows)}.`, {
      argument: "rows",
    });
  }
  const column = (row: unknown, r: number, name: string, required: boolean): string => {
    if (typeof row !== "object" || row === null) {
      throw new ClearboxError("E_TYPE", `rows[${r}] must be an object, got ${describeValue(row)}.`, {
        argument: `rows[${r}]`,
      });
    }
    const value = (row as Record<string, unknown>)[name];
    if (value === undefined || value === null) {
      if (!required) return "";
      throw new ClearboxError("E_SHAPE", `rows[${r}] has no "${name}" column.`, { argument: `rows[${r}].${name}` });
    }
    return String(value);
  };

  const posts = rows.length;
  const users = new Map<string, number>();
  const hashtags = new Map<string, number>();
  const idOf = (map: Map<string, number>, key: string) => {
    let id = map.get(key);
    if (id === undefined) map.set(key, (id = map.size));
    return id;
  };
  const postAuthor = new Int32Array(posts);
  const postTags: number[][] = [];
  const terms: string[][] = [];
  const userLinks = new Map<string, number>();
  const link = (map: Map<string, number>, a: number, b: number) => {
    if (a === b) return;
    const key = a < b ? `${a} ${b}` : `${b} ${a}`;
    map.set(key, (map.get(key) ?? 0) + 1);
  };
  rows.forEach((row, r) => {
    const text = column(row, r, options.text, true);
    const author = idOf(users, column(row, r, options.author, true).toLowerCase().replace(/^@/, ""));
    postAuthor[r] = author;
    const lower = text.toLowerCase();
    const tags = [...new Set([...lower.matchAll(/#(\w+)/g)].map((m) => m[1]))].map((tag) => idOf(hashtags, tag));
    postTags.push(tags);
    const retweeted = /^rt @(\w+)/.exec(lower)?.[1];
    for (const m of new Set([...lower.matchAll(/@(\w+)/g)].map((x) => x[1]))) link(userLinks, author, idOf(users, m));
    if (retweeted !== undefined) link(userLinks, author, idOf(users, retweeted));
    if (options.replyTo !== undefined) {
      const reply = column(row, r, options.replyTo, false).toLowerCase().replace(/^@/, "");
      if (reply !== "" && reply !== "na") link(userLinks, author, idOf(users, reply));
    }
    terms.push(
      lower
        .replace(/https?:\/\/\S+/g, " ")
        .replace(/^rt @\w+:?/, " ")
        .split(/[^a-z0-9#@']+/)
        .filter((t) => t.length >= 3 && !STOPWORDS.has(t)),
    );
  });

  const U = users.size;
  const userNode = (u: number) => posts + u;
  const tagNode = (h: number) => posts + U + h;
  const edges: Array<[number, number, number]> = [];
  for (const [i, j, w] of similarPosts(terms, topK)) edges.push([i, j, w]);
  const userTag = new Map<string, number>();
  const tagTag = new Map<string, number>();
  for (let r = 0; r < posts; r++) {
    edges.push([r, userNode(postAuthor[r]), 1]);
    for (const h of postTags[r]) {
      edges.push([r, tagNode(h), 1]);
      const key = `${postAuthor[r]} ${h}`;
      userTag.set(key, (userTag.get(key) ?? 0) + 1);
    }
    for (const a of postTags[r]) for (const b of postTags[r]) if (a < b) link(tagTag, a, b);
  }
  for (const [key, w] of userLinks) {
    const [a, b] = key.split(" ").map(Number);
    edges.push([userNode(a), userNode(b), w]);
  }
  for (const [key, w] of tagTag) {
    const [a, b] = key.split(" ").map(Number);
    edges.push([tagNode(a), tagNode(b), w]);
  }
  for (const [key, w] of userTag) {
    const [u, h] = key.split(" ").map(Number);
    edges.push([userNode(u), tagNode(h), w]);
  }
  const nodeType = new Int32Array(posts + U + hashtags.size);
  nodeType.fill(1, posts, posts + U);
  nodeType.fill(2, posts + U);
  const names = [
    ...Array.from({ length: posts }, (_, r) => String(r)),
    ...[...users.keys()].map((u) => `@${u}`),
    ...[...hashtags.keys()].map((h) => `#${h}`),
  ];
  return { types: ["post", "user", "hashtag"], nodeType, edges, names, posts, users: U, hashtags: hashtags.size };
}

/** For each post, its `topK` most similar other posts by TF-IDF cosine: [post, other, similarity]. */
function similarPosts(terms: string[][], topK: number): Array<[number, number, number]> {
  const n = terms.length;
  const df = new Map<string, number>();
  for (const doc of terms) for (const t of new Set(doc)) df.set(t, (df.get(t) ?? 0) + 1);
  // Term ids for the terms that can link two posts: in 2 … COMMON posts (a term in more posts says little about
  // which are alike, and its postings would cost their square).
  const termId = new Map<string, number>();
  const common = Math.max(2, Math.min(n / 5, COMMON_TERM));
  for (const [t, count] of df) if (count >= 2 && count <= common) termId.set(t, termId.size);
  const idf = new Float64Array(termId.size);
  for (const [t, id] of termId) idf[id] = Math.log(n / (df.get(t) as number));
  const vectors = terms.map((doc) => {
    const tf = new Map<number, number>();
    for (const t of doc) {
      const id = termId.get(t);
      if (id !== undefined) tf.set(id, (tf.get(id) ?? 0) + 1);
    }
    let norm = 0;
    const entries = [...tf].map(([id, f]) => {
      const w = f * idf[id];
      norm += w * w;
      return [id, w] as [number, number];
    });
    norm = Math.sqrt(norm);
    return entries.map(([id, w]) => [id, norm > 0 ? w / norm : 0] as [number, number]);
  });
  const postings: Array<Array<[number, number]>> = Array.from({ length: termId.size }, () => []);
  vectors.forEach((vector, i) => {
    for (const [id, w] of vector) postings[id].push([i, w]);
  });
  const out: Array<[number, number, number]> = [];
  const dot = new Float64Array(n);
  const touched: number[] = [];
  for (let i = 0; i < n; i++) {
    for (const [id, w] of vectors[i]) {
      for (const [j, v] of postings[id]) {
        if (j === i) continue;
        if (dot[j] === 0) touched.push(j);
        dot[j] += w * v;
      }
    }
    for (const j of largest(touched, dot, topK)) if (dot[j] > 0) out.push([i, j, Math.min(1, dot[j])]);
    for (const j of touched) dot[j] = 0;
    touched.length = 0;
  }
  return out;
}

/** Terms in more posts than this are left out of the similarity. */
const COMMON_TERM = 500;

/** The `k` entries of `ids` with the largest `score` (ties by id), without sorting them all. */
function largest(ids: number[], score: Float64Array, k: number): number[] {
  const best: number[] = [];
  const before = (a: number, b: number) => score[a] > score[b] || (score[a] === score[b] && a < b);
  for (const id of ids) {
    if (best.length === k && !before(id, best[k - 1])) continue;
    let at = best.length === k ? k - 1 : best.length;
    if (best.length < k) best.push(id);
    while (at > 0 && before(id, best[at - 1])) {
      best[at] = best[at - 1];
      at--;
    }
    best[at] = id;
  }
  return best;
}
