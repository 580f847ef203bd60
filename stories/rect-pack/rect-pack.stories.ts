import type { Meta, StoryObj } from "@storybook/html";
import { expect } from "storybook/test";
import { createRandom } from "@clearbox/core";
import { packedRects } from "@clearbox/charts";
import { packFast, packHierarchical, packOptimal, packingDensity, squarify } from "@clearbox/rect-pack";
import type { Placement } from "@clearbox/rect-pack";

interface Args {
  /** Number of random rectangles (sides 10–100). */
  count: number;
  /** "fast": five strip widths; "best": a wider sweep, more orders, best-fit spaces. */
  quality: "fast" | "best";
  allowRotation: boolean;
  padding: number;
  seed: number;
}

/** Placements drawn by packedRects, scaled to fit 420 pixels; `colour` picks each fill. */
function drawPacking(
  width: number,
  height: number,
  placements: Placement[],
  title: string,
  colour: (index: number) => string = (index) => `hsl(${(index * 47) % 360} 55% 62%)`,
): HTMLElement {
  const scale = 420 / Math.max(width, height, 1);
  const chart = document.createElement("div");
  packedRects(
    chart,
    { width, height, placements },
    { title, width: Math.ceil(width * scale) + 12, height: Math.ceil(height * scale) + 12, fill: colour },
  );
  return chart;
}

/**
 * Random rectangles packed by `packFast`: density (Σ area / enclosing area) and time in the caption. Change the
 * count, the quality, rotation and padding.
 */
const meta: Meta<Args> = {
  title: "rect-pack/Rectangle packing",
  args: { count: 300, quality: "fast", allowRotation: false, padding: 0, seed: 1 },
  argTypes: {
    count: { control: { type: "range", min: 1, max: 3000, step: 1 } },
    quality: { control: { type: "inline-radio" }, options: ["fast", "best"] },
    allowRotation: { control: { type: "boolean" } },
    padding: { control: { type: "range", min: 0, max: 10, step: 1 } },
    seed: { control: { type: "number" } },
  },
  render: ({ count, quality, allowRotation, padding, seed }) => {
    const random = createRandom(seed);
    const rects = Array.from({ length: count }, () => ({ width: 10 + random.int(91), height: 10 + random.int(91) }));
    const packing = packFast(rects, { quality, allowRotation, padding });
    const figure = document.createElement("figure");
    figure.append(drawPacking(packing.width, packing.height, packing.placements, `${count} rectangles packed`));
    const caption = document.createElement("figcaption");
    caption.style.font = "13px system-ui, sans-serif";
    caption.textContent = `${packing.width} × ${packing.height} · density ${(packing.density * 100).toFixed(1)} %`;
    figure.append(caption);
    return figure;
  },
};
export default meta;

type Story = StoryObj<Args>;

/** No two drawn rectangles overlap (checked on the SVG itself), and every rectangle is drawn. */
async function assertNoOverlaps(canvasElement: HTMLElement, count: number): Promise<void> {
  const rects = [...canvasElement.querySelectorAll<SVGRectElement>("g.item rect")].map((r) => ({
    x: Number(r.getAttribute("x")),
    y: Number(r.getAttribute("y")),
    w: Number(r.getAttribute("width")),
    h: Number(r.getAttribute("height")),
  }));
  await expect(rects.length).toBe(count);
  let overlaps = 0;
  for (let a = 0; a < rects.length; a++) {
    for (let b = a + 1; b < rects.length; b++) {
      const p = rects[a];
      const q = rects[b];
      const ox = Math.min(p.x + p.w, q.x + q.w) - Math.max(p.x, q.x);
      const oy = Math.min(p.y + p.h, q.y + q.h) - Math.max(p.y, q.y);
      if (ox > 1e-6 && oy > 1e-6) overlaps++;
    }
  }
  await expect(overlaps).toBe(0);
}

export const ThreeHundred: Story = {
  play: async ({ canvasElement, args }) => assertNoOverlaps(canvasElement, args.count),
};

export const RotatedWithPadding: Story = {
  args: { count: 500, quality: "best", allowRotation: true, padding: 3 },
  play: async ({ canvasElement, args }) => assertNoOverlaps(canvasElement, args.count),
};

/** `squarify` on the same kind of weights: a treemap, for comparison with packing. */
export const Treemap: StoryObj<{ count: number }> = {
  args: { count: 40 },
  render: ({ count }) => {
    const random = createRandom(3);
    const weights = Array.from({ length: count }, () => 1 + random.int(100));
    const cells = squarify(weights, { width: 420, height: 300, padding: 1 });
    return drawPacking(
      420,
      300,
      cells.map((c, index) => ({ index, x: c.x, y: c.y, width: c.width, height: c.height, rotated: false })),
      `${count} weights as a squarified treemap`,
    );
  },
  play: async ({ canvasElement, args }) => assertNoOverlaps(canvasElement, args.count),
};

