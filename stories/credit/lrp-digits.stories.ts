import type { Meta, StoryObj } from "@storybook/html";
import { expect } from "storybook/test";
import { interpolateGreys } from "d3-scale-chromatic";
import { influenceGrid } from "@clearbox/charts";
import { forwardPass, lrp, prepareNetwork } from "@clearbox/credit";
import type { LrpRule, Network } from "@clearbox/credit";
import trained from "../../data/digits/digits-cnn.json";
import { digits } from "../lib/digits.js";

type Setting = LrpRule | "composite";

interface Args {
  /** A held-out digit (rows 1200–1796 of the UCI digits were not used in training). */
  digit: number;
  /** One rule for every layer, or the usual composite: zB at the pixels, γ in the convolutions, ε at the top. */
  rule: Setting;
  /** Class to explain; -1 explains the network's prediction. */
  target: number;
}

const network = prepareNetwork(trained.network as unknown as Network);
const FIRST_HELD_OUT = 1200;

function rulesFor(setting: Setting): { rule?: LrpRule; rules?: LrpRule[] } {
  if (setting !== "composite") return { rule: setting };
  return { rules: ["zb", "gamma", "gamma", "epsilon", "epsilon"] }; // pooling and flatten ignore theirs
}

/**
 * Layer-wise relevance propagation through a small CNN trained on the UCI digits (96 % on held-out digits): which
 * pixels speak for the explained class (green) and against it (red), by rule. The table lists each layer's total
 * relevance and what it absorbed (biases, ε, zero denominators): Σ R(l) + absorbed(l) = Σ R(l + 1).
 */
const meta: Meta<Args> = {
  title: "credit/LRP on a digits CNN",
  args: { digit: 0, rule: "epsilon", target: -1 },
  argTypes: {
    digit: { control: { type: "range", min: 0, max: digits.pixels.length - FIRST_HELD_OUT - 1, step: 1 } },
    rule: {
      control: { type: "select" },
      options: ["lrp0", "epsilon", "gamma", "alphabeta", "zb", "flat", "wsquare", "composite"],
    },
    target: { control: { type: "range", min: -1, max: 9, step: 1 } },
  },
  render: ({ digit, rule, target }) => {
    const row = FIRST_HELD_OUT + digit;
    const x = digits.pixels[row].map((v) => v / 16);
    const { activations } = forwardPass(network, x);
    const logits = activations[activations.length - 1];
    const predicted = logits.indexOf(Math.max(...logits));
    const explained = target < 0 ? predicted : target;
    const { relevance, absorbed } = lrp(network, x, { ...rulesFor(rule), target: explained, low: 0, high: 1 });

    const root = document.createElement("div");
    root.style.cssText = "display:flex;gap:24px;align-items:flex-start;font:13px system-ui,sans-serif";
    const figure = (label: string, values: ArrayLike<number>, title: string, role: string, grey = false) => {
      const f = document.createElement("figure");
      f.style.margin = "0";
      f.dataset.role = role;
      const chart = document.createElement("div");
      influenceGrid(
        chart,
        { values, columns: 8 },
        { title, width: 176, height: 176, color: grey ? interpolateGreys : undefined },
      );
      const caption = document.createElement("figcaption");
      caption.textContent = label;
      f.append(chart, caption);
      return f;
    };
    const sum = (values: ArrayLike<number>) => Array.from(values).reduce((s, v) => s + v, 0);
    const table = document.createElement("table");
    table.innerHTML = "<tr><th>boundary</th><th>Σ relevance</th><th>absorbed below</th></tr>";
    relevance.forEach((R, l) => {
      const tr = document.createElement("tr");
      tr.dataset.sum = String(sum(R));
      tr.dataset.absorbed = String(l < absorbed.length ? absorbed[l] : 0);
      const name = l === 0 ? "pixels" : `after ${network.outputShapes[l - 1].join("×")} layer ${l - 1}`;
      tr.innerHTML = `<td>${name}</td><td>${sum(R).toFixed(4)}</td><td>${l < absorbed.length ? absorbed[l].toFixed(4) : ""}</td>`;
      table.append(tr);
    });
    root.append(
      figure(`digit ${digits.labels[row]} (row ${row}), predicted ${predicted}`, x, "input digit", "digit", true),
      figure(
        `relevance for class ${explained} · ${rule}`,
        relevance[0],
        `pixel relevance for class ${explained}`,
        "relevance",
      ),
      table,
    );
    root.dataset.rule = rule;
    return root;
  },
};
export default meta;

type Story = StoryObj<Args>;

/** Every drawn pixel carries its relevance; each layer's total plus what it absorbed equals the total above it. */
async function assertConserved(canvasElement: HTMLElement): Promise<void> {
  const cells = canvasElement.querySelectorAll<SVGRectElement>('[data-role="relevance"] g.units rect');
  await expect(cells.length).toBe(64);
  const rows = [...canvasElement.querySelectorAll<HTMLTableRowElement>("tr[data-sum]")];
  await expect(rows.length).toBe(network.outputShapes.length + 1);
  const drawn = [...cells].reduce((s, c) => s + Number(c.dataset.value), 0);
  await expect(drawn).toBeCloseTo(Number(rows[0].dataset.sum), 4);
  for (let l = 0; l + 1 < rows.length; l++) {
    const below = Number(rows[l].dataset.sum) + Number(rows[l].dataset.absorbed);
    await expect(below).toBeCloseTo(Number(rows[l + 1].dataset.sum), 3);
  }
}

export const Epsilon: Story = {
  play: async ({ canvasElement }) => {
    await assertConserved(canvasElement);
    // LRP-ε at the pixels gives a_i · (…): pixels without ink get no relevance at all.
    const x = digits.pixels[FIRST_HELD_OUT];
    const cells = canvasElement.querySelectorAll<SVGRectElement>('[data-role="relevance"] g.units rect');
    cells.forEach((cell, i) => {
      if (x[i] === 0) void expect(Number(cell.dataset.value)).toBe(0);
    });
  },
};

export const Composite: Story = {
  args: { rule: "composite", digit: 7 },
  play: async ({ canvasElement }) => assertConserved(canvasElement),
};

export const AlphaBetaAgainstAnotherClass: Story = {
  args: { rule: "alphabeta", digit: 3, target: 1 },
  play: async ({ canvasElement }) => {
    const cells = canvasElement.querySelectorAll<SVGRectElement>('[data-role="relevance"] g.units rect');
    await expect(cells.length).toBe(64);
  },
};
