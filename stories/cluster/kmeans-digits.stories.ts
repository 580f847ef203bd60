import type { Meta, StoryObj } from "@storybook/html";
import { expect } from "storybook/test";
import { scatterPlot } from "@clearbox/charts";
import { kmeans, principalComponents } from "@clearbox/cluster";
import { digits } from "../lib/digits.js";

interface Args {
  /** Number of clusters. */
  k: number;
  /** Digits used (the first n of the 1,797). */
  samples: number;
  /** Seed of the k-means++ initialisations. */
  seed: number;
}

/**
 * Real handwritten digits (8 × 8 pixels, 64 dimensions) clustered by `kmeans`, drawn on their first two principal
 * axes (`principalComponents`) and coloured by cluster. Change k, the sample or the seed; the caption reports the
 * inertia and how well clusters match the true digit labels.
 */
const meta: Meta<Args> = {
  title: "cluster/k-means on digits",
  args: { k: 10, samples: 600, seed: 0 },
  argTypes: {
    k: { control: { type: "range", min: 1, max: 20, step: 1 } },
    samples: { control: { type: "range", min: 50, max: 1797, step: 50 } },
    seed: { control: { type: "number" } },
  },
  render: ({ k, samples, seed }) => {
    const pixels = digits.pixels.slice(0, samples);
    const truth = digits.labels.slice(0, samples);
    const result = kmeans(pixels, k, { seed });
    const { projection } = principalComponents(pixels, 2);
    const figure = document.createElement("figure");
    const chart = document.createElement("div");
    scatterPlot(
      chart,
      { points: projection, groups: result.labels, labels: truth.map((t, i) => `digit ${i}: a ${t}`) },
      {
        title: `${samples} digits in ${k} k-means clusters, first two principal axes`,
        width: 560,
        height: 400,
        groupLabel: (g) => `cluster ${g}`,
      },
    );
    figure.append(chart);
    const caption = document.createElement("figcaption");
    caption.style.font = "13px system-ui, sans-serif";
    caption.textContent = `inertia ${result.inertia.toFixed(0)} · ${result.iterations} iterations · purity ${(
      purity(result.labels, truth) * 100
    ).toFixed(1)} % against the true digits`;
    figure.append(caption);
    return figure;
  },
};
export default meta;

type Story = StoryObj<Args>;

/** Share of points whose cluster's majority digit is their own digit. */
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

export const TenClusters: Story = {
  play: async ({ canvasElement, args }) => {
    const svg = canvasElement.querySelector("svg");
    await expect(svg).not.toBeNull();
    const circles = svg!.querySelectorAll("g.points circle");
    await expect(circles.length).toBe(args.samples);
    const groups = new Set([...circles].map((c) => (c as SVGCircleElement).dataset.group));
    await expect(groups.size).toBe(args.k);
    await expect(svg!.querySelectorAll("g.legend text").length).toBe(args.k);
    // Clustering real digits into ten groups recovers most of the true labels.
    const caption = canvasElement.querySelector("figcaption")!.textContent!;
    const purityPercent = Number(/purity ([\d.]+) %/.exec(caption)![1]);
    await expect(purityPercent).toBeGreaterThan(70);
  },
};

export const ThreeClusters: Story = {
  args: { k: 3, samples: 300 },
  play: async ({ canvasElement, args }) => {
    const circles = canvasElement.querySelectorAll("svg g.points circle");
    await expect(circles.length).toBe(args.samples);
    await expect(new Set([...circles].map((c) => (c as SVGCircleElement).dataset.group)).size).toBe(3);
  },
};
