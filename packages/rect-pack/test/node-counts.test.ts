import { describe, expect, it } from "vitest";
import { packOptimal } from "../src/index.js";

const squares = (n: number) => Array.from({ length: n }, (_, i) => ({ width: i + 1, height: i + 1 }));
const rectangles = (n: number) => Array.from({ length: n }, (_, i) => ({ width: i + 1, height: i + 2 }));

// The exact search's node counts on classic instances, pinned: a refactor of the search must leave them alone
// (any change to a bound, an ordering or a dominance rule moves them). Update deliberately, with the bench beside.
describe("packOptimal node counts", () => {
  it.each([
    ["squares 1…12", squares(12), false, [23, 29, 373]],
    ["squares 1…16", squares(16), false, [27, 56, 2826]],
    ["oriented 1×2…14×15", rectangles(14), false, [42, 27, 1582]],
    ["oriented 1×2…16×17", rectangles(16), false, [25, 66, 16334]],
    ["unoriented 1×2…15×16", rectangles(15), true, [34, 40, 3386]],
  ] as const)("%s", (_, rects, allowRotation, [width, height, nodes]) => {
    const result = packOptimal(rects, { allowRotation });
    expect(result.optimal).toBe(true);
    expect([result.width, result.height, result.nodes]).toEqual([width, height, nodes]);
  });
});
