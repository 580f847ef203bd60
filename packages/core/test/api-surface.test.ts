import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { exportedNames } from "@clearbox/test-kit/exported-names";

// Pins the public API: adding or removing an export must be a deliberate change to this list.
const expected = ["ClearboxError", "correlationSimilarity", "cosineSimilarity", "createRandom", "isClearboxError"];

// The plumbing for sibling packages (unstable, but pinned so a change is deliberate too).
const expectedInternal = [
  ...expected,
  "LONG_RUNNING_KEYS",
  "assertBoolean",
  "assertFiniteNumber",
  "assertFiniteVector",
  "assertFunction",
  "assertInRange",
  "assertInteger",
  "assertNonNegative",
  "assertOneOf",
  "assertOptions",
  "assertPositive",
  "callInWorker",
  "createProgress",
  "csrFromTriplets",
  "csrMultiplyVector",
  "csrTranspose",
  "denseRow",
  "denseToArrays",
  "describeValue",
  "inWorker",
  "isMatrixLike",
  "openWorkerSession",
  "resolveSimilarity",
  "rowCosine",
  "rowNorms",
  "serveWorker",
  "sortWithChecks",
  "squaredDistance",
  "throwIfAborted",
  "toDenseMatrix",
  "vectorCorrelation",
  "vectorCosine",
].sort();

const folder = fileURLToPath(new URL("..", import.meta.url));

describe("@clearbox/core public API", () => {
  it("exports exactly the documented names from the built ESM and CJS entry points", () => {
    const { esm, cjs } = exportedNames(folder, "@clearbox/core");
    expect(esm).toEqual(expected);
    expect(cjs).toEqual(expected);
  });

  it("keeps the plumbing behind @clearbox/core/internal", () => {
    const { esm, cjs } = exportedNames(folder, "@clearbox/core/internal");
    expect(esm).toEqual(expectedInternal);
    expect(cjs).toEqual(expectedInternal);
  });
});
