import { describe, expect, it } from "vitest";
import { createRandom } from "@clearbox/core";
import { createModel, solveExact } from "../src/index.js";
import { gaussSeidel } from "../src/gauss-seidel.js";
import { TransposedRows } from "../src/transposed-rows.js";

const l1 = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i] - b[i]);
  return sum;
};

/** Directed, skewed targets, a fifth of the nodes without out-edges (dangling), three types, a random prior with zeros. */
function graph(seed: number) {
  const random = createRandom(seed);
  const n = 600;
  const edges: Array<[number, number, number]> = [];
  for (let e = 0; e < 3000; e++) {
    const a = random.int(n);
    const b = Math.floor(n * random.next() ** 2);
    if (a % 5 !== 0 && a !== b) edges.push([a, b, 1 + random.int(3)]);
  }
  const prior = Float64Array.from({ length: n }, (_, i) => (i % 7 === 0 ? 0 : random.next()));
  const input = { types: ["p", "u", "h"], nodeType: Int32Array.from({ length: n }, (_, i) => i % 3), edges };
  return { input, prior };
}

describe("gaussSeidel", () => {
  it("reaches solveExact's fixed point (dangling rows, zero priors) from a uniform and from a warm start", () => {
    for (const seed of [1, 2, 3]) {
      const { input, prior } = graph(seed);
      const model = createModel(input, { symmetric: false, prior });
      const exact = solveExact(model, { tolerance: 1e-14 }).scores;
      const cold = gaussSeidel(
        model,
        new TransposedRows(model),
        new Float64Array(model.size).fill(1 / model.size),
        1e-13,
        1000,
      );
      expect(l1(cold.scores, exact)).toBeLessThan(1e-10);
      // Warm: the fixed point of another prior. The sweeps are printed beside power iteration's to the same change: on
      // this graph (a fifth of the rows dangling, edges mostly to earlier nodes, which a sweep reaches first) no fewer.
      const other = createModel(input, { symmetric: false });
      const warm = gaussSeidel(model, new TransposedRows(model), solveExact(other).scores, 1e-8, 1000);
      const power = solveExact(model, { tolerance: 1e-8 });
      expect(l1(warm.scores, exact)).toBeLessThan(1e-6);
      expect(l1(power.scores, exact)).toBeLessThan(1e-6);
      console.log(`seed ${seed}: Gauss–Seidel ${warm.iterations} sweeps, power iteration ${power.iterations}`);
    }
  });

  it("reads the rows an edit rewrote once they are refreshed", () => {
    const { input, prior } = graph(4);
    const model = createModel(input, { symmetric: false, prior });
    const transposed = new TransposedRows(model);
    const edited = createModel(input, { symmetric: false, prior: prior.map((w, i) => (i === 3 ? 50 * w : w)) });
    // The same CSR layout; only the values differ (rows pointing at node 3 renormalise).
    const changed = [];
    for (let i = 0; i < model.size; i++) {
      for (let p = model.offsets[i]; p < model.offsets[i + 1]; p++) {
        if (model.transition[p] !== edited.transition[p]) {
          changed.push(i);
          break;
        }
      }
    }
    expect(changed.length).toBeGreaterThan(0);
    const start = () => new Float64Array(model.size).fill(1 / model.size);
    const exact = solveExact(edited, { tolerance: 1e-14 }).scores;
    expect(l1(gaussSeidel(edited, transposed, start(), 1e-13, 1000).scores, exact)).toBeGreaterThan(1e-3);
    transposed.refresh(edited, changed);
    expect(l1(gaussSeidel(edited, transposed, start(), 1e-13, 1000).scores, exact)).toBeLessThan(1e-10);
  });
});
