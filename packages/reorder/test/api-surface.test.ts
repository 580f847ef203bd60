import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { exportedNames } from "@clearbox/test-kit/exported-names";

// Pins the public API: adding or removing an export must be a deliberate change to this list.
const expected = [
  "HELD_KARP_DEFAULT_LIMIT",
  "HELD_KARP_HARD_LIMIT",
  "distanceMatrix",
  "heldKarp",
  "pathCost",
  "reorderRows",
  "seriationCriteria",
  "similarityMatrix",
];

describe("@clearbox/reorder public API", () => {
  it("exports exactly the documented names from the built ESM and CJS entry points", () => {
    const { esm, cjs } = exportedNames(fileURLToPath(new URL("..", import.meta.url)), "@clearbox/reorder");
    expect(esm).toEqual(expected);
    expect(cjs).toEqual(expected);
  });
});
