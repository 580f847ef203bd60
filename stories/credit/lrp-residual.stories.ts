import type { Meta, StoryObj } from "@storybook/html";
import { expect } from "storybook/test";
import { interpolateGreys } from "d3-scale-chromatic";
import { influenceGrid } from "@clearbox/charts";
import { forwardPass, lrp, prepareNetwork } from "@clearbox/credit";
import type { Composite, Network } from "@clearbox/credit";
import trained from "../../data/digits/digits-resnet.json";
import { digits } from "../lib/digits.js";

interface Args {
  /** A held-out digit (rows 1200–1796 of the UCI digits were not used in training). */
  digit: number;
  /** The rules, by layer kind and position (zennit's composites). */
  composite: Composite;
}

const network = prepareNetwork(trained.network as unknown as Network);
const FIRST_HELD_OUT = 1200;
const names = network.layerNames;
const at = (name: string) => names.indexOf(name) + 1; // relevance index of a layer's output

/**
 * LRP through a residual CNN with batch norm, trained on the UCI digits and read from its tf.layers model by
 * `fromLayersModel` (a functional graph: the Add joins the block's input and its two convolutions). Batch norms
 * after convolutions are folded into them; the Add shares relevance between the shortcut and the residual branch in
 * proportion to what each contributed. The table lists every layer's total and what it absorbed.
 */
const meta: Meta<Args> = {
  title: "credit/LRP through a residual CNN",
  args: { digit: 0, composite: "epsilonGammaBox" },
  argTypes: {
    digit: { control: { type: "range", min: 0, max: digits.pixels.length - FIRST_HELD_OUT - 1, step: 1 } },
    composite: { control: { type: "select" }, options: ["epsilonGammaBox", "epsilonPlusFlat", "epsilonAlpha2Beta1"] },
  },
  render: ({ digit, composite }) => {
    const row = FIRST_HELD_OUT + digit;
    const x = digits.pixels[row].map((v) => v / 16);
    const logits = forwardPass(network, x).activations.at(-1)!;
    const predicted = logits.indexOf(Math.max(...logits));
    const { relevance, absorbed } = lrp(network, x, { composite, target: predicted, low: 0, high: 1 });
    const sum = (values: ArrayLike<number>) => Array.from(values).reduce((s, v) => s + v, 0);
    // The branch's last layer is read by the Add only: its relevance is the branch's share; the rest took the shortcut.
    const [added, branch] = [sum(relevance[at("residual")]), sum(relevance[at("block_bn2")])];

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
    const split = document.createElement("p");
    split.dataset.role = "split";
    split.dataset.added = String(added);
    split.dataset.branch = String(branch);
    split.textContent = `at the Add: ${((100 * branch) / added).toFixed(0)} % through the residual branch, ${((100 * (added - branch)) / added).toFixed(0)} % through the shortcut`;
    const table = document.createElement("table");
    table.innerHTML = "<tr><th>layer output</th><th>Σ relevance</th><th>absorbed</th></tr>";
    relevance.forEach((R, l) => {
      const tr = document.createElement("tr");
      tr.dataset.sum = String(sum(R));
      tr.dataset.absorbed = String(l > 0 ? absorbed[l - 1] : 0);
      tr.innerHTML = `<td>${l === 0 ? "pixels" : names[l - 1]}</td><td>${sum(R).toFixed(4)}</td><td>${l > 0 ? absorbed[l - 1].toFixed(4) : ""}</td>`;
      table.append(tr);
    });
    const side = document.createElement("div");
    side.append(split, table);
    root.append(
      figure(`digit ${digits.labels[row]} (row ${row}), predicted ${predicted}`, x, "input digit", "digit", true),
      figure(
        `relevance for class ${predicted} · ${composite}`,
        relevance[0],
        `pixel relevance for class ${predicted}`,
        "relevance",
      ),
      side,
    );
    return root;
  },
};
export default meta;

type Story = StoryObj<Args>;

/**
 * The graph was read whole (an Add, batch norms); the drawn pixels carry the input's relevance; and relevance is
 * accounted for: the output's value equals the pixels' total plus everything every layer absorbed.
 */
async function assertAccounted(canvasElement: HTMLElement): Promise<void> {
  await expect(names).toContain("residual");
  const cells = canvasElement.querySelectorAll<SVGRectElement>('[data-role="relevance"] g.units rect');
  await expect(cells.length).toBe(64);
  const rows = [...canvasElement.querySelectorAll<HTMLTableRowElement>("tr[data-sum]")];
  await expect(rows.length).toBe(names.length + 1);
  const drawn = [...cells].reduce((s, c) => s + Number(c.dataset.value), 0);
  await expect(drawn).toBeCloseTo(Number(rows[0].dataset.sum), 4);
  const lost = rows.reduce((s, r) => s + Number(r.dataset.absorbed), 0);
  await expect(Number(rows[0].dataset.sum) + lost).toBeCloseTo(Number(rows.at(-1)!.dataset.sum), 3);
  // The ReLU after the Add passes relevance through unchanged.
  const total = (name: string) => Number(rows[names.indexOf(name) + 1].dataset.sum);
  await expect(total("residual")).toBeCloseTo(total("block_out"), 5);
}

export const EpsilonGammaBox: Story = { play: async ({ canvasElement }) => assertAccounted(canvasElement) };

export const EpsilonPlusFlat: Story = {
  args: { composite: "epsilonPlusFlat", digit: 5 },
  play: async ({ canvasElement }) => assertAccounted(canvasElement),
};
