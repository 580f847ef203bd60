import type { Meta, StoryObj } from "@storybook/html";
import { expect } from "storybook/test";
import { scatterPlot } from "@clearbox/charts";
import { greedyModularity, knnGraph, leiden, principalComponents } from "@clearbox/cluster";
import type { WeightedGraph } from "@clearbox/cluster";
import { digits } from "../lib/digits.js";

interface Args {
  /** Neighbours per digit in the k-nearest-neighbour graph. */
  k: number;
  /** Leiden's resolution γ (modularity): larger gives smaller communities. */
  resolution: number;
  /** Seed of Leiden's node orders and refinement. */
  seed: number;
}

/**
 * All 1,797 real handwritten digits (8 × 8 pixels) as a cosine k-nearest-neighbour graph (`knnGraph`, weights
 * = similarity), split into communities by `leiden` (modularity at the chosen resolution) and drawn on the first two
 * principal axes, coloured by community. The caption compares Leiden with Clauset–Newman–Moore
 * (`greedyModularity`, what CNNVis specifies) on the same graph: modularity, communities, purity against the true
 * digits, and whether every community is one connected piece of the graph (Leiden guarantees it).
 */
const meta: Meta<Args> = {
  title: "cluster/Leiden communities of the digits",
  args: { k: 10, resolution: 1, seed: 0 },
  argTypes: {
    k: { control: { type: "range", min: 2, max: 30, step: 1 } },
    resolution: { control: { type: "range", min: 0.1, max: 3, step: 0.1 } },
    seed: { control: { type: "number" } },
  },
  render: ({ k, resolution, seed }) => {
    const graph = knnGraph(digits.pixels, k);
    const result = leiden(graph, { resolution, seed });
    const cnm = greedyModularity(graph);
    const { projection } = principalComponents(digits.pixels, 2);
    const figure = document.createElement("figure");
    const chart = document.createElement("div");
    scatterPlot(
      chart,
      {
        points: projection,
        groups: result.labels,
        labels: digits.labels.map((t, i) => `digit ${i}: a ${t}, community ${result.labels[i]}`),
      },
      {
        title: `1,797 digits, ${k}-NN graph: ${result.communities.length} Leiden communities, first two principal axes`,
        width: 620,
        height: 420,
        groupLabel: (g) => `community ${g}`,
      },
    );
    figure.append(chart);
    const caption = document.createElement("figcaption");
    caption.style.font = "13px system-ui, sans-serif";
    caption.style.maxWidth = "620px";
    const describe = (name: string, labels: ArrayLike<number>, count: number, q: number) =>
      `${name}: Q = ${q.toFixed(4)}, ${count} communities, purity ${(purity(labels, digits.labels) * 100).toFixed(1)} %, ` +
      `${disconnectedCount(graph, labels)} disconnected`;
    caption.innerHTML = [
      describe(`Leiden (γ = ${resolution})`, result.labels, result.communities.length, result.modularity),
      describe("CNM (γ = 1)", cnm.labels, cnm.communities.length, cnm.modularity),
    ].join("<br>");
    figure.append(caption);
    return figure;
  },
};
export default meta;

type Story = StoryObj<Args>;

/** Share of digits whose community's majority digit is their own. */
function purity(labels: ArrayLike<number>, truth: number[]): number {
  const counts = new Map<number, Map<number, number>>();
  truth.forEach((t, i) => {
    const byDigit = counts.get(labels[i]) ?? new Map<number, number>();
    byDigit.set(t, (byDigit.get(t) ?? 0) + 1);
    counts.set(labels[i], byDigit);
  });
  let majority = 0;
  for (const byDigit of counts.values()) majority += Math.max(...byDigit.values());
  return majority / truth.length;
}

/** Communities that are not one connected piece of the graph (breadth-first search inside each). */
function disconnectedCount(graph: WeightedGraph, labels: ArrayLike<number>): number {
  const adjacency: number[][] = Array.from({ length: graph.nodes }, () => []);
  for (const [u, v] of graph.edges) {
    adjacency[u].push(v);
    adjacency[v].push(u);
  }
  const seen = new Uint8Array(graph.nodes);
  const started = new Set<number>();
  const split = new Set<number>();
  for (let s = 0; s < graph.nodes; s++) {
    if (seen[s]) continue;
    if (started.has(labels[s])) split.add(labels[s]);
    started.add(labels[s]);
    const stack = [s];
    seen[s] = 1;
    while (stack.length > 0) {
      const v = stack.pop() as number;
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

export const DigitsKnnGraph: Story = {
  play: async ({ canvasElement }) => {
    const svg = canvasElement.querySelector("svg");
    await expect(svg).not.toBeNull();
    await expect(svg!.querySelectorAll("g.points circle").length).toBe(digits.labels.length);
    const caption = canvasElement.querySelector("figcaption")!.textContent ?? "";
    await expect(caption).toMatch(/Leiden \(γ = 1\): Q = 0\.\d+, \d+ communities, purity [\d.]+ %, 0 disconnected/);
  },
};
