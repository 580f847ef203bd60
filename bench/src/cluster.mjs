// @clearbox/cluster against peer libraries: ml-kmeans for k-means, graphology-communities-louvain for communities
// (Louvain is a different algorithm for the same job; both partitions are scored by the same modularity function).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { greedyModularity, kmeans, leiden, modularity } from "@clearbox/cluster";
import { createRandom } from "@clearbox/core";
import Graph from "graphology";
import louvain from "graphology-communities-louvain";
import { kmeans as mlKmeans } from "ml-kmeans";
import { lfrGraph, nmi } from "./lfr.mjs";
import { measure, writeReport } from "./measure.mjs";

/** n points in d dimensions around `blobs` Gaussian centres (unit noise, centres drawn with sd `spread`: overlapping). */
function gaussianBlobs(n, d, blobs, spread, seed) {
  const random = createRandom(seed);
  const centres = Array.from({ length: blobs }, () => Array.from({ length: d }, () => spread * random.normal()));
  return Array.from({ length: n }, (_, i) => centres[i % blobs].map((c) => c + random.normal()));
}

/** Planted partition: n nodes in groups of `size`, m edges, a share `within` of them inside groups. */
function plantedPartition(n, size, m, within, seed) {
  const random = createRandom(seed);
  const edges = [];
  const seen = new Set();
  while (edges.length < m) {
    const u = random.int(n);
    const v = random.next() < within ? Math.floor(u / size) * size + random.int(size) : random.int(n);
    if (u === v) continue;
    const key = u < v ? u * n + v : v * n + u;
    if (seen.has(key)) continue;
    seen.add(key);
    edges.push([u, v]);
  }
  return { nodes: n, edges };
}

function inertiaOf(points, labels, centroids) {
  let s = 0;
  points.forEach((p, i) => {
    const c = centroids[labels[i]];
    for (let j = 0; j < p.length; j++) s += (p[j] - c[j]) ** 2;
  });
  return s;
}

export function runClusterBench() {
  const sections = [];
  const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);

  // k-means on 10^5 × 32 points.
  const points = gaussianBlobs(100_000, 32, 20, 1, 1);
  const digits = readFileSync(new URL("../../data/digits/digits.csv", import.meta.url), "utf8")
    .trim()
    .split("\n")
    .map((l) => l.split(",").slice(0, 64).map(Number));
  const kmRows = [];
  for (const [name, data, k] of [
    ["blobs 100,000 × 32, k = 20", points, 20],
    ["digits 1,797 × 64, k = 10", digits, 10],
  ]) {
    const repeats = data.length > 10_000 ? 3 : 5;
    const ours1 = measure(() => kmeans(data, k, { seed: 1, nInit: 1 }), { repeats, warmup: data.length < 10_000 });
    const peer1 = measure(() => mlKmeans(data, k, { initialization: "kmeans++", seed: 1, maxIterations: 300 }), {
      repeats,
      warmup: data.length < 10_000,
    });
    const ours10 = measure(() => kmeans(data, k, { seed: 1, nInit: 10 }), { repeats: 1, warmup: false });
    kmRows.push(
      {
        data: name,
        library: "clearbox kmeans, nInit 1",
        time: fmt(ours1.ms),
        inertia: ours1.result.inertia.toExponential(5),
      },
      {
        data: name,
        library: "ml-kmeans 7.0.1, kmeans++",
        time: fmt(peer1.ms),
        inertia: inertiaOf(data, peer1.result.clusters, peer1.result.centroids).toExponential(5),
      },
      {
        data: name,
        library: "clearbox kmeans, nInit 10",
        time: fmt(ours10.ms),
        inertia: ours10.result.inertia.toExponential(5),
      },
    );
  }
  sections.push({
    heading: "k-means",
    note: "Median of 3 (blobs) or 5 (digits) runs; nInit 10 timed once. Inertia: sum of squared distances to the assigned centroid (lower is better).",
    rows: kmRows,
  });

  // Communities on a 10^5-node, 10^6-edge planted-partition graph and on a smaller one.
  const cmRows = [];
  for (const [name, graph] of [
    ["planted partition 10,000 nodes, 100,000 edges", plantedPartition(10_000, 100, 100_000, 0.8, 2)],
    ["planted partition 100,000 nodes, 1,000,000 edges", plantedPartition(100_000, 100, 1_000_000, 0.8, 3)],
  ]) {
    const ours = measure(() => greedyModularity(graph), { repeats: 1, warmup: false });
    const g = new Graph({ type: "undirected", multi: false });
    for (let i = 0; i < graph.nodes; i++) g.addNode(i);
    for (const [u, v] of graph.edges) g.addEdge(u, v);
    const peer = measure(() => louvain(g, { rng: seededRng(4) }), { repeats: 1, warmup: false });
    const peerLabels = Array.from({ length: graph.nodes }, (_, i) => peer.result[i]);
    cmRows.push(
      {
        graph: name,
        library: "clearbox greedyModularity (CNM)",
        time: fmt(ours.ms),
        modularity: ours.result.modularity.toFixed(4),
        communities: ours.result.communities.length,
      },
      {
        graph: name,
        library: "graphology-communities-louvain 2.0.2 (Louvain)",
        time: fmt(peer.ms),
        modularity: modularity(graph, peerLabels).toFixed(4),
        communities: new Set(peerLabels).size,
      },
    );
  }
  sections.push({
    heading: "Greedy modularity",
    note: "One run each (graph construction for graphology not timed). Both partitions scored by clearbox's `modularity` (networkx's definition). Louvain is a different, multi-level algorithm: it usually finds higher modularity; CNM is what CNNVis specifies.",
    rows: cmRows,
  });
  sections.push(...leidenSections(fmt));
  writeReport("cluster", "@clearbox/cluster", sections);
}

