import type { Meta, StoryObj } from "@storybook/html";
import { expect } from "storybook/test";
import { uncertaintyGlyph } from "@clearbox/charts";
import { gopRanking } from "../lib/gop-ranking.js";
import { expectReadableLabels } from "../lib/readable-labels.js";

interface Args {
  /** Top hashtags shown. */
  count: number;
}

/**
 * `uncertaintyGlyph` on the GOP-debate ranking: for each top hashtag, the uncertainty (variance-to-mean ratio) of
 * the posts that carry it, as percentiles among all posts, as a box plot bent into a ring — thin arc min to max,
 * thick arc over the quartiles, a tick at the median. Hover a glyph for its numbers.
 */
const meta: Meta<Args> = {
  afterEach: expectReadableLabels,
  title: "charts/uncertaintyGlyph",
  args: { count: 12 },
  argTypes: { count: { control: { type: "range", min: 3, max: 30, step: 1 } } },
  render: ({ count }) => {
    const { clusters } = gopRanking(30);
    const chart = document.createElement("div");
    uncertaintyGlyph(
      chart,
      { items: clusters.slice(0, count).map((c) => ({ label: c.label, values: c.uncertainty, radius: 26 })) },
      { width: 1100, height: 300, heading: "Uncertainty of each top hashtag's posts (percentile among all posts)" },
    );
    return chart;
  },
};
export default meta;

type Story = StoryObj<Args>;

export const TopHashtags: Story = {
  play: async ({ canvasElement, args }) => {
    const svg = canvasElement.querySelector<SVGSVGElement>("svg.clearbox-chart")!;
    const glyphs = [...svg.querySelectorAll<SVGGElement>("g.glyph")];
    await expect(glyphs.length).toBe(args.count);
    const { clusters } = gopRanking(30);
    // Each ring's numbers are its posts' quartiles.
    for (const [i, g] of glyphs.entries()) {
      const values = [...(clusters[i].uncertainty as number[])].sort((a, b) => a - b);
      await expect(Number(g.dataset.min)).toBeCloseTo(values[0], 12);
      await expect(Number(g.dataset.max)).toBeCloseTo(values[values.length - 1], 12);
      await expect(Number(g.dataset.q1)).toBeLessThanOrEqual(Number(g.dataset.q3));
    }
    glyphs[0].dispatchEvent(new PointerEvent("pointerenter"));
    await expect(svg.querySelector("g.readout text")!.textContent).toContain("quartiles");
    // Leave the chart as it opened: no readout over the glyphs.
    glyphs[0].dispatchEvent(new PointerEvent("pointerleave"));
    await expect(svg.querySelector("g.readout")!.getAttribute("display")).toBe("none");
  },
};
