// The built page in Chromium: the main views are drawn, and selecting a class and moving a neuron work end to end.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright";
import { build, preview } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findChromium } from "../../../scripts/testing/chromium.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const outDir = mkdtempSync(join(tmpdir(), "cnn-explorer-"));
let server;
let browser;
let page;
const errors = [];

beforeAll(async () => {
  await build({ root, logLevel: "silent", build: { outDir, emptyOutDir: true } });
  server = await preview({ root, logLevel: "silent", build: { outDir }, preview: { port: 0, open: false } });
  browser = await chromium.launch({
    executablePath: findChromium(),
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
  });
  page = await browser.newPage({ viewport: { width: 1150, height: 1400 } });
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(server.resolvedUrls.local[0]);
  await page.waitForSelector("body[data-ready]", { timeout: 120_000 });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(outDir, { recursive: true, force: true });
});

const opaqueUnits = () =>
  page.$$eval("#clusters g.item", (items) => items.filter((g) => g.getAttribute("opacity") !== "0.2").length);

describe("cnn-explorer page", () => {
  it("draws the network bundles, every cluster of the chosen group, and the LRP maps", async () => {
    expect(await page.getAttribute("body", "data-ready")).toBe("true");
    expect(errors).toEqual([]);
    expect(await page.$$eval("#network svg path", (paths) => paths.length)).toBeGreaterThan(20);
    expect(await page.$$eval("#network svg g.cluster", (g) => g.length)).toBe(3 + 4 + 6 + 10);
    // conv3 + pool3 is shown first: one panel per cluster, 32 neurons as packed feature images in all.
    expect(await page.$eval("#group", (s) => s.selectedOptions[0].textContent)).toBe("conv3 + pool3");
    expect(await page.$$eval("#clusters .panel", (p) => p.length)).toBe(6);
    expect(await page.$$eval("#clusters g.item image", (i) => i.length)).toBe(32);
    expect(await page.$$eval("#explanation svg", (s) => s.length)).toBe(2);
  });

  it("fades the neurons that prefer other classes when a class is selected", async () => {
    expect(await opaqueUnits()).toBe(32);
    await page.click('#classes button[data-class="0"]');
    const preferZero = await opaqueUnits();
    expect(preferZero).toBeGreaterThan(0);
    expect(preferZero).toBeLessThan(32);
    await page.click('#classes button[data-class="0"]');
    expect(await opaqueUnits()).toBe(32);
  });

  it("moves a clicked neuron to another cluster and redraws the clusters", async () => {
    const sizes = () =>
      page.$$eval("#clusters .panel", (panels) => panels.map((p) => p.querySelectorAll("g.item").length));
    const before = await sizes();
    await page.dispatchEvent("#clusters .panel:first-child g.item", "click");
    expect(await page.isVisible("#move")).toBe(true);
    await page.selectOption("#target", { index: 0 });
    await page.click("#apply");
    const after = await sizes();
    expect(after.reduce((a, b) => a + b, 0)).toBe(32);
    expect(after).not.toEqual(before);
    expect(await page.textContent("#readout")).toMatch(/^moved unit \d+ to cluster \d+/);
  });

  it("switches a cluster between its features and its reordered matrix", async () => {
    await page.click("#clusters .panel:first-child button[data-role=facet]");
    expect(await page.$eval("#clusters .panel:first-child [data-facet]", (d) => d.dataset.facet)).toBe("matrix");
    expect(await page.$$eval("#clusters .panel:first-child svg g.cells rect", (r) => r.length)).toBeGreaterThan(9);
    expect(errors).toEqual([]);
  });
});
