// The MutualRanker pipeline on a real collection: what the page and the report both show.
import { readFileSync } from "node:fs";
import { csvParse } from "d3-dsv";
import { beforeAll, describe, expect, it } from "vitest";
import { createModel, solveExact, topK } from "@clearbox/mutual-rank";
import { precisionTable, relevantSets, userPageRank } from "../src/precision.mjs";
import {
  COLLECTIONS,
  editPrior,
  HASHTAG,
  POST,
  rankCollection,
  rankGraphData,
  topElements,
  USER,
} from "../src/ranking.mjs";

const read = (id) => csvParse(readFileSync(new URL(`../data/${id}.csv`, import.meta.url), "utf8"));
let nicar;

beforeAll(() => {
  nicar = rankCollection(read("nicar19"), COLLECTIONS.nicar19);
});

describe("mutual-ranker ranking", () => {
  it("ranks every tweet of the collection, best first, with a name and an uncertainty", () => {
    expect(nicar.graph.postOfRow).toHaveLength(6108);
    expect(nicar.graph.posts).toBeLessThanOrEqual(6108);
    const top = topElements(nicar, 10);
    for (const list of [top.posts, top.users, top.hashtags]) {
      expect(list).toHaveLength(10);
      list.slice(1).forEach((e, i) => expect(e.score).toBeLessThanOrEqual(list[i].score));
      for (const e of list) {
        expect(e.uncertainty).toBeGreaterThan(0);
        expect(e.percentile).toBeGreaterThanOrEqual(0);
        expect(e.percentile).toBeLessThanOrEqual(1);
      }
    }
    expect(top.posts[0].name).toBe(nicar.rows[nicar.graph.shownRow[top.posts[0].node]].tweet_text);
    expect(top.hashtags[0].name).toBe("#nicar19");
  });

  it("partitions the top hashtags and users into communities, and builds the rank graph from them", () => {
    for (const { type, groups } of nicar.clusters) {
      const members = groups.flat().sort((a, b) => a - b);
      expect(members).toEqual([...topK(nicar.ranker.scores(), nicar.graph.nodeType, type, 150)].sort((a, b) => a - b));
    }
    const scores = nicar.ranker.scores();
    const { clusters, links, flows } = rankGraphData(nicar, HASHTAG);
    for (const c of clusters) {
      expect(c.importance).toBeCloseTo(
        c.nodes.reduce((s, n) => s + scores[n], 0),
        12,
      );
      expect(c.uncertainty).toHaveLength(c.nodes.length);
    }
    clusters.slice(1).forEach((c, i) => expect(c.importance).toBeLessThanOrEqual(clusters[i].importance));
    for (const l of links) expect(l.source).not.toBe(l.target);
    for (const f of flows) {
      expect(f.from).not.toBe(f.to);
      expect(f.flow).toBeGreaterThan(0);
    }
  });

  it("raises an element incrementally, as an exact solve with the new prior does", () => {
    const state = rankCollection(read("nicar19"), COLLECTIONS.nicar19, { clustered: 20 });
    const hashtag = topK(state.ranker.scores(), state.graph.nodeType, HASHTAG, 30)[29];
    const before = state.ranker.scores()[hashtag];
    const edit = editPrior(state, hashtag, 1000);
    // Walked again, or re-solved exactly when too many walks pass the changed rows: either did work.
    expect(edit.strategy === "exact" ? edit.iterations : edit.affectedWalks).toBeGreaterThan(0);
    expect(state.ranker.scores()[hashtag]).toBeGreaterThan(before);
    const prior = Array.from(state.model.prior);
    prior[hashtag] *= 1000;
    const exact = solveExact(createModel(state.graph, { prior })).scores;
    const rankOf = (scores) => topK(scores, state.graph.nodeType, HASHTAG, 200).indexOf(hashtag);
    expect(Math.abs(rankOf(state.ranker.scores()) - rankOf(exact))).toBeLessThanOrEqual(2);
    expect(topElements(state, 5).hashtags.some((h) => h.node === hashtag)).toBe(rankOf(exact) < 5);
  });
});

describe("n-precision on the GOP-debate labels", () => {
  it("judges relevance from subject_matter, beats a random ranking and PageRank before any edit", () => {
    const state = rankCollection(read("gop-debate-2015"), COLLECTIONS["gop-debate-2015"], { clustered: 10 });
    const relevant = relevantSets(state);
    // A distinct post is relevant when at least half of its copies are.
    const onTopic = new Float64Array(state.graph.posts);
    state.rows.forEach((r, row) => {
      const relevantRow = !["", "None of the above", "FOX News or Moderators"].includes(r.subject_matter);
      onTopic[state.graph.postOfRow[row]] += (relevantRow ? 1 : -1) / state.graph.copies[state.graph.postOfRow[row]];
    });
    expect(relevant[POST].size).toBe(onTopic.filter((x) => x >= -1e-12).length);
    const pagerank = userPageRank(state);
    const users = Array.from(state.graph.nodeType).flatMap((t, n) => (t === USER ? [n] : []));
    expect(users.reduce((s, u) => s + pagerank[u], 0)).toBeCloseTo(1, 9);
    // The top ten posts are ten different texts, shown without the source's mis-decoding.
    const top = topElements(state, 10).posts;
    expect(new Set(top.map((p) => p.name)).size).toBe(10);
    for (const p of top) expect(p.name).not.toMatch(/_Ÿ|â€|Ã/);
    const table = precisionTable(state, { n: 200, edits: 5 });
    expect(table.rows.map((r) => r.label.split(":")[0])).toEqual([
      "base rate (a random ranking)",
      "MutualRanker, uniform prior (no topic)",
      "MutualRanker + topic prior, before any edit",
      "edit 1",
      "edit 2",
      "edit 3",
      "edit 4",
      "edit 5",
      "PageRank on the user–user graph",
      "PageRank on the whole graph",
    ]);
    const [base, , before] = table.rows.map((r) => r.precision);
    const [userGraph, wholeGraph] = table.rows.slice(-2).map((r) => r.precision);
    for (const type of [POST, USER, HASHTAG]) {
      expect(before[type]).toBeGreaterThan(base[type]);
      expect(before[type]).toBeGreaterThan(wholeGraph[type]);
    }
    expect(before[USER]).toBeGreaterThan(userGraph[USER]);
    expect(base[POST]).toBeCloseTo(relevant[POST].size / state.graph.posts, 12);
    for (const row of table.rows) for (const p of row.precision) if (p !== null) expect(p).toBeGreaterThanOrEqual(0);
    // Odd edits lower an irrelevant hashtag, even edits raise a relevant one.
    table.rows.slice(3, 8).forEach((row, k) => {
      expect(row.edit.factor < 1).toBe(k % 2 === 0);
      expect(relevant[HASHTAG].has(row.edit.node)).toBe(k % 2 === 1);
    });
    // Two rankings, five edits and two PageRanks: seconds alone; the limit leaves room for a machine shared with others.
  }, 120_000);
});
