// The edit rows of the mutual-rank suite alone (the suite also runs the peers and the 1.4 M-row scale run): prior
// edits at 10^5 nodes / 10^6 edges, auto against rerouting, and five successive edits against a fresh solve on random
// graphs and the GOP debate. Prints the tables; `pnpm bench mutual-rank` writes them to bench/results with the rest.
//   node bench/src/mutual-rank-edits.mjs
import { readFileSync } from "node:fs";
import { csvParse } from "d3-dsv";
import { createModel, createMonteCarloRanker, fromTweets, solveExact } from "@clearbox/mutual-rank";
import { measure } from "./measure.mjs";
import { editSection, fiveEditsSection, pageGraph } from "./mutual-rank.mjs";

const model = createModel(pageGraph(), { symmetric: false });
const exact = solveExact(model, { tolerance: 1e-9 }).scores;
const mc = measure(() => createMonteCarloRanker(model, { walksPerNode: 5, seed: 1 }), { repeats: 1, warmup: false });
const rows = csvParse(readFileSync(new URL("../../data/tweets/gop-debate-2015.csv", import.meta.url), "utf8"));
const alpha = [
  [0.4, 0.3, 0.3],
  [0.3, 0.4, 0.3],
  [0.3, 0.3, 0.4],
];
const sections = [
  editSection(model, exact, mc, mc.result.storage),
  fiveEditsSection(fromTweets(rows, { text: "text", author: "name" }), alpha),
];
for (const { heading, note, rows: table } of sections) {
  const columns = [...new Set(table.flatMap((row) => Object.keys(row)))];
  console.log(`\n## ${heading}\n\n${note}\n`);
  console.log(`| ${columns.join(" | ")} |\n|${columns.map(() => " --- |").join("")}`);
  for (const row of table) console.log(`| ${columns.map((c) => row[c] ?? "").join(" | ")} |`);
}
