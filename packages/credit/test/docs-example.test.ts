import { describe, expect, it } from "vitest";
import { lrp } from "../src/index.js";
import type { Network } from "../src/index.js";

// The example of the package README.
describe("the documented example", () => {
  it("prints what the README says", () => {
    const network: Network = {
      layers: [
        {
          type: "dense",
          kernel: [
            [1, -1],
            [0.5, 2],
          ],
          bias: [0, 0],
          activation: "relu",
        },
        { type: "dense", kernel: [[1], [1]], bias: [0], activation: "linear" },
      ],
    };
    const { relevance } = lrp(network, [1, 2], { rule: "lrp0" });
    // Hidden z = [2, 3] shares [1, 1] and [-1, 4]: the inputs get [0, 5], the output is 5.
    expect(Array.from(relevance[0])).toEqual([0, 5]);
    expect(Array.from(relevance[2])).toEqual([5]);
  });
});
