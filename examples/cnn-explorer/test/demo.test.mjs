// `pnpm demo --only cnn-explorer --fast` end to end: the harness runs the pipeline and writes a self-contained report.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const harness = fileURLToPath(new URL("../../../scripts/demo/run.mjs", import.meta.url));

it("writes demo-output/cnn-explorer.html with every CNNVis view, inline", () => {
  const out = mkdtempSync(join(tmpdir(), "demo-"));
  try {
    const log = execFileSync(process.execPath, [harness, "--only", "cnn-explorer", "--fast", "--out", out], {
      encoding: "utf8",
    });
    expect(log).toMatch(/\[cnn-explorer\] analysing 300 test digits/);
    expect(log).toMatch(/1 report\(s\)/);
    const html = readFileSync(join(out, "cnn-explorer.html"), "utf8");
    for (const heading of [
      "The network and its accuracy",
      "Clusters of every layer group",
      "Packed clusters",
      "Reordered activation matrix",
      "LRP",
    ]) {
      expect(html).toContain(heading);
    }
    expect(html.match(/<svg/g).length).toBeGreaterThanOrEqual(10); // bundles, 6 packed clusters, matrix, 2 LRP maps
    expect(html).toMatch(/Test accuracy 9\d\.\d %/);
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/); // self-contained: no script, nothing fetched
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

it("names the examples when --only is wrong", () => {
  expect(() =>
    execFileSync(process.execPath, [harness, "--only", "nope"], { encoding: "utf8", stdio: "pipe" }),
  ).toThrow(/no example called "nope"; the examples are .*cnn-explorer/);
});
