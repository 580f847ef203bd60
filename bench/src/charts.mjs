// @clearbox/charts: first paint in headless Chromium (Debian's, never downloaded) against a plain d3
// one-element-per-datum drawing of the same data, measured side by side in one page; and server-side rendering of
// every chart in Node.
/* global chartsBench -- defined in the page by charts-browser.mjs; page.evaluate runs these callbacks there */
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { chromium } from "playwright-core";
import { bundleLayout, clusterStrengths, weightedBicluster } from "@clearbox/bicluster";
import {
  bundleEdges,
  influenceGrid,
  layerBundles,
  matrixHeatmap,
  packedRects,
  polylineChart,
  scatterPlot,
} from "@clearbox/charts";
import { renderToString } from "@clearbox/charts/ssr";
import { createRandom } from "@clearbox/core";
import { packFast } from "@clearbox/rect-pack";
import { findChromium } from "@clearbox/test-kit/chromium";
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
  const lineTimes = await page.evaluate(() => chartsBench.polylines(5000, 200, 5));
  const densityTime = await page.evaluate(() => chartsBench.densityContext(100_000, 200, 3));
  const moveLines = await page.evaluate(() => chartsBench.brushMove(5000, 200, 9, "lines"));
  const moveDensity = await page.evaluate(() => chartsBench.brushMove(5000, 200, 9, "density"));
  const brushLines = await page.evaluate(() => chartsBench.brushRedraw(5000, 200, 9, "lines"));
  const brushDensity = await page.evaluate(() => chartsBench.brushRedraw(5000, 200, 9, "density"));
  const rankTime = await page.evaluate(() => chartsBench.rankGraph(200, 10_000, 5));
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
  const partTwo = {
    heading: `Part 2 in headless Chromium ${version}: many series, ranking graph`,
    note: "Same timing as above (5 runs, or 3 for the 10⁵ series, after a warm-up). Series are seeded random walks generated in the page; 5 % of them (every 20th) are the highlighted SVG lines, the others the canvas context. The d3 baseline draws every series as its own SVG path. A brush move is a mousemove dragging the overview's brush, timed until the frame is painted: the context canvas is stretched by a CSS transform and the highlighted lines redrawn; when the brush ends the context is painted anew for the range (timed as an update in place at a new range of 80 of the 200 steps).",
    rows: [
      {
        case: "polylineChart 5,000 × 200, context as faint lines",
        clearbox: fmt(lineTimes.clearbox),
        "plain d3": `${fmt(lineTimes.d3)} (5,000 paths)`,
        target: "≤ 300 ms",
      },
      {
        case: "polylineChart 5,000 × 200, context as DenseLines density",
        clearbox: fmt(lineTimes.density),
        "plain d3": "—",
        target: "—",
      },
      {
        case: "polylineChart 10⁵ × 200, context as density",
        clearbox: fmt(densityTime),
        "plain d3": "—",
        target: "≤ 1 s",
      },
      {
        case: "brush move, 5,000 × 200, faint lines (canvas stretched, lines redrawn)",
        clearbox: fmt(moveLines),
        "plain d3": "—",
        target: "≤ 50 ms",
      },
      { case: "brush move, 5,000 × 200, density", clearbox: fmt(moveDensity), "plain d3": "—", target: "≤ 50 ms" },
      {
        case: "brush end: context repainted, 5,000 × 200, faint lines",
        clearbox: fmt(brushLines),
        "plain d3": "—",
        target: "—",
      },
      {
        case: "brush end: context repainted, 5,000 × 200, density",
        clearbox: fmt(brushDensity),
        "plain d3": "—",
        target: "—",
      },
      { case: "rankGraph, 200 clusters, 10,000 members", clearbox: fmt(rankTime), "plain d3": "—", target: "≤ 500 ms" },
    ],
  };
  const random2 = createRandom(11);
  const fdebEdges = Array.from({ length: 500 }, () => {
    const a = [random2.next() * 200, random2.next() * 600];
    const b = [600 + random2.next() * 200, random2.next() * 600];
    return [a[0], a[1], b[0], b[1]];
  });
  const fdeb = measure(() => bundleEdges(fdebEdges), { repeats: 3, warmup: false });
  const walksNode = (count, length) => {
    const r = createRandom(7);
    const values = new Float32Array(count * length);
    for (let i = 0; i < count; i++) {
      let v = (i % 5) - 2;
      for (let k = 0; k < length; k++) values[i * length + k] = v += (r.next() - 0.5) * 0.2;
    }
    return { values, count, length };
  };
  const fiveThousand = walksNode(5000, 200);
  const sampled = Array.from({ length: 250 }, (_, k) => k * 20);
  const ssrLines = measure(
    () => renderToString(polylineChart, { series: fiveThousand, highlight: sampled }, { width: 800, height: 420 }),
    { repeats: 3 },
  );
  const nodeSection = {
    heading: "Part 2 in Node: edge bundling and server-side rendering",
    note: "Median of 3 runs. FDEB: 500 random edges from a left band to a right band of an 800 × 600 drawing, default options (6 cycles, 50 iterations first, compatibility ≥ 0.6, work budget 2.5 × 10⁸). SSR of the 5,000-line chart: 250 highlighted lines, the rest as a 4 px density raster.",
    rows: [
      {
        case: `bundleEdges, 500 edges (${fdeb.result.compatiblePairs.toLocaleString("en")} compatible pairs, ${fdeb.result.work.toExponential(2)} attractions${fdeb.result.truncated ? ", cut by the budget" : ""})`,
        time: fmt(fdeb.ms),
        size: "—",
        target: "≤ 1 s",
      },
      {
        case: "renderToString(polylineChart), 5,000 × 200",
        time: fmt(ssrLines.ms),
        size: `${(ssrLines.result.length / 2 ** 20).toFixed(2)} MB`,
        target: "≤ 500 ms, ≤ 2 MB",
      },
    ],
  };
  writeReport("charts", "@clearbox/charts", [browserSection, ssrSection, partTwo, nodeSection]);
}
