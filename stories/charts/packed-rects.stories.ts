import type { Meta, StoryObj } from "@storybook/html";
import { expect } from "storybook/test";
import { packedRects } from "@clearbox/charts";
import { packFast } from "@clearbox/rect-pack";
import { denseNeurons } from "../lib/digits-cnn-units.js";
import { expectReadableLabels } from "../lib/readable-labels.js";

interface Args {
  /** Which of the 16 k-means clusters of the digits CNN's flattened conv-2 neurons. */
  cluster: number;
  /** Neurons responding most to this digit stay opaque; -1 shows all. */
  selectedClass: number;
}

/** One cluster of neurons, each a rectangle with area ∝ its importance (mean activation), packed by packFast. */
function clusterData(cluster: number) {
  const neurons = denseNeurons();
  const members = neurons.cluster.flatMap((c, n) => (c === cluster ? [n] : []));
  const top = Math.max(...members.map((n) => neurons.importance[n]), 1e-9);
  const sizes = members.map((n) => {
    const side = 6 + 30 * Math.sqrt(neurons.importance[n] / top);
    return { width: side, height: side };
  });
  const packing = packFast(sizes);
  return {
    members,
    data: {
      ...packing,
      importance: members.map((n) => neurons.importance[n]),
      classes: members.map((n) => neurons.topClass[n]),
      labels: members.map((n) => `neuron ${n}`),
      label: `cluster ${cluster} · ${members.length} neurons`,
    },
  };
}

/**
 * `packedRects` on real neurons: the digits CNN's flattened conv-2 layer (256 neurons) clustered by their class-mean
 * activations; one cluster packed with each neuron's area proportional to its importance, filled light → dark by
 * importance. Choose a digit to fade the neurons that respond most to other digits; hover a rectangle for its readout.
 */
const meta: Meta<Args> = {
  afterEach: expectReadableLabels,
  title: "charts/packedRects",
  args: { cluster: 0, selectedClass: -1 },
  argTypes: {
    cluster: { control: { type: "range", min: 0, max: 15, step: 1 } },
    selectedClass: { control: { type: "range", min: -1, max: 9, step: 1 } },
  },
  render: ({ cluster, selectedClass }) => {
    const root = document.createElement("div");
    root.style.cssText = "font:13px system-ui,sans-serif";
    const hovered = document.createElement("p");
    hovered.dataset.role = "hovered";
    hovered.textContent = "hover a neuron";
    const chart = document.createElement("div");
    const { data } = clusterData(cluster);
    packedRects(chart, data, {
      width: 520,
      height: 520,
      title: `Neuron cluster ${cluster} of the digits CNN, sized by importance`,
      selectedClasses: selectedClass < 0 ? undefined : [selectedClass],
      onHover: (index) => (hovered.textContent = index === null ? "" : `neuron ${index} of the cluster`),
    });
    root.append(chart, hovered);
    return root;
  },
};
export default meta;

type Story = StoryObj<Args>;

export const Cluster0: Story = {
  play: async ({ canvasElement, args }) => {
    const { data } = clusterData(args.cluster);
    const svg = canvasElement.querySelector("svg")!;
    const items = [...svg.querySelectorAll<SVGGElement>("g.item")];
    await expect(items.length).toBe(data.placements.length);
    // The largest rectangle is the most important neuron.
    const area = (g: SVGGElement) => {
      const r = g.querySelector("rect")!;
      return Number(r.getAttribute("width")) * Number(r.getAttribute("height"));
    };
    const largest = items.reduce((a, b) => (area(b) > area(a) ? b : a));
    await expect(Number(largest.dataset.index)).toBe(data.importance.indexOf(Math.max(...data.importance)));
    // Hover: the callback fires and the readout shows the neuron.
    largest.dispatchEvent(new PointerEvent("pointerenter"));
    await expect(canvasElement.querySelector('[data-role="hovered"]')!.textContent).toBe(
      `neuron ${largest.dataset.index} of the cluster`,
    );
    await expect(svg.querySelector("g.readout")!.getAttribute("display")).toBeNull();
    await expect(svg.querySelector("g.readout text")!.textContent).toContain("importance");
    // Update in place: a second call on the same container keeps one SVG and changes the marks.
    const chart = svg.parentElement!;
    packedRects(chart, data, { width: 360, height: 380, selectedClasses: [data.classes[0]] });
    await expect(chart.querySelectorAll("svg").length).toBe(1);
    const faded = [...svg.querySelectorAll<SVGGElement>("g.item")].filter((g) => g.getAttribute("opacity") === "0.2");
    await expect(faded.length).toBe(data.classes.filter((c) => c !== data.classes[0]).length);
    // Back to the story's own drawing, for whoever looks at it next.
    canvasElement.replaceChildren(meta.render!(args, {} as never) as HTMLElement);
  },
};

/** The digit that most of the cluster's neurons respond to most: selecting it lights a real part of the cluster. */
function commonestClass(cluster: number): number {
  const counts = new Map<number, number>();
  for (const c of clusterData(cluster).data.classes) counts.set(c, (counts.get(c) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0];
}

export const OneDigitSelected: Story = {
  args: { cluster: 5, selectedClass: -1 },
  render: (args, context) => meta.render!({ ...args, selectedClass: commonestClass(args.cluster) }, context),
  play: async ({ canvasElement, args }) => {
    const { data } = clusterData(args.cluster);
    const selected = commonestClass(args.cluster);
    const items = [...canvasElement.querySelectorAll<SVGGElement>("svg g.item")];
    const lit = items.filter((g) => g.getAttribute("opacity") === "1");
    await expect(lit.length).toBeGreaterThan(0);
    await expect(lit.length).toBeLessThan(items.length);
    for (const g of items) {
      const opaque = data.classes[Number(g.dataset.index)] === selected;
      await expect(g.getAttribute("opacity")).toBe(opaque ? "1" : "0.2");
    }
  },
};
