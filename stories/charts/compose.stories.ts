import type { Meta, StoryObj } from "@storybook/html";
import { expect } from "storybook/test";
import { matrixHeatmap, scatterPlot } from "@clearbox/charts";
import { principalComponents } from "@clearbox/cluster";
import { reorderRows } from "@clearbox/reorder";
import { denseNeurons } from "../lib/digits-cnn-units.js";
import { expectReadableLabels } from "../lib/readable-labels.js";

/**
 * Two charts linked by selection, in plain HTML: the digits CNN's 256 neurons on the principal axes of their
 * class-mean vectors, coloured by k-means cluster; click a neuron and its cluster's rows stay lit in the neurons ×
 * digits heatmap beside it (the others fade). Each chart only reports (`onSelect`) and is redrawn with new options.
 */
const meta: Meta = {
  afterEach: expectReadableLabels,
  title: "charts/Compose: linked selection",
  render: () => {
    const neurons = denseNeurons();
    const { projection } = principalComponents(neurons.classMeans, 2);
    const rowOrder = reorderRows(neurons.classMeans).order;
    const root = document.createElement("div");
    root.style.cssText = "display:flex;gap:16px;align-items:flex-start;font:13px system-ui,sans-serif";
    const scatter = document.createElement("div");
    const heatmap = document.createElement("div");
    const heatmapData = {
      values: neurons.classMeans,
      rowOrder,
      columnLabels: [...Array(10).keys()].map((c) => `digit ${c}`),
    };
    const drawHeatmap = (cluster: number | null) => {
      const highlightRows =
        cluster === null ? undefined : neurons.cluster.flatMap((c, n) => (c === cluster ? [n] : []));
      heatmap.dataset.cluster = cluster === null ? "" : String(cluster);
      matrixHeatmap(heatmap, heatmapData, {
        width: 360,
        height: 440,
        scheme: "sequential",
        highlightRows,
        title: cluster === null ? "Neurons × digits" : `Neurons × digits, cluster ${cluster} lit`,
      });
    };
    scatterPlot(
      scatter,
      { points: projection, groups: neurons.cluster, labels: neurons.cluster.map((_, n) => `neuron ${n}`) },
      {
        width: 520,
        height: 440,
        title: "Neurons on the principal axes of their class means",
        groupLabel: (g) => `cluster ${g}`,
        onSelect: (point) => drawHeatmap(point.group),
      },
    );
    drawHeatmap(null);
    root.append(scatter, heatmap);
    return root;
  },
};
export default meta;

export const LinkedSelection: StoryObj = {
  play: async ({ canvasElement }) => {
    const [scatter, heatmap] = canvasElement.querySelectorAll("svg");
    const faded = () => heatmap.querySelectorAll('g.cells rect[fill-opacity="0.15"]').length;
    await expect(faded()).toBe(0);
    // Click a neuron of the scatter plot: its cluster stays lit in the heatmap, every other row fades.
    const point = scatter.querySelector<SVGCircleElement>('g.points circle[data-index="0"]')!;
    const box = point.getBoundingClientRect();
    scatter.dispatchEvent(
      new MouseEvent("click", { clientX: box.x + box.width / 2, clientY: box.y + box.height / 2, bubbles: true }),
    );
    const cluster = Number(canvasElement.querySelector<HTMLElement>("[data-cluster]")!.dataset.cluster);
    const members = denseNeurons().cluster.filter((c) => c === cluster).length;
    await expect(faded()).toBe((256 - members) * 10);
    await expect(canvasElement.querySelectorAll("svg").length).toBe(2);
  },
};
