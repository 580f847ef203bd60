// Does a prior that uses no labels lift the GOP debate's n-precision (n = 200) above the base rate, as the topic prior
// from the subject-category names does? Tried: the collection's own most used hashtags as the topic query (those in
// fewer than 1 row in 20, so not #gopdebate), the top 30 and the top 100; and the collection's distinctive words
// against a background (the app's two other collections, NICAR 2019 and demonetization 2016): the words whose share
// of GOP rows most exceeds their share of background rows (log-odds weighted by the GOP share), top 30 and top 100;
// beside the category names and no prior.
// Output: scripts/label-free-prior.txt.   node examples/mutual-ranker/scripts/label-free-prior.mjs
import { readFileSync } from "node:fs";
import { csvParse } from "d3-dsv";
import { precisionTable } from "../src/precision.mjs";
import { COLLECTIONS, rankCollection } from "../src/ranking.mjs";

const rows = csvParse(readFileSync(new URL("../data/gop-debate-2015.csv", import.meta.url), "utf8"));
const collection = COLLECTIONS["gop-debate-2015"];
const tagRows = new Map();
for (const row of rows) {
  for (const tag of new Set([...row.text.toLowerCase().matchAll(/#(\w+)/g)].map((m) => m[1]))) {
    tagRows.set(tag, (tagRows.get(tag) ?? 0) + 1);
  }
}
const background = ["nicar19.csv", "demonetization-2016.csv"].flatMap((file) =>
  csvParse(readFileSync(new URL(`../data/${file}`, import.meta.url), "utf8")).map((row) => row.text ?? row.tweet_text),
);
/** Per word (3+ letters, no links or @names), the rows holding it. */
function wordRows(texts) {
  const counts = new Map();
  for (const text of texts) {
    const words =
      text
        .toLowerCase()
        .replace(/https?:\S+|@\w+/g, " ")
        .match(/[a-z][a-z']{2,}/g) ?? [];
    for (const word of new Set(words)) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return counts;
}
const own = wordRows(rows.map((row) => row.text));
const other = wordRows(background);
// Words that also open the background's rows as often (the, and, rt…) score near 0; +1 smooths the unseen ones.
const distinctive = [...own]
  .filter(([, n]) => n >= 5)
  .map(([word, n]) => {
    const share = n / rows.length;
    return [word, share * Math.log(share / (((other.get(word) ?? 0) + 1) / (background.length + 1)))];
  })
  .sort((a, b) => b[1] - a[1]);
const tags = [...tagRows].filter(([, n]) => n < rows.length / 20).sort((a, b) => b[1] - a[1]);
const queries = [
  ["subject-category names (uses the labels' vocabulary)", collection.topic],
  [
    "top 30 hashtags (no labels)",
    tags
      .slice(0, 30)
      .map(([t]) => t)
      .join(" "),
  ],
  [
    "top 100 hashtags (no labels)",
    tags
      .slice(0, 100)
      .map(([t]) => t)
      .join(" "),
  ],
  [
    "top 30 distinctive words against the two other collections (no labels)",
    distinctive
      .slice(0, 30)
      .map(([w]) => w)
      .join(" "),
  ],
  [
    "top 100 distinctive words against the two other collections (no labels)",
    distinctive
      .slice(0, 100)
      .map(([w]) => w)
      .join(" "),
  ],
  ["uniform prior (no labels)", null],
];
console.log(
  `distinctive words, top 30: ${distinctive
    .slice(0, 30)
    .map(([w]) => w)
    .join(" ")}\n`,
);
console.log("| prior | posts | users | hashtags |\n| --- | --- | --- | --- |");
for (const [label, topic] of queries) {
  const table = precisionTable(rankCollection(rows, collection, { topic, walksPerNode: 10 }), { edits: 0 });
  if (label === queries[0][0]) {
    for (const row of table.rows.filter((r) => !r.label.startsWith("MutualRanker"))) {
      console.log(`| ${row.label} | ${row.precision.map((p) => (p === null ? "—" : p.toFixed(3))).join(" | ")} |`);
    }
  }
  const before = table.rows.find((r) => r.label.includes("before any edit"));
  console.log(`| MutualRanker, ${label} | ${before.precision.map((p) => p.toFixed(3)).join(" | ")} |`);
}
