/* global requestAnimationFrame, MessageChannel, MouseEvent -- this module runs in the browser page */
// The in-page half of the charts bench (bundled by esbuild, run in headless Chromium by charts.mjs): each case draws
// into a fresh container and is timed from the call until the frame that shows it has been painted; clearbox's
// chart and a plain d3 one-element-per-datum baseline draw the same data in turn.
import { layerBundles, matrixHeatmap, polylineChart, rankGraph } from "@clearbox/charts";
import { scaleLinear, scaleSequential } from "d3-scale";
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

/** Seeded random walks: `count` series × `length` steps (generated in the page: 10⁵ series would not fit a message). */
function walks(count, length, seed) {
  let state = seed >>> 0;
  const next = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const values = new Float32Array(count * length);
  for (let i = 0; i < count; i++) {
    let v = (i % 5) - 2;
    for (let k = 0; k < length; k++) values[i * length + k] = v += (next() - 0.5) * 0.2;
  }
  return { values, count, length };
}

/** A plain d3 drawing of many series: one SVG path per series. */
function d3Lines(container, series, width, height) {
  const { values, count, length } = series;
  let low = Infinity;
  let high = -Infinity;
  for (const v of values) {
    low = Math.min(low, v);
    high = Math.max(high, v);
  }
  const x = scaleLinear()
    .domain([0, length - 1])
    .range([0, width]);
  const y = scaleLinear().domain([low, high]).range([height, 0]);
  const path = (i) => {
    let d = "";
    for (let k = 0; k < length; k++)
      d += `${k === 0 ? "M" : "L"}${x(k).toFixed(1)},${y(values[i * length + k]).toFixed(1)}`;
    return d;
  };
  select(container)
    .append("svg")
    .attr("width", width)
    .attr("height", height)
    .append("g")
    .attr("fill", "none")
    .attr("stroke", "#1565c0")
    .attr("stroke-opacity", 0.1)
    .selectAll("path")
    .data(Array.from({ length: count }, (_, i) => i))
    .join("path")
    .attr("d", path);
}

globalThis.chartsBench = {
  async polylines(count, length, repeats) {
    const series = walks(count, length, 7);
    const highlight = Array.from({ length: Math.round(count / 20) }, (_, k) => k * 20);
    const [clearbox, d3] = await medians(
      [
        (el) => polylineChart(el, { series, highlight }, { width: 800, height: 420, context: "lines" }),
        (el) => d3Lines(el, series, 800, 380),
      ],
      repeats,
    );
    const [density] = await medians(
      [(el) => polylineChart(el, { series, highlight }, { width: 800, height: 420, context: "density" })],
      repeats,
    );
    return { clearbox, d3, density };
  },
  async densityContext(count, length, repeats) {
    const series = walks(count, length, 9);
    const [density] = await medians(
      [(el) => polylineChart(el, { series, highlight: [0, 1, 2] }, { width: 800, height: 420, context: "density" })],
      repeats,
    );
    return density;
  },
  /** Moves of the overview's brush (mouse events, as a person drags): from each move until the frame is painted. */
  async brushMove(count, length, repeats, context) {
    const series = walks(count, length, 7);
    const highlight = Array.from({ length: Math.round(count / 20) }, (_, k) => k * 20);
    const container = document.createElement("div");
    document.body.append(container);
    const svg = polylineChart(container, { series, highlight }, { width: 800, height: 420, context });
    await painted();
    const overlay = svg.querySelector("g.overview .overlay");
    const box = overlay.getBoundingClientRect();
    const at = (share) => ({
      clientX: box.x + share * box.width,
      clientY: box.y + box.height / 2,
      bubbles: true,
      view: window,
    });
    overlay.dispatchEvent(new MouseEvent("mousedown", at(0.2)));
    const times = [];
    for (let r = 0; r < repeats + 1; r++) {
      const start = performance.now();
      window.dispatchEvent(new MouseEvent("mousemove", at(0.5 + 0.03 * r)));
      await painted();
      if (r > 0) times.push(performance.now() - start);
    }
    window.dispatchEvent(new MouseEvent("mouseup", at(0.5 + 0.03 * repeats)));
    await painted();
    container.remove();
    times.sort((a, b) => a - b);
    return times[Math.floor(times.length / 2)];
  },
  /** The end of a brush: the chart redrawn in place at the new focused range, its context painted anew. */
  async brushRedraw(count, length, repeats, context) {
    const series = walks(count, length, 7);
    const highlight = Array.from({ length: Math.round(count / 20) }, (_, k) => k * 20);
    const container = document.createElement("div");
    document.body.append(container);
    polylineChart(container, { series, highlight }, { width: 800, height: 420, context });
    await painted();
    const times = [];
    for (let r = 0; r < repeats + 1; r++) {
      const from = 10 + (r % 5) * 10;
      const start = performance.now();
      polylineChart(container, { series, highlight }, { width: 800, height: 420, context, range: [from, from + 80] });
      await painted();
      if (r > 0) times.push(performance.now() - start);
    }
    container.remove();
    times.sort((a, b) => a - b);
    return times[Math.floor(times.length / 2)];
  },
  async rankGraph(clusters, members, repeats) {
    let state = 3;
    const next = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
    const data = {
      clusters: Array.from({ length: clusters }, (_, c) => ({
        label: `c${c}`,
        importance: next() ** 2,
        uncertainty: Array.from({ length: 20 }, () => next()),
        members: Array.from({ length: members / clusters }, (_, k) => ({ label: `m${c}.${k}`, importance: next() })),
      })),
      links: Array.from({ length: 2 * clusters }, () => ({
        source: Math.floor(next() * clusters),
        target: Math.floor(next() * clusters),
      })).filter((l) => l.source !== l.target),
    };
    const [time] = await medians([(el) => rankGraph(el, data, { width: 900, height: 700, seed: 1 })], repeats);
    return time;
  },
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
