import type { Meta, StoryObj } from "@storybook/html";
import { expect } from "storybook/test";
import { createRandom } from "@clearbox/core";
import { mostIsolated, sampleBlueNoise } from "@clearbox/blue-noise";
import { polylineChart } from "@clearbox/charts";
import header from "../../data/training/digits-mlp.json";
import trainingUrl from "../../data/training/digits-mlp.f32?url";
import { bundledSeries } from "@clearbox/fixtures/bundled-series";
import { trainingSeries } from "@clearbox/fixtures/digits-mlp-training";
import { liveSlider } from "../lib/live-slider.js";

type Series = { values: Float32Array; count: number; length: number };

interface Args {
  /** Which series: the recorded training's first-layer weights, or synthetic bundles with 10 planted outliers. */
  data: "weights" | "planted";
  /** The share of series to draw; the slider under the panels moves it too. */
  ratio: number;
  seed: number;
}

let recorded: Series | undefined;
async function loadSeries(data: Args["data"]): Promise<{ series: Series; outliers: number[]; label: string }> {
  if (data === "planted") {
    const { series, outliers } = bundledSeries(2000, 60, 4);
    return { series, outliers, label: "synthetic: 2,000 series in five bundles, 10 planted outliers" };
  }
  recorded ??= trainingSeries(header, await (await fetch(trainingUrl)).arrayBuffer()).weights;
  const outliers = Array.from(mostIsolated(recorded, Math.round(0.01 * recorded.count)));
  return {
    series: recorded,
    outliers,
    label: "the digits MLP's 2,048 first-layer weights over 400 steps; orange: the 1 % most isolated",
  };
}

function panels(series: Series, outliers: number[], ratio: number, seed: number): HTMLElement {
  const count = Math.max(1, Math.round(ratio * series.count));
  const blue = sampleBlueNoise(series, { count, seed }).indices;
  const random = createRandom(seed)
    .shuffle(Array.from({ length: series.count }, (_, i) => i))
    .slice(0, count);
  const isolated = new Set(outliers);
  const row = document.createElement("div");
  row.style.cssText = "display:flex;gap:12px;flex-wrap:wrap";
  for (const [role, sample, title] of [
    ["all", null, "all"],
    ["random", random, `random ${(100 * ratio).toFixed(0)} %`],
    ["blue-noise", Array.from(blue), `blue noise ${(100 * ratio).toFixed(0)} %`],
  ] as const) {
    const figure = document.createElement("figure");
    figure.style.margin = "0";
    figure.dataset.role = role;
    const caption = document.createElement("figcaption");
    caption.textContent = title;
    const chart = document.createElement("div");
    // "all": every series as a DenseLines density, the outliers on top; a sample: its lines, its outliers in orange.
    polylineChart(
      chart,
      {
        series,
        highlight: sample ?? [],
        outliers: sample === null ? outliers : sample.filter((i) => isolated.has(i)),
      },
      { width: 320, height: 190, title, context: sample === null ? "density" : "none", overviewHeight: 0 },
    );
    figure.append(caption, chart);
    row.append(figure);
  }
  row.dataset.count = String(count);
  return row;
}

/**
 * Blue-noise sampling of training series beside random sampling at the same count: every series (as a density), a
 * random sample and a blue-noise sample, with the outliers in orange. Blue noise thins the dense bundle and keeps the
 * lines that run alone; random sampling keeps the bundle's proportions and loses them.
 */
const meta: Meta<Args> = {
  title: "blue-noise/Training dynamics",
  args: { data: "weights", ratio: 0.05, seed: 1 },
  argTypes: {
    data: { control: { type: "inline-radio" }, options: ["weights", "planted"] },
    ratio: { control: { type: "range", min: 0.01, max: 0.3, step: 0.01 } },
    seed: { control: { type: "number" } },
  },
  loaders: [async ({ args }) => ({ loaded: await loadSeries(args.data) })],
  render: (args, context) => {
    const { series, outliers, label } = context.loaded.loaded as Awaited<ReturnType<typeof loadSeries>>;
    const root = document.createElement("div");
    root.style.cssText = "font:13px system-ui,sans-serif;color:#222";
    const heading = document.createElement("p");
    heading.textContent = label;
    const { control, view } = liveSlider({
      label: "sample ratio",
      role: "ratio",
      min: 0.01,
      max: 0.3,
      step: 0.01,
      value: args.ratio,
      format: (v) => `${(100 * v).toFixed(0)} %`,
      draw: (ratio) => panels(series, outliers, ratio, args.seed),
    });
    root.append(heading, view, control);
    return root;
  },
};
export default meta;

type Story = StoryObj<Args>;

const shown = (canvas: HTMLElement, role: string) => {
  const svg = canvas.querySelector<SVGSVGElement>(`[data-role="${role}"] svg.clearbox-chart`)!;
  return { lines: svg.querySelectorAll("path.series").length, outliers: svg.querySelectorAll("path.outlier").length };
};

/** Planted outliers: the blue-noise panel shows all ten; the count shown is the ratio asked, also after the slider. */
export const PlantedOutliers: Story = {
  args: { data: "planted" },
  play: async ({ canvasElement }) => {
    await expect(shown(canvasElement, "blue-noise")).toEqual({ lines: 100, outliers: 10 });
    await expect(shown(canvasElement, "random").lines).toBe(100);
    await expect(shown(canvasElement, "random").outliers).toBeLessThan(5);
    const slider = canvasElement.querySelector<HTMLInputElement>('input[data-role="ratio"]') as HTMLInputElement;
    slider.value = "0.12";
    slider.dispatchEvent(new Event("input"));
    await expect(shown(canvasElement, "blue-noise")).toEqual({ lines: 240, outliers: 10 });
    await expect(canvasElement.querySelectorAll('[data-role="blue-noise"] path.series').length).toBe(240);
  },
};

/** The recorded training: blue noise keeps many more of the isolated weights than random sampling at the same count. */
export const RecordedTraining: Story = {
  play: async ({ canvasElement }) => {
    const blue = shown(canvasElement, "blue-noise");
    const random = shown(canvasElement, "random");
    await expect(blue.lines).toBe(Math.round(0.05 * 2048));
    await expect(random.lines).toBe(blue.lines);
    await expect(blue.outliers).toBeGreaterThan(random.outliers + 5);
  },
};
