import { describe, expect, it } from "vitest";
import { lrp } from "../src/index.js";
import type { Network } from "../src/index.js";

// The worked example of docs/packages/credit.md is a fragment (it reads the digits from disk, which the page's
// reader does elsewhere), so it is run here, on the real digits CNN; the README's examples run from the docs tests.
describe("the docs' digits example", () => {
  it("relevance plus what the layers absorbed adds up to the explained logit", async () => {
    const { readFileSync } = await import("node:fs");
    const { forwardPass, prepareNetwork } = await import("../src/index.js");
    const read = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), "utf8");
    const trained = JSON.parse(read("data/digits/digits-cnn.json")) as { network: Network };
    const pixels = read("data/digits/digits.csv").split("\n")[1200].split(",").map(Number).slice(0, 64);

    const network = prepareNetwork(trained.network);
    const x = pixels.map((v) => v / 16);
    const logits = forwardPass(network, x).activations[5];
    const predicted = logits.indexOf(Math.max(...logits));
    const { relevance, absorbed } = lrp(network, x, {
      rules: ["zb", "gamma", "gamma", "epsilon", "epsilon"],
      low: 0,
      high: 1,
      target: predicted,
    });
    expect(predicted).toBe(7); // row 1200 is a 7
    const total = Array.from(relevance[0]).reduce((s, v) => s + v, 0) + absorbed.reduce((s, v) => s + v, 0);
    expect(total).toBeCloseTo(logits[predicted], 4);
  });
});
