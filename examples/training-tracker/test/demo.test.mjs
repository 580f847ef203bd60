// `pnpm demo --only training-tracker --fast` end to end: the harness runs the pipeline and writes a self-contained report.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const harness = fileURLToPath(new URL("../../../scripts/demo/run.mjs", import.meta.url));

it("writes demo-output/training-tracker.html: loss, the DAG at the anomaly, the three panels with recall, credit", () => {
  const out = mkdtempSync(join(tmpdir(), "demo-"));
  try {
    const log = execFileSync(process.execPath, [harness, "--only", "training-tracker", "--fast", "--out", out], {
      encoding: "utf8",
    });
    expect(log).toMatch(/\[training-tracker\] --fast: reading the cached run/);
    const html = readFileSync(join(out, "training-tracker.html"), "utf8");
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
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
