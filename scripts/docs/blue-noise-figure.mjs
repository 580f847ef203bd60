// Writes docs/public/blue-noise-training.svg: the 2,048 first-layer weights of the digits MLP over 400 training steps
// (data/training, recorded by packages/blue-noise/scripts/record-digits-training.mjs) — every series as a density,
// a random 5 % and a blue-noise 5 %, the 1 % most isolated series in orange. A plain SVG until @clearbox/charts
// exists. Run after `pnpm build`: node scripts/docs/blue-noise-figure.mjs
import { readFileSync, writeFileSync } from "node:fs";
import { createRandom } from "@clearbox/core";
import { mostIsolated, sampleBlueNoise, samplingQuality } from "@clearbox/blue-noise";
import { trainingSeries } from "../data/digits-mlp-training.mjs";
import { linesPanel, valueExtent } from "../../stories/lib/lines-svg.mjs";

const root = new URL("../../", import.meta.url);
const header = JSON.parse(readFileSync(new URL("data/training/digits-mlp.json", root), "utf8"));
const { weights } = trainingSeries(header, readFileSync(new URL(`data/training/${header.file}`, root)));
const count = Math.round(0.05 * weights.count);
const outliers = mostIsolated(weights, Math.round(0.01 * weights.count));
const blue = sampleBlueNoise(weights, { count, seed: 1 }).indices;
const random = createRandom(1)
  .shuffle(Array.from({ length: weights.count }, (_, i) => i))
  .slice(0, count);
const highlight = new Set(outliers);
const extent = valueExtent(weights);
const panels = [
  linesPanel({ series: weights, show: "all", highlight, extent, title: "all" }),
  linesPanel({ series: weights, show: random, highlight, extent, title: "random 5 %" }),
  linesPanel({ series: weights, show: blue, highlight, extent, title: "blue noise 5 %" }),
];
const width = 316;
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${3 * width}" height="190" role="img" aria-label="The digits MLP's 2,048 first-layer weights over training: all, random 5 %, blue-noise 5 %"><title>The digits MLP's first-layer weights over 400 steps: all series, a random 5 % and a blue-noise 5 % (orange: the 1 % most isolated)</title>${panels.map((p, k) => p.replace("<svg ", `<svg x="${k * width}" `)).join("")}</svg>\n`;
writeFileSync(new URL("docs/public/blue-noise-training.svg", root), svg);
const q = (indices) => samplingQuality(weights, indices, { outliers });
const [b, r] = [q(blue), q(random)];
console.log(
  `wrote docs/public/blue-noise-training.svg (${(svg.length / 1024).toFixed(0)} KiB); outlier recall blue ${b.outlierRecall.toFixed(2)}, random ${r.outlierRecall.toFixed(2)}`,
);
