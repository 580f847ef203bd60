// mutual-ranker's headless pipeline for `pnpm demo`: rank the GOP-debate tweets (and, briefly, the other two
// collections) with the analysis the page runs (src/ranking.mjs), run the n-precision experiment, and return the
// report's sections with the views rendered to SVG by @clearbox/charts/ssr. Nothing to train: --fast changes nothing.
import { readFileSync } from "node:fs";
import { csvParse } from "d3-dsv";
import { precisionTable, RAISE, LOWER, RELEVANCE_RULE } from "./src/precision.mjs";
import { COLLECTIONS, HASHTAG, rankCollection, topElements, TYPE_NAMES, USER } from "./src/ranking.mjs";
import { flowMapView, rankGraphView, TOP_HEADINGS, topRowCells } from "./src/views.mjs";
import { escapeHtml, htmlTable, renderView } from "@clearbox/demo-kit/report-html";

const MAIN = "gop-debate-2015";
const readRows = (id) => csvParse(readFileSync(new URL(`./data/${id}.csv`, import.meta.url), "utf8"));

/**
 * @param {{ progress?: (line: string) => void }} options
 */
export async function run({ progress = () => {} } = {}) {
  progress(`ranking ${COLLECTIONS[MAIN].label}: graph, Monte Carlo walks, clusters`);
  const state = rankCollection(readRows(MAIN), COLLECTIONS[MAIN]);
  const { graph } = state;
  const top = topElements(state, 10);
  const hashtagGraph = rankGraphView(state, HASHTAG, { selected: 0 });
  const userGraph = rankGraphView(state, USER, { width: 560, height: 460 });
  const sources = hashtagGraph.data.clusters[0].nodes.slice(0, 8);
  const svg = {
    hashtags: renderView(hashtagGraph),
    users: renderView(userGraph),
    flows: renderView(flowMapView(state, sources)),
  };
  progress("n-precision: five edits by the stated rule, each applied incrementally");
  const precision = precisionTable(state, { n: 200, edits: 5 });
  progress("the other two collections");
  const others = Object.keys(COLLECTIONS)
    .filter((id) => id !== MAIN)
    .map((id) => {
      const start = performance.now();
      const other = rankCollection(readRows(id), COLLECTIONS[id]);
      const best = topElements(other, 5);
      return [
        COLLECTIONS[id].label,
        best.hashtags.map((h) => h.name).join(" "),
        best.users.map((u) => u.name).join(" "),
        `${((performance.now() - start) / 1000).toFixed(2)} s`,
      ];
    });

  const percent = (p) => (p === null ? "—" : p.toFixed(3));
  const sections = [
    {
      heading: "The graph",
      html: `<p>${escapeHtml(COLLECTIONS[MAIN].label)}: ${graph.posts.toLocaleString("en")} distinct posts (the ${graph.postOfRow.length.toLocaleString("en")} tweets with their retweets and near-duplicates collapsed: a post links to the author of every copy), ${graph.users.toLocaleString("en")} users and ${graph.hashtags.toLocaleString("en")} hashtags as nodes; ${graph.edges.length.toLocaleString("en")} edges (each post to its 5 most similar posts by TF-IDF cosine, retweets / mentions between users, hashtag co-occurrence, and the post–author, post–hashtag and user–hashtag links). The prior W is the topic prior of the analyst's query — the debate's issues as the collection's subject categories name them (“${escapeHtml(state.topic ?? "")}”): a post's TF-IDF cosine to it, a user's or hashtag's the mean of their posts', over a floor of 0.05. Ranked together by Monte Carlo random walks (R = 10 per node, seed 1): ${state.ranker.storage.walks.toLocaleString("en")} walks, ${(state.ranker.storage.bytes / 2 ** 20).toFixed(1)} MiB, which also give every score its uncertainty.</p>`,
    },
    {
      heading: "Top posts, users and hashtags",
      html: ["posts", "users", "hashtags"]
        .map((type) => `<h3>${type}</h3>${htmlTable(TOP_HEADINGS, top[type].map(topRowCells))}`)
        .join("\n"),
    },
    {
      heading: "Rank graph of hashtag clusters, with uncertainty glyphs",
      html: `<p>The 150 top hashtags clustered by greedy modularity on their co-occurrence (association strength);
a cluster's area is its members' summed score, its ring the distribution of their uncertainty (percentile among all
hashtags: a thick, dark ring is an uncertain cluster); representatives are labelled, the other members drawn as a
density. The top cluster is selected: the uncertainty it propagates to the others (eq. 5-8/5-9) is drawn bundled.</p>
<div class="row">${svg.hashtags}</div>
<p>The same for the 150 top users, clustered on their retweets, replies and mentions:</p><div class="row">${svg.users}</div>`,
    },
    {
      heading: "Propagation flow map",
      html: `<p>The top 40 hashtags on a circle by rank, and the uncertainty that the top cluster's eight best hashtags
(${sources.map((n) => escapeHtml(graph.names[n])).join(" ")}) propagate to them, bundled by force-directed edge bundling.</p>
<div class="row">${svg.flows}</div>`,
    },
    {
      heading: `n-precision, n = ${precision.n}`,
      html: `<p><b>Relevance</b> (from the data's own labels): ${escapeHtml(RELEVANCE_RULE)} Relevant: ${precision.relevantCounts
        .map((c, t) => `${c.toLocaleString("en")} ${TYPE_NAMES[t]}`)
        .join(", ")}.</p>
<p><b>Edits</b>: odd edits lower the highest-ranked irrelevant hashtag to ${LOWER} × its prior, even edits raise the
highest-ranked relevant hashtag not yet edited ${RAISE.toLocaleString("en")}-fold (one node's prior is about 1/${graph.nodeType.length.toLocaleString(
        "en",
      )} of the teleport mass, so a tenfold edit hardly moves a ranking this large). The ranker
chooses per edit: it walks the affected walks again from their first step out of a changed row, or — when more walks
pass the changed rows than the graph has edges / 25, as for these hashtags — re-solves by Gauss–Seidel sweeps from the
current scores and walks the stale walks again only when the uncertainty is next needed. The first edit also builds
the node → walks index.</p>
${htmlTable(
  ["ranking", ...TYPE_NAMES, "update", "how"],
  precision.rows.map((r) => [
    r.label,
    ...r.precision.map(percent),
    r.edit ? `${r.edit.ms.toFixed(0)} ms` : "",
    r.edit ? editHow(r.edit) : "",
  ]),
)}`,
    },
    {
      heading: "The other collections",
      html: `<p>The page switches between all three; here, their top five hashtags and users and the time to rank them
(graph, walks and clusters).</p>${htmlTable(["collection", "top hashtags", "top users", "time"], others)}`,
    },
  ];
  return {
    title: "mutual-ranker — MutualRanker on tweets",
    lead: "Tweets, their authors and their hashtags ranked together so that each reinforces the others, with the uncertainty of every score, how it propagates, and edits by an analyst applied incrementally — MutualRanker (thesis chapter 5) from @clearbox/mutual-rank, cluster and charts.",
    sections,
    timings: state.timings,
    source: Object.values(COLLECTIONS)
      .map((c) => `${c.label}: ${c.source}`)
      .join(" "),
  };
}

/** What an edit did: the sweeps of a re-solve, or the walks walked again and the steps they drew. */
function editHow(edit) {
  return edit.strategy === "exact"
    ? `re-solved, ${edit.iterations} sweeps`
    : `${edit.affectedWalks.toLocaleString("en")} walks walked again (${edit.resampledSteps.toLocaleString("en")} steps)`;
}
