// `pnpm demo --only mutual-ranker` end to end: the harness runs the pipeline and writes a self-contained report.
import { expect, it } from "vitest";
import { runDemo } from "@clearbox/demo-kit/example-demo";

it("writes demo-output/mutual-ranker.html with the rankings, graphs and the computed n-precision table", () => {
  const { log, html } = runDemo("mutual-ranker");
  expect(log).toMatch(/\[mutual-ranker\] n-precision/);
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
});
