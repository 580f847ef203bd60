// The CPU backend, registered here: stories import credit's sources, which its package.json's sideEffects (dist
// files only) leaves side-effect free, so a static build may drop credit's own registering import and fail with
// "No backend found in registry" (the dev server and the test project keep it).
import "@tensorflow/tfjs-backend-cpu";
import type { Meta, StoryObj } from "@storybook/html";
import { expect } from "storybook/test";
import { networkView, pngDataUrl } from "@clearbox/charts";
import { analyzeModel, deriveViews, networkViewData, neuronImage } from "@clearbox/cnnvis";
import type { Analysis, Views } from "@clearbox/cnnvis";
import type { Network } from "@clearbox/credit";
import trained from "../../data/digits/digits-resnet.json";
import { digits } from "../lib/digits.js";

interface Args {
  /** Neurons preferring this digit stay opaque in every column; -1 shows all. */
  selectedClass: number;
  /** A cluster of the middle column drawn expanded (its packing and reordered matrix); -1 none. */
  expanded: number;
}

let cached: { analysis: Analysis; views: Views; data: ReturnType<typeof networkViewData> } | undefined;

/** The residual digits CNN analysed on all 1,797 UCI digits, clustered, packed, reordered and bundled once. */
function prepared() {
  if (cached) return cached;
  const images = Float32Array.from(digits.pixels.flat(), (v) => v / 16);
  const analysis = analyzeModel(
    trained.network as unknown as Network,
    { images, labels: digits.labels },
    { batchSize: 256, patchSize: 8 },
  );
  const views = deriveViews(analysis);
  const href = (g: number, u: number) => {
    const { width, height, rgb } = neuronImage(analysis.groups[g], u);
    return pngDataUrl(width, height, rgb);
  };
  cached = { analysis, views, data: networkViewData(analysis, views, { href }) };
  return cached;
}

/**
 * The CNNVis main view (thesis Fig. 3.8) of a residual CNN with batch norm trained on the UCI digits, analysed by
 * `@clearbox/cnnvis` on all 1,797 digits: each layer group a column of neuron clusters (k-means on their class-mean
 * activations), each cluster filled with its neurons' top-4 input patches packed by importance; between the columns
 * the weighted biclusters' bundles (green positive, red negative). Choose a digit to fade the neurons that prefer
 * other digits in every column; click a cluster (or set `expanded`) to see its packing and reordered matrix.
 */
const meta: Meta<Args> = {
  title: "cnnvis/Network view",
  args: { selectedClass: -1, expanded: -1 },
  argTypes: {
    selectedClass: { control: { type: "range", min: -1, max: 9, step: 1 } },
    expanded: { control: { type: "range", min: -1, max: 5, step: 1 } },
  },
  render: ({ selectedClass, expanded }) => {
    const { data } = prepared();
    const root = document.createElement("div");
    root.style.cssText = "--clearbox-positive:#2e7d32;--clearbox-negative:#c62828";
    const draw = (open: { column: number; cluster: number } | null) =>
      networkView(root, data, {
        width: 960,
        height: 560,
        heading: "Residual digits CNN: layer groups, neuron clusters and bundles",
        ...(selectedClass >= 0 && { selectedClasses: [selectedClass] }),
        expanded: open,
        onSelect: (cluster) => draw(cluster),
      });
    draw(
      expanded >= 0 && expanded < data.columns[1].clusters.length
        ? { column: 1, cluster: data.columns[1].clusters[expanded].id }
        : null,
    );
    return root;
  },
};
export default meta;

type Story = StoryObj<Args>;

export const AllDigits: Story = {
  play: async ({ canvasElement }) => {
    const { analysis } = prepared();
    const svg = canvasElement.querySelector("svg")!;
    await expect(svg.querySelectorAll("text.column-name").length).toBe(analysis.groups.length);
    for (let g = 0; g < analysis.groups.length; g++) {
      const clusters = svg.querySelectorAll(`g.cluster[data-column="${g}"]`);
      await expect(clusters.length).toBeGreaterThan(0);
      for (const cluster of clusters) await expect(cluster.querySelectorAll("image").length).toBeGreaterThan(0);
    }
    await expect(svg.querySelectorAll("path.bundle").length).toBeGreaterThan(0);
  },
};

export const DigitSevenSelected: Story = {
  args: { selectedClass: 7 },
  play: async ({ canvasElement }) => {
    const svg = canvasElement.querySelector("svg")!;
    const columns = svg.querySelectorAll("text.column-name").length;
    for (let g = 0; g < columns; g++) {
      const neurons = [...svg.querySelectorAll(`g.cluster[data-column="${g}"] g.neuron`)];
      const faded = neurons.filter((n) => n.getAttribute("opacity") === "0.15");
      await expect(faded.length).toBeGreaterThan(0);
    }
  },
};

export const ClusterExpanded: Story = {
  args: { expanded: 0 },
  play: async ({ canvasElement }) => {
    const svg = canvasElement.querySelector("svg")!;
    await expect(svg.querySelectorAll("g.expanded-packing image").length).toBeGreaterThan(0);
    await expect(svg.querySelectorAll("g.expanded-matrix rect").length).toBeGreaterThan(0);
  },
};
