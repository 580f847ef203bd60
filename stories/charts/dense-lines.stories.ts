import type { Meta, StoryObj } from "@storybook/html";
import { expect, waitFor } from "storybook/test";
import { polylineChart } from "@clearbox/charts";
import type { PolylineOptions } from "@clearbox/charts";
import { weightTrajectories } from "@clearbox/fixtures/weight-trajectories";
import { expectReadableLabels } from "../lib/readable-labels.js";

interface Args {
  /** Series drawn (the density counts all but the 200 drawn as lines). */
  count: number;
}

type Progress = Parameters<NonNullable<PolylineOptions["onDensity"]>>[0];

/** Every frame's time from now until `stop()`, by requestAnimationFrame. */
function frameCounter() {
  const times: number[] = [];
  let running = true;
  const tick = (t: number) => {
    times.push(t);
    if (running) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  return {
    times,
    stop: () => (running = false),
    running: () => running,
  };
}

/**
 * `polylineChart`'s DenseLines context drawn off the main thread: 10⁵ series × 200 steps (200 of them as SVG lines,
 * 12 oscillating ones as outliers on top), the others counted by a worker into an OffscreenCanvas — a first picture
 * from a spread-out 1,000, refined
 * chunk by chunk — while this page keeps drawing frames (the status line counts them). Brush the overview: the lines
 * follow at once, the density is stretched while the brush moves and counted anew for the new range when it ends.
 */
const meta: Meta<Args> = {
  afterEach: expectReadableLabels,
  title: "charts/polylineChart DenseLines",
  args: { count: 100_000 },
  argTypes: { count: { control: { type: "select" }, options: [20_000, 100_000] } },
  render: ({ count }) => {
    const length = 200;
    const oscillating: number[] = [];
    const values = weightTrajectories(count, length, oscillating);
    const root = document.createElement("div");
    root.style.cssText = "font:13px system-ui,sans-serif";
    const status = document.createElement("p");
    status.dataset.role = "status";
    const chart = document.createElement("div");
    const highlight = Array.from({ length: 200 }, (_, k) => Math.floor((k * count) / 200));
    const paints: Progress[] = [];
    const frames = frameCounter();
    const start = performance.now();
    let firstPaint = 0;
    const svg = polylineChart(
      chart,
      { series: { values, count, length }, highlight, outliers: oscillating.slice(0, 12) },
      {
        width: 1100,
        height: 460,
        context: "density",
        title: `${count.toLocaleString("en")} series × ${length} steps, a DenseLines density painted in a worker`,
        onDensity: (progress) => {
          paints.push(progress);
          firstPaint ||= performance.now() - start;
          const counted = `${progress.series.toLocaleString("en")} of ${progress.total.toLocaleString("en")} series`;
          // Timed once: later counts are for a brushed range.
          const first = progress.complete && frames.running();
          status.textContent = !progress.complete
            ? `Counting: ${counted}…`
            : first
              ? `Density complete: ${counted}, ${(performance.now() - start).toFixed(0)} ms after the call (first ` +
                `picture after ${firstPaint.toFixed(0)} ms); the page drew ${frames.times.length} frames meanwhile.`
              : `Density complete for the brushed range: ${counted}.`;
          if (progress.complete) frames.stop();
        },
      },
    );
    status.dataset.returnedAfter = String(performance.now() - start);
    (root as HTMLElement & { paints?: Progress[]; frames?: number[] }).paints = paints;
    (root as HTMLElement & { paints?: Progress[]; frames?: number[] }).frames = frames.times;
    root.append(chart, status);
    void svg;
    return root;
  },
};
export default meta;

type Story = StoryObj<Args>;

/** Each column of a complete DenseLines raster sums to the series that cross it: all of them, or none. */
function expectColumnsConserved(progress: Progress) {
  const { raster, columns, rows, total } = progress;
  if (raster === undefined) throw new Error("a complete density carries its raster");
  let crossed = 0;
  for (let c = 0; c < columns; c++) {
    let sum = 0;
    for (let r = 0; r < rows; r++) sum += raster[r * columns + c];
    if (sum === 0) continue;
    crossed++;
    // float32 sums of 10⁵ fractions; a series exactly on the lowest value may fall below the last row (< 0.1 %).
    expect(Math.abs(sum - total)).toBeLessThan(1e-3 * total);
  }
  return crossed;
}

export const HundredThousandSeries: Story = {
  play: async ({ canvasElement }) => {
    const root = canvasElement.firstElementChild as HTMLElement & { paints: Progress[]; frames: number[] };
    const svg = canvasElement.querySelector<SVGSVGElement>("svg.clearbox-chart")!;
    const context = svg.querySelector("g.context")!;
    await expect(context.getAttribute("data-mode")).toBe("offscreen density");
    await waitFor(() => expect(context.getAttribute("data-density")).toBe("complete"), { timeout: 30_000 });
    const { paints, frames } = root;
    // Progressive: the first paint is of a subset, the last of every series not drawn as a line.
    await expect(paints[0].complete).toBe(false);
    await expect(paints[0].series).toBeLessThan(paints[0].total);
    await expect(paints.at(-1)!.series).toBe(paints.at(-1)!.total);
    // Every series is either an SVG line or in the density.
    await expect(paints.at(-1)!.total).toBe(100_000 - svg.querySelectorAll("path.series").length);
    // The main thread was free while the worker counted: frames were drawn between the paints, not only after.
    await expect(frames.length).toBeGreaterThanOrEqual(paints.length);
    // Every column of the plot is crossed by every series.
    await expect(expectColumnsConserved(paints.at(-1)!)).toBeGreaterThan(0.99 * paints.at(-1)!.columns);

    // The brush: a move redraws the lines and axis at once (it does not wait for the worker)…
    const overlay = svg.querySelector<SVGRectElement>("g.overview .overlay")!;
    const box = overlay.getBoundingClientRect();
    const at = (share: number) => ({
      clientX: box.x + share * box.width,
      clientY: box.y + box.height / 2,
      bubbles: true,
      view: window,
    });
    const before = svg.querySelector("path.series")!.getAttribute("d");
    overlay.dispatchEvent(new MouseEvent("mousedown", at(0.25)));
    window.dispatchEvent(new MouseEvent("mousemove", at(0.5)));
    const [from, to] = svg.getAttribute("data-range")!.split(",").map(Number);
    await expect(from).toBeGreaterThan(40);
    await expect(to).toBeLessThan(110);
    await expect(svg.querySelector("path.series")!.getAttribute("d")).not.toBe(before);
    await expect((svg.querySelector("g.context foreignObject > *") as HTMLElement).style.transform).toContain("scaleX");
    // …and its end has the worker count the focused range anew, from the series it kept.
    const painted = paints.length;
    window.dispatchEvent(new MouseEvent("mouseup", at(0.5)));
    await expect(context.getAttribute("data-density")).toBe("partial");
    await waitFor(() => expect(context.getAttribute("data-density")).toBe("complete"), { timeout: 30_000 });
    const refined = paints.at(-1)!;
    await expect(paints.length).toBeGreaterThan(painted);
    await expect(refined.series).toBe(refined.total);
    await expect(expectColumnsConserved(refined)).toBeGreaterThan(0.99 * refined.columns);
    await expect((svg.querySelector("g.context foreignObject > *") as HTMLElement).style.transform).toBe("");
  },
};

/** The smallest input's pixels, read back from a canvas (a worker's placeholder canvas too) at its own size. */
function pixels(canvas: HTMLCanvasElement, width: number, height: number): Uint8ClampedArray {
  const scratch = document.createElement("canvas");
  scratch.width = width;
  scratch.height = height;
  const context = scratch.getContext("2d")!;
  context.drawImage(canvas, 0, 0);
  return context.getImageData(0, 0, width, height).data;
}

/**
 * The worker's picture is the main thread's: 2,000 series × 60 steps drawn both ways (`offThread: "always"` and
 * `"never"`) give the same pixels; an aborted signal stops the worker where it got to; `destroy()` ends it.
 */
export const SameAsMainThread: Story = {
  args: { count: 20_000 },
  play: async ({ canvasElement }) => {
    const [count, length] = [2_000, 60];
    const values = new Float32Array(count * length).map((_, p) => Math.sin(p / 7) + ((p * 7919) % 101) / 200);
    const draw = (offThread: "always" | "never", more: PolylineOptions = {}) => {
      const host = document.createElement("div");
      canvasElement.append(host);
      const paints: Progress[] = [];
      const svg = polylineChart(
        host,
        { series: { values, count, length }, highlight: [0] },
        { width: 500, height: 260, context: "density", offThread, onDensity: (p) => paints.push(p), ...more },
      );
      return { host, svg, paints };
    };
    const worker = draw("always");
    const main = draw("never");
    await expect(worker.svg.querySelector("g.context")!.getAttribute("data-mode")).toBe("offscreen density");
    await expect(main.svg.querySelector("g.context")!.getAttribute("data-mode")).toBe("canvas density");
    await waitFor(() => expect(worker.paints.at(-1)?.complete).toBe(true), { timeout: 20_000 });
    // The placeholder canvas shows the worker's frame once it is committed: wait for a rendered frame.
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const { columns, rows } = worker.paints.at(-1)!;
    const a = pixels(worker.svg.querySelector("canvas")!, columns, rows);
    const b = pixels(main.svg.querySelector("canvas")!, columns, rows);
    let differ = 0;
    let largest = 0;
    for (let p = 0; p < a.length; p++) {
      if (a[p] !== b[p]) differ++;
      largest = Math.max(largest, Math.abs(a[p] - b[p]));
    }
    // The worker counts float32 rows in another order: a colour may round to its neighbour, nothing more.
    await expect(largest).toBeLessThanOrEqual(4);
    await expect(differ).toBeLessThan(0.01 * a.length);
    await expect(a.some((v) => v !== 0)).toBe(true);

    worker.host.remove();
    main.host.remove();

    // An abort, and a destroy(), at the first paint: the worker stops there, the picture stays partial.
    const wide = { values: weightTrajectories(20_000, 200), count: 20_000, length: 200 };
    const controller = new AbortController();
    const stopped = (stop: (svg: SVGSVGElement & { destroy(): void }) => void) => {
      const host = document.createElement("div");
      canvasElement.append(host);
      const paints: Progress[] = [];
      const svg = polylineChart(
        host,
        { series: wide, highlight: [0] },
        {
          context: "density",
          width: 500,
          height: 260,
          signal: stop === abort ? controller.signal : undefined,
          onDensity: (p) => {
            paints.push(p);
            if (paints.length === 1) stop(svg);
          },
        },
      );
      return { host, svg, paints };
    };
    const abort = () => controller.abort();
    const aborted = stopped(abort);
    const destroyed = stopped((svg) => svg.destroy());
    await waitFor(() => expect(aborted.paints.length + destroyed.paints.length).toBe(2), { timeout: 20_000 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    await expect(aborted.paints.length).toBe(1);
    await expect(aborted.paints[0].complete).toBe(false);
    await expect(aborted.svg.querySelector("g.context")!.getAttribute("data-density")).toBe("partial");
    await expect(destroyed.paints.length).toBe(1);
    await expect(destroyed.svg.isConnected).toBe(false);
    aborted.host.remove();
    destroyed.host.remove();
  },
};
