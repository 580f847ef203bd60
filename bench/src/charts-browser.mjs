/* global requestAnimationFrame, MessageChannel -- this module runs in the browser page */
// The in-page half of the charts bench (bundled by esbuild, run in headless Chromium by charts.mjs): each case draws
// into a fresh container and is timed from the call until the frame that shows it has been painted; clearbox's
// chart and a plain d3 one-element-per-datum baseline draw the same data in turn.
import { layerBundles, matrixHeatmap } from "@clearbox/charts";
import { scaleSequential } from "d3-scale";
import { interpolateBlues } from "d3-scale-chromatic";
import { select } from "d3-selection";

// The next frame's rendering steps run after its requestAnimationFrame callbacks; a message posted from one is
// handled once that frame is painted.
const painted = () =>
  new Promise((resolve) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(null);
    }),
  );

async function firstPaint(draw) {
  const container = document.createElement("div");
  document.body.append(container);
  await painted();
  const start = performance.now();
  draw(container);
  container.getBoundingClientRect();
  await painted();
  const ms = performance.now() - start;
  container.remove();
  return ms;
}

/** Median first paint of each drawing, the drawings taking turns run by run (so that they share the page's noise). */
async function medians(draws, repeats) {
  const times = draws.map(() => []);
  // One warm-up run each, so that every renderer is measured with its code compiled.
  for (const draw of draws) await firstPaint(draw);
  for (let r = 0; r < repeats; r++) {
    for (const [k, draw] of draws.entries()) times[k].push(await firstPaint(draw));
  }
  return times.map((list) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)]);
}

/** A plain d3 heatmap: one rect per cell, a sequential scale. */
function d3Heatmap(container, { rows, columns, data }, width, height) {
  let low = Infinity;
  let high = -Infinity;
  for (const v of data) {
    low = Math.min(low, v);
    high = Math.max(high, v);
  }
  const color = scaleSequential(interpolateBlues).domain([low, high]);
  const cw = width / columns;
  const ch = height / rows;
  select(container)
    .append("svg")
    .attr("width", width)
    .attr("height", height)
    .selectAll("rect")
    .data(data)
    .join("rect")
    .attr("x", (_, i) => (i % columns) * cw)
    .attr("y", (_, i) => Math.floor(i / columns) * ch)
    .attr("width", cw)
    .attr("height", ch)
    .attr("fill", (v) => color(v));
}

/** A plain d3 drawing of the same bundle geometry: a path per curve, two rects per bicluster. */
function d3Bundles(container, geometry, width, height) {
  const svg = select(container).append("svg").attr("width", width).attr("height", height);
  svg
    .append("g")
    .attr("fill", "none")
    .selectAll("path")
    .data(geometry.curves)
    .join("path")
    .attr(
      "d",
      (c) => `M${c.points[0]},${c.points[1]}C${c.points.slice(2, 4)} ${c.points.slice(4, 6)} ${c.points.slice(6)}`,
    )
    .attr("stroke", (c) => (c.sign > 0 ? "#2e7d32" : "#c62828"));
  const boxes = svg.append("g").selectAll("g").data(geometry.rects).join("g");
  boxes
    .append("rect")
    .attr("x", (r) => r.x)
    .attr("y", (r) => r.y)
    .attr("width", (r) => r.width)
    .attr("height", (r) => r.height * (1 - r.negativeRatio))
    .attr("fill", "#2e7d32");
  boxes
    .append("rect")
    .attr("x", (r) => r.x)
    .attr("y", (r) => r.y + r.height * (1 - r.negativeRatio))
    .attr("width", (r) => r.width)
    .attr("height", (r) => r.height * r.negativeRatio)
    .attr("fill", "#c62828");
}

globalThis.chartsBench = {
  /** Untimed drawing, so that the page's rendering pipeline is warm before the first measured case. */
  async warmUp(values) {
    for (let r = 0; r < 5; r++) await firstPaint((el) => matrixHeatmap(el, { values }, { width: 400, height: 600 }));
  },
  async heatmap(values, width, height, repeats, baseline = true) {
    const draws = [(el) => matrixHeatmap(el, { values }, { width, height, scheme: "sequential" })];
    if (baseline) draws.push((el) => d3Heatmap(el, values, width, height));
    const [clearbox, d3] = await medians(draws, repeats);
    return { clearbox, d3 };
  },
  async bundles(data, width, height, repeats) {
    const [clearbox, d3] = await medians(
      [(el) => layerBundles(el, data, { width, height }), (el) => d3Bundles(el, data.pairs[0], width, height)],
      repeats,
    );
    return { clearbox, d3 };
  },
};
