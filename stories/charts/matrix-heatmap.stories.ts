import type { Meta, StoryObj } from "@storybook/html";
import { expect } from "storybook/test";
import { matrixHeatmap } from "@clearbox/charts";
import type { HeatmapCell } from "@clearbox/charts";
import { reorderRows } from "@clearbox/reorder";
import { denseNeurons } from "../lib/digits-cnn-units.js";
import { expectReadableLabels } from "../lib/readable-labels.js";

interface Args {
  /** Neurons shown (the first n of the 256 flattened conv-2 neurons). */
  neurons: number;
  /** Rows in input order, or reordered by `reorderRows` so that similar neurons sit together. */
  order: "input" | "reordered";
  scheme: "sequential" | "diverging";
  /** Cells above which the chart paints a canvas instead of SVG rects. */
  canvasThreshold: number;
}

/**
 * `matrixHeatmap` on the digits CNN: neurons × classes, each cell a neuron's mean activation over the digits of a
 * class, rows reordered by Held–Karp (`reorderRows`). Labels thin out when rows are thinner than the text; hover a
 * cell for its readout. Lower the canvas threshold to see the canvas mode.
 */
const meta: Meta<Args> = {
  afterEach: expectReadableLabels,
  title: "charts/matrixHeatmap",
  args: { neurons: 256, order: "reordered", scheme: "sequential", canvasThreshold: 100_000 },
  argTypes: {
    neurons: { control: { type: "range", min: 10, max: 256, step: 1 } },
    order: { control: { type: "inline-radio" }, options: ["input", "reordered"] },
    scheme: { control: { type: "inline-radio" }, options: ["sequential", "diverging"] },
    canvasThreshold: { control: { type: "range", min: 100, max: 100_000, step: 100 } },
  },
  render: ({ neurons, order, scheme, canvasThreshold }) => {
    const values = denseNeurons().classMeans.slice(0, neurons);
    const rowOrder = order === "reordered" ? reorderRows(values).order : undefined;
    const root = document.createElement("div");
    root.style.cssText = "font:13px system-ui,sans-serif";
    const readout = document.createElement("p");
    readout.dataset.role = "hovered";
    const chart = document.createElement("div");
    matrixHeatmap(
      chart,
      {
        values,
        rowOrder,
        rowLabels: values.map((_, n) => `neuron ${n}`),
        columnLabels: values[0].map((_, c) => `digit ${c}`),
      },
      {
        width: 640,
        height: 720,
        title: `${neurons} neurons × 10 digits, mean activation`,
        scheme,
        canvasThreshold,
        onHover: (cell: HeatmapCell | null) =>
          (readout.textContent = cell === null ? "" : `${cell.row},${cell.column},${cell.value}`),
      },
    );
    root.append(chart, readout);
    return root;
  },
};
export default meta;

type Story = StoryObj<Args>;

const centre = (element: Element) => {
  const box = element.getBoundingClientRect();
  return { clientX: box.x + box.width / 2, clientY: box.y + box.height / 2 };
};

export const NeuronsByDigits: Story = {
  play: async ({ canvasElement, args }) => {
    const svg = canvasElement.querySelector("svg")!;
    const cells = [...svg.querySelectorAll<SVGRectElement>("g.cells rect")];
    await expect(cells.length).toBe(args.neurons * 10);
    // The darkest cell holds the largest value.
    const lightness = (rect: SVGRectElement) => {
      const [r, g, b] = getComputedStyle(rect).fill.match(/\d+/g)!.map(Number);
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const darkest = cells.reduce((a, b) => (lightness(b) < lightness(a) ? b : a));
    const largest = Math.max(...denseNeurons().classMeans.flat());
    await expect(Number(darkest.dataset.value)).toBeCloseTo(largest, 10);
    // Row labels thin out: 256 rows in 470 px cannot all carry a label.
    const labels = svg.querySelectorAll("g.row-labels text").length;
    await expect(labels).toBeGreaterThan(10);
    await expect(labels).toBeLessThan(args.neurons);
    // Hover the darkest cell: onHover reports it and the readout appears.
    svg.dispatchEvent(new PointerEvent("pointermove", { ...centre(darkest), bubbles: true }));
    const [row, , value] = canvasElement.querySelector('[data-role="hovered"]')!.textContent!.split(",");
    await expect(Number(row)).toBe(Number(darkest.dataset.row));
    await expect(Number(value)).toBeCloseTo(largest, 10);
    await expect(svg.querySelector("g.readout")!.getAttribute("display")).toBeNull();
    // Update in place: the same SVG, new marks.
    matrixHeatmap(
      svg.parentElement!,
      {
        values: [
          [1, 2],
          [3, 4],
        ],
      },
      { width: 640, height: 720 },
    );
    await expect(canvasElement.querySelectorAll("svg").length).toBe(1);
    await expect(svg.querySelectorAll("g.cells rect").length).toBe(4);
    // Back to the story's own drawing, for whoever looks at it next.
    canvasElement.replaceChildren(meta.render!(args, {} as never) as HTMLElement);
  },
};

export const CanvasMode: Story = {
  args: { canvasThreshold: 1000 },
  play: async ({ canvasElement }) => {
    const svg = canvasElement.querySelector("svg")!;
    await expect(svg.querySelector("g.cells")!.getAttribute("data-mode")).toBe("canvas");
    await expect(svg.querySelectorAll("g.cells rect").length).toBe(0);
    const canvas = svg.querySelector("canvas")!;
    await expect([canvas.width, canvas.height]).toEqual([10, 256]);
  },
};
