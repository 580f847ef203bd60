// `pnpm demo --only training-tracker --fast` end to end: the harness runs the pipeline and writes a self-contained report.
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { runDemo } from "@clearbox/demo-kit/example-demo";

it("writes demo-output/training-tracker.html: loss, the DAG at the anomaly, the three panels with recall, credit", () => {
  const { log, html } = runDemo("training-tracker", ["--fast"]);
  expect(log).toMatch(/\[training-tracker\] --fast: reading the cached run/);
  for (const heading of [
    "The run and its planted anomaly",
    "Loss",
    "The dataflow at step 155",
    "all, random, blue noise",
    "Credit of unit 17",
  ]) {
    expect(html).toContain(heading);
  }
  expect(html).toMatch(/blue noise \(fresh, at the end\)<\/td><td>56 %/);
  expect(html.match(/<svg/g).length).toBeGreaterThanOrEqual(10);
  expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
});

it("opens a recorded run with --run: a PyTorch checkpoint folder and a run folder", () => {
  const fixtures = new URL("../../../packages/dgmtracker/test/fixtures/pytorch-run/", import.meta.url);
  for (const [folder, read] of /** @type {Array<[string, RegExp]>} */ ([
    ["checkpoints", /reading the checkpoint folder/],
    ["run", /reading the run folder/],
  ])) {
    const { log, html } = runDemo("training-tracker", ["--run", fileURLToPath(new URL(folder, fixtures))]);
    expect(log).toMatch(read);
    expect(html).toContain("The dataflow at step");
    expect(html).toMatch(/weights series of|gradients series of|activations series of/);
    expect(html.match(/<svg/g).length).toBeGreaterThanOrEqual(5);
  }
});
