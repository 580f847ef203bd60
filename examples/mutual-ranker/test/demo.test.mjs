// `pnpm demo --only mutual-ranker` end to end: the harness runs the pipeline and writes a self-contained report.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const harness = fileURLToPath(new URL("../../../scripts/demo/run.mjs", import.meta.url));

it("writes demo-output/mutual-ranker.html with the rankings, graphs and the computed n-precision table", () => {
  const out = mkdtempSync(join(tmpdir(), "demo-"));
  try {
    const log = execFileSync(process.execPath, [harness, "--only", "mutual-ranker", "--out", out], {
      encoding: "utf8",
    });
    expect(log).toMatch(/\[mutual-ranker\] n-precision/);
    const html = readFileSync(join(out, "mutual-ranker.html"), "utf8");
    for (const heading of [
      "Top posts, users and hashtags",
      "Rank graph of hashtag clusters",
      "Propagation flow map",
      "n-precision, n = 200",
      "The other collections",
    ]) {
      expect(html).toContain(heading);
    }
    expect(html.match(/<svg/g).length).toBe(3);
    expect(html).toMatch(/edit 5: lower #\w+/);
    expect(html).toMatch(/PageRank on the user–user graph/);
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org|t\.co)/);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
