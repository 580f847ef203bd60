// How often the synchronous forms look at their `signal`: a stand-in signal whose `aborted` getter records the
// process's CPU time (user + system, so other processes' load does not count) at every read, passed to each long
// function on an input that runs for a second or more; prints the longest CPU-time gap between two reads (and
// before the first, after the last). The target of issue #33: a check at least every ~20 ms of work.
// Run after `pnpm build`:  node scripts/signal-check-gaps.mjs   (times depend on the machine's load).
import { spawnSync } from "node:child_process";
import { createRandom } from "@clearbox/core";
import { kmeans, divisiveHierarchy, leiden } from "@clearbox/cluster";
import { packFast, packHierarchical } from "@clearbox/rect-pack";
import { heldKarp, reorderRows, distanceMatrix } from "@clearbox/reorder";
import { sampleBlueNoise } from "@clearbox/blue-noise";
import { clusterStrengths, weightedBicluster } from "@clearbox/bicluster";
// mutual-rank's solveExact and fromTweets are not here: their synchronous forms take no signal (today).
import { createModel, monteCarloScores } from "@clearbox/mutual-rank";

const rows = (n, d, seed = 1) => {
  const random = createRandom(seed);
  return Array.from({ length: n }, (_, i) => Array.from({ length: d }, (_, j) => random.next() + ((i * 7 + j) % 5)));
};
const rects = (n) => {
  const random = createRandom(2);
  return Array.from({ length: n }, () => ({ width: 1 + 9 * random.next(), height: 1 + 9 * random.next() }));
};
const graph = (n, degree) => {
  const random = createRandom(3);
  const edges = [];
  for (let u = 0; u < n; u++) for (let k = 0; k < degree; k++) edges.push([u, random.int(n), 1]);
  return { nodes: n, edges };
};

const model = (n) => {
  const { edges } = graph(n, 4);
  const nodeType = Array.from({ length: n }, (_, i) => i % 2);
  return createModel({ types: ["a", "b"], nodeType, edges });
};

// Each case builds its input first (not timed), then returns the call to time.
const cases = {
  kmeans: () => {
    const data = rows(50_000, 4);
    return (signal) => kmeans(data, 60, { seed: 1, signal });
  },
  divisiveHierarchy: () => {
    const data = rows(4_000, 16);
    return (signal) => divisiveHierarchy(data, "cosine", { seed: 1, signal });
  },
  leiden: () => {
    const data = graph(50_000, 6);
    return (signal) => leiden(data, { seed: 1, signal });
  },
  packFast: () => {
    const data = rects(40_000);
    return (signal) => packFast(data, { seed: 1, signal });
  },
  packHierarchical: () => {
    const [data, features] = [rects(3_000), rows(3_000, 8)];
    return (signal) => packHierarchical(data, { seed: 1, features, signal });
  },
  heldKarp: () => {
    const distance = distanceMatrix(rows(18, 3));
    return (signal) => heldKarp(distance, { signal });
  },
  reorderRows: () => {
    const data = rows(3_000, 20);
    return (signal) => reorderRows(data, { seed: 1, signal });
  },
  sampleBlueNoise: () => {
    const data = rows(30_000, 60);
    return (signal) => sampleBlueNoise(data, { seed: 1, count: 3_000, signal });
  },
  weightedBicluster: () => {
    const n = 200;
    const weights = rows(n, n, 6).map((r) => r.map((v) => v - 2.5));
    const strengths = clusterStrengths(weights, [...Array(n).keys()], [...Array(n).keys()]);
    return (signal) => weightedBicluster(strengths, { signal });
  },
  monteCarloScores: () => {
    const data = model(60_000);
    return (signal) => monteCarloScores(data, { walksPerNode: 20, seed: 1, signal });
  },
};

/** Each case's input, for the table. */
const inputs = {
  kmeans: "50,000 × 4, k = 60",
  divisiveHierarchy: "4,000 × 16, cosine",
  leiden: "50,000 nodes, 300,000 edges",
  packFast: "40,000 rectangles",
  packHierarchical: "3,000 rectangles, 8 features",
  heldKarp: "n = 18",
  reorderRows: "3,000 × 20",
  sampleBlueNoise: "30,000 series × 60 steps, 3,000 kept",
  weightedBicluster: "200 × 200 cluster pairs",
  monteCarloScores: "60,000 nodes, R = 20",
};

/** The target: a look at the signal at least every ~20 ms of work. */
const TARGET_MS = 20;

/** CPU time of this process, in ms. */
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** The package frames of a stack (file:line), so a gap names the two checks it lies between. */
const packageFrames = (stack) =>
  stack
    .split("\n")
    .slice(2)
    .map((line) => /packages\/([^/]+)\/src\/([^:]+):(\d+)/.exec(line))
    .filter((match) => match && match[1] !== "core")
    .slice(0, 2)
    .map(([, pkg, file, line]) => `${pkg}/src/${file}:${line}`)
    .join(" < ");

// `--where` also prints where the gaps over 20 ms start and end (the source line, through the dist source maps, of
// the check before and after; capturing the stack costs a few µs per check, so these gaps are a little longer).
const where = process.argv.includes("--where");
if (where && !process.execArgv.includes("--enable-source-maps")) {
  // Source maps must be on before the packages load: run this script again with them.
  const { status } = spawnSync(process.execPath, ["--enable-source-maps", ...process.argv.slice(1)], {
    stdio: "inherit",
  });
  process.exit(status ?? 1);
}
const wanted = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const table = [];
for (const [name, prepare] of Object.entries(cases)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  const run = prepare();
  let [previous, previousAt, longest, reads] = [0, "(call start)", 0, 0];
  const over = new Map(); // gaps over the 20 ms target, by where they lie: [count, longest]
  // The gap is taken before the stack (source-mapped stacks cost milliseconds), and the next starts after it.
  const read = (where) => {
    const gap = cpuMs() - previous;
    const at = where();
    longest = Math.max(longest, gap);
    if (gap > TARGET_MS) {
      const key = `${previousAt} → ${at}`;
      const [count, most] = over.get(key) ?? [0, 0];
      over.set(key, [count + 1, Math.max(most, gap)]);
    }
    [previous, previousAt] = [cpuMs(), at];
  };
  const signal = {
    get aborted() {
      reads++;
      const error = new Error(); // cheap: the stack is formatted (and source-mapped) only when read
      read(() => (where ? packageFrames(error.stack) : ""));
      return false;
    },
  };
  const start = cpuMs();
  previous = start;
  run(signal);
  read(() => "(call end)");
  const total = cpuMs() - start;
  const worst = [...over].sort((x, y) => y[1][1] - x[1][1])[0];
  table.push({ name, total, reads, longest, at: worst && where ? worst[0] : "" });
  console.log(`${name}: ${total.toFixed(0)} ms CPU, ${reads} checks, longest gap ${longest.toFixed(1)} ms`);
  if (where) {
    for (const [key, [count, most]] of [...over].sort((a, b) => b[1][1] - a[1][1]).slice(0, 4)) {
      console.log(`  ${count} × up to ${most.toFixed(1)} ms between ${key}`);
    }
  }
}
if (process.argv.includes("--markdown")) {
  console.log("\n| function | input | CPU ms | checks | longest gap, ms of CPU | the longest gap lies between |");
  console.log("| --- | --- | ---: | ---: | ---: | --- |");
  for (const r of table) {
    const cells = [
      r.name,
      inputs[r.name],
      r.total.toFixed(0),
      r.reads,
      r.longest.toFixed(1),
      r.at.replaceAll("|", "/"),
    ];
    console.log(`| ${cells.join(" | ")} |`);
  }
}
