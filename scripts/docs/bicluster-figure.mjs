// Writes docs/public/bicluster-digits.svg: the digits CNN's dense layer pair (flattened conv-2 neurons in 16
// k-means clusters → the 10 logits), every cluster-pair edge drawn, then bundled by weightedBicluster (greedy), both
// drawn by @clearbox/charts' layerBundles. Run after `pnpm build`: node scripts/docs/bicluster-figure.mjs
import { readFileSync, writeFileSync } from "node:fs";
import { bundleLayout, clusterStrengths, weightedBicluster } from "@clearbox/bicluster";
import { layerBundles } from "@clearbox/charts";
import { renderToString } from "@clearbox/charts/ssr";
import { digitsCnnLayerPairs } from "@clearbox/model-fixtures/digits-cnn-layer-pairs";
import { readDigits } from "@clearbox/fixtures/digits";
import { unbundled } from "../../stories/lib/unbundled.mjs";
import { sideBySide } from "./figure.mjs";

const trained = JSON.parse(readFileSync(new URL("../../data/digits/digits-cnn.json", import.meta.url), "utf8"));
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
  renderToString(
    layerBundles,
    {
      width,
      height,
      layers: [
        { name: "conv-2 neuron clusters", positions: inputPositions },
        { name: "logits", positions: outputPositions },
      ],
      pairs: [bundleLayout(result, { inputPositions, outputPositions, width, height })],
    },
    { width: width + 70, height: height + 36, title },
  );
const before = unbundled(strengths, options.threshold);
const svg = sideBySide(
  [
    { svg: draw(before, "every edge"), caption: `all edges |w| ≥ θ: ${before.curves} curves` },
    {
      svg: draw(bundled, "bundled"),
      caption: `bundled (greedy): ${bundled.curves} curves, ${bundled.biclusters.length} biclusters`,
    },
  ],
  {
    title: "The digits CNN's dense layer: 16 clusters of flattened conv-2 neurons → 10 logits, every edge and bundled",
  },
);
writeFileSync(new URL("../../docs/public/bicluster-digits.svg", import.meta.url), svg);
console.log(
  `wrote docs/public/bicluster-digits.svg (${before.curves} → ${bundled.curves} curves, τ ${options.tau.toFixed(3)}, θ ${options.threshold.toFixed(3)})`,
);
