// @clearbox/reorder against reorder.js 2.2.6 (its best TSP-like method: nearest neighbour from every start + 2-opt),
// R's seriation (recorded figure) and an independent multi-start local search (the quality reference).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { classMeanVectors } from "@clearbox/cluster";
import { createRandom } from "@clearbox/core";
import { distanceMatrix, heldKarp, reorderRows } from "@clearbox/reorder";
import reorder from "reorder.js";
import { measure, writeReport } from "./measure.mjs";
import { multistartPathLength } from "./multistart-reference.mjs";

const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);
const nested = (d) => Array.from({ length: d.n }, (_, i) => Array.from(d.values.subarray(i * d.n, (i + 1) * d.n)));
const pathLength = (D, order) => order.slice(1).reduce((s, v, t) => s + D[order[t]][v], 0);

function uniformRows(n, columns, seed) {
  const random = createRandom(seed);
  return Array.from({ length: n }, () => Array.from({ length: columns }, () => random.next()));
}

function plantedRows(n, columns, clusters, seed) {
  const random = createRandom(seed);
  const prototypes = Array.from({ length: clusters }, () => Array.from({ length: columns }, () => random.next()));
  return random.shuffle(
    Array.from({ length: n }, (_, i) => prototypes[i % clusters].map((v) => Math.max(0, v + 0.15 * random.normal()))),
  );
}

/** The C Held–Karp of bench/c/held-karp.c, compiled once per run with gcc -O2. */
let cProgram;
function compiledC() {
  if (cProgram) return cProgram;
  const source = fileURLToPath(new URL("../c/held-karp.c", import.meta.url));
  cProgram = join(mkdtempSync(join(tmpdir(), "clearbox-bench-")), "held-karp");
  execFileSync("gcc", ["-O2", "-o", cProgram, source, "-lm"]);
  return cProgram;
}

/** Median time and cost of the C program over 3 runs (after one warm-up) on matrix `d`. */
function plainC(d) {
  const input = `${d.length}\n${d.map((row) => row.map((x) => x.toPrecision(17)).join(" ")).join("\n")}\n`;
  const runs = [];
  for (let r = 0; r < 4; r++) {
    const [cost, ms] = execFileSync(compiledC(), { input, encoding: "utf8" }).trim().split(" ").map(Number);
    if (r > 0) runs.push({ cost, ms });
  }
  runs.sort((a, b) => a.ms - b.ms);
  return runs[1];
}

