import { readFileSync } from "node:fs";
import { csvParse } from "d3-dsv";
import { describe, expect, it } from "vitest";
import {
  createModel,
  createMonteCarloRanker,
  fromTweetStream,
  fromTweets,
  precisionAtK,
  solveExact,
  topK,
} from "../src/index.js";

describe("fromTweets", () => {
  it("builds posts, users and hashtags with the links of thesis §5.2", () => {
    const rows = [
      { text: "Great #debate tonight #GOP", who: "Ann" },
      { text: "RT @ann: Great #debate tonight #GOP", who: "bob" },
      { text: "@carl what did you think of the #debate", who: "Bob" },
      { text: "Nothing in common here", who: "dan" },
    ];
    const g = fromTweets(rows, { text: "text", author: "who", topK: 2 });
    // The retweet is a copy of post 0: two distinct posts.
    expect([g.posts, g.users, g.hashtags]).toEqual([3, 4, 2]);
    expect(g.names).toEqual(["0", "2", "3", "@ann", "@bob", "@dan", "@carl", "#debate", "#gop"]);
    expect(Array.from(g.postOfRow)).toEqual([0, 0, 1, 2]);
    expect(Array.from(g.copies)).toEqual([2, 1, 1]);
    const has = (a: string, b: string) =>
      g.edges.some(([x, y]) => (g.names[x] === a && g.names[y] === b) || (g.names[x] === b && g.names[y] === a));
    expect(has("0", "@ann")).toBe(true);
    expect(has("0", "#gop")).toBe(true);
    expect(has("@bob", "@ann")).toBe(true); // the retweet
    expect(has("@bob", "@carl")).toBe(true); // the mention
    expect(has("#debate", "#gop")).toBe(true); // co-occurrence
    expect(has("@ann", "#debate")).toBe(true); // the user's hashtag
    expect(has("0", "@bob")).toBe(true); // bob's copy links him to the post
    expect(has("0", "2")).toBe(true); // a word in common
    expect(() => fromTweets([{ who: "x" }], { text: "text", author: "who" })).toThrow(
      expect.objectContaining({ code: "E_SHAPE", argument: "rows[0].text" }),
    );
    expect(() => fromTweets(rows, { text: "text", author: "who", topk: 3 } as never)).toThrow(
      expect.objectContaining({ code: "E_OPTION", message: expect.stringContaining("Did you mean topK?") }),
    );
  });

  it("ranks the GOP-debate tweets (13,871) with the exact and Monte Carlo solvers in agreement", () => {
    const rows = csvParse(readFileSync(new URL("../../../data/tweets/gop-debate-2015.csv", import.meta.url), "utf8"));
    const graph = fromTweets(rows, { text: "text", author: "name" });
    expect(graph.postOfRow).toHaveLength(13_871);
    expect(graph.posts).toBeLessThan(10_000); // a third of the rows are copies
    const model = createModel(graph);
    const exact = solveExact(model).scores;
    const mc = createMonteCarloRanker(model, { walksPerNode: 10, seed: 1 }).scores();
    // Tie-aware top-200 agreement: a node belongs if its exact score reaches the exact 200th score.
    for (const type of [1, 2]) {
      const truth = topK(exact, model.nodeType, type, 200);
      const cut = exact[truth[truth.length - 1]];
      const found = topK(mc, model.nodeType, type, 200);
      expect(found.filter((i) => exact[i] >= cut - 1e-12).length / found.length).toBeGreaterThanOrEqual(0.9);
    }
    expect(precisionAtK(topK(exact, model.nodeType, 2, 5), new Set(topK(exact, model.nodeType, 2, 5)), 5)).toBe(1);
  });
});

describe("cut texts", () => {
  it("make no node of a hashtag or user cut by the truncation mark (#g…), and keep the whole ones before it", () => {
    const rows = [
      { text: "RT @ann: Watching #GOPDebate with friends #KellyFil…", who: "bob" },
      { text: "RT @ann: Watching #GOPDebate with friends #Gâ€_", who: "cy" },
      { text: "Thanks @carl @di…", who: "ann" },
      { text: "Full #KellyFile here", who: "dan" },
    ];
    const g = fromTweets(rows, { text: "text", author: "who" });
    const tags = g.names.filter((n) => n.startsWith("#"));
    expect(tags.sort()).toEqual(["#gopdebate", "#kellyfile"]);
    expect(g.names).toContain("@carl");
    expect(g.names).not.toContain("@di");
  });
});

