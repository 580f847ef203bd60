import type { Meta, StoryObj } from "@storybook/html";
import { expect } from "storybook/test";
import { dataflowDag } from "@clearbox/charts/dataflow-dag";
import { polylineChart } from "@clearbox/charts";
import { dataflow, memoryStorage, openRun, sampleRun } from "@clearbox/dgmtracker";
import type { RunReader } from "@clearbox/dgmtracker";
import manifestUrl from "../../packages/dgmtracker/test/fixtures/pytorch-run/run/run.json?url";
import statsUrl from "../../packages/dgmtracker/test/fixtures/pytorch-run/run/stats.bin?url";
import series0Url from "../../packages/dgmtracker/test/fixtures/pytorch-run/run/series-0.bin?url";
import series1Url from "../../packages/dgmtracker/test/fixtures/pytorch-run/run/series-1.bin?url";
import series2Url from "../../packages/dgmtracker/test/fixtures/pytorch-run/run/series-2.bin?url";
import { expectReadableLabels } from "../lib/readable-labels.js";

interface Args {
  /** The step the dataflow is drawn around. */
  step: number;
  /** How many of the decoder's 72 weight series each sample keeps. */
  count: number;
  kind: "weights" | "gradients";
}

/** The run's files as a page gets them (fetched), into a memory storage: what the app does with a picked folder. */
let opened: RunReader | undefined;
async function load(): Promise<RunReader> {
  if (opened) return opened;
  const urls = {
    "run.json": manifestUrl,
    "stats.bin": statsUrl,
    "series-0.bin": series0Url,
    "series-1.bin": series1Url,
    "series-2.bin": series2Url,
  };
  const files: Record<string, Uint8Array> = {};
  for (const [name, url] of Object.entries(urls)) files[name] = new Uint8Array(await (await fetch(url)).arrayBuffer());
  return (opened = openRun(memoryStorage(files)));
}

function figure(role: string, caption: string): [HTMLElement, HTMLElement] {
  const box = document.createElement("figure");
  box.style.margin = "0";
  box.dataset.role = role;
  const title = document.createElement("figcaption");
  title.textContent = caption;
  const chart = document.createElement("div");
  box.append(title, chart);
  return [box, chart];
}

/**
 * A real run written by PyTorch (Debian's python3-torch through the package's Python recorder: an autoencoder 12-6-12
 * trained by SGD for 40 steps; `packages/dgmtracker/test/fixtures/pytorch-run.py`), opened from its files as a page
 * would: the loss, the dataflow of both layers around a step, and the decoder's 72 weight series with a blue-noise
 * and a random sample of the same count.
 */
const meta: Meta<Args> = {
  afterEach: expectReadableLabels,
  title: "dgmtracker/A PyTorch run",
  args: { step: 20, count: 12, kind: "weights" },
  argTypes: {
    step: { control: { type: "range", min: 0, max: 39, step: 1 } },
    count: { control: { type: "range", min: 2, max: 72, step: 1 } },
    kind: { control: "inline-radio", options: ["weights", "gradients"] },
  },
  loaders: [async () => ({ run: await load() })],
  render: ({ step, count, kind }, { loaded }) => {
    const run = loaded.run as RunReader;
    const root = document.createElement("div");
    root.style.cssText = "font:13px system-ui,sans-serif;display:grid;gap:12px";
    root.dataset.steps = String(run.length);
    const loss = run.scalar("loss");
    const [lossBox, lossChart] = figure("loss", `loss over ${run.length} steps (PyTorch, SGD)`);
    polylineChart(
      lossChart,
      { series: { values: Float32Array.from(loss), count: 1, length: loss.length } },
      { width: 760, height: 120, title: "loss", overviewHeight: 0 },
    );
    const [flowBox, flowChart] = figure("dataflow", `${kind}: min, mean and max per layer around step ${step}`);
    const graph = [{ id: "encoder" }, { id: "decoder", parents: ["encoder"] }];
    dataflowDag(flowChart, dataflow(run, graph, kind), {
      width: 760,
      height: 160,
      step,
      window: 5,
      title: `${kind} around step ${step}`,
    });
    const { window, blue, random, quality } = sampleRun(run, "decoder", kind, { count, seed: 1 });
    const lines = document.createElement("div");
    lines.style.cssText = "display:flex;gap:12px;flex-wrap:wrap";
    for (const [role, sample, title] of [
      ["all", null, `all ${window.count} decoder ${kind}`],
      ["random", Array.from(random), `random ${count} (coverage ${quality.random.coverageMean.toFixed(3)})`],
      [
        "blue-noise",
        Array.from(blue.indices),
        `blue noise ${count} (coverage ${quality.blue.coverageMean.toFixed(3)})`,
      ],
    ] as const) {
      const [box, chart] = figure(role, title);
      polylineChart(
        chart,
        { series: window, highlight: sample ?? [] },
        { width: 250, height: 170, title, context: sample === null ? "density" : "none", overviewHeight: 0 },
      );
      lines.append(box);
    }
    root.append(lossBox, flowBox, lines);
    return root;
  },
};
export default meta;

type Story = StoryObj<Args>;

export const AutoencoderFromPyTorch: Story = {
  play: async ({ canvasElement, args }) => {
    const root = canvasElement.firstElementChild as HTMLElement;
    await expect(root.dataset.steps).toBe("40");
    await expect(canvasElement.querySelectorAll("svg.clearbox-chart").length).toBeGreaterThanOrEqual(5);
    const dag = canvasElement.querySelector<SVGSVGElement>('[data-role="dataflow"] svg.clearbox-chart')!;
    await expect(dag.querySelectorAll("g.layer").length).toBe(2);
    await expect(dag.dataset.window).toBe(`${args.step - 5},${args.step + 5}`);
    for (const role of ["random", "blue-noise"]) {
      const caption = canvasElement.querySelector(`[data-role="${role}"] figcaption`)!.textContent!;
      await expect(caption).toContain(`${args.count} (coverage`);
    }
  },
};

export const Gradients: Story = { args: { kind: "gradients", step: 35 } };
