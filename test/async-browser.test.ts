import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright";
import { build, preview } from "vite";
import { describe, expect, it } from "vitest";
import { findChromium } from "@clearbox/test-kit/chromium";

// A Vite build of a tiny page (test/async-page) that imports kmeans from @clearbox/cluster/async: the bundler must
// find and emit the worker, the page must run it in Chromium with the synchronous form's result, keep drawing
// frames while a multi-second k-means runs, and stop it with a real AbortController.
const root = fileURLToPath(new URL("./async-page", import.meta.url));

describe("./async in a bundled page", () => {
  it("Vite bundles the worker; the page stays responsive and can abort", async () => {
    const outDir = mkdtempSync(join(tmpdir(), "async-page-"));
    await build({ root, logLevel: "silent", build: { outDir, emptyOutDir: true } });
    const server = await preview({ root, logLevel: "silent", build: { outDir }, preview: { port: 0, open: false } });
    const browser = await chromium.launch({
      executablePath: findChromium(),
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
    });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      await page.goto(server.resolvedUrls?.local[0] ?? "");
      await page.waitForSelector("body[data-ready]", { timeout: 170_000 });
      const result = await page.evaluate(() => (window as unknown as { __result: Record<string, unknown> }).__result);
      console.log("async page:", JSON.stringify(result));
      expect(errors).toEqual([]);
      expect(result.error).toBeUndefined();
      expect(result.same).toBe(true);
      expect(result.progress).toBeGreaterThan(0);
      const seconds = (result.duration as number) / 1000;
      expect(seconds).toBeGreaterThan(0.5);
      // A frozen page draws no frame during the run; a responsive one draws tens per second (asserted loosely: the
      // machine is shared and headless Chromium may throttle).
      expect(result.frames as number).toBeGreaterThan(5 * seconds);
      expect(result.abortCode).toBe("E_ABORTED");
      expect(result.abortMs as number).toBeLessThan(150);
    } finally {
      await browser.close();
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    }
  }, 180_000);
});
