import type { Meta, StoryObj } from "@storybook/html";
import { expect } from "storybook/test";
import { csvParse } from "d3-dsv";
import { createModel, createMonteCarloRanker, fromTweets, topK } from "@clearbox/mutual-rank";
import type { MonteCarloRanker, TweetGraph } from "@clearbox/mutual-rank";
import csv from "../../data/tweets/gop-debate-2015.csv?raw";

interface Args {
  /** Walks per node (R): more walks, less uncertainty. */
  walksPerNode: number;
  /** How many users and hashtags to list. */
  top: number;
}

let graph: TweetGraph | undefined;
const tweets = () => (graph ??= fromTweets(csvParse(csv), { text: "text", author: "name" }));

/** A ranked list with an uncertainty bar per element (its variance-to-mean ratio, scaled to the list's largest). */
function list(ranker: MonteCarloRanker, g: TweetGraph, type: number, top: number, title: string): HTMLElement {
  const scores = ranker.scores();
  const u = ranker.uncertainty();
  const ids = topK(scores, g.nodeType, type, top);
  const maxU = Math.max(...ids.map((i) => u[i]), 1e-300);
  const box = document.createElement("section");
  box.dataset.role = title;
  box.innerHTML = `<h3 style="font-size:13px;margin:0 0 4px">${title}</h3>`;
  for (const [rank, i] of ids.entries()) {
    const row = document.createElement("div");
    row.dataset.node = String(i);
    row.style.cssText =
      "display:grid;grid-template-columns:22px 170px 70px 90px;gap:6px;align-items:center;font-size:12px";
    row.innerHTML =
      `<span>${rank + 1}</span><span title="${g.names[i]}" style="overflow:hidden;text-overflow:ellipsis;white-space:nowrap">${g.names[i]}</span>` +
      `<span>${(1000 * scores[i]).toFixed(3)}‰</span>` +
      `<svg width="90" height="8" role="img" aria-label="uncertainty ${u[i].toExponential(2)}"><title>uncertainty (variance / score) ${u[i].toExponential(2)}</title><rect width="${(90 * u[i]) / maxU}" height="8" fill="#ef6c00"/></svg>`;
    box.append(row);
  }
  return box;
}

/**
 * MutualRanker on the GOP-debate tweets (13,871 rows, 9,282 distinct posts: retweets and near-duplicates are one
 * post): posts, users and hashtags ranked together by Monte Carlo
 * walks, each with its uncertainty (the orange bar: variance over score). The button raises the 4th hashtag's prior
 * fivefold: only the walks through a changed row are walked again, from that step on, and the update reports how
 * many.
 */
const meta: Meta<Args> = {
  title: "mutual-rank/GOP debate",
  args: { walksPerNode: 10, top: 10 },
  argTypes: {
    walksPerNode: { control: { type: "range", min: 2, max: 40, step: 1 } },
    top: { control: { type: "range", min: 5, max: 30, step: 1 } },
  },
  render: ({ walksPerNode, top }) => {
    const g = tweets();
    const ranker = createMonteCarloRanker(createModel(g), { walksPerNode, seed: 1 });
    const root = document.createElement("div");
    root.style.cssText = "font:13px system-ui,sans-serif;color:#222";
    const lists = document.createElement("div");
    lists.style.cssText = "display:flex;gap:28px";
    const draw = () => lists.replaceChildren(list(ranker, g, 2, top, "hashtags"), list(ranker, g, 1, top, "users"));
    draw();
    const button = document.createElement("button");
    const status = document.createElement("p");
    status.dataset.role = "status";
    const target = topK(ranker.scores(), g.nodeType, 2, 4)[3];
    button.textContent = `raise ${g.names[target]}'s prior ×5`;
    button.addEventListener("click", () => {
      const update = ranker.setPriors(new Map([[target, 5 * ranker.model.prior[target]]]));
      status.dataset.strategy = update.strategy;
      status.dataset.work = String(update.strategy === "exact" ? update.iterations : update.affectedWalks);
      status.textContent =
        update.strategy === "exact"
          ? `${g.names[target]} ×5: re-solved exactly in ${update.iterations} Gauss–Seidel sweeps from the current scores (the walks through its in-neighbours were too many to walk again; the stale ones are walked when the uncertainty is next needed)`
          : `${g.names[target]} ×5: ${update.affectedWalks.toLocaleString("en")} walks walked again from their first changed step (${update.resampledSteps.toLocaleString("en")} steps drawn anew)`;
      draw();
    });
    const note = document.createElement("p");
    note.textContent = `${g.postOfRow.length.toLocaleString("en")} tweets as ${g.posts.toLocaleString("en")} distinct posts, ${g.users.toLocaleString("en")} users, ${g.hashtags.toLocaleString("en")} hashtags; R = ${walksPerNode} walks per node`;
    root.append(note, lists, button, status);
    return root;
  },
};
export default meta;

type Story = StoryObj<Args>;

const order = (canvas: HTMLElement, role: string) =>
  [...canvas.querySelectorAll<HTMLElement>(`[data-role="${role}"] [data-node]`)].map((row) => row.dataset.node);

/** Raising a hashtag's prior moves it up, and the update reports how: the walks it walked again, or an exact re-solve. */
export const RaiseAHashtag: Story = {
  play: async ({ canvasElement }) => {
    await expect(order(canvasElement, "hashtags").length).toBe(10);
    await expect(order(canvasElement, "users").length).toBe(10);
    await expect(canvasElement.querySelectorAll('[data-role="hashtags"] svg rect').length).toBe(10);
    const before = order(canvasElement, "hashtags");
    canvasElement.querySelector("button")?.click();
    const after = order(canvasElement, "hashtags");
    await expect(after).not.toEqual(before);
    const status = canvasElement.querySelector<HTMLElement>('[data-role="status"]');
    await expect(["exact", "rerouted"]).toContain(status?.dataset.strategy);
    await expect(Number(status?.dataset.work)).toBeGreaterThan(0);
  },
};
