import type { Meta, StoryObj } from "@storybook/html";
import { expect } from "storybook/test";
import { bundleLayout, clusterStrengths, weightedBicluster } from "@clearbox/bicluster";
import { layerBundles } from "@clearbox/charts";
import type { ClusterStrength } from "@clearbox/bicluster";
import trained from "../../data/digits/digits-cnn.json";
import { digitsCnnLayerPairs } from "@clearbox/model-fixtures/digits-cnn-layer-pairs";
import type { DigitsLayerPair } from "@clearbox/model-fixtures/digits-cnn-layer-pairs";
import { unbundled } from "../lib/unbundled.mjs";
import { digits } from "../lib/digits.js";
import { liveSlider } from "../lib/live-slider.js";

interface Args {
  /** Which layer pair of the digits CNN. */
  layerPair: "conv" | "dense";
  /** τ as a fraction of the largest |w|: items within τ of a* are bundled together. */
  tau: number;
  /** θ as a fraction of the largest |w|: weaker edges are not drawn. The slider under the figure moves it too. */
  threshold: number;
  select: "greedy" | "all";
}

// The digits CNN's layers, neurons clustered by k-means on their class means over 300 digits (computed once).
let pairs: DigitsLayerPair[] | undefined;
const layerPairs = () => (pairs ??= digitsCnnLayerPairs(trained, digits.pixels, digits.labels, { samples: 300 }));
const WIDTH = 360;
const HEIGHT = 300;

/** "dense: flattened conv-2 neurons → logits" → ["flattened conv-2 neurons", "logits"]. */
const layerNames = (pair: DigitsLayerPair) => pair.name.slice(pair.name.indexOf(": ") + 2).split(" → ");

function draw(pair: DigitsLayerPair, strengths: ClusterStrength[], largest: number, args: Args): HTMLElement {
  const options = { tau: args.tau * largest, threshold: args.threshold * largest, select: args.select };
  const bundled = weightedBicluster(strengths, options);
  const before = unbundled(strengths, options.threshold);
  const spread = (count: number) => Array.from({ length: count }, (_, k) => ((k + 0.5) * HEIGHT) / count);
  const inputPositions = spread(pair.inputClusters);
  const outputPositions = spread(pair.outputClusters);
  const panel = (result: typeof bundled, title: string, role: string) => {
    const figure = document.createElement("figure");
    figure.style.margin = "0";
    figure.dataset.role = role;
    figure.dataset.curves = String(result.curves);
    const caption = document.createElement("figcaption");
    caption.textContent = title;
    const chart = document.createElement("div");
    layerBundles(
      chart,
      {
        width: WIDTH,
        height: HEIGHT,
        layers: [
          { name: layerNames(pair)[0], positions: inputPositions },
          { name: layerNames(pair)[1], positions: outputPositions },
        ],
        pairs: [bundleLayout(result, { inputPositions, outputPositions, width: WIDTH, height: HEIGHT })],
      },
      { title, width: WIDTH + 80, height: HEIGHT + 40 },
    );
    figure.append(chart, caption);
    return figure;
  };
  const row = document.createElement("div");
  row.style.cssText = "display:flex;gap:16px;flex-wrap:wrap";
  row.append(
    panel(before, `every edge |w| ≥ θ: ${before.curves} curves`, "edges"),
    panel(
      bundled,
      `bundled (${args.select}): ${bundled.curves} curves, ${bundled.biclusters.length} biclusters`,
      "bundles",
    ),
  );
  row.dataset.edges = String(bundled.edges);
  row.dataset.curves = String(bundled.curves);
  return row;
}

/**
 * Edge bundling by weighted biclustering between two layers of a small CNN trained on the UCI digits: the clusters of
 * the input layer on the left, of the output layer on the right, every cluster-pair edge |w| ≥ θ (green positive, red
 * negative, width and opacity by |w|), then the same edges bundled through the virtual layer's rectangles (split
 * red/green by their share of negative neuron-level edges).
 */
