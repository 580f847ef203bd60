/* global requestAnimationFrame, MessageChannel, MouseEvent, PerformanceObserver -- runs in the browser page */
// The in-page half of the charts-dense bench (bundled as an ES module by charts-dense.mjs, served over HTTP so that
// polylineChart's density worker loads from beside it): polylineChart's DenseLines context at 10⁵ × 200, in a worker
// and on the main thread, with the page's frames and long tasks recorded while it draws.
import { polylineChart } from "@clearbox/charts";
import { weightTrajectories } from "@clearbox/fixtures/weight-trajectories";

// A message posted from a requestAnimationFrame callback is handled once that frame has been painted.
const painted = () =>
  new Promise((resolve) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(null);
    }),
  );

/** Frame times (requestAnimationFrame) and long tasks (≥ 50 ms, PerformanceObserver) until stop(). */
function recorder() {
  const frames = [];
  const longTasks = [];
  let running = true;
  const tick = (t) => {
    frames.push(t);
    if (running) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasks.push({ start: entry.startTime, duration: entry.duration });
  });
  observer.observe({ type: "longtask" });
  return {
    stop() {
      running = false;
      observer.disconnect();
      return { frames, longTasks };
    },
  };
}

/** The longest time between two frames (or from `from` to the first frame) in `[from, to]`. */
function longestGap(frames, from, to) {
  let last = from;
  let gap = 0;
  for (const t of frames) {
    if (t < from) continue;
    if (t > to) break;
    gap = Math.max(gap, t - last);
    last = t;
  }
  return gap;
}

const size = { width: 1100, height: 460 };
const highlightOf = (count) => Array.from({ length: 200 }, (_, k) => Math.floor((k * count) / 200));
const overlayPoint = (svg) => {
  const box = svg.querySelector("g.overview .overlay").getBoundingClientRect();
  return (share) => ({
    clientX: box.x + share * box.width,
    clientY: box.y + box.height / 2,
    bubbles: true,
    view: window,
  });
};

/** One brush drag of `moves` mousemoves, each timed until the frame that shows it is painted. */
async function brushMoves(svg, moves) {
  const at = overlayPoint(svg);
  svg.querySelector("g.overview .overlay").dispatchEvent(new MouseEvent("mousedown", at(0.2)));
  const times = [];
  for (let r = 0; r < moves; r++) {
    const start = performance.now();
    window.dispatchEvent(new MouseEvent("mousemove", at(0.5 + 0.03 * r)));
    await painted();
    times.push(performance.now() - start);
  }
  return { times, end: () => window.dispatchEvent(new MouseEvent("mouseup", at(0.5 + 0.03 * (moves - 1)))) };
}

const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];

globalThis.denseBench = {
  /** The worker's density: call, first paint shown, complete; frames and long tasks meanwhile; brush moves. */
  async offThread(count, length, moves) {
    const values = weightTrajectories(count, length);
    const container = document.createElement("div");
    document.body.append(container);
    await painted();
    const record = recorder();
    let firstShown;
    let complete;
    let view = 0;
    const views = [];
    const done = () => new Promise((resolve) => views.push(resolve));
    const start = performance.now();
    const svg = polylineChart(
      container,
      { series: { values, count, length }, highlight: highlightOf(count) },
      {
        ...size,
        context: "density",
        onDensity: (p) => {
          if (firstShown === undefined) painted().then(() => (firstShown = performance.now() - start));
          if (p.complete) views[view]?.(performance.now());
        },
      },
    );
    const returned = performance.now() - start;
    complete = (await done()) - start;
    const { frames, longTasks } = record.stop();
    const gap = longestGap(frames, start + returned, start + complete);
    const tasks = longTasks.filter((t) => t.start >= start + returned - 1 && t.start < start + complete);
    // The brush after the count: moves stretch the canvas and redraw the lines; its end has the worker re-count.
    const drag = await brushMoves(svg, moves);
    view++;
    const recount = done();
    const endStart = performance.now();
    drag.end();
    const recounted = (await recount) - endStart;
    // And while a count runs: a brush ended, then at once another drag.
    const short = await brushMoves(svg, 1);
    view++;
    void done();
    short.end();
    const during = await brushMoves(svg, moves);
    view++;
    const again = done();
    during.end();
    await again;
    svg.destroy();
    container.remove();
    return {
      mode: svg.querySelector("g.context")?.getAttribute("data-mode"),
      returned,
      firstShown,
      complete,
      frames: frames.filter((t) => t > start + returned && t <= start + complete).length,
      longestGap: gap,
      longTasks: tasks.length,
      longestTask: tasks.reduce((m, t) => Math.max(m, t.duration), 0),
      moveAfter: median(drag.times),
      moveDuring: median(during.times),
      recounted,
    };
  },
  /** The same chart painted on the main thread (offThread: "never"): call until the frame showing it is painted. */
  async mainThread(count, length) {
    const values = weightTrajectories(count, length);
    const container = document.createElement("div");
    document.body.append(container);
    await painted();
    const start = performance.now();
    const svg = polylineChart(
      container,
      { series: { values, count, length }, highlight: highlightOf(count) },
      { ...size, context: "density", offThread: "never" },
    );
    const returned = performance.now() - start;
    await painted();
    const shown = performance.now() - start;
    svg.destroy();
    container.remove();
    return { returned, shown };
  },
};
