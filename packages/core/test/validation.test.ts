import { Matrix } from "ml-matrix";
import { describe, expect, it } from "vitest";
import {
  ClearboxError,
  assertFiniteVector,
  assertOptions,
  assertInteger,
  assertOneOf,
  assertPositive,
  denseToArrays,
  isClearboxError,
  toDenseMatrix,
} from "../src/internal.js";

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return isClearboxError(error) ? error.code : "not a ClearboxError";
  }
  return undefined;
}

describe("ClearboxError", () => {
  it("carries a stable code, the argument and a message", () => {
    const error = new ClearboxError("E_SHAPE", "data is ragged", { argument: "data[2]" });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("ClearboxError");
    expect(error.code).toBe("E_SHAPE");
    expect(error.argument).toBe("data[2]");
    expect(isClearboxError(error, "E_SHAPE")).toBe(true);
    expect(isClearboxError(error, "E_NAN")).toBe(false);
    expect(isClearboxError(new Error("x"))).toBe(false);
  });
});

describe("scalar validation", () => {
  it("names the argument and the expectation", () => {
    expect(() => assertInteger(2.5, "k", 1)).toThrow("k must be an integer, got 2.5.");
    expect(() => assertInteger(0, "k", 1, 10)).toThrow("k must be between 1 and 10, got 0.");
    expect(() => assertPositive(-1, "options.bandwidth")).toThrow(/options\.bandwidth must be greater than 0/);
    expect(codeOf(() => assertInteger(Number.POSITIVE_INFINITY, "k"))).toBe("E_NAN");
    expect(codeOf(() => assertOneOf("fast", "options.mode", ["exact", "approximate"]))).toBe("E_OPTION");
  });

  it("checks vectors entry by entry", () => {
    expect(codeOf(() => assertFiniteVector([1, Number.NaN], "labels"))).toBe("E_NAN");
    expect(() => assertFiniteVector([1, Number.NaN], "labels")).toThrow("labels[1] must be finite, got NaN.");
    expect(codeOf(() => assertFiniteVector([1, 2], "labels", { length: 3 }))).toBe("E_SHAPE");
    expect(codeOf(() => assertFiniteVector([], "w", { nonEmpty: true }))).toBe("E_EMPTY");
    expect(codeOf(() => assertFiniteVector("12", "w"))).toBe("E_TYPE");
    expect(assertFiniteVector(new Float32Array([1, 2]), "w")).toHaveLength(2);
  });
});

describe("toDenseMatrix", () => {
  const rows = [
    [1, 2, 3],
    [4, 5, 6],
  ];

  it("reads nested arrays, typed-array rows and ml-matrix alike, without touching the input", () => {
    const fromArrays = toDenseMatrix(rows);
    const fromTyped = toDenseMatrix(rows.map((r) => Float32Array.from(r)));
    const fromMatrix = toDenseMatrix(new Matrix(rows));
    for (const m of [fromArrays, fromTyped, fromMatrix]) {
      expect(m.rows).toBe(2);
      expect(m.columns).toBe(3);
      expect(denseToArrays(m)).toEqual(rows);
    }
    fromArrays.values[0] = 99;
    expect(rows[0][0]).toBe(1);
  });

  it("rejects ragged, non-finite, empty and non-numeric input with the position in the message", () => {
    expect(() => toDenseMatrix([[1, 2], [3]], "data")).toThrow(
      "data has ragged rows: row 0 has 2 values but row 1 has 1.",
    );
    expect(codeOf(() => toDenseMatrix([[1, 2], [3]]))).toBe("E_SHAPE");
    expect(() =>
      toDenseMatrix(
        [
          [1, 2],
          [3, Number.POSITIVE_INFINITY],
        ],
        "data",
      ),
    ).toThrow("data[1][1] must be finite");
    expect(codeOf(() => toDenseMatrix([]))).toBe("E_EMPTY");
    expect(codeOf(() => toDenseMatrix([[]]))).toBe("E_EMPTY");
    expect(toDenseMatrix([], "data", { allowEmpty: true }).rows).toBe(0);
    expect(codeOf(() => toDenseMatrix([["1", 2]]))).toBe("E_TYPE");
    expect(codeOf(() => toDenseMatrix("nope"))).toBe("E_TYPE");
    expect(codeOf(() => toDenseMatrix([1, 2]))).toBe("E_TYPE");
  });
});

describe("assertOptions reads own properties only", () => {
  it("ignores options inherited through the prototype chain and refuses hostile own keys", () => {
    const inherited = Object.create({ seed: 3, signal: "not a signal" }) as { seed?: number; signal?: AbortSignal };
    const checked = assertOptions(inherited, "options", { seed: true, signal: true });
    expect(checked.seed).toBeUndefined();
    for (const key of ["constructor", "__proto__", "toString", "hasOwnProperty"]) {
      const hostile = JSON.parse(`{"${key}": 1}`) as object;
      expect(() => assertOptions(hostile, "options", { seed: true }), key).toThrow(
        expect.objectContaining({ code: "E_OPTION" }),
      );
    }
  });
});
