import type { Meta, StoryObj } from "@storybook/html";
import { expect } from "storybook/test";
import { scatterPlot } from "@clearbox/charts";
import type { ScatterPoint } from "@clearbox/charts";
import { principalComponents } from "@clearbox/cluster";
import { digits } from "../lib/digits.js";
import { expectReadableLabels } from "../lib/readable-labels.js";

interface Args {
  /** Digits shown (the first n of the 1,797). */
  samples: number;
  radius: number;
}

/**
 * `scatterPlot` on the UCI digits: every image on its first two principal axes, coloured by its true digit. Hover
 * for the nearest point (within 24 px), click a point, or drag a rectangle to brush a selection. From the keyboard:
 * Tab to the chart, the arrow keys step through the points left to right, Enter selects, Escape lets go.
 */
const meta: Meta<Args> = {
  afterEach: expectReadableLabels,
  title: "charts/scatterPlot",
  args: { samples: 800, radius: 2.5 },
  argTypes: {
    samples: { control: { type: "range", min: 50, max: 1797, step: 50 } },
    radius: { control: { type: "range", min: 1, max: 6, step: 0.5 } },
  },
  render: ({ samples, radius }) => {
    const { projection } = principalComponents(digits.pixels.slice(0, samples), 2);
    const root = document.createElement("div");
    root.style.cssText = "font:13px system-ui,sans-serif";
    const status = document.createElement("p");
    status.dataset.role = "status";
    const chart = document.createElement("div");
    scatterPlot(
      chart,
      { points: projection, groups: digits.labels.slice(0, samples), labels: projection.map((_, i) => `image ${i}`) },
      {
        width: 900,
        height: 640,
        radius,
        title: `${samples} digits on their first two principal axes`,
        groupLabel: (g) => `digit ${g}`,
        onHover: (p: ScatterPoint | null) => (status.dataset.hovered = p === null ? "" : String(p.index)),
        onSelect: (p: ScatterPoint) => (status.dataset.selected = String(p.index)),
        onBrush: (indices) => (status.textContent = `${indices.length} brushed`),
      },
    );
    root.append(chart, status);
    return root;
  },
};
export default meta;

type Story = StoryObj<Args>;

export const Digits: Story = {
  play: async ({ canvasElement, args }) => {
    const svg = canvasElement.querySelector("svg")!;
    const circles = [...svg.querySelectorAll<SVGCircleElement>("g.points circle")];
    await expect(circles.length).toBe(args.samples);
    await expect(svg.querySelectorAll("g.legend g.entry").length).toBe(10);
    // Points of one digit share a colour; different digits differ.
    const fill = (d: number) =>
      new Set(circles.filter((c) => c.dataset.group === String(d)).map((c) => c.getAttribute("fill")));
    await expect(fill(0).size).toBe(1);
    await expect([...fill(0)][0]).not.toBe([...fill(1)][0]);
    // Hover a point: onHover reports it and the readout names it.
    const target = circles[17];
    const box = target.getBoundingClientRect();
    svg.dispatchEvent(
      new PointerEvent("pointermove", {
        clientX: box.x + box.width / 2,
        clientY: box.y + box.height / 2,
        bubbles: true,
      }),
    );
    const hovered = Number(canvasElement.querySelector<HTMLElement>('[data-role="status"]')!.dataset.hovered);
    const near = circles[hovered];
    await expect(
      Math.hypot(
        Number(near.getAttribute("cx")) - Number(target.getAttribute("cx")),
        Number(near.getAttribute("cy")) - Number(target.getAttribute("cy")),
      ),
    ).toBeLessThan(1);
    await expect(svg.querySelector("g.readout text")!.textContent).toContain(`image ${hovered}`);
    // Update in place with fewer points.
    scatterPlot(
      svg.parentElement!,
      {
        points: [
          [0, 0],
          [1, 1],
        ],
      },
      { width: 900, height: 640 },
    );
    await expect(canvasElement.querySelectorAll("svg").length).toBe(1);
    await expect(svg.querySelectorAll("g.points circle").length).toBe(2);
    // Size from the container, and `resize`: the default height, the container's width, then its new width — and no
    // growth from redraw to redraw.
    const box2 = document.createElement("div");
    canvasElement.append(box2);
    const sized = scatterPlot(
      box2,
      {
        points: [
          [0, 0],
          [1, 1],
        ],
      },
      { resize: true },
    );
    const settle = () => new Promise((resolve) => setTimeout(resolve, 150));
    await settle();
    await expect(sized.getAttribute("height")).toBe("400");
    await expect(Number(sized.getAttribute("width"))).toBe(box2.clientWidth);
    box2.style.width = "300px";
    await settle();
    await expect(sized.getAttribute("width")).toBe("300");
    await expect(sized.getAttribute("height")).toBe("400");
    sized.destroy();
    box2.remove();
    // Back to the story's own drawing, for whoever looks at it next.
    canvasElement.replaceChildren(meta.render!(args, {} as never) as HTMLElement);
  },
};

/** The same chart from the keyboard and the brush: the arrows move a focus ring and the readout, Enter selects. */
export const KeyboardAndBrush: Story = {
  play: async ({ canvasElement }) => {
    const svg = canvasElement.querySelector("svg")!;
    const status = canvasElement.querySelector<HTMLElement>('[data-role="status"]')!;
    await expect(svg.getAttribute("tabindex")).toBe("0");
    svg.focus();
    const key = (k: string) => svg.dispatchEvent(new KeyboardEvent("keydown", { key: k, bubbles: true }));
    key("ArrowRight");
    key("ArrowRight");
    await expect(svg.dataset.keyFocus).toBe("1");
    const ring = svg.querySelector<SVGRectElement>("rect.cb-focus-ring")!;
    await expect(ring.getAttribute("display")).toBeNull();
    // The ring sits on the point the readout names, and onHover reports the same point.
    const focused = Number(status.dataset.hovered);
    const circle = svg.querySelector<SVGCircleElement>(`g.points circle[data-index="${focused}"]`)!;
    const ringCenter = Number(ring.getAttribute("x")) + Number(ring.getAttribute("width")) / 2;
    await expect(ringCenter).toBeCloseTo(Number(circle.getAttribute("cx")), 6);
    await expect(svg.querySelector("g.readout text")!.textContent).toContain(`image ${focused}`);
    key("Enter");
    await expect(status.dataset.selected).toBe(String(focused));
    key("Escape");
    await expect(ring.getAttribute("display")).toBe("none");
    // A drag over the left half brushes the points there.
    const overlay = svg.querySelector<SVGRectElement>("g.brush rect.overlay")!;
    const box = overlay.getBoundingClientRect();
    const at = (type: string, fx: number, fy: number) =>
      overlay.dispatchEvent(
        new PointerEvent(type, {
          clientX: box.x + fx * box.width,
          clientY: box.y + fy * box.height,
          bubbles: true,
          pointerId: 1,
        }),
      );
    at("pointerdown", 0.02, 0.02);
    at("pointermove", 0.5, 0.98);
    at("pointerup", 0.5, 0.98);
    const brushed = Number(status.textContent?.split(" ")[0]);
    await expect(brushed).toBeGreaterThan(50);
    await expect(brushed).toBeLessThan(800);
    svg.blur();
  },
};
