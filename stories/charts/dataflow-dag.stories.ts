import type { Meta, StoryObj } from "@storybook/html";
import { expect } from "storybook/test";
import { dataflowDag } from "@clearbox/charts/dataflow-dag";
import header from "../../data/training/digits-mlp.json";
import trainingUrl from "../../data/training/digits-mlp.f32?url";
import { mlpDataflow } from "@clearbox/fixtures/digits-mlp-dataflow";
import { trainingSeries } from "@clearbox/fixtures/digits-mlp-training";
import { expectReadableLabels } from "../lib/readable-labels.js";

interface Args {
  /** The selected training step. */
  step: number;
  /** k: each layer shows the steps t − k … t + k. */
  window: number;
}

type Training = ReturnType<typeof trainingSeries>;
let training: Training | undefined;
const load = async () => (training ??= trainingSeries(header, await (await fetch(trainingUrl)).arrayBuffer()));

/**
 * `dataflowDag`, DGMTracker's snapshot view, on a recorded training run: each layer of the digits MLP with the band
 * from min to max and the mean of a statistic over the window around the selected step (dashed). Move the step and
 * the window; click a layer to select it.
 */
const meta: Meta<Args> = {
  afterEach: expectReadableLabels,
  title: "charts/dataflowDag",
  args: { step: 120, window: 10 },
  argTypes: {
    step: { control: { type: "range", min: 0, max: 399, step: 1 } },
    window: { control: { type: "range", min: 1, max: 100, step: 1 } },
  },
  loaders: [async () => ({ training: await load() })],
  render: ({ step, window }, { loaded }) => {
    const t = loaded.training as Training;
    const root = document.createElement("div");
    root.style.cssText = "font:13px system-ui,sans-serif";
    const status = document.createElement("p");
    status.dataset.role = "status";
    const chart = document.createElement("div");
    dataflowDag(chart, mlpDataflow(t), {
      width: 1100,
      height: 320,
      step,
      window,
      // Weights, activations and loss have no common unit: each layer on its own (labelled) scale.
      yScale: "node",
      heading: `The digits MLP at step ${step}: each layer's statistic, min to max and mean, steps ${step - window} to ${step + window}`,
      onSelect: (id) => (status.dataset.selected = id),
    });
    root.append(chart, status);
    return root;
  },
};
export default meta;

type Story = StoryObj<Args>;

export const DigitsMlp: Story = {
  play: async ({ canvasElement, args }) => {
    const svg = canvasElement.querySelector<SVGSVGElement>("svg.clearbox-chart")!;
    await expect(svg.querySelectorAll("g.layer").length).toBe(4);
    await expect(svg.querySelectorAll("g.links path.edge").length).toBe(3);
    await expect(svg.dataset.window).toBe(`${args.step - args.window},${args.step + args.window}`);
    // Three layers carry a band and a mean line; the input has none.
    await expect([...svg.querySelectorAll("path.band")].filter((p) => p.getAttribute("d")).length).toBe(3);
    // A click selects a layer.
    svg
      .querySelector<SVGGElement>('g.layer[data-id="hidden"]')!
      .dispatchEvent(new MouseEvent("click", { bubbles: true }));
    await expect(canvasElement.querySelector<HTMLElement>('[data-role="status"]')!.dataset.selected).toBe("hidden");
    await expect(svg.dataset.selected).toBe("hidden");
    // From the keyboard: Tab to the chart, an arrow focuses a layer (ring and readout), Enter selects it, Escape
    // lets go.
    const status = canvasElement.querySelector<HTMLElement>('[data-role="status"]')!;
    svg.focus();
    const key = (k: string) => svg.dispatchEvent(new KeyboardEvent("keydown", { key: k, bubbles: true }));
    key("End");
    const last = svg.querySelectorAll<SVGGElement>("g.layer")[3];
    await expect(svg.dataset.keyFocus).toBe("3");
    await expect(svg.querySelector("g.readout")!.getAttribute("display")).toBeNull();
    await expect(svg.querySelector("g.readout text")!.textContent).toContain(last.querySelector("text")!.textContent);
    key("Enter");
    await expect(status.dataset.selected).toBe(last.dataset.id);
    key("Home");
    key("Enter");
    await expect(svg.dataset.selected).toBe(svg.querySelectorAll<SVGGElement>("g.layer")[0].dataset.id);
    key("Escape");
    await expect(svg.querySelector("g.readout")!.getAttribute("display")).toBe("none");
    svg.blur();
    svg
      .querySelector<SVGGElement>('g.layer[data-id="hidden"]')!
      .dispatchEvent(new MouseEvent("click", { bubbles: true }));
    // Update in place: another step moves the window, the same SVG, the selection kept.
    const t = await load();
    dataflowDag(svg.parentElement!, mlpDataflow(t), { width: 760, height: 220, step: 300, window: 5 });
    await expect(canvasElement.querySelectorAll("svg.clearbox-chart").length).toBe(1);
    await expect(svg.dataset.window).toBe("295,305");
    await expect(svg.dataset.selected).toBe("hidden");
    // Back to the story's own drawing (its step, size and scales), for whoever looks at it next.
    canvasElement.replaceChildren(meta.render!(args, { loaded: { training: t } } as never) as HTMLElement);
  },
};
