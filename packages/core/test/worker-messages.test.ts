import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ClearboxError, isClearboxError } from "../src/index.js";
import { packRows, receivedError, sendableError, transferablesOf, unpackRows } from "../src/worker-messages.js";

describe("what crosses to a worker", () => {
  it("packs equal-length number rows into one buffer and gives them back exactly (property)", () => {
    const rows = fc
      .integer({ min: 64, max: 200 })
      .chain((n) =>
        fc
          .integer({ min: 0, max: 6 })
          .chain((d) =>
            fc.array(fc.array(fc.double(), { minLength: d, maxLength: d }), { minLength: n, maxLength: n }),
          ),
      );
    fc.assert(
      fc.property(rows, (value) => {
        const packed = packRows(value);
        expect(packed).toBeDefined();
        expect(unpackRows(packed!)).toEqual(value); // NaN, -0 and ±Infinity included: the worker's checks see them
      }),
      { numRuns: 50 },
    );
  });

  it("sends anything else as it is: few rows, ragged rows, non-numbers, typed rows", () => {
    const many = (row: unknown) => Array.from({ length: 100 }, () => row);
    expect(packRows([[1, 2]])).toBeUndefined();
    expect(packRows([...many([1, 2]), [1]])).toBeUndefined();
    expect(packRows(many([1, "2"]))).toBeUndefined();
    expect(packRows(many(Float64Array.of(1, 2)))).toBeUndefined();
    expect(packRows("x")).toBeUndefined();
  });

  it("rebuilds coded errors with their code and argument, and plain errors with their name", () => {
    const coded = receivedError(sendableError(new ClearboxError("E_RANGE", "k must be ≥ 1.", { argument: "k" })));
    expect(isClearboxError(coded, "E_RANGE")).toBe(true);
    expect((coded as ClearboxError).argument).toBe("k");
    const plain = receivedError(sendableError(new RangeError("boom")));
    expect([plain.name, plain.message]).toEqual(["RangeError", "boom"]);
    expect(receivedError(sendableError("text")).message).toBe("text");
  });

  it("transfers each typed array buffer of a result once, without walking arrays of numbers", () => {
    const shared = new Float64Array(4);
    const result = { labels: new Int32Array(3), rows: [shared, shared.subarray(2)], n: 3, big: [1, 2, 3] };
    expect(transferablesOf(result)).toEqual([result.labels.buffer, shared.buffer]);
  });
});
