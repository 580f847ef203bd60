import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { exportedNames } from "@clearbox/test-kit/exported-names";

// Pins the public API: adding or removing an export must be a deliberate change to this list.
const expected = [
  "createRunWriter",
  "createTracker",
  "dataflow",
  "decodeTensorBoardScalars",
  "memoryStorage",
  "openRun",
  "randomSample",
  "sampleRun",
];

describe("@clearbox/dgmtracker public API", () => {
  it("exports exactly the documented names from the built ESM and CJS entry points", () => {
    const { esm, cjs } = exportedNames(fileURLToPath(new URL("..", import.meta.url)), "@clearbox/dgmtracker");
    expect(esm).toEqual(expected);
    expect(cjs).toEqual(expected);
  });
});
