import type { Meta, StoryObj } from "@storybook/html";
import { expect } from "storybook/test";
import { rankGraph } from "@clearbox/charts";
import { gopRanking } from "../lib/gop-ranking.js";
import { expectReadableLabels } from "../lib/readable-labels.js";

interface Args {
  /** Top hashtags as clusters. */
  clusters: number;
  /** Layout seed: the same seed, the same picture. */
  seed: number;
  /** Kernel bandwidth of the posts' density (0 hides it). */
  bandwidth: number;
}

/**
 * `rankGraph`, MutualRanker's graph view, on the GOP-debate tweets: each top hashtag a cluster sized by its score,
 * placed by a seeded force layout with co-occurrence links; its Voronoi cell, its top posts as representatives, the
 * other posts as a density; the ring glyph of their uncertainty. Click a hashtag to draw the uncertainty it
 * propagates to the others (eq. 5-8/5-9), bundled.
 */
const meta: Meta<Args> = {
  afterEach: expectReadableLabels,
  title: "charts/rankGraph",
  args: { clusters: 20, seed: 1, bandwidth: 10 },
  argTypes: {
    clusters: { control: { type: "range", min: 5, max: 40, step: 1 } },
    seed: { control: { type: "number" } },
    bandwidth: { control: { type: "range", min: 0, max: 30, step: 1 } },
  },
  render: ({ clusters, seed, bandwidth }) => {
    const { clusters: all, links, flows } = gopRanking(40);
    const keep = (i: number) => i < clusters;
    const root = document.createElement("div");
    root.style.cssText = "font:13px system-ui,sans-serif";
    const status = document.createElement("p");
    status.dataset.role = "status";
    const chart = document.createElement("div");
    rankGraph(
      chart,
      {
        clusters: all.slice(0, clusters),
        links: links.filter((l) => keep(l.source) && keep(l.target)),
        flows: flows.filter((f) => keep(f.from) && keep(f.to)),
      },
      {
        width: 1100,
        height: 740,
        seed,
        bandwidth,
        representatives: 2,
        title: `The ${clusters} top hashtags of the GOP debate`,
        onSelect: (c) => (status.dataset.selected = String(c)),
      },
    );
    root.append(chart, status);
    return root;
  },
};
export default meta;

type Story = StoryObj<Args>;

export const GopDebate: Story = {
  play: async ({ canvasElement, args }) => {
    const svg = canvasElement.querySelector<SVGSVGElement>("svg.clearbox-chart")!;
    const circles = [...svg.querySelectorAll<SVGCircleElement>("circle.cluster")];
    await expect(circles.length).toBe(args.clusters);
    await expect(svg.querySelectorAll("g.cells path").length).toBe(args.clusters);
    await expect(svg.querySelectorAll("g.glyph").length).toBe(args.clusters);
    // The most important hashtag is the largest node.
    const r = circles.map((c) => Number(c.getAttribute("r")));
    await expect(r.indexOf(Math.max(...r))).toBe(0);
    await expect(svg.querySelectorAll("path.flow").length).toBe(0);
    // Selecting a cluster draws its flows, and only its.
    const { flows } = gopRanking(40);
    const source = [...Array(args.clusters).keys()].find((c) =>
      flows.some((f) => f.from === c && f.to < args.clusters),
    )!;
    circles[source].dispatchEvent(new MouseEvent("click", { bubbles: true }));
    await expect(canvasElement.querySelector<HTMLElement>('[data-role="status"]')!.dataset.selected).toBe(
      String(source),
    );
    const drawn = [...svg.querySelectorAll<SVGPathElement>("path.flow")];
    await expect(drawn.length).toBe(flows.filter((f) => f.from === source && f.to < args.clusters).length);
    for (const p of drawn) await expect(p.dataset.from).toBe(String(source));
  },
};
