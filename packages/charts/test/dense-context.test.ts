import { describe, expect, it } from "vitest";
import { stridedOrder } from "../src/dense-context-protocol.js";

describe("the density worker's counting order", () => {
  it("is a permutation whose first batch is spread evenly over every series", () => {
    for (const [n, first] of [
      [1, 1_000],
      [999, 1_000],
      [1_000, 1_000],
      [1_001, 1_000],
      [99_800, 1_000],
      [12_345, 77],
    ]) {
      const order = stridedOrder(n, first);
      expect(new Set(order).size).toBe(n);
      expect(Math.min(...order)).toBe(0);
      expect(Math.max(...order)).toBe(n - 1);
      // The first batch: every k-th series, so no gap between two of them is wider than k.
      const batch = [...order.subarray(0, Math.min(first, n))].sort((a, b) => a - b);
      const stride = Math.ceil(n / first);
      for (let j = 1; j < batch.length; j++) expect(batch[j] - batch[j - 1]).toBeLessThanOrEqual(stride);
      expect(n - 1 - batch.at(-1)!).toBeLessThan(stride);
    }
  });
});
