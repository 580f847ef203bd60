// The exact search's proof times beside an earlier revision of @clearbox/rect-pack, in one run: for a refactor that
// must not be slower (issue #28). Both versions are bundled the same way (esbuild, from source) and run interleaved,
// median of 3, on the classic families at the sizes that take 0.3–3 s here; node counts must agree.
//   node src/compare-rect-pack.mjs <git revision>      (writes bench/results/rect-pack-refactor.md)
// A change that is meant to alter the search (an ordering, a bound) gives other packings and node counts; then
//   node src/compare-rect-pack.mjs <git revision> --optima      (writes bench/results/rect-pack-optima.md)
// checks only that both prove the same optimal areas on the classic families, and lists the nodes of each.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { machine } from "./measure.mjs";

const revision = process.argv[2];
if (!revision) {
  console.error("usage: node src/compare-rect-pack.mjs <git revision of the code before the change>");
  process.exit(1);
}
const bench = fileURLToPath(new URL("..", import.meta.url));
const work = `${bench}.compare-rect-pack/`;
rmSync(work, { recursive: true, force: true });
mkdirSync(work);
// Inside bench/, so that the bundles resolve @clearbox/core from bench's node_modules.
execFileSync("sh", ["-c", `git archive ${revision} packages/rect-pack/src | tar -x -C ${work}`], { cwd: `${bench}..` });
const bundle = (entry, out) =>
  execFileSync(
    "npx",
    ["esbuild", entry, "--bundle", "--format=esm", "--platform=node", `--outfile=${out}`, "--log-level=warning"],
    {
      cwd: bench,
    },
  );
bundle(`${work}packages/rect-pack/src/index.ts`, `${work}before.mjs`);
bundle("../packages/rect-pack/src/index.ts", `${work}after.mjs`);
const before = await import(pathToFileURL(`${work}before.mjs`).href);
const after = await import(pathToFileURL(`${work}after.mjs`).href);

function describeMachine() {
  const m = machine();
  return `${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}, ${m.date}`;
}

const squares = (n) => Array.from({ length: n }, (_, i) => ({ width: i + 1, height: i + 1 }));
const rectangles = (n) => Array.from({ length: n }, (_, i) => ({ width: i + 1, height: i + 2 }));

// Same behaviour first: every result of both versions, as JSON, on the classic families, budget-cut searches,
// packFast over sizes and options, and packHierarchical with small leaf budgets.
let state = 3;
const random = () => (state = (state * 16807) % 2147483647) / 2147483647;
const randomRects = (n) =>
  Array.from({ length: n }, () => ({ width: 10 + Math.floor(90 * random()), height: 10 + Math.floor(90 * random()) }));
const cases = [];
for (const maxNodes of [500, 5000, 40000]) {
  cases.push(
    ["packOptimal", squares(20), { maxNodes }],
    ["packOptimal", rectangles(21), { maxNodes }],
    ["packOptimal", rectangles(20), { maxNodes, allowRotation: true }],
    ["packOptimal", randomRects(11), { maxNodes }],
    ["packOptimal", squares(18), { maxNodes, aspectRatio: 2 }],
  );
}
for (let n = 6; n <= 17; n++) {
  cases.push(["packOptimal", squares(n), {}], ["packOptimal", rectangles(n), {}]);
  cases.push(["packOptimal", rectangles(n), { allowRotation: true }]);
}
for (const size of [8, 30, 70, 300, 2000]) {
  const set = randomRects(size);
  for (const options of [
    {},
    { quality: "best" },
    { quality: "best", padding: 2, allowRotation: true },
    { maxWidth: 400 },
    { quality: "best", maxWidth: 300, aspectRatio: 1.5 },
    { quality: "best", aspectRatio: 2, seed: 4 },
  ])
    cases.push(["packFast", set, options]);
}
const hierarchical = randomRects(80);
const features = hierarchical.map((_, i) => [i % 5, i % 3]);
cases.push(["packHierarchical", hierarchical, { leafMaxNodes: 300, maxLeafSize: 14, features }]);
const outcome = (lib, name, rects, options) => {
  try {
    return JSON.stringify(lib[name](rects, options));
  } catch (error) {
    return `${error.code} ${error.message}`;
  }
};
if (process.argv[3] === "--optima") {
  compareOptima();
  process.exit(0);
}
const differ = cases.filter(
  ([name, rects, options]) => outcome(before, name, rects, options) !== outcome(after, name, rects, options),
);
if (differ.length > 0)
  throw new Error(
    `${differ.length} of ${cases.length} results differ, e.g. ${differ[0][0]} on ${differ[0][1].length} rectangles`,
  );
