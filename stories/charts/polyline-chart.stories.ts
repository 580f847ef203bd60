import type { Meta, StoryObj } from "@storybook/html";
import { expect } from "storybook/test";
import { mostIsolated, sampleBlueNoise } from "@clearbox/blue-noise";
import { polylineChart } from "@clearbox/charts";
import header from "../../data/training/digits-mlp.json";
import trainingUrl from "../../data/training/digits-mlp.f32?url";
import { trainingSeries } from "@clearbox/fixtures/digits-mlp-training";
import { expectReadableLabels } from "../lib/readable-labels.js";

interface Args {
  /** The series not sampled: faint lines or a DenseLines density, on a canvas. */
  context: "lines" | "density" | "none";
  /** Share of the 2,048 weights drawn as SVG lines (a blue-noise sample). */
  ratio: number;
}

type Training = ReturnType<typeof trainingSeries>;
let training: Training | undefined;
const load = async () => (training ??= trainingSeries(header, await (await fetch(trainingUrl)).arrayBuffer()));

/**
 * `polylineChart` on a real training run: the digits MLP's 2,048 first-layer weights over 400 steps. A blue-noise
 * sample is drawn as lines (hover one), the 1 % most isolated in orange, the rest beneath on a canvas (faint lines or
 * a DenseLines density). Brush the overview to focus a range of steps. Below, the loss with a step picker: click it.
 */
const meta: Meta<Args> = {
  afterEach: expectReadableLabels,
  title: "charts/polylineChart",
  args: { context: "density", ratio: 0.05 },
  argTypes: {
    context: { control: { type: "inline-radio" }, options: ["lines", "density", "none"] },
    ratio: { control: { type: "range", min: 0.01, max: 0.3, step: 0.01 } },
  },
  loaders: [async () => ({ training: await load() })],
  render: ({ context, ratio }, { loaded }) => {
    const { weights, loss } = loaded.training as Training;
    const sample = sampleBlueNoise(weights, { count: Math.round(ratio * weights.count), seed: 1 }).indices;
    const outliers = Array.from(mostIsolated(weights, Math.round(0.01 * weights.count)));
    const root = document.createElement("div");
    root.style.cssText = "font:13px system-ui,sans-serif";
    const status = document.createElement("p");
    status.dataset.role = "status";
    const chart = document.createElement("div");
    chart.dataset.role = "weights";
    polylineChart(
      chart,
      { series: weights, highlight: sample, outliers },
      {
        width: 1100,
        height: 340,
        context,
        title: "The digits MLP's first-layer weights over 400 steps",
        onBrush: (range) => (status.dataset.range = range === null ? "" : range.map((v) => v.toFixed(1)).join(",")),
        onHover: (i) => (status.dataset.hovered = i === null ? "" : String(i)),
      },
    );
    const lossChart = document.createElement("div");
    lossChart.dataset.role = "loss";
    polylineChart(
      lossChart,
      { series: loss, labels: ["loss"] },
      {
        width: 1100,
        height: 160,
        overviewHeight: 0,
        selectedStep: 100,
        title: "Training loss; click to pick a step",
        onSelectStep: (step) => (status.dataset.step = String(step)),
      },
    );
    root.append(chart, lossChart, status);
    return root;
  },
};
export default meta;

type Story = StoryObj<Args>;

export const WeightsAndLoss: Story = {
  play: async ({ canvasElement, args }) => {
    const svg = canvasElement.querySelector<SVGSVGElement>('[data-role="weights"] svg.clearbox-chart')!;
    const status = canvasElement.querySelector<HTMLElement>('[data-role="status"]')!;
    const { weights } = await load();
    const sample = sampleBlueNoise(weights, { count: Math.round(args.ratio * weights.count), seed: 1 }).indices;
    const outliers = mostIsolated(weights, 20);
    // Every sampled series and every outlier is one SVG line; the other weights are on the canvas.
    await expect(svg.querySelectorAll("path.series").length).toBe(new Set([...sample, ...outliers]).size);
    await expect(svg.querySelectorAll("path.outlier").length).toBe(20);
    await expect(svg.querySelector("g.context")!.getAttribute("data-mode")).toBe("canvas density");
    // Hover a line.
    svg
      .querySelector<SVGPathElement>("path.series")!
      .dispatchEvent(new PointerEvent("pointerenter", { clientX: 100, clientY: 100 }));
    await expect(status.dataset.hovered).not.toBe("");
    // And leave it: the story must not stay open on a stale readout.
    svg.querySelector<SVGPathElement>("path.series")!.dispatchEvent(new PointerEvent("pointerleave"));
    await expect(svg.querySelector("g.readout")!.getAttribute("display")).toBe("none");
    // Brush the overview from a quarter to a half of the run: the axis narrows and the range is reported.
    const overlay = svg.querySelector<SVGRectElement>("g.overview .overlay")!;
    const box = overlay.getBoundingClientRect();
    const at = (share: number) => ({
      clientX: box.x + share * box.width,
      clientY: box.y + box.height / 2,
      bubbles: true,
      view: window,
    });
    overlay.dispatchEvent(new MouseEvent("mousedown", at(0.25)));
    window.dispatchEvent(new MouseEvent("mousemove", at(0.5)));
    window.dispatchEvent(new MouseEvent("mouseup", at(0.5)));
    const [from, to] = status.dataset.range!.split(",").map(Number);
    await expect(from).toBeGreaterThan(90);
    await expect(to).toBeLessThan(210);
    const ticks = [...svg.querySelectorAll("g.x-axis .tick text")].map((t) => Number(t.textContent));
    await expect(Math.min(...ticks)).toBeGreaterThanOrEqual(from - 1);
    await expect(Math.max(...ticks)).toBeLessThanOrEqual(to + 1);
    // The step picker on the loss: a click selects the nearest step and moves the rule. (d3-brush swallows the click
    // that ends a drag, until the next task: wait for one, as a person's next click would.)
    await new Promise((resolve) => setTimeout(resolve, 20));
    const loss = canvasElement.querySelector<SVGSVGElement>('[data-role="loss"] svg.clearbox-chart')!;
    const plot = loss.querySelector("svg.plot")!.getBoundingClientRect();
    loss.dispatchEvent(
      new MouseEvent("click", {
        clientX: plot.x + plot.width * 0.75,
        clientY: plot.y + plot.height / 2,
        bubbles: true,
      }),
    );
    const step = Number(status.dataset.step);
    await expect(step).toBeGreaterThan(280);
    await expect(step).toBeLessThan(320);
    await expect(loss.getAttribute("data-step")).toBe(String(step));
  },
};
