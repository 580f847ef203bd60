import type { Meta, StoryObj } from "@storybook/html";
import { expect } from "storybook/test";
import { influenceGrid } from "@clearbox/charts";
import { forwardPass, lrp } from "@clearbox/credit";
import { digits } from "../lib/digits.js";
import { convMapsGrid, network } from "../lib/digits-cnn-units.js";
import { expectReadableLabels } from "../lib/readable-labels.js";

interface Args {
  /** A held-out digit (rows 1200 on were not used in training). */
  digit: number;
  /** How many of the strongest influences on the focused map to draw. */
  topK: number;
}

const FIRST_HELD_OUT = 1200;

/**
 * `influenceGrid` on the digits CNN: the 8 pooled conv-1 feature maps (top row) and the 16 conv-2 maps below,
 * coloured by mean activation for one digit; curves show the strongest forward influences (`forwardInfluence`) on
 * the focused conv-2 map — green drives it up, red down. Click another map to re-focus. Beside it, the same chart
 * draws the digit's LRP relevance map (green for the predicted class, red against).
 */
const meta: Meta<Args> = {
  afterEach: expectReadableLabels,
  title: "charts/influenceGrid",
  args: { digit: 0, topK: 4 },
  argTypes: {
    digit: { control: { type: "range", min: 0, max: 596, step: 1 } },
    topK: { control: { type: "range", min: 1, max: 8, step: 1 } },
  },
  render: ({ digit, topK }) => {
    const row = FIRST_HELD_OUT + digit;
    const grid = convMapsGrid(row);
    const root = document.createElement("div");
    root.style.cssText = "display:flex;gap:24px;align-items:flex-start;font:13px system-ui,sans-serif";
    const selected = document.createElement("p");
    selected.dataset.role = "selected";
    const maps = document.createElement("div");
    maps.dataset.role = "maps";
    // Start on the most active conv-2 map.
    const upper = grid.values.slice(8);
    influenceGrid(maps, grid, {
      width: 640,
      height: 270,
      title: `Feature maps of the digits CNN for digit ${digits.labels[row]}`,
      focus: 8 + upper.indexOf(Math.max(...upper)),
      topK,
      onSelect: (index) => {
        selected.dataset.index = String(index);
        selected.textContent = index < 8 ? `selected: conv-1 map ${index}` : `selected: conv-2 map ${index - 8}`;
      },
    });
    const x = digits.pixels[row].map((v) => v / 16);
    const logits = forwardPass(network, x).activations.at(-1)!;
    const predicted = logits.indexOf(Math.max(...logits));
    const relevance = lrp(network, x, { rule: "epsilon", target: predicted, low: 0, high: 1 }).relevance[0];
    const map = document.createElement("div");
    map.dataset.role = "relevance";
    influenceGrid(
      map,
      { values: relevance, columns: 8 },
      { width: 300, height: 270, title: `LRP relevance for ${predicted}` },
    );
    const left = document.createElement("div");
    left.append(maps, selected);
    root.append(left, map);
    return root;
  },
};
export default meta;

type Story = StoryObj<Args>;

export const ConvMaps: Story = {
  play: async ({ canvasElement, args }) => {
    const svg = canvasElement.querySelector<SVGSVGElement>('[data-role="maps"] svg')!;
    await expect(svg.querySelectorAll("g.units rect").length).toBe(24);
    const grid = convMapsGrid(FIRST_HELD_OUT + args.digit);
    const focus = Number(svg.dataset.focus);
    // The edges are the topK strongest influences on the focused map.
    const strongest = (target: number) =>
      grid.influences[target]
        .map((v, i) => [Math.abs(v), i])
        .filter(([v]) => v > 0)
        .sort((a, b) => b[0] - a[0] || a[1] - b[1])
        .slice(0, args.topK)
        .map(([, i]) => i)
        .sort();
    const sources = () =>
      [...svg.querySelectorAll<SVGPathElement>("g.edges path")].map((p) => Number(p.dataset.source)).sort();
    await expect(sources()).toEqual(strongest(focus));
    // A click re-focuses: onSelect fires and the edges now end at the clicked map.
    const other = focus === 8 ? 9 : 8;
    svg.querySelector<SVGRectElement>(`g.units rect[data-index="${other}"]`)!.dispatchEvent(new MouseEvent("click"));
    await expect(canvasElement.querySelector<HTMLElement>('[data-role="selected"]')!.dataset.index).toBe(String(other));
    await expect(Number(svg.dataset.focus)).toBe(other);
    await expect(sources()).toEqual(strongest(other));
    // The relevance map: one cell per pixel, with the relevance as its value.
    await expect(canvasElement.querySelectorAll('[data-role="relevance"] g.units rect').length).toBe(64);
  },
};
