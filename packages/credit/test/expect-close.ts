import { expect } from "vitest";

/**
 * |actual − expected| ≤ relative · max |expected|, plus, where given, 1e-6 · conditioning[i]: float32's share of
 * error where a denominator cancels (see propagateRef).
 */
export function expectClose(
  actual: ArrayLike<number>,
  expected: number[],
  relative = 1e-5,
  conditioning?: number[],
): void {
  const scale = Math.max(1e-12, ...expected.map(Math.abs));
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const slack = conditioning === undefined ? 0 : 1e-6 * conditioning[i];
    expect(Math.abs(actual[i] - expected[i])).toBeLessThanOrEqual(relative * scale + slack);
  }
}
