import type { Meta, StoryObj } from "@storybook/html";
import { expect } from "storybook/test";
import { classMeanVectors } from "@clearbox/cluster";
import { createRandom } from "@clearbox/core";
import { distanceMatrix, pathCost, reorderRows } from "@clearbox/reorder";
import { digits } from "../lib/digits.js";
import { matrixHeatmap } from "@clearbox/charts";

interface Args {
  /** "digits": the 64 pixels × 10 classes mean-intensity matrix; "planted": n shuffled rows around 8 prototypes. */
  data: "digits" | "planted";
  /** Rows of the planted matrix. */
  n: number;
  /** How parts are joined: the exact DP (clearbox) or end-to-end concatenation (the CNNVis thesis). */
  merge: "dp" | "concatenate";
  /** 2-opt and Or-opt polish of the merged path. */
  polish: boolean;
}

function plantedMatrix(n: number): number[][] {
  const random = createRandom(11);
  const prototypes = Array.from({ length: 8 }, () => Array.from({ length: 10 }, () => random.next() ** 2));
  return random.shuffle(
    Array.from({ length: n }, (_, i) => prototypes[i % 8].map((v) => Math.max(0, v + 0.08 * random.normal()))),
  );
}

/**
 * A neuron × class activation matrix before and after `reorderRows`: rows (neurons) are reordered so that similar
 * rows sit together, columns (classes) stay put. Compare the exact merge with the thesis's concatenation, and see
 * what the polish adds.
 */
const meta: Meta<Args> = {
  title: "reorder/Reorder rows",
  args: { data: "digits", n: 120, merge: "dp", polish: true },
  argTypes: {
    data: { control: { type: "inline-radio" }, options: ["digits", "planted"] },
    n: { control: { type: "range", min: 10, max: 600, step: 10 } },
    merge: { control: { type: "inline-radio" }, options: ["dp", "concatenate"] },
    polish: { control: { type: "boolean" } },
  },
  render: ({ data, n, merge, polish }) => {
    const matrix = data === "digits" ? classMeanVectors(digits.pixels, digits.labels, 10) : plantedMatrix(n);
    const before = pathCost(distanceMatrix(matrix), [...matrix.keys()]);
    const result = reorderRows(matrix, { merge, polish });
    const root = document.createElement("div");
    root.style.cssText = "display:flex;gap:24px;font:13px system-ui,sans-serif";
    const panel = (label: string, title: string, rowOrder?: number[]) => {
      const figure = document.createElement("figure");
      figure.style.margin = "0";
      const caption = document.createElement("figcaption");
      caption.textContent = label;
      const chart = document.createElement("div");
      matrixHeatmap(chart, { values: matrix, rowOrder }, { title, width: 260, height: 380, scheme: "sequential" });
      figure.append(chart, caption);
      return figure;
    };
    const rows = matrix.length;
    root.append(
      panel(
        `input order · path ${before.toFixed(3)} · objective ${(rows - 1 - before).toFixed(3)}`,
        `${rows} rows in input order`,
      ),
      panel(
        `reordered · path ${result.pathLength.toFixed(3)} · objective ${result.objective.toFixed(3)} · ${
          result.optimal ? "optimal" : `${result.parts.length} parts`
        }`,
        `${rows} rows reordered`,
        result.order,
      ),
    );
    root.dataset.before = String(rows - 1 - before);
    root.dataset.after = String(result.objective);
    return root;
  },
};
export default meta;

type Story = StoryObj<Args>;

async function assertImproved(canvasElement: HTMLElement, rows: number, columns: number): Promise<void> {
  const root = canvasElement.querySelector<HTMLElement>("[data-before]")!;
  await expect(Number(root.dataset.after)).toBeGreaterThan(Number(root.dataset.before));
  const svgs = canvasElement.querySelectorAll("svg");
  await expect(svgs.length).toBe(2);
  for (const svg of svgs) await expect(svg.querySelectorAll("g.cells rect").length).toBe(rows * columns);
  // The reordered heatmap draws every row exactly once.
  const drawn = new Set([...svgs[1].querySelectorAll<SVGRectElement>("g.cells rect")].map((r) => r.dataset.row));
  await expect(drawn.size).toBe(rows);
}

export const DigitsPixels: Story = {
  play: async ({ canvasElement }) => assertImproved(canvasElement, 64, 10),
};

export const PlantedConcatenated: Story = {
  args: { data: "planted", n: 200, merge: "concatenate", polish: false },
  play: async ({ canvasElement }) => assertImproved(canvasElement, 200, 10),
};

export const PlantedMerged: Story = {
  args: { data: "planted", n: 200, merge: "dp", polish: true },
  play: async ({ canvasElement }) => assertImproved(canvasElement, 200, 10),
};
