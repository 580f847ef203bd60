// The built page in Chromium: the views are drawn; raising a hashtag changes the ranking shown and reports the
// affected walks; a click on a cluster draws its flows.
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openExamplePage } from "@clearbox/test-kit/example-page";

let opened;
let page;
let errors;

beforeAll(async () => {
  opened = await openExamplePage(fileURLToPath(new URL("..", import.meta.url)), { width: 1280 });
  ({ page, errors } = opened);
});

afterAll(() => opened?.close());

const hashtagOrder = () => page.$$eval("#hashtags tr[data-node]", (rows) => rows.map((r) => r.dataset.node));

describe("mutual-ranker page", () => {
  it("draws the rank graph, the flow map and the three top lists", async () => {
    expect(await page.getAttribute("body", "data-ready")).toBe("true");
    expect(errors).toEqual([]);
    expect(await page.$$eval("#rank-graph circle.cluster", (c) => c.length)).toBeGreaterThan(5);
    expect(await page.$$eval("#flow-map svg path", (p) => p.length)).toBeGreaterThan(5);
    for (const list of ["hashtags", "users", "posts"]) {
      expect(await page.$$eval(`#${list} tr[data-node]`, (rows) => rows.length)).toBe(10);
    }
  });

  it("raises the tenth hashtag: it climbs the list, updated by walking the affected walks again or by an exact re-solve from the current scores", async () => {
    const before = await hashtagOrder();
    const tenth = before[9];
    await page.click(`#hashtags tr[data-node="${tenth}"] button[data-role=raise]`);
    const after = await hashtagOrder();
    expect(after).not.toEqual(before);
    expect(after.indexOf(tenth)).toBeGreaterThanOrEqual(0);
    expect(after.indexOf(tenth)).toBeLessThan(9);
    expect(await page.textContent("#update")).toMatch(
      /^raised #\S+: updated in \d+ ms by (walking [\d,]+ affected walks again|re-solving exactly in \d+ Gauss–Seidel sweeps from the current scores)/,
    );
    expect(await page.getAttribute(`#hashtags tr[data-node="${tenth}"]`, "class")).toBe("edited");
  });

  it("draws a clicked cluster's flows", async () => {
    const flowsOf = () => page.$$eval("#rank-graph g.flows path", (p) => p.map((x) => x.getAttribute("d")).join());
    const first = await flowsOf();
    await page.dispatchEvent("#rank-graph circle.cluster[data-index='1']", "click");
    expect(await flowsOf()).not.toBe(first);
    expect(errors).toEqual([]);
  });

  it("switches collection", async () => {
    await page.selectOption("#collection", "nicar19");
    await page.waitForSelector("body[data-ready=true]");
    expect(await page.textContent("#status")).toMatch(/^6,108 posts \(3,148 distinct texts\)/);
    expect(await page.$eval("#hashtags tr[data-node] td:nth-child(2)", (td) => td.textContent)).toBe("#nicar19");
  });
});
