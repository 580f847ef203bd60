// Measures bundleEdges on 20,000 random edges (a 400 × 400 drawing) with the default budget: time, peak RSS, work,
// truncated. Run after a build: node scripts/bundle-edges-20k.mjs  (figures depend on the machine's load).
import { clearInterval, setInterval } from "node:timers";
import { bundleEdges } from "@clearbox/charts";

let seed = 1;
const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const edges = Array.from({ length: 20_000 }, () => [400 * next(), 400 * next(), 400 * next(), 400 * next()]);
const before = process.memoryUsage().rss;
let peak = before;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
const started = performance.now();
const result = bundleEdges(edges);
const seconds = (performance.now() - started) / 1000;
peak = Math.max(peak, process.memoryUsage().rss);
clearInterval(sampler);
console.log(
  JSON.stringify({
    edges: edges.length,
    seconds: Number(seconds.toFixed(2)),
    rssMB: Math.round(peak / 2 ** 20),
    compared: result.compared,
    compatiblePairs: result.compatiblePairs,
    cycles: result.cycles,
    work: result.work,
    truncated: result.truncated,
  }),
);
