// @clearbox/charts: polylineChart's DenseLines context of 10⁵ series × 200 steps in headless Chromium (Debian's) —
// counted and painted in a worker on an OffscreenCanvas, against the same chart painted on the main thread in the
// same page. The page is an ES module served over HTTP, so that the worker's file loads from beside it as a user's
// bundler would place it.
/* global denseBench -- defined in the page by charts-dense-browser.mjs; page.evaluate runs these callbacks there */
import { createReadStream, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { chromium } from "playwright-core";
import { findChromium } from "@clearbox/test-kit/chromium";
import { writeReport } from "./measure.mjs";

const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];

/** The page and the worker, bundled into a fresh folder: page.js imports the charts, dense-lines-worker.js beside it. */
async function bundlePage() {
  const dir = mkdtempSync(join(tmpdir(), "charts-dense-"));
  const worker = fileURLToPath(new URL("../node_modules/@clearbox/charts/dist/dense-lines-worker.js", import.meta.url));
  await build({
    entryPoints: {
      page: fileURLToPath(new URL("./charts-dense-browser.mjs", import.meta.url)),
      "dense-lines-worker": worker,
    },
    bundle: true,
    format: "esm",
    platform: "browser",
    outdir: dir,
    minify: true,
    logLevel: "error",
  });
  return dir;
}

/** A static server of `dir` (and an empty page at /) on a free local port. */
function serve(dir) {
  const server = createServer((request, response) => {
    const name = new URL(request.url, "http://localhost").pathname.slice(1);
    if (name === "") {
      response.setHeader("content-type", "text/html");
      response.end('<!doctype html><html><body><script type="module" src="/page.js"></script></body></html>');
      return;
    }
    if (!/^[\w.-]+\.js$/.test(name)) {
      response.statusCode = 404;
      response.end();
      return;
    }
    response.setHeader("content-type", "text/javascript");
    createReadStream(join(dir, name))
      .on("error", () => {
        response.statusCode = 404;
        response.end();
      })
      .pipe(response);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

export async function runChartsDenseBench({ count = 100_000, length = 200, runs = 3, moves = 9 } = {}) {
  const executablePath = findChromium();
  if (!executablePath) throw new Error("charts-dense bench: no Chromium found (pnpm test installs Debian's)");
  const dir = await bundlePage();
  const server = await serve(dir);
  const browser = await chromium.launch({ executablePath, args: ["--headless", "--no-sandbox", "--disable-gpu"] });
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 1000 } });
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.waitForFunction(() => typeof globalThis.denseBench === "object");
    // One untimed run of each, so that both are measured with their code compiled.
    await page.evaluate(([c, l, m]) => denseBench.offThread(c, l, m), [count, length, moves]);
    await page.evaluate(([c, l]) => denseBench.mainThread(c, l), [count, length]);
    const worker = [];
    const main = [];
    for (let r = 0; r < runs; r++) {
      worker.push(await page.evaluate(([c, l, m]) => denseBench.offThread(c, l, m), [count, length, moves]));
      main.push(await page.evaluate(([c, l]) => denseBench.mainThread(c, l), [count, length]));
    }
    if (worker.some((w) => w.mode !== "offscreen density"))
      throw new Error(`charts-dense bench: the density was not painted in a worker (${worker[0].mode})`);
    writeReport("charts-dense", "@clearbox/charts: DenseLines off the main thread", [
      section(browser.version(), count, length, runs, moves, worker, main),
    ]);
  } finally {
    await browser.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function section(version, count, length, runs, moves, worker, main) {
  const of = (key) => median(worker.map((w) => w[key]));
  const size = `${count.toLocaleString("en")} × ${length}`;
  return {
    heading: `polylineChart, density context of ${size} in headless Chromium ${version}`,
    note:
      `Median of ${runs} runs after one warm-up, worker and main thread taking turns in one page (1100 × 460 chart, ` +
      `200 series as SVG lines, the other ${(count - 200).toLocaleString("en")} in the density). ` +
      "Shared machine: other engineers' jobs ran meanwhile (the load average above), so times are noisy; compare " +
      "the two modes, measured side by side. First paint: from the call until the frame showing the first " +
      "picture is painted (1,000 spread-out series, counted on the main thread during the call while the worker " +
      "starts; the worker's first paint replaces it). The call runs on the main thread (checks the values, the y " +
      "range, the overview's mean, the SVG lines, that first picture); after it returns, frames are timed by " +
      "requestAnimationFrame and long tasks (≥ 50 ms) by PerformanceObserver until the density is complete. " +
      `Brush moves: median of ${moves} mousemoves each timed until the frame is painted, after the count and ` +
      "while a re-count runs.",
    rows: [
      row("the call (main thread, synchronous)", of("returned"), median(main.map((m) => m.returned)), "—"),
      row("first paint", of("firstShown"), median(main.map((m) => m.shown)), "≤ 300 ms"),
      row("density complete", of("complete"), median(main.map((m) => m.shown)), "—"),
      row(
        "longest frame gap after the call returned",
        of("longestGap"),
        null,
        "main thread free",
        `${of("frames")} frames, ${of("longTasks")} long tasks (longest ${fmt(of("longestTask"))})`,
      ),
      row("brush move, after the count", of("moveAfter"), null, "≤ 50 ms"),
      row("brush move, while the worker re-counts", of("moveDuring"), null, "≤ 50 ms"),
      row("brush end → the new range's density complete", of("recounted"), null, "—"),
    ],
  };
}

function row(name, worker, main, target, note = "") {
  return {
    case: name,
    worker: fmt(worker) + (note ? ` (${note})` : ""),
    "main thread": main === null ? "—" : fmt(main),
    target,
  };
}