/** graphology's Louvain on a graph (construction not timed), and its labels. */
function louvainOf(graph, seed) {
  const g = new Graph({ type: "undirected", multi: false });
  for (let i = 0; i < graph.nodes; i++) g.addNode(i);
  for (const [u, v] of graph.edges) g.addEdge(u, v);
  const run = measureCpu(() => louvain(g, { rng: seededRng(seed) }), { repeats: 3, warmup: graph.nodes <= 10_000 });
  return { ms: run.ms, cpuMs: run.cpuMs, labels: Array.from({ length: graph.nodes }, (_, i) => run.result[i]) };
}

/**
 * `measure`, plus the process's mean CPU time per timed run: on a shared machine the wall time waits for other
 * work, the CPU time much less (a busy machine's caches still inflate it).
 */
function measureCpu(fn, options) {
  let cpu = 0;
  let runs = 0;
  let timing = false;
  const timed = () => {
    const start = process.cpuUsage();
    const result = fn();
    const spent = process.cpuUsage(start);
    if (timing) {
      cpu += (spent.user + spent.system) / 1000;
      runs++;
    }
    return result;
  };
  if (options.warmup) for (let w = 0; w < 3; w++) timed();
  timing = true;
  const run = measure(timed, { ...options, warmup: false });
  return { ...run, cpuMs: cpu / runs };
}

/** How many communities are not one connected piece of the graph (breadth-first search inside each). */
function disconnectedCommunities(graph, labels) {
  const adjacency = Array.from({ length: graph.nodes }, () => []);
  for (const [u, v] of graph.edges) {
    adjacency[u].push(v);
    adjacency[v].push(u);
  }
  const seen = new Uint8Array(graph.nodes);
  const started = new Set();
  const split = new Set();
  for (let s = 0; s < graph.nodes; s++) {
    if (seen[s]) continue;
    if (started.has(labels[s])) split.add(labels[s]);
    started.add(labels[s]);
    const stack = [s];
    seen[s] = 1;
    while (stack.length > 0) {
      const v = stack.pop();
      for (const u of adjacency[v]) {
        if (!seen[u] && labels[u] === labels[v]) {
          seen[u] = 1;
          stack.push(u);
        }
      }
    }
  }
  return split.size;
}

