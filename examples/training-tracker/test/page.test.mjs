// The built page in Chromium: the views are drawn; picking a step on the loss moves the DAG's window; a click on a
// layer selects it; brushing the time axis narrows the panels; a neuron's credit redraws.
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openExamplePage } from "@clearbox/test-kit/example-page";

let opened;
let page;
let errors;

beforeAll(async () => {
  opened = await openExamplePage(fileURLToPath(new URL("..", import.meta.url)), { width: 1150, height: 1600 });
  ({ page, errors } = opened);
});

afterAll(() => opened?.close());

describe("training-tracker page", () => {
  it("draws the loss, the DAG at the anomaly, the three line panels and the credit views", async () => {
    expect(await page.getAttribute("body", "data-ready")).toBe("true");
    expect(errors).toEqual([]);
    expect(await page.getAttribute("#dag svg", "data-step")).toBe("155");
    expect(await page.$$eval("#dag svg g.layer", (g) => g.length)).toBe(6);
    expect(await page.$$eval("#lines [data-panel]", (p) => p.length)).toBe(3);
    // The blue-noise panel draws its 100 series as SVG lines, the anomaly's among them in the accent colour.
    expect(await page.$$eval('#lines [data-panel="blue"] svg path', (p) => p.length)).toBeGreaterThanOrEqual(100);
    expect(await page.$$eval("#credit svg", (s) => s.length)).toBe(4);
  });

  it("moves the DAG's window to the step picked on the loss curve", async () => {
    const box = await page.$eval("#loss svg", (svg) => {
      const r = svg.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    });
    await page.mouse.click(box.x + box.width * 0.3, box.y + box.height * 0.5);
    const step = Number(await page.getAttribute("#dag svg", "data-step"));
    expect(step).toBeLessThan(120);
    expect(await page.getAttribute("#dag svg", "data-window")).toBe(`${Math.max(0, step - 10)},${step + 10}`);
    expect(await page.textContent("#step")).toBe(String(step));
  });

  it("selects a layer by a click and reports its statistic at the step", async () => {
    await page.dispatchEvent('#dag svg g.layer[data-id="dec1"]', "click");
    expect(await page.getAttribute("#dag svg", "data-selected")).toBe("dec1");
    expect(await page.textContent("#layer")).toMatch(/^decoder dense 16→128, ReLU: weights at step \d+ span/);
  });

  it("narrows every panel to a brushed time range, and redraws a neuron's credit", async () => {
    const overview = await page.$eval('#lines [data-panel="all"] svg g.overview', (g) => {
      const r = g.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    });
    await page.mouse.move(overview.x + overview.width * 0.45, overview.y + overview.height / 2);
    await page.mouse.down();
    await page.mouse.move(overview.x + overview.width * 0.75, overview.y + overview.height / 2, { steps: 5 });
    await page.mouse.up();
    const ticks = await page.$$eval('#lines [data-panel="blue"] svg g.x-axis .tick text', (t) =>
      t.map((x) => Number(x.textContent)),
    );
    expect(Math.min(...ticks)).toBeGreaterThan(100);
    expect(Math.max(...ticks)).toBeLessThan(260);
    await page.fill("#unit", "90");
    await page.dispatchEvent("#unit", "change");
    expect(await page.$eval("#credit svg title", (t) => t.textContent)).toContain("probe digit 0");
    expect(await page.$$eval("#credit svg title", (t) => t.map((x) => x.textContent).join())).toContain("Unit 90");
    expect(errors).toEqual([]);
  });
});
