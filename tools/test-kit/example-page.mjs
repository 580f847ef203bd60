// Build an example app's Vite page, serve the build, and open it in Chromium (Playwright, the system's browser) for
// the examples' browser tests. Waits until the page sets body[data-ready].
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright";
import { build, preview } from "vite";
import { findChromium } from "./chromium.mjs";

/**
 * @param {string} root - the example's folder (with index.html and vite.config.mjs)
 * @param {{ width?: number, height?: number }} [viewport]
 * @returns {Promise<{ page: import("playwright").Page, errors: string[], close: () => Promise<void> }>}
 */
export async function openExamplePage(root, { width = 1200, height = 1400 } = {}) {
  const outDir = mkdtempSync(join(tmpdir(), "example-page-"));
  await build({ root, logLevel: "silent", build: { outDir, emptyOutDir: true } });
  const server = await preview({ root, logLevel: "silent", build: { outDir }, preview: { port: 0, open: false } });
  const browser = await chromium.launch({
    executablePath: findChromium(),
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
  });
  const page = await browser.newPage({ viewport: { width, height } });
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(server.resolvedUrls.local[0]);
  await page.waitForSelector("body[data-ready=true], body[data-ready=error]", { timeout: 120_000 });
  return {
    page,
    errors,
    close: async () => {
      await browser.close();
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}