console.log(`${cases.length} results identical`);
const families = [
  ["squares", [18, 19, 20], squares, false],
  ["oriented rectangles", [18, 19, 20], rectangles, false],
  ["unoriented rectangles", [17, 18, 19], rectangles, true],
];
const run = (lib, rects, allowRotation) => {
  const start = performance.now();
  const result = lib.packOptimal(rects, { allowRotation, maxNodes: 5_000_000 });
  return { ms: performance.now() - start, nodes: result.nodes, optimal: result.optimal };
};
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const rows = [];
const ratios = [];
for (const [family, sizes, make, allowRotation] of families) {
  let sumBefore = 0;
  let sumAfter = 0;
  for (const n of sizes) {
    const times = { before: [], after: [] };
    let nodes;
    for (let rep = 0; rep < 3; rep++) {
      for (const [name, lib] of rep % 2 === 0
        ? [
            ["before", before],
            ["after", after],
          ]
        : [
            ["after", after],
            ["before", before],
          ]) {
        const r = run(lib, make(n), allowRotation);
        times[name].push(r.ms);
        if (nodes === undefined) nodes = r.nodes;
        else if (r.nodes !== nodes) throw new Error(`${family} ${n}: node counts differ (${nodes} vs ${r.nodes})`);
      }
    }
    const [b, a] = [median(times.before), median(times.after)];
    sumBefore += b;
    sumAfter += a;
    rows.push(
      `| ${family}, N = ${n} | ${nodes.toLocaleString("en")} | ${b.toFixed(0)} ms | ${a.toFixed(0)} ms | ${(a / b).toFixed(2)} |`,
    );
    console.log(rows.at(-1));
  }
  ratios.push(`| ${family} | ${(sumAfter / sumBefore).toFixed(2)} |`);
}
const text = `# rect-pack: the exact search before and after a refactor

Machine: ${describeMachine()}. Before: \`${revision}\`; after: the working tree. Both bundled by esbuild from source, interleaved, median
of 3 runs; node counts checked equal. Behaviour: ${cases.length} results (packOptimal on the classic families N = 6–17 and
cut by node budgets of 500–40,000, packFast on 5 sets × 6 option sets, packHierarchical) identical, as JSON.

| instance | nodes | before | after | after / before |
| --- | --- | --- | --- | --- |
${rows.join("\n")}

| family | Σ after / Σ before |
| --- | --- |
${ratios.join("\n")}
`;
writeFileSync(new URL("../results/rect-pack-refactor.md", import.meta.url), text);
rmSync(work, { recursive: true, force: true });
console.log(text);

/** Both versions prove the same optimum on every classic instance up to the sizes proven in seconds; node counts. */
function compareOptima() {
  const families = [
    ["squares", 6, 20, squares, false],
    ["oriented rectangles", 6, 20, rectangles, false],
    ["unoriented rectangles", 6, 19, rectangles, true],
  ];
  const rows = [];
  const totals = [];
  for (const [family, from, to, make, allowRotation] of families) {
    let nodesBefore = 0;
    let nodesAfter = 0;
    for (let n = from; n <= to; n++) {
      const [b, a] = [before, after].map((lib) => lib.packOptimal(make(n), { allowRotation, maxNodes: 5_000_000 }));
      if (!b.optimal || !a.optimal || b.width * b.height !== a.width * a.height)
        throw new Error(
          `${family} N = ${n}: ${b.width} × ${b.height} (${b.optimal}) vs ${a.width} × ${a.height} (${a.optimal})`,
        );
      nodesBefore += b.nodes;
      nodesAfter += a.nodes;
      rows.push(
        `| ${family}, N = ${n} | ${a.width * a.height} | ${b.width} × ${b.height} | ${a.width} × ${a.height} | ${b.nodes.toLocaleString("en")} | ${a.nodes.toLocaleString("en")} |`,
      );
      console.log(rows.at(-1));
    }
    totals.push(
      `| ${family} | ${nodesBefore.toLocaleString("en")} | ${nodesAfter.toLocaleString("en")} | ${(nodesAfter / nodesBefore).toFixed(3)} |`,
    );
  }
  const text = `# rect-pack: the same optima before and after a change to the search

Machine: ${describeMachine()}. Before: \`${revision}\`; after: the working tree. Every instance proven optimal by both
(node budget 5,000,000), with the same area; the enclosure may differ among those of equal area.

| instance | optimal area | before | after | nodes before | nodes after |
| --- | --- | --- | --- | --- | --- |
${rows.join("\n")}

| family | Σ nodes before | Σ nodes after | after / before |
| --- | --- | --- | --- |
${totals.join("\n")}
`;
  writeFileSync(new URL("../results/rect-pack-optima.md", import.meta.url), text);
  rmSync(work, { recursive: true, force: true });
  console.log(text);
}
