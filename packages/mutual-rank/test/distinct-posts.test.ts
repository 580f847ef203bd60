import { describe, expect, it } from "vitest";
import { fromTweets, topicPrior } from "../src/index.js";
import { canonicalText, distinctPosts } from "../src/tweets/distinct-posts.js";

describe("distinct posts", () => {
  it("collapses retweets, case, links and truncated copies into one post, and keeps different texts apart", () => {
    const texts = [
      "Fox News is obviously trying to influence the makeup of the field #GOPDebate http://t.co/abc",
      "RT @surfer: Fox News is obviously trying to influence the makeup of the field #GOPDebate",
      "RT @surfer: FOX NEWS is obviously trying to influence the makeup of the fie…",
      "RT @surfer: Fox News is obviously trying to influence the makeup of the field #GOPDebate http://t.co/xyz",
      "Fox News is obviously trying to influence the makeup of the candidates",
      "http://t.co/1",
      "http://t.co/2",
      "RT @x: Fox News is…",
    ];
    const d = distinctPosts(texts);
    expect(Array.from(d.postOfRow)).toEqual([0, 0, 0, 0, 1, 2, 3, 4]);
    expect(Array.from(d.copies)).toEqual([4, 1, 1, 1, 1]);
    // The author's own untruncated text shows the post.
    expect(d.shownRow[0]).toBe(0);
    // A short truncated prefix is ambiguous: a post of its own.
    expect(canonicalText(texts[7])).toEqual({ key: "fox news", truncated: true });
  });

  it("is the same post whatever the order of the rows (brute force over orders of a small set)", () => {
    const texts = [
      "RT @a: one two three four five six seven eight",
      "One two three four five six seven eight!",
      "RT @b: one two three four five six sev…",
      "another text entirely",
    ];
    const orders = [
      [0, 1, 2, 3],
      [3, 2, 1, 0],
      [2, 0, 3, 1],
    ];
    for (const order of orders) {
      const d = distinctPosts(order.map((i) => texts[i]));
      const post = new Map(order.map((i, r) => [i, d.postOfRow[r]]));
      expect(post.get(0)).toBe(post.get(1));
      expect(post.get(0)).toBe(post.get(2));
      expect(post.get(3)).not.toBe(post.get(0));
    }
  });
});

describe("fromTweets on hostile rows", () => {
  it("caps the hashtags and mentions read from one row and says how many rows it capped", () => {
    const many = Array.from({ length: 200_000 }, (_, i) => `#t${i}`).join(" ");
    const g = fromTweets(
      [
        { text: many, who: "a" },
        { text: "#t1 #t2 and more", who: "b" },
      ],
      { text: "text", author: "who" },
    );
    expect(g.cappedRows).toBe(1);
    expect(g.hashtags).toBe(50);
    const small = fromTweets([{ text: many, who: "a" }], { text: "text", author: "who", maxTagsPerRow: 3 });
    expect(small.hashtags).toBe(3);
    expect(() => fromTweets([{ text: "x", who: "a" }], { text: "text", author: "who", maxTagsPerRow: 0 })).toThrow(
      expect.objectContaining({ code: "E_RANGE" }),
    );
    expect(() => fromTweets([{ text: "x", who: "a" }], { text: "text", author: "who", maxTermPosts: 1 })).toThrow(
      expect.objectContaining({ code: "E_RANGE", argument: "options.maxTermPosts" }),
    );
    expect(fromTweets([{ text: "x", who: "a" }], { text: "text", author: "who", maxTermPosts: Infinity }).posts).toBe(
      1,
    );
  });

  it("reads columns as the rows' own properties only", () => {
    expect(() => fromTweets([{ who: "a" }], { text: "constructor", author: "who" })).toThrow(
      expect.objectContaining({ code: "E_SHAPE", argument: "rows[0].constructor" }),
    );
    expect(() => fromTweets([{ text: "hi" }], { text: "text", author: "toString" })).toThrow(
      expect.objectContaining({ code: "E_SHAPE" }),
    );
  });
});

describe("topicPrior", () => {
  const rows = [
    { text: "Immigration reform was never asked about", who: "a" },
    { text: "Immigrants built this country #immigration", who: "b" },
    { text: "Megyn Kelly asked the best question", who: "c" },
    { text: "Megyn Kelly for president", who: "d" },
  ];
  const graph = fromTweets(rows, { text: "text", author: "who" });
  const texts = Array.from(graph.shownRow, (r) => rows[r].text);

  it("weighs posts by their cosine to the query, and users and hashtags by their posts", () => {
    const { prior, relevance, matchedPosts } = topicPrior(graph, texts, "immigration");
    expect(matchedPosts).toBe(2);
    expect(relevance[0]).toBeGreaterThan(0);
    expect(relevance[1]).toBeGreaterThan(0);
    expect(relevance[2]).toBe(0);
    for (const v of relevance) expect(v).toBeLessThanOrEqual(1);
    const user = (name: string) => graph.names.indexOf(name);
    expect(prior[user("@a")]).toBeGreaterThan(prior[user("@c")]);
    expect(prior[user("@c")]).toBe(0.05);
    expect(prior[graph.names.indexOf("#immigration")]).toBeGreaterThan(0.05);
    for (const v of prior) expect(v).toBeGreaterThanOrEqual(0.05);
  });

  it("meets a bad query, texts or floor with coded errors", () => {
    expect(() => topicPrior(graph, texts, "a b")).toThrow(expect.objectContaining({ code: "E_EMPTY" }));
    expect(() => topicPrior(graph, texts.slice(1), "immigration")).toThrow(
      expect.objectContaining({ code: "E_SHAPE", argument: "postTexts" }),
    );
    expect(() => topicPrior(graph, texts, "immigration", { floor: 0 })).toThrow(
      expect.objectContaining({ code: "E_RANGE" }),
    );
    expect(() => topicPrior(graph, texts, "immigration", { flor: 1 } as never)).toThrow(
      expect.objectContaining({ code: "E_OPTION" }),
    );
  });
});