const meta: Meta<Args> = {
  title: "bicluster/Layer bundles on the digits CNN",
  args: { layerPair: "dense", tau: 0.25, threshold: 0.3, select: "greedy" },
  argTypes: {
    layerPair: { control: { type: "inline-radio" }, options: ["conv", "dense"] },
    tau: { control: { type: "range", min: 0, max: 1, step: 0.01 } },
    threshold: { control: { type: "range", min: 0, max: 1.05, step: 0.01 } },
    select: { control: { type: "inline-radio" }, options: ["greedy", "all"] },
  },
  render: (args) => {
    const pair = layerPairs()[args.layerPair === "conv" ? 0 : 1];
    const strengths = clusterStrengths(pair.weights, pair.inputLabels, pair.outputLabels);
    const largest = Math.max(...strengths.flatMap((s) => [s.pos ?? 0, -(s.neg ?? 0)]));
    const root = document.createElement("div");
    root.style.cssText = "font:13px system-ui,sans-serif;color:#222";
    const heading = document.createElement("p");
    heading.textContent = `${pair.name}: ${pair.inputClusters} × ${pair.outputClusters} clusters, ${strengths.length} connected pairs`;
    const { control, view } = liveSlider({
      label: "θ (× largest |w|)",
      role: "threshold",
      min: 0,
      max: 1.05,
      step: 0.01,
      value: args.threshold,
      format: (v) => v.toFixed(2),
      draw: (threshold) => draw(pair, strengths, largest, { ...args, threshold }),
    });
    root.append(heading, view, control);
    return root;
  },
};
export default meta;

type Story = StoryObj<Args>;

const counts = (canvasElement: HTMLElement) => {
  const row = canvasElement.querySelector<HTMLElement>("[data-edges]");
  return { edges: Number(row?.dataset.edges), curves: Number(row?.dataset.curves) };
};

/** The dense layer: bundling draws fewer curves than edges; θ above every weight empties both views. */
export const Dense: Story = {
  play: async ({ canvasElement }) => {
    const { edges, curves } = counts(canvasElement);
    await expect(edges).toBeGreaterThan(0);
    await expect(curves).toBeLessThan(edges);
    const drawn = canvasElement.querySelectorAll('[data-role="bundles"] path').length;
    await expect(drawn).toBe(curves);
    await expect(canvasElement.querySelectorAll('[data-role="bundles"] g.bicluster').length).toBeGreaterThan(0);
    const slider = canvasElement.querySelector<HTMLInputElement>('input[data-role="threshold"]') as HTMLInputElement;
    const initial = slider.value;
    slider.value = "1.05";
    slider.dispatchEvent(new Event("input"));
    await expect(counts(canvasElement)).toEqual({ edges: 0, curves: 0 });
    await expect(canvasElement.querySelectorAll("path").length).toBe(0);
    // Back to the story's own threshold, so the story opens on the bundles, not on an empty chart.
    slider.value = initial;
    slider.dispatchEvent(new Event("input"));
    await expect(counts(canvasElement)).toEqual({ edges, curves });
  },
};

/** The convolution between the pooled conv-1 maps and the conv-2 maps, read from its 3 × 3 × 8 × 16 kernel. */
export const Conv: Story = {
  args: { layerPair: "conv" },
  play: async ({ canvasElement }) => {
    const { edges, curves } = counts(canvasElement);
    await expect(curves).toBeLessThan(edges);
    await expect(canvasElement.querySelectorAll('g.cluster[data-layer="0"]').length).toBe(2 * 4);
  },
};

/** The thesis's keep-everything selection: overlapping biclusters can draw more curves than edges. */
export const KeepAll: Story = {
  args: { select: "all" },
  play: async ({ canvasElement }) => {
    const { edges, curves } = counts(canvasElement);
    await expect(curves).toBeGreaterThan(edges);
  },
};
