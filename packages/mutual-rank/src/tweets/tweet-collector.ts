import { distinctPosts } from "./distinct-posts.js";
import { EdgeTally } from "./edge-tally.js";
import { EdgeBuffer, IntList } from "./int-list.js";
import { similarPosts, textTerms } from "./text-similarity.js";
import { parseTweet } from "./tweet-row.js";

/** Ids in order of first appearance. */
class Names {
  readonly ids = new Map<string, number>();
  id(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) this.ids.set(name, (id = this.ids.size));
    return id;
  }
}

/** A flat list of id lists (CSR): list k is `ids[start[k]] … ids[start[k + 1] − 1]`. */
class IdLists {
  readonly start = new IntList();
  readonly ids = new IntList();
  constructor() {
    this.start.push(0);
  }
  add(names: readonly string[], space: Names): void {
    for (const n of names) this.ids.push(space.id(n));
    this.start.push(this.ids.length);
  }
}

/** How the post–post similarity is searched (see FromTweetsOptions). */
export interface GraphSettings {
  topK: number;
  maxTermPosts: number;
  similarityBudget: number;
}

/** The graph a collector builds, its edges in typed arrays. */
export interface CollectedGraph {
  nodeType: Int32Array;
  edges: { from: Int32Array; to: Int32Array; weight: Float64Array };
  names: string[];
  posts: number;
  users: number;
  hashtags: number;
  postOfRow: Int32Array;
  shownRow: Int32Array;
  copies: Int32Array;
  cappedRows: number;
}

/**
 * Tweet rows read one at a time into interned ids (authors, hashtags, mentions, retweeted users in typed arrays; only
 * the texts are kept as strings, for the distinct posts and their similarity), then assembled into the graph. User ids
 * follow first appearance as authors, then as mentioned, then as retweeted users, whatever order the rows interleave.
 */
export class TweetCollector {
  private readonly texts: string[] = [];
  private readonly authors = new Names();
  private readonly mentioned = new Names();
  private readonly retweeted = new Names();
  private readonly hashtags = new Names();
  private readonly authorOf = new IntList();
  private readonly retweetedOf = new IntList();
  private readonly tagsOf = new IdLists();
  private readonly mentionsOf = new IdLists();
  private capped = 0;

  constructor(
    private readonly columns: { text: string; author: string; replyTo?: string },
    private readonly cap: number,
  ) {}

  /** How many rows were read. */
  get rows(): number {
    return this.texts.length;
  }

  /** Read one row (checked as `rows[r]`). */
  add(row: unknown): void {
    const t = parseTweet(row, this.texts.length, this.columns, this.cap);
    this.texts.push(t.text);
    this.authorOf.push(this.authors.id(t.author));
    this.retweetedOf.push(t.retweeted === "" ? -1 : this.retweeted.id(t.retweeted));
    this.tagsOf.add(t.hashtags, this.hashtags);
    this.mentionsOf.add(t.mentions, this.mentioned);
    if (t.capped) this.capped++;
  }

  /**
   * Final user ids: authors (their own ids), then users only mentioned, then users only retweeted (each by first
   * appearance). The authors are not interned again: at a million users that was a million Map insertions.
   */
  private userIds(): { count: number; others: Names; mention: Int32Array; retweet: Int32Array } {
    const authors = this.authors.ids;
    const others = new Names();
    const id = (name: string) => authors.get(name) ?? authors.size + others.id(name);
    const mention = Int32Array.from(this.mentioned.ids.keys(), id);
    const retweet = Int32Array.from(this.retweeted.ids.keys(), id);
    return { count: authors.size + others.ids.size, others, mention, retweet };
  }

  /** The typed graph: distinct posts, then users, then hashtags. */
  graph({ topK, maxTermPosts, similarityBudget }: GraphSettings): CollectedGraph {
    const distinct = distinctPosts(this.texts);
    const { count: U, others, mention, retweet } = this.userIds();
    const [P, H] = [distinct.count, this.hashtags.ids.size];
    const texts = this.texts;
    const similar = similarPosts(
      (function* () {
        for (const r of distinct.shownRow) yield textTerms(texts[r]);
      })(),
      topK,
      maxTermPosts,
      similarityBudget,
    );
    const edges = new EdgeBuffer();
    for (let e = 0; e < similar.from.length; e++) edges.push(similar.from[e], similar.to[e], similar.weight[e]);
    this.tallyLinks(distinct.postOfRow, mention, retweet, [P, U, H], edges);
    const nodeType = new Int32Array(P + U + H);
    nodeType.fill(1, P, P + U);
    nodeType.fill(2, P + U);
    const names = Array.from(distinct.shownRow, (r) => String(r));
    for (const u of this.authors.ids.keys()) names.push(`@${u}`);
    for (const u of others.ids.keys()) names.push(`@${u}`);
    for (const h of this.hashtags.ids.keys()) names.push(`#${h}`);
    return {
      nodeType,
      edges: edges.arrays(),
      names,
      posts: P,
      users: U,
      hashtags: H,
      postOfRow: distinct.postOfRow,
      shownRow: distinct.shownRow,
      copies: distinct.copies,
      cappedRows: this.capped,
    };
  }

  /** Post–user, post–hashtag, user–user, hashtag–hashtag and user–hashtag links, counted over the rows. */
  private tallyLinks(
    postOfRow: Int32Array,
    mention: Int32Array,
    retweet: Int32Array,
    [P, U, H]: number[],
    edges: EdgeBuffer,
  ): void {
    const [postUser, postTag, userUser, userTag, tagTag] = [U, H, U, H, H].map((n) => new EdgeTally(n));
    const [tagStart, tags] = [this.tagsOf.start.data, this.tagsOf.ids.data];
    const [mentionStart, mentions] = [this.mentionsOf.start.data, this.mentionsOf.ids.data];
    for (let r = 0; r < this.rows; r++) {
      const [post, author, rt] = [postOfRow[r], this.authorOf.data[r], this.retweetedOf.data[r]];
      postUser.addOrdered(post, author);
      if (rt >= 0) {
        postUser.addOrdered(post, retweet[rt]);
        userUser.add(author, retweet[rt]);
      }
      for (let m = mentionStart[r]; m < mentionStart[r + 1]; m++) userUser.add(author, mention[mentions[m]]);
      for (let a = tagStart[r]; a < tagStart[r + 1]; a++) {
        postTag.addOrdered(post, tags[a]);
        userTag.addOrdered(author, tags[a]);
        for (let b = a + 1; b < tagStart[r + 1]; b++) tagTag.add(tags[a], tags[b]);
      }
    }
    postUser.appendTo(edges, 0, P);
    postTag.appendTo(edges, 0, P + U);
    userUser.appendTo(edges, P);
    tagTag.appendTo(edges, P + U);
    userTag.appendTo(edges, P, P + U);
  }
}