export function runReorderBench() {
  const sections = [];

  // Exact Held–Karp on random points in the unit square.
  const exactRows = [];
  for (const n of [12, 16, 20]) {
    const random = createRandom(n);
    const points = Array.from({ length: n }, () => [random.next(), random.next()]);
    const d = points.map((p) => points.map((q) => Math.hypot(p[0] - q[0], p[1] - q[1])));
    const { ms, result } = measure(() => heldKarp(d), { repeats: n >= 20 ? 3 : 5 });
    const c = plainC(d);
    exactRows.push({
      n,
      "clearbox heldKarp": fmt(ms),
      "plain C (gcc -O2)": fmt(c.ms),
      "C / clearbox": (c.ms / ms).toFixed(2),
      cost: result.cost.toFixed(4),
      "same cost": Math.abs(c.cost - result.cost) <= 1e-12 * result.cost ? "yes" : "NO",
      table: `${((8 * n * 2 ** (n - 1)) / 2 ** 20).toFixed(0)} MiB`,
    });
  }
  sections.push({
    heading: "Held–Karp (exact open path) beside a plain C build",
    note: "Median of 3–5 runs after three warm-up runs, both measured in this run on the same matrix (random points in the unit square). The C program is bench/c/held-karp.c (the textbook pull form over full bitmask rows, doubles), compiled here with gcc -O2; its time covers filling the table and the DP, the JavaScript time the whole call. clearbox's table keeps only the entries j ∈ mask (half the bytes), lists each mask's members once and reads predecessor rows straight through (packages/reorder/src/held-karp.ts).",
    rows: exactRows,
  });

  // The digits matrix of the issue: 64 pixel positions × 10 digit classes, distance 1 − cosine.
  const digits = readFileSync(new URL("../../data/digits/digits.csv", import.meta.url), "utf8")
    .trim()
    .split("\n")
    .map((l) => l.split(",").map(Number));
  const digitMatrix = classMeanVectors(
    digits.map((r) => r.slice(0, 64)),
    digits.map((r) => r[64]),
    10,
  );
  const references = JSON.parse(
    readFileSync(new URL("../../packages/reorder/test/fixtures/reference.json", import.meta.url), "utf8"),
  );
  const dD = nested(distanceMatrix(digitMatrix));
  const ours = measure(() => reorderRows(digitMatrix), { repeats: 31 });
  const peer = measure(() => reorder.nn_2opt().distance_matrix(dD)(digitMatrix), { repeats: 31 });
  sections.push({
    heading: "Digits matrix (64 × 10, 1 − cosine)",
    note: `Median of 31 runs. Identity order: ${pathLength(dD, [...Array(64).keys()]).toFixed(3)}. R: seriation ${references.versions.seriation}, seriate(method = "TSP"), best and median of 20 runs (recorded by scripts/reference/reorder-reference.R).`,
    rows: [
      { method: "clearbox reorderRows", time: fmt(ours.ms), "path length": ours.result.pathLength.toFixed(3) },
      { method: "reorder.js nn_2opt", time: fmt(peer.ms), "path length": pathLength(dD, peer.result).toFixed(3) },
      {
        method: "R seriation TSP, best of 20",
        time: "—",
        "path length": references.digits_tsp_path_length_best_of_20.toFixed(3),
      },
      {
        method: "R seriation TSP, median of 20",
        time: "—",
        "path length": references.digits_tsp_path_length_median_of_20.toFixed(3),
      },
    ],
  });

  // 200 rows: divide and conquer against plain concatenation, reorder.js and a long multi-start search.
  const qualityRows = [];
  for (const [kind, make] of [
    ["uniform", (seed) => uniformRows(200, 20, seed)],
    ["planted 10 clusters", (seed) => plantedRows(200, 20, 10, seed)],
  ]) {
    for (const seed of [1, 2, 3]) {
      const matrix = make(seed);
      const D = nested(distanceMatrix(matrix));
      const reference = multistartPathLength(D, 30, seed);
      const dc = measure(() => reorderRows(matrix), { repeats: 3 });
      const concat = reorderRows(matrix, { merge: "concatenate", polish: false }).pathLength;
      const peerRun = measure(() => reorder.nn_2opt().distance_matrix(D)(matrix), { repeats: 1, warmup: false });
      const peerLength = pathLength(D, peerRun.result);
      const gap = (x) => `${(((x - reference) / reference) * 100).toFixed(1)} %`;
      qualityRows.push({
        matrix: `${kind}, seed ${seed}`,
        "multi-start best": reference.toFixed(3),
        "clearbox (dp + polish)": `${dc.result.pathLength.toFixed(3)} (${gap(dc.result.pathLength)}, ${fmt(dc.ms)})`,
        "concatenation (thesis)": `${concat.toFixed(3)} (${gap(concat)})`,
        "reorder.js nn_2opt": `${peerLength.toFixed(3)} (${gap(peerLength)}, ${fmt(peerRun.ms)})`,
      });
    }
  }
  sections.push({
    heading: "200 rows × 20 columns (1 − cosine)",
    note: "Reference: best of 30 random starts, each taken to a 2-opt + Or-opt local optimum by an independent implementation (bench/src/multistart-reference.mjs). Gaps are relative to it; negative means shorter.",
    rows: qualityRows,
  });

  // 2,000 rows, with progress.
  const largeRows = [];
  for (const [kind, matrix] of [
    ["uniform", uniformRows(2000, 20, 7)],
    ["planted 40 clusters", plantedRows(2000, 20, 40, 7)],
  ]) {
    let updates = 0;
    const run = measure(() => reorderRows(matrix, { onProgress: () => updates++ }), { repeats: 1, warmup: false });
    largeRows.push({
      matrix: `2,000 × 20, ${kind}`,
      time: fmt(run.ms),
      "path length": run.result.pathLength.toFixed(3),
      parts: run.result.parts.length,
      "progress calls": updates,
      "reorder.js nn_2opt": "not run: O(n⁴) (1 s at 200 rows; hours at 2,000)",
    });
  }
  sections.push({ heading: "2,000 rows", note: "One run each.", rows: largeRows });
  writeReport("reorder", "@clearbox/reorder", sections);
}
