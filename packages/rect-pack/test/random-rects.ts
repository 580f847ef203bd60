import { createRandom } from "@clearbox/core";
import type { RectSize } from "../src/index.js";

/** The bench's random rectangles: n of them, sides 10–100, from a seed. */
export function randomRects(n: number, seed: number): RectSize[] {
  const random = createRandom(seed);
  return Array.from({ length: n }, () => ({ width: 10 + random.int(91), height: 10 + random.int(91) }));
}