/** Leiden against graphology's Louvain on planted partitions (time, modularity) and LFR-style graphs (NMI). */
function leidenSections(fmt) {
  const plantedRows = [];
  for (const [name, graph] of [
    ["planted partition 10,000 nodes, 100,000 edges", plantedPartition(10_000, 100, 100_000, 0.8, 2)],
    ["planted partition 100,000 nodes, 1,000,000 edges", plantedPartition(100_000, 100, 1_000_000, 0.8, 3)],
  ]) {
    const peer = louvainOf(graph, 4);
    for (const maxIterations of [2, 10]) {
      const ours = measureCpu(() => leiden(graph, { seed: 1, maxIterations }), {
        repeats: 3,
        warmup: graph.nodes <= 10_000,
      });
      plantedRows.push({
        graph: name,
        library: `clearbox leiden, maxIterations ${maxIterations}${maxIterations === 2 ? " (default)" : ""}`,
        time: fmt(ours.ms),
        "CPU time": fmt(ours.cpuMs),
        modularity: ours.result.modularity.toFixed(6),
        communities: ours.result.communities.length,
      });
    }
    plantedRows.push({
      graph: name,
      library: "graphology-communities-louvain 2.0.2 (Louvain)",
      time: fmt(peer.ms),
      "CPU time": fmt(peer.cpuMs),
      modularity: modularity(graph, peer.labels).toFixed(6),
      communities: new Set(peer.labels).size,
    });
  }
  const lfrRows = [];
  for (const mu of [0.3, 0.5, 0.6, 0.7]) {
    const graph = lfrGraph({ n: 10_000, mu, seed: 11 });
    const ours = leiden(graph, { seed: 1 });
    const peer = louvainOf(graph, 4);
    lfrRows.push({
      graph: `LFR-style 10,000 nodes, ${graph.edges.length.toLocaleString("en-US")} edges, μ = ${mu}`,
      "leiden NMI": nmi(ours.labels, graph.communities).toFixed(4),
      "louvain NMI": nmi(peer.labels, graph.communities).toFixed(4),
      "leiden Q": ours.modularity.toFixed(4),
      "louvain Q": modularity(graph, peer.labels).toFixed(4),
      "disconnected communities (leiden / louvain)": `${disconnectedCommunities(graph, ours.labels)} / ${disconnectedCommunities(graph, peer.labels)}`,
    });
  }
  return [
    {
      heading: "Leiden vs Louvain: time and modularity",
      note: "Median of 3 runs (warm-up runs on the 10⁴ graph only); CPU time is the mean of the same runs, the figure to compare on a shared machine. Leiden's time includes reading the edge list into CSR; graphology's graph construction is not timed. Both partitions scored by clearbox's `modularity`.",
      rows: plantedRows,
    },
    {
      heading: "Leiden vs Louvain: recovering planted communities (LFR-style graphs)",
      note: "NMI against the planted communities (arithmetic normalisation, 1 = exact). Degrees power law τ₁ = 2.5 in [8, 50], community sizes τ₂ = 1.5 in [20, 200], mixing μ (bench/src/lfr.mjs). One run each, seed 1 (Leiden) and 4 (Louvain).",
      rows: lfrRows,
    },
  ];
}

function seededRng(seed) {
  const random = createRandom(seed);
  return () => random.next();
}

// `node src/cluster.mjs leiden`: only the Leiden-against-Louvain tables, into bench/results/cluster-leiden.md (the
// whole suite also runs CNM on 10⁵ nodes, minutes of work).
if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === "leiden") {
  const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);
  writeReport("cluster-leiden", "@clearbox/cluster: Leiden against graphology's Louvain", leidenSections(fmt));
}
