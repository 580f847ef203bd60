import type { Meta, StoryObj } from "@storybook/html";
import { expect } from "storybook/test";
import { bundleLayout, clusterStrengths, weightedBicluster } from "@clearbox/bicluster";
import { layerBundles } from "@clearbox/charts";
import type { BundleHover } from "@clearbox/charts";
import trained from "../../data/digits/digits-cnn.json";
import { digitsCnnLayerPairs } from "@clearbox/model-fixtures/digits-cnn-layer-pairs";
import type { DigitsLayerPair } from "@clearbox/model-fixtures/digits-cnn-layer-pairs";
import { digits } from "../lib/digits.js";
import { expectReadableLabels } from "../lib/readable-labels.js";

interface Args {
  layerPair: "conv" | "dense";
  /** Curves and biclusters whose |mean weight| is below this fraction of the largest are hidden. */
  minWeight: number;
}

let pairs: DigitsLayerPair[] | undefined;
const layerPairs = () => (pairs ??= digitsCnnLayerPairs(trained, digits.pixels, digits.labels, { samples: 300 }));
const WIDTH = 400;
const HEIGHT = 320;

function bundled(layerPair: Args["layerPair"]) {
  const pair = layerPairs()[layerPair === "conv" ? 0 : 1];
  const strengths = clusterStrengths(pair.weights, pair.inputLabels, pair.outputLabels);
  const largest = Math.max(...strengths.flatMap((s) => [s.pos ?? 0, -(s.neg ?? 0)]));
  const result = weightedBicluster(strengths, { tau: 0.25 * largest, threshold: 0.3 * largest });
  const spread = (count: number) => Array.from({ length: count }, (_, k) => ((k + 0.5) * HEIGHT) / count);
  const inputPositions = spread(pair.inputClusters);
  const outputPositions = spread(pair.outputClusters);
  const geometry = bundleLayout(result, { inputPositions, outputPositions, width: WIDTH, height: HEIGHT });
  const [input, output] = pair.name.slice(pair.name.indexOf(": ") + 2).split(" → ");
  return {
    largest,
    geometry,
    data: {
      width: WIDTH,
      height: HEIGHT,
      layers: [
        { name: input, positions: inputPositions },
        {
          name: output,
          positions: outputPositions,
          labels: layerPair === "dense" ? [...Array(10).keys()].map((c) => `digit ${c}`) : undefined,
        },
      ],
      pairs: [geometry],
    },
  };
}

/**
 * `layerBundles` on the digits CNN: two layers' neuron clusters as columns of boxes, the virtual bicluster layer
 * between them (green/red by the share of positive and negative edges) and the bundled curves, width and opacity by
 * |mean weight|. Raise the weight filter to keep only the strong bundles; hover a bicluster for its readout.
 */
const meta: Meta<Args> = {
  afterEach: expectReadableLabels,
  title: "charts/layerBundles",
  args: { layerPair: "dense", minWeight: 0 },
  argTypes: {
    layerPair: { control: { type: "inline-radio" }, options: ["conv", "dense"] },
    minWeight: { control: { type: "range", min: 0, max: 1, step: 0.01 } },
  },
  render: ({ layerPair, minWeight }) => {
    const { data, largest } = bundled(layerPair);
    const root = document.createElement("div");
    root.style.cssText = "font:13px system-ui,sans-serif";
    const hovered = document.createElement("p");
    hovered.dataset.role = "hovered";
    const chart = document.createElement("div");
    layerBundles(chart, data, {
      width: 1000,
      height: 560,
      title: `Bundled ${layerPair} layer of the digits CNN`,
      minWeight: minWeight * largest,
      onHover: (item: BundleHover | null) =>
        (hovered.textContent = item === null ? "" : `${item.kind} ${item.bicluster}`),
    });
    root.append(chart, hovered);
    return root;
  },
};
export default meta;

type Story = StoryObj<Args>;

export const Dense: Story = {
  play: async ({ canvasElement, args }) => {
    const { geometry, data, largest } = bundled(args.layerPair);
    const svg = canvasElement.querySelector("svg")!;
    await expect(svg.querySelectorAll("g.curves path").length).toBe(geometry.curves.length);
    await expect(svg.querySelectorAll("g.bicluster").length).toBe(geometry.rects.length);
    await expect(svg.querySelectorAll('g.cluster[data-layer="1"]').length).toBe(10);
    // The widest curve carries the largest |weight|.
    const paths = [...svg.querySelectorAll<SVGPathElement>("g.curves path")];
    const widest = paths.reduce((a, b) =>
      Number(b.getAttribute("stroke-width")) > Number(a.getAttribute("stroke-width")) ? b : a,
    );
    const strongest = Math.max(...geometry.curves.map((c) => Math.abs(c.weight)));
    await expect(Math.abs(geometry.curves[paths.indexOf(widest)].weight)).toBe(strongest);
    // Hover a bicluster: the callback and the readout.
    const box = svg.querySelector<SVGGElement>("g.bicluster")!;
    box.dispatchEvent(new PointerEvent("pointerenter"));
    await expect(canvasElement.querySelector('[data-role="hovered"]')!.textContent).toBe(
      `bicluster ${box.dataset.bicluster}`,
    );
    await expect(svg.querySelector("g.readout text")!.textContent).toContain("mean weight");
    // The filter, updated in place: fewer curves, the same SVG.
    layerBundles(svg.parentElement!, data, { width: 1000, height: 560, minWeight: 0.6 * largest });
    await expect(canvasElement.querySelectorAll("svg").length).toBe(1);
    const kept = geometry.curves.filter((c) => Math.abs(c.weight) >= 0.6 * largest).length;
    await expect(svg.querySelectorAll("g.curves path").length).toBe(kept);
    await expect(kept).toBeLessThan(geometry.curves.length);
    // Back to the story's own drawing, for whoever looks at it next.
    canvasElement.replaceChildren(meta.render!(args, {} as never) as HTMLElement);
  },
};

export const Conv: Story = {
  args: { layerPair: "conv" },
  play: async ({ canvasElement, args }) => {
    const { geometry } = bundled(args.layerPair);
    await expect(canvasElement.querySelectorAll("svg g.curves path").length).toBe(geometry.curves.length);
    await expect(canvasElement.querySelectorAll('svg g.cluster[data-layer="0"]').length).toBe(4);
  },
};
