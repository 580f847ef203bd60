import { assertInteger } from "@clearbox/core/internal";
import { createRandom } from "@clearbox/core";

/**
 * A uniform random sample of `count` of `n` indices, seeded, sorted: the baseline a blue-noise sample is compared
 * with (DGMTracker §4.4 shows both at the same count).
 *
 * @param n - How many to choose from.
 * @param count - How many to choose (at most n).
 * @param seed - Seed. Default 1.
 * @returns The indices, ascending.
 * @throws `E_RANGE` for n < 1 or count outside 0 … n.
 * @example
 * randomSample(2048, 100, 1); // 100 distinct indices in 0 … 2047
 */
export function randomSample(n: number, count: number, seed = 1): Int32Array {
  assertInteger(n, "n", 1);
  assertInteger(count, "count", 0, n);
  // Floyd's algorithm: count draws, no array of n.
  const random = createRandom(seed);
  const chosen = new Set<number>();
  for (let j = n - count; j < n; j++) {
    const t = random.int(j + 1);
    chosen.add(chosen.has(t) ? j : t);
  }
  return Int32Array.from(chosen).sort();
}