describe("fromTweetStream", () => {
  it("builds from rows arriving one at a time the same graph as fromTweets, its edges in typed arrays", async () => {
    const rows = csvParse(readFileSync(new URL("../../../data/tweets/gop-debate-2015.csv", import.meta.url), "utf8"));
    const whole = fromTweets(rows, { text: "text", author: "name" });
    async function* oneByOne() {
      for (const row of rows) yield await Promise.resolve(row);
    }
    const streamed = await fromTweetStream(oneByOne(), { text: "text", author: "name" });
    expect(streamed.names).toEqual(whole.names);
    expect(streamed.edges.from).toBeInstanceOf(Int32Array);
    expect(Array.from(streamed.edges.from, (a, e) => [a, streamed.edges.to[e], streamed.edges.weight[e]])).toEqual(
      whole.edges,
    );
    expect(solveExact(createModel(streamed)).scores).toEqual(solveExact(createModel(whole)).scores);
  });

  it("stops when its signal fires and refuses what is not iterable", async () => {
    const controller = new AbortController();
    function* endless() {
      for (let r = 0; ; r++) {
        if (r === 10_000) controller.abort();
        yield { text: `row ${r} #tag`, who: `u${r % 7}` };
      }
    }
    await expect(
      fromTweetStream(endless(), { text: "text", author: "who", signal: controller.signal }),
    ).rejects.toMatchObject({ code: "E_ABORTED" });
    await expect(fromTweetStream(42 as never, { text: "text", author: "who" })).rejects.toMatchObject({
      code: "E_TYPE",
      argument: "rows",
    });
    await expect(fromTweetStream([{ who: "x" }], { text: "text", author: "who" })).rejects.toMatchObject({
      code: "E_SHAPE",
      argument: "rows[0].text",
    });
  });
});

describe("bad input", () => {
  const input = { types: ["a"], nodeType: [0, 0], edges: [[0, 1, 1]] as Array<[number, number, number]> };
  it("meets bad graphs, priors and options with coded errors naming the argument", () => {
    expect(() => createModel({ ...input, edges: [[0, 1, -1]] })).toThrow(
      expect.objectContaining({ code: "E_RANGE", argument: "input.edges[0][2]" }),
    );
    expect(() => createModel({ ...input, edges: [[0, 5, 1]] })).toThrow(
      expect.objectContaining({ code: "E_RANGE", argument: "input.edges[0][1]" }),
    );
    expect(() => createModel(input, { prior: [1, NaN] })).toThrow(
      expect.objectContaining({ code: "E_NAN", argument: "options.prior[1]" }),
    );
    expect(() => createModel(input, { prior: [0, 0] })).toThrow(
      expect.objectContaining({ code: "E_RANGE", argument: "options.prior" }),
    );
    expect(() => createModel(input, { damping: 1 })).toThrow(
      expect.objectContaining({ code: "E_RANGE", argument: "options.damping" }),
    );
    expect(() =>
      createModel(
        { ...input, types: ["a", "b"] },
        {
          alpha: [
            [0.5, 0.6],
            [0.5, 0.5],
          ],
        },
      ),
    ).toThrow(expect.objectContaining({ code: "E_RANGE", argument: "options.alpha[0]" }));
    expect(() => createModel(input, { dampng: 0.5 } as never)).toThrow(expect.objectContaining({ code: "E_OPTION" }));
    const ranker = createMonteCarloRanker(createModel(input), { walksPerNode: 2 });
    expect(() => ranker.setPriors(new Map([[0, NaN]]))).toThrow(expect.objectContaining({ code: "E_NAN" }));
    expect(() => ranker.setPriors(new Map([[7, 1]]))).toThrow(expect.objectContaining({ code: "E_RANGE" }));
    expect(() =>
      ranker.setPriors(
        new Map([
          [0, 0],
          [1, 0],
        ]),
      ),
    ).toThrow(expect.objectContaining({ code: "E_RANGE" }));
    expect(() => solveExact({} as never)).toThrow(expect.objectContaining({ code: "E_TYPE", argument: "model" }));
  });
});
