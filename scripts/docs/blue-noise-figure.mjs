// Writes docs/public/blue-noise-training.svg: the 2,048 first-layer weights of the digits MLP over 400 training steps
// (data/training, recorded by packages/blue-noise/scripts/record-digits-training.mjs) — every series as a density,
// a random 5 % and a blue-noise 5 %, the 1 % most isolated series in orange, drawn by @clearbox/charts'
// polylineChart. Run after `pnpm build`: node scripts/docs/blue-noise-figure.mjs
import { readFileSync, writeFileSync } from "node:fs";
import { createRandom } from "@clearbox/core";
import { mostIsolated, sampleBlueNoise, samplingQuality } from "@clearbox/blue-noise";
import { trainingSeries } from "@clearbox/fixtures/digits-mlp-training";
import { polylineChart } from "@clearbox/charts";
import { renderToString } from "@clearbox/charts/ssr";
import { sideBySide } from "./figure.mjs";

const root = new URL("../../", import.meta.url);
const header = JSON.parse(readFileSync(new URL("data/training/digits-mlp.json", root), "utf8"));
const { weights } = trainingSeries(header, readFileSync(new URL(`data/training/${header.file}`, root)));
const count = Math.round(0.05 * weights.count);
const outliers = mostIsolated(weights, Math.round(0.01 * weights.count));
const blue = sampleBlueNoise(weights, { count, seed: 1 }).indices;
const random = createRandom(1)
  .shuffle(Array.from({ length: weights.count }, (_, i) => i))
  .slice(0, count);
const isolated = new Set(outliers);
const panel = (sample, title) =>
  renderToString(
    polylineChart,
    {
      series: weights,
      highlight: sample ?? [],
      outliers: sample === null ? Array.from(outliers) : Array.from(sample).filter((i) => isolated.has(i)),
    },
    { width: 320, height: 190, title, context: sample === null ? "density" : "none", overviewHeight: 0 },
  );
const svg = sideBySide(
  [
    { svg: panel(null, "all"), caption: "all (DenseLines density)" },
    { svg: panel(random, "random 5 %"), caption: "random 5 %" },
    { svg: panel(blue, "blue noise 5 %"), caption: "blue noise 5 %" },
  ],
  {
    title:
      "The digits MLP's first-layer weights over 400 steps: all series, a random 5 % and a blue-noise 5 % (orange: the 1 % most isolated)",
  },
);
writeFileSync(new URL("docs/public/blue-noise-training.svg", root), svg);
const q = (indices) => samplingQuality(weights, indices, { outliers });
const [b, r] = [q(blue), q(random)];
console.log(
  `wrote docs/public/blue-noise-training.svg (${(svg.length / 1024).toFixed(0)} KiB); outlier recall blue ${b.outlierRecall.toFixed(2)}, random ${r.outlierRecall.toFixed(2)}`,
);
