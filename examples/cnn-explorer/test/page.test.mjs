// The built page in Chromium: the main views are drawn, and selecting a class and moving a neuron work end to end.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openExamplePage } from "@clearbox/test-kit/example-page";
import { writeOwnFiles } from "./own-files.mjs";

let opened;
let page;
let errors;

beforeAll(async () => {
  opened = await openExamplePage(fileURLToPath(new URL("..", import.meta.url)), { width: 1150 });
  ({ page, errors } = opened);
});

afterAll(() => opened?.close());

/** Neurons of the group the page shows first (the last residual stage). */
const UNITS = 64;

const opaqueUnits = () =>
  page.$$eval("#clusters g.item", (items) => items.filter((g) => g.getAttribute("opacity") !== "0.2").length);

describe("cnn-explorer page", () => {
  it("draws the network bundles, every cluster of the chosen group, and the LRP maps", async () => {
    expect(await page.getAttribute("body", "data-ready")).toBe("true");
    expect(errors).toEqual([]);
    expect(await page.$$eval("#network svg path.bundle", (paths) => paths.length)).toBeGreaterThan(20);
    expect(await page.$$eval("#network svg g.cluster", (g) => g.length)).toBe(4 + 4 + 6 + 8 + 10);
    // Every cluster of the main view is filled with its neurons' images.
    expect(await page.$$eval("#network svg g.cluster", (g) => g.every((c) => c.querySelector("image")))).toBe(true);
    // The last residual stage is shown first: one panel per cluster, 64 neurons as packed feature images in all.
    expect(await page.$eval("#group", (s) => s.selectedOptions[0].textContent)).toBe("stage3_widen … gap (11 layers)");
    expect(await page.$$eval("#clusters .panel", (p) => p.length)).toBe(8);
    expect(await page.$$eval("#clusters g.item image", (i) => i.length)).toBe(UNITS);
    expect(await page.$$eval("#explanation svg", (s) => s.length)).toBe(2);
  });

  it("fades the neurons that prefer other classes when a class is selected, in every column", async () => {
    expect(await opaqueUnits()).toBe(UNITS);
    await page.click('#classes button[data-class="0"]');
    const fadedPerColumn = await page.$$eval("#network svg g.cluster g.neuron", (neurons) => {
      const faded = [0, 0, 0, 0, 0];
      for (const n of neurons) if (n.getAttribute("opacity") === "0.15") faded[Number(n.parentNode.dataset.column)]++;
      return faded;
    });
    expect(fadedPerColumn.every((n) => n > 0)).toBe(true);
    const preferZero = await opaqueUnits();
    expect(preferZero).toBeGreaterThan(0);
    expect(preferZero).toBeLessThan(UNITS);
    await page.click('#classes button[data-class="0"]');
    expect(await opaqueUnits()).toBe(UNITS);
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
    expect(after.reduce((a, b) => a + b, 0)).toBe(UNITS);
    expect(after).not.toEqual(before);
    expect(await page.textContent("#readout")).toMatch(/^moved unit \d+ to cluster \d+/);
  });

  it("switches a cluster between its features and its reordered matrix", async () => {
    await page.click("#clusters .panel:first-child button[data-role=facet]");
    expect(await page.$eval("#clusters .panel:first-child [data-facet]", (d) => d.dataset.facet)).toBe("matrix");
    expect(await page.$$eval("#clusters .panel:first-child svg g.cells rect", (r) => r.length)).toBeGreaterThan(9);
    expect(errors).toEqual([]);
  });

  it("expands a clicked cluster of the main view: its packing and reordered matrix", async () => {
    await page.dispatchEvent('#network g.cluster[data-column="2"]', "click");
    expect(await page.$$eval("#network g.expanded-packing image", (i) => i.length)).toBeGreaterThan(0);
    expect(await page.$$eval("#network g.expanded-matrix rect", (r) => r.length)).toBeGreaterThan(9);
  });

  it("opens your own model and a folder of labelled images through the file inputs", async () => {
    const { modelDir, imagesDir: images } = writeOwnFiles(60);
    await page.setInputFiles("#model-files", [join(modelDir, "model.json"), join(modelDir, "weights.bin")]);
    await page.setInputFiles("#image-files", images);
    await page.click("#open-own");
    await page.waitForSelector("body[data-own]", { timeout: 60_000 });
    expect(await page.getAttribute("body", "data-own")).toBe("true");
    expect(await page.textContent("#status")).toMatch(/Your model on 60 images of 10 classes \(eight, five, four/);
    expect(await page.$$eval("#network svg text.column-name", (t) => t.length)).toBe(5);
    expect(await page.$$eval("#classes button", (b) => b.map((x) => x.textContent))).toContain("seven");
    expect(await page.$$eval("#network svg g.cluster", (g) => g.every((c) => c.querySelector("image")))).toBe(true);
    expect(errors).toEqual([]);
  });

  it("shows an error in the page for files that are not a model", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cnn-explorer-bad-"));
    writeFileSync(join(dir, "model.json"), "{}");
    await page.setInputFiles("#model-files", [join(dir, "model.json")]);
    await page.click("#open-own");
    await page.waitForFunction(() => document.body.dataset.own === "error", undefined, { timeout: 30_000 });
    expect(await page.textContent("#status")).toMatch(/^Could not analyse your model: /);
  });
});
