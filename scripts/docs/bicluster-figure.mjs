// Writes docs/public/bicluster-digits.svg: the digits CNN's dense layer pair (flattened conv-2 neurons in 16
// k-means clusters → the 10 logits), every cluster-pair edge drawn, then bundled by weightedBicluster (greedy).
// A plain SVG until @clearbox/charts exists. Run after `pnpm build`: node scripts/docs/bicluster-figure.mjs
import { readFileSync, writeFileSync } from "node:fs";
import { bundleLayout, clusterStrengths, weightedBicluster } from "@clearbox/bicluster";
import { digitsCnnLayerPairs } from "../data/digits-cnn-layer-pairs.mjs";
import { readDigits } from "../data/digits.mjs";
import { bundleSvg, unbundled } from "../../stories/lib/bundle-svg.mjs";

const read = (path) => readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");
const trained = JSON.parse(read("data/digits/digits-cnn.json"));
const { pixels, labels } = readDigits();
const [, dense] = digitsCnnLayerPairs(trained, pixels, labels);
const strengths = clusterStrengths(dense.weights, dense.inputLabels, dense.outputLabels);
const largest = Math.max(...strengths.flatMap((s) => [s.pos ?? 0, -(s.neg ?? 0)]));
const options = { tau: 0.25 * largest, threshold: 0.3 * largest };
const bundled = weightedBicluster(strengths, options);
const width = 340;
const height = 300;
const spread = (count) => Array.from({ length: count }, (_, k) => ((k + 0.5) * height) / count);
const inputPositions = spread(dense.inputClusters);
const outputPositions = spread(dense.outputClusters);
const draw = (result, title) =>
  bundleSvg({
    geometry: bundleLayout(result, { inputPositions, outputPositions, width, height }),
    inputs: dense.inputClusters,
    outputs: dense.outputClusters,
    inputPositions,
    outputPositions,
    width,
    height,
    title,
  });
const before = unbundled(strengths, options.threshold);
const left = draw(before, `all edges |w| ≥ θ: ${before.curves} curves`);
const right = draw(bundled, `bundled (greedy): ${bundled.curves} curves, ${bundled.biclusters.length} biclusters`);
const panelWidth = width + 60;
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${2 * panelWidth + 20}" height="${height + 38}" role="img" aria-label="The digits CNN's dense layer, clustered, before and after bundling"><title>The digits CNN's dense layer: 16 clusters of flattened conv-2 neurons → 10 logits, every edge and bundled</title>${left.replace("<svg ", '<svg x="0" ')}${right.replace("<svg ", `<svg x="${panelWidth + 20}" `)}</svg>\n`;
writeFileSync(new URL("../../docs/public/bicluster-digits.svg", import.meta.url), svg);
console.log(
  `wrote docs/public/bicluster-digits.svg (${before.curves} → ${bundled.curves} curves, τ ${options.tau.toFixed(3)}, θ ${options.threshold.toFixed(3)})`,
);
