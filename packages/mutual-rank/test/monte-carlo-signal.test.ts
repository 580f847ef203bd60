import { describe, expect, it } from "vitest";
import { createRandom } from "@clearbox/core";
import { createModel, monteCarloScores } from "../src/index.js";
import { signalFiringAt } from "@clearbox/test-kit/signal-firing-at";

/** 5,000 nodes, 20,000 random edges, two types. */
function model() {
  const random = createRandom(3);
  const n = 5000;
  const edges: Array<[number, number, number]> = [];
  for (let e = 0; e < 4 * n; e++) edges.push([random.int(n), random.int(n), 1]);
  return createModel({ types: ["a", "b"], nodeType: Int32Array.from({ length: n }, (_, i) => i % 2), edges });
}

describe("monteCarloScores and its signal", () => {
  const m = model();
  const options = { walksPerNode: 8, seed: 2 };

  it("checks the signal through the walks, the summing and the variance, and stops at the check that sees the abort", () => {
    const quiet = signalFiringAt(0);
    const progress: number[] = [];
    const result = monteCarloScores(m, {
      ...options,
      signal: quiet as unknown as AbortSignal,
      onProgress: (f) => progress.push(f),
    });
    // 5,000 start nodes: 20 checks in the walks (every 256), 5 in the variance (every 1,024), setup and summing.
    expect(quiet.reads).toBeGreaterThan(25);
    expect(monteCarloScores(m, options)).toEqual(result); // the checks change nothing
    // Progress rises to 1, and goes on past the walks' three quarters while the variance is computed.
    expect(progress.at(-1)).toBe(1);
    expect(progress.every((f, i) => i === 0 || f > progress[i - 1])).toBe(true);
    expect(progress.some((f) => f > 0.8 && f < 1)).toBe(true);
    for (const fraction of [0.05, 0.5, 0.9, 0.99]) {
      const at = Math.max(1, Math.round(quiet.reads * fraction));
      const signal = signalFiringAt(at);
      expect(() => monteCarloScores(m, { ...options, signal: signal as unknown as AbortSignal })).toThrow(
        expect.objectContaining({ code: "E_ABORTED" }),
      );
      expect(signal.reads, `fired at read ${at}`).toBe(at);
    }
  });
});
