// `pnpm demo --only cnn-explorer --fast` end to end: the harness runs the pipeline and writes a self-contained report.
import { expect, it } from "vitest";
import { demoError, runDemo } from "@clearbox/demo-kit/example-demo";
import { writeOwnFiles } from "./own-files.mjs";

it("writes demo-output/cnn-explorer.html with every CNNVis view, inline", () => {
  const { log, html } = runDemo("cnn-explorer", ["--fast"]);
  expect(log).toMatch(/\[cnn-explorer\] analysing 300 test digits/);
  expect(log).toMatch(/1 report\(s\)/);
  for (const heading of [
    "The network and its accuracy",
    "Clusters of every layer group",
    "Packed clusters",
    "Reordered activation matrix",
    "LRP",
  ]) {
    expect(html).toContain(heading);
  }
  expect(html.match(/<svg/g).length).toBeGreaterThanOrEqual(10); // main view, 6 packed clusters, matrix, 2 LRP maps
  expect(html).toMatch(/class="cluster"/); // the CNNVis main view's image-filled clusters
  expect(html).toMatch(/Test accuracy 9\d\.\d %/);
  expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/); // self-contained: no script, nothing fetched
});

it("names the examples when --only is wrong", () => {
  expect(demoError(["--only", "nope"])).toMatch(/no example called "nope"; the examples are .*cnn-explorer/);
});

it("analyses your own model and image folder: --model <dir> --images <dir>", () => {
  const { modelDir, imagesDir } = writeOwnFiles(40);
  const { log, html } = runDemo("cnn-explorer", ["--model", modelDir, "--images", imagesDir]);
  expect(log).toMatch(/analysing 40 images of 10 classes/);
  expect(html).toContain("CNNVis on your model");
  expect(html).toMatch(/class="cluster"/);
  expect(html).toContain("seven");
});
