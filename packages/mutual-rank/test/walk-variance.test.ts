import { describe, expect, it } from "vitest";
import { createRandom } from "@clearbox/core";
import { WalkStore } from "../src/walk-store.js";
import { walkVariance } from "../src/walk-variance.js";

/** The variance by its definition: per start, each walk's visit counts in a Map, the sample variance over R walks. */
function naiveVariance(store: WalkStore, prior: Float64Array, R: number, c: number): Float64Array {
  const v = new Float64Array(prior.length);
  for (let i = 0; i < prior.length; i++) {
    const counts = Array.from({ length: R }, (_, r) => {
      const k = i * R + r;
      const m = new Map<number, number>();
      for (const j of store.steps.subarray(store.start[k], store.start[k] + store.length[k]))
        m.set(j, (m.get(j) ?? 0) + 1);
      return m;
    });
    const reached = new Set(counts.flatMap((m) => [...m.keys()]));
    for (const j of reached) {
      const x = counts.map((m) => m.get(j) ?? 0);
      const mean = x.reduce((a, b) => a + b, 0) / R;
      const s2 = R > 1 ? x.reduce((a, b) => a + (b - mean) ** 2, 0) / (R - 1) : mean;
      v[j] += prior[i] ** 2 * (R > 1 ? s2 / R : mean / R);
    }
  }
  return v.map((x) => x * c * c);
}

describe("walkVariance", () => {
  it.each([1, 2, 5, 30])("equals the per-walk sample variance by definition (R = %i), long walks included", (R) => {
    const random = createRandom(R);
    const size = 40;
    const store = new WalkStore(size * R, size, 8);
    // d = 0.97 makes some walks hundreds of steps long: the scratch grows and the native sort takes over.
    const goOn = () => random.next() < 0.97;
    const next = () => random.int(size);
    for (let k = 0; k < size * R; k++) store.walk(k, Math.floor(k / R), goOn, next);
    const prior = Float64Array.from({ length: size }, () => random.next());
    const got = walkVariance(store, prior, R, 0.03);
    const want = naiveVariance(store, prior, R, 0.03);
    for (let j = 0; j < size; j++) expect(got[j]).toBeCloseTo(want[j], 12);
    expect(Math.max(...want)).toBeGreaterThan(0);
  });
});