/**
 * `packHierarchical`: 200 "neurons" whose features come from 6 planted groups (colour = group). Similar neurons
 * end up in the same region; each region is one exactly packed group, scaled into place.
 */
export const Hierarchical: StoryObj<{ count: number; maxLeafSize: number; method: "hierarchical" | "fast" | "best" }> =
  {
    args: { count: 200, maxLeafSize: 12, method: "hierarchical" },
    argTypes: {
      count: { control: { type: "range", min: 12, max: 600, step: 12 } },
      maxLeafSize: { control: { type: "range", min: 2, max: 16, step: 1 } },
      method: { control: { type: "inline-radio" }, options: ["hierarchical", "fast", "best"] },
    },
    render: ({ count, maxLeafSize, method }) => {
      const random = createRandom(5);
      const prototypes = Array.from({ length: 6 }, () => Array.from({ length: 10 }, () => random.next() ** 3));
      const group = random.shuffle(Array.from({ length: count }, (_, i) => i % 6));
      const features = group.map((g) => prototypes[g].map((v) => Math.max(0, v + 0.05 * random.normal())));
      const rects = group.map(() => ({ width: 8 + random.int(30), height: 8 + random.int(30) }));
      const packing =
        method === "hierarchical"
          ? packHierarchical(rects, { features, maxLeafSize, padding: 1 })
          : packFast(rects, { quality: method, padding: 1 });
      const figure = document.createElement("figure");
      figure.append(
        drawPacking(
          packing.width,
          packing.height,
          packing.placements,
          `${count} neurons packed ${method === "hierarchical" ? "by similarity" : `by packFast (${method})`}`,
          (index) => `hsl(${group[index] * 60} 60% 58%)`,
        ),
      );
      const caption = document.createElement("figcaption");
      caption.style.font = "13px system-ui, sans-serif";
      caption.textContent =
        ("regions" in packing ? `${packing.regions.length} groups of ≤ ${maxLeafSize}` : "similarity ignored") +
        ` · density ${packingDensity(packing).toFixed(3)}`;
      figure.append(caption);
      return figure;
    },
    play: async ({ canvasElement, args }) => assertNoOverlaps(canvasElement, args.count),
  };

/** The same neurons without similarity: packFast's dense, order-blind packing (colours scatter). */
export const SameNeuronsPackedFast: typeof Hierarchical = {
  ...Hierarchical,
  args: { count: 200, maxLeafSize: 12, method: "fast" },
};

/**
 * `packOptimal` on the classic benchmarks: the squares 1×1 … N×N, or the rectangles 1×2 … N×(N+1), in the
 * smallest enclosing rectangle, proven minimal by exhaustive search (or `optimal: false` when the budget ends).
 */
export const Optimal: StoryObj<{
  benchmark: "squares" | "rectangles";
  N: number;
  allowRotation: boolean;
  maxNodes: number;
}> = {
  args: { benchmark: "squares", N: 13, allowRotation: false, maxNodes: 200_000 },
  argTypes: {
    benchmark: { control: { type: "inline-radio" }, options: ["squares", "rectangles"] },
    N: { control: { type: "range", min: 1, max: 20, step: 1 } },
    allowRotation: { control: { type: "boolean" } },
    maxNodes: { control: { type: "range", min: 1_000, max: 2_000_000, step: 1_000 } },
  },
  render: ({ benchmark, N, allowRotation, maxNodes }) => {
    const rects = Array.from({ length: N }, (_, i) => ({
      width: i + 1,
      height: benchmark === "squares" ? i + 1 : i + 2,
    }));
    const packing = packOptimal(rects, { allowRotation, maxNodes });
    const figure = document.createElement("figure");
    figure.append(
      drawPacking(packing.width, packing.height, packing.placements, `${benchmark} 1 … ${N} packed exactly`),
    );
    const caption = document.createElement("figcaption");
    caption.style.font = "13px system-ui, sans-serif";
    const area = packing.width * packing.height;
    // Unproven: lowerBound still bounds how far from the optimum the packing can be.
    const above = ((area / packing.lowerBound - 1) * 100).toFixed(1);
    const gap = `nothing under ${packing.lowerBound} fits, ≤ ${above} % above the optimum`;
    caption.textContent =
      `${packing.width} × ${packing.height} = ${area} · ` +
      `${packing.optimal ? "proven minimal" : `not proven within the budget (${gap})`} · ` +
      `${packing.nodes.toLocaleString("en")} nodes searched`;
    figure.append(caption);
    return figure;
  },
  play: async ({ canvasElement, args }) => {
    await assertNoOverlaps(canvasElement, args.N);
    // N = 13: the optimum 22 × 38 = 836 (OEIS A038666), proven.
    await expect(canvasElement.querySelector("figcaption")?.textContent).toContain("= 836 · proven minimal");
  },
};
