// The main job until the example apps exist: a real pipeline on the UCI digits with @clearbox/cluster.
// Each of the 64 pixels is a "neuron" whose vector is its mean intensity per digit class (CNNVis eq. 3-1);
// the pixels are clustered three ways and the clusters drawn as 8 × 8 maps.
import { readFileSync } from "node:fs";
import {
  classMeanVectors,
  divisiveHierarchy,
  greedyModularity,
  kmeans,
  knnGraph,
  meanShift,
  representatives,
} from "@clearbox/cluster";

const rows = readFileSync(new URL("../data/digits/digits.csv", import.meta.url), "utf8")
  .trim()
  .split("\n")
  .map((line) => line.split(",").map(Number));
const pixels = rows.map((r) => r.slice(0, 64));
const labels = rows.map((r) => r[64]);
const timed = (label, run) => {
  const start = performance.now();
  const result = run();
  console.log(`\n${label}  (${(performance.now() - start).toFixed(1)} ms)`);
  return result;
};
const symbols = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const drawPixelMap = (pixelLabels) => {
  for (let r = 0; r < 8; r++) {
    const line = Array.from({ length: 8 }, (_, c) => symbols[pixelLabels[r * 8 + c] % symbols.length]).join(" ");
    console.log(`    ${line}`);
  }
};

console.log(`clearbox demo: ${pixels.length} handwritten digits (8 × 8 pixels, UCI, CC BY 4.0)`);
const vectors = timed("Per-class mean vectors: 64 pixels × 10 digit classes (eq. 3-1)", () =>
  classMeanVectors(pixels, labels, 10),
);
const brightest = vectors
  .map((v, p) => [p, v.reduce((s, x) => s + x, 0) / 10])
  .sort((a, b) => b[1] - a[1])
  .slice(0, 3);
console.log(
  `  brightest pixels on average: ${brightest.map(([p, m]) => `(${Math.floor(p / 8)},${p % 8}) ${m.toFixed(1)}`).join(", ")}`,
);

const km = timed("k-means, k = 6, 10 k-means++ starts, seed 0", () => kmeans(vectors, 6, { seed: 0 }));
console.log(`  inertia ${km.inertia.toFixed(1)}, ${km.iterations} iterations, converged: ${km.converged}`);
drawPixelMap(km.labels);
const reps = representatives(vectors, km.labels, km.centroids, 2);
console.log(`  representative pixels per cluster: ${reps.map((r, c) => `${c}: ${r.join("/")}`).join("  ")}`);

const ms = timed("Mean-shift, bandwidth estimated (quantile 0.3)", () => meanShift(vectors));
console.log(`  bandwidth ${ms.bandwidth.toFixed(3)}, ${ms.centers.length} modes`);
drawPixelMap(ms.labels);

const graph = timed("k-NN cosine similarity graph, k = 6", () => knnGraph(vectors, 6, "cosine"));
console.log(
  `  ${graph.nodes} nodes, ${graph.edges.length} edges (all-zero border pixels have no similarity: isolated)`,
);
const communities = timed("Greedy modularity (Clauset–Newman–Moore)", () => greedyModularity(graph));
const sizes = communities.communities.map((c) => c.length);
console.log(`  modularity ${communities.modularity.toFixed(4)}, ${sizes.length} communities, sizes ${sizes.join(" ")}`);
drawPixelMap(communities.labels);

const tree = timed("Divisive hierarchy, cosine, leaves ≤ 8 pixels", () =>
  divisiveHierarchy(vectors, "cosine", { maxLeafSize: 8 }),
);
const depth = (node) => (node.children.length === 0 ? 0 : 1 + Math.max(...node.children.map(depth)));
console.log(`  ${tree.leaves.length} leaves, depth ${depth(tree.root)}, root split by ${tree.root.split}`);
const leafOf = new Array(64);
tree.leaves.forEach((leaf, l) => leaf.forEach((p) => (leafOf[p] = l)));
drawPixelMap(leafOf);
console.log("\nDone. Next: the example apps (cnn-explorer, training-tracker, mutual-ranker) take over this job.");
