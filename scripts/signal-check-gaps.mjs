// How often the synchronous forms look at their `signal`: a stand-in signal whose `aborted` getter records the
// process's CPU time (user + system, so other processes' load does not count) at every read, passed to each long
// function on an input that runs for a second or more; prints the longest CPU-time gap between two reads (and
// before the first, after the last). The target of issue #33: a check at least every ~20 ms of work.
// Run after `pnpm build`:  node scripts/signal-check-gaps.mjs   (times depend on the machine's load).
import { createRandom } from "@clearbox/core";
import { kmeans, divisiveHierarchy, leiden } from "@clearbox/cluster";
import { packFast, packHierarchical } from "@clearbox/rect-pack";
import { heldKarp, reorderRows, distanceMatrix } from "@clearbox/reorder";
import { sampleBlueNoise } from "@clearbox/blue-noise";
import { clusterStrengths, weightedBicluster } from "@clearbox/bicluster";

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
};

/** CPU time of this process, in ms. */
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

const wanted = process.argv.slice(2);
for (const [name, prepare] of Object.entries(cases)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  const run = prepare();
  const reads = [];
  const signal = {
    get aborted() {
      reads.push(cpuMs());
      return false;
    },
  };
  const start = cpuMs();
  run(signal);
  const end = cpuMs();
  const times = [start, ...reads, end];
  let longest = 0;
  for (let i = 1; i < times.length; i++) longest = Math.max(longest, times[i] - times[i - 1]);
  console.log(
    `${name}: ${(end - start).toFixed(0)} ms CPU, ${reads.length} checks, longest gap ${longest.toFixed(1)} ms`,
  );
}
