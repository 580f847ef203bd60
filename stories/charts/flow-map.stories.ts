import type { Meta, StoryObj } from "@storybook/html";
import { expect } from "storybook/test";
import { flowMap } from "@clearbox/charts";
import { gopRanking } from "../lib/gop-ranking.js";
import { expectReadableLabels } from "../lib/readable-labels.js";

interface Args {
  /** How many top hashtags send their uncertainty. */
  sources: number;
  /** Bundle the flows by force-directed edge bundling, or draw them straight. */
  bundle: boolean;
  /** Pairs of flows less compatible than this do not attract. */
  compatibility: number;
}

/**
 * `flowMap` on the GOP-debate ranking: the 40 top hashtags on a circle by rank, and the uncertainty the top few
 * propagate to the others (mutual-rank's `propagation`), each flow's width ∝ its size; force-directed edge bundling
 * (`bundleEdges`) gathers flows that run alike.
 */
const meta: Meta<Args> = {
  afterEach: expectReadableLabels,
  title: "charts/flowMap",
  args: { sources: 4, bundle: true, compatibility: 0.6 },
  argTypes: {
    sources: { control: { type: "range", min: 1, max: 10, step: 1 } },
    bundle: { control: { type: "boolean" } },
    compatibility: { control: { type: "range", min: 0.2, max: 0.95, step: 0.05 } },
  },
  render: ({ sources, bundle, compatibility }) => {
    const { clusters, flows } = gopRanking(40);
    const nodes = clusters.map((_, i) => {
      const angle = (i / clusters.length) * 2 * Math.PI - Math.PI / 2;
      return [Math.cos(angle), Math.sin(angle)] as [number, number];
    });
    const chart = document.createElement("div");
    flowMap(
      chart,
      { nodes, labels: clusters.map((c) => c.label ?? ""), flows: flows.filter((f) => f.from < sources) },
      {
        width: 760,
        height: 720,
        bundle: bundle ? { compatibility } : false,
        title: "Uncertainty flows between the top hashtags",
      },
    );
    return chart;
  },
};
export default meta;

type Story = StoryObj<Args>;

const length = (path: SVGPathElement) => path.getTotalLength();

export const Bundled: Story = {
  play: async ({ canvasElement, args }) => {
    const svg = canvasElement.querySelector<SVGSVGElement>("svg.clearbox-chart")!;
    const { flows } = gopRanking(40);
    const shown = flows.filter((f) => f.from < args.sources);
    const paths = [...svg.querySelectorAll<SVGPathElement>("path.flow")];
    await expect(paths.length).toBe(shown.length);
    // The widest flow is the largest.
    const widest = paths.reduce((a, b) =>
      Number(b.getAttribute("stroke-width")) > Number(a.getAttribute("stroke-width")) ? b : a,
    );
    const largest = shown.reduce((a, b) => (b.flow > a.flow ? b : a));
    await expect([widest.dataset.from, widest.dataset.to]).toEqual([String(largest.from), String(largest.to)]);
    // Bundled curves are longer than the straight chords they replace (they detour to share a path).
    const bundled = paths.reduce((s, p) => s + length(p), 0);
    // The same drawing straight (same nodes and labels, so the same scale).
    const { clusters } = gopRanking(40);
    const nodes = clusters.map((_, k) => {
      const angle = (k / clusters.length) * 2 * Math.PI - Math.PI / 2;
      return [Math.cos(angle), Math.sin(angle)] as [number, number];
    });
    flowMap(
      svg.parentElement!,
      { nodes, labels: clusters.map((c) => c.label ?? ""), flows: shown },
      { width: 760, height: 720, bundle: false },
    );
    await expect(canvasElement.querySelectorAll("svg.clearbox-chart").length).toBe(1);
    const straight = [...svg.querySelectorAll<SVGPathElement>("path.flow")].reduce((s, p) => s + length(p), 0);
    await expect(bundled).toBeGreaterThan(straight);
    // Back to the story's own drawing, for whoever looks at it next.
    canvasElement.replaceChildren(meta.render!(args, {} as never) as HTMLElement);
  },
};
