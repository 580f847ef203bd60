// @clearbox/charts: first paint in headless Chromium (Debian's, never downloaded) against a plain d3
// one-element-per-datum drawing of the same data, measured side by side in one page; and server-side rendering of
// every chart in Node.
/* global chartsBench -- defined in the page by charts-browser.mjs; page.evaluate runs these callbacks there */
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { chromium } from "playwright-core";
import { bundleLayout, clusterStrengths, weightedBicluster } from "@clearbox/bicluster";
import { influenceGrid, layerBundles, matrixHeatmap, packedRects, scatterPlot } from "@clearbox/charts";
import { renderToString } from "@clearbox/charts/ssr";
import { createRandom } from "@clearbox/core";
import { packFast } from "@clearbox/rect-pack";
import { findChromium } from "../../scripts/testing/chromium.mjs";
import { measure, writeReport } from "./measure.mjs";

const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);

function matrix(rows, columns, seed) {
  const random = createRandom(seed);
  return { rows, columns, data: Array.from({ length: rows * columns }, () => random.next()) };
}

/** A bundled layer pair with `count` biclusters: 120 × 120 clusters (2 neurons each) with planted strong blocks. */
function bundles(count) {
  const random = createRandom(3);
  const labels = Array.from({ length: 240 }, (_, n) => Math.floor(n / 2));
  const weights = labels.map((input) =>
    labels.map((output) => {
      const planted = Math.floor(input / 6) === Math.floor(output / 6) || (input + 2 * output) % 17 === 0;
      const w = planted ? 0.6 + 0.4 * random.next() : 0.2 * random.next();
      return random.next() < 0.3 ? -w : w;
    }),
  );
  const strengths = clusterStrengths(weights, labels, labels);
  const result = weightedBicluster(strengths, { tau: 0.2, threshold: 0.5, select: "all" });
  const kept = { ...result, biclusters: result.biclusters.slice(0, count), directEdges: [] };
  const positions = Array.from({ length: 120 }, (_, k) => (k + 0.5) * 5);
  const geometry = bundleLayout(kept, {
    inputPositions: positions,
    outputPositions: positions,
    width: 600,
    height: 600,
  });
  return {
    biclusters: kept.biclusters.length,
    data: { width: 600, height: 600, layers: [{ positions }, { positions }], pairs: [geometry] },
  };
}

export async function runChartsBench() {
  const executablePath = findChromium();
  if (!executablePath) throw new Error("charts bench: no Chromium found (pnpm test installs Debian's)");
  const bundle = await build({
    entryPoints: [fileURLToPath(new URL("./charts-browser.mjs", import.meta.url))],
    bundle: true,
    format: "iife",
    platform: "browser",
    write: false,
    minify: true,
  });
  const browser = await chromium.launch({ executablePath, args: ["--headless", "--no-sandbox", "--disable-gpu"] });
  const page = await browser.newPage({ viewport: { width: 1200, height: 1000 } });
  await page.setContent("<!doctype html><html><body></body></html>");
  await page.addScriptTag({ content: bundle.outputFiles[0].text });
  const version = browser.version();

  const small = matrix(500, 10, 1);
  const large = matrix(1000, 1000, 2);
  const bundled = bundles(200);
  await page.evaluate(([m]) => chartsBench.warmUp(m), [small]);
  const smallTimes = await page.evaluate(([m]) => chartsBench.heatmap(m, 400, 600, 21), [small]);
  const largeTimes = await page.evaluate(([m]) => chartsBench.heatmap(m, 800, 800, 1), [large]);
  const largeCanvas = await page.evaluate(([m]) => chartsBench.heatmap(m, 800, 800, 9, false), [large]);
  const bundleTimes = await page.evaluate(([d]) => chartsBench.bundles(d, 700, 660, 21), [bundled.data]);
  await browser.close();

  const curves = bundled.data.pairs[0].curves.length;
  const browserSection = {
    heading: `First paint in headless Chromium ${version}`,
    note: "The page first draws five untimed heatmaps. Median time from the call until the next frame has been painted (a message posted from its requestAnimationFrame callback), after one warm-up run each, a fresh container each run, clearbox and d3 taking turns (21 runs each; the 1,000 × 1,000 matrix: 9 runs of clearbox, 1 of the d3 baseline after 1 warm-up). Frames come every ~16.7 ms, so a time includes up to one frame of waiting. The d3 baseline draws the same data with one SVG element per datum; clearbox switches to a canvas above 100,000 cells.",
    rows: [
      {
        case: "matrixHeatmap 500 × 10 (SVG)",
        clearbox: fmt(smallTimes.clearbox),
        "plain d3": fmt(smallTimes.d3),
        target: "≤ 50 ms",
      },
      {
        case: "matrixHeatmap 1,000 × 1,000 (canvas)",
        clearbox: `${fmt(largeCanvas.clearbox)} (median of 9)`,
        "plain d3": `${fmt(largeTimes.d3)} (10⁶ rects)`,
        target: "≤ 300 ms",
      },
      {
        case: `layerBundles, ${bundled.biclusters} biclusters, ${curves.toLocaleString("en")} curves`,
        clearbox: fmt(bundleTimes.clearbox),
        "plain d3": fmt(bundleTimes.d3),
        target: "≤ 200 ms",
      },
    ],
  };

  const random = createRandom(5);
  const sizes = Array.from({ length: 300 }, () => ({ width: 5 + random.int(30), height: 5 + random.int(30) }));
  const packing = packFast(sizes);
  const points = Array.from({ length: 1797 }, () => [random.normal(), random.normal()]);
  const ssrCases = [
    [
      "packedRects, 300 rectangles",
      () =>
        renderToString(
          packedRects,
          { ...packing, importance: sizes.map((s) => s.width * s.height) },
          { width: 500, height: 500 },
        ),
    ],
    ["matrixHeatmap 500 × 10", () => renderToString(matrixHeatmap, { values: small }, { width: 400, height: 600 })],
    [
      "matrixHeatmap 1,000 × 1,000 (averaged in blocks ≥ 4 px)",
      () => renderToString(matrixHeatmap, { values: large }, { width: 800, height: 800 }),
    ],
    [
      `layerBundles, ${bundled.biclusters} biclusters`,
      () => renderToString(layerBundles, bundled.data, { width: 700, height: 660 }),
    ],
    [
      "influenceGrid, 24 units with influences",
      () =>
        renderToString(
          influenceGrid,
          {
            values: Array.from({ length: 24 }, (_, i) => Math.sin(i)),
            columns: 8,
            influences: Array.from({ length: 24 }, (_, j) => Array.from({ length: 24 }, (_, i) => Math.cos(i * j))),
          },
          { width: 400, height: 170, focus: 12 },
        ),
    ],
    [
      "scatterPlot, 1,797 points",
      () => renderToString(scatterPlot, { points, groups: points.map((_, i) => i % 10) }, { width: 600, height: 400 }),
    ],
  ];
  const ssrSection = {
    heading: "Server-side rendering in Node (renderToString on linkedom 0.18.14)",
    note: "Median of 3 runs after 3 warm-up runs; the size of the SVG string. Target ≤ 500 ms each.",
    rows: ssrCases.map(([name, run]) => {
      const { ms, result } = measure(run, { repeats: 3 });
      return { chart: name, time: fmt(ms), "SVG size": `${(result.length / 1024).toFixed(0)} KiB` };
    }),
  };
  writeReport("charts", "@clearbox/charts", [browserSection, ssrSection]);
}
