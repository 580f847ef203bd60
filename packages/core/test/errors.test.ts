import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ClearboxError, assertOptions, isClearboxError } from "../src/internal.js";

type CoreEntry = { ClearboxError: typeof ClearboxError; isClearboxError: typeof isClearboxError };

describe("ClearboxError across builds", () => {
  it("is recognised by instanceof and isClearboxError whichever build threw it", async () => {
    const require = createRequire(import.meta.url);
    const dist = fileURLToPath(new URL("../dist/", import.meta.url));
    const cjs = require(`${dist}index.cjs`) as CoreEntry;
    const esm = (await import(`${dist}index.js`)) as CoreEntry;
    const fromCjs = new cjs.ClearboxError("E_RANGE", "k must be at least 1.", { argument: "k" });
    const fromEsm = new esm.ClearboxError("E_RANGE", "k must be at least 1.", { argument: "k" });
    for (const error of [fromCjs, fromEsm]) {
      expect(error instanceof ClearboxError).toBe(true);
      expect(error instanceof esm.ClearboxError).toBe(true);
      expect(error instanceof cjs.ClearboxError).toBe(true);
      expect(esm.isClearboxError(error, "E_RANGE")).toBe(true);
      expect(cjs.isClearboxError(error)).toBe(true);
      expect(error instanceof Error).toBe(true);
    }
    expect(isClearboxError(new Error("plain"))).toBe(false);
    expect(new Error("plain") instanceof ClearboxError).toBe(false);
    expect(isClearboxError(fromCjs, "E_NAN")).toBe(false);
  });
});

describe("assertOptions", () => {
  const known = { seed: true, maxIterations: true, signal: true, onProgress: true } as const;

  it("names an unknown key and the closest valid one", () => {
    const error = (() => {
      try {
        assertOptions({ seeed: 3 } as object, "options", known);
      } catch (caught) {
        return caught;
      }
    })();
    expect(isClearboxError(error, "E_OPTION")).toBe(true);
    expect((error as ClearboxError).argument).toBe("options.seeed");
    expect((error as ClearboxError).message).toMatch(/Did you mean seed\?/);
  });

  it("lists the valid keys when no key is close", () => {
    expect(() => assertOptions({ colour: 1 } as object, "options", known)).toThrow(
      /Valid options: seed, maxIterations/,
    );
  });

  it("accepts undefined and known keys, and rejects a non-object, a bad signal or callback", () => {
    expect(assertOptions(undefined, "options", known)).toEqual({});
    const options = { seed: 1 };
    expect(assertOptions(options, "options", known)).toEqual(options);
    expect(() => assertOptions(3 as unknown as object, "options", known)).toThrow(ClearboxError);
    expect(() => assertOptions([] as unknown as object, "options", known)).toThrow(/must be an object/);
    expect(() => assertOptions({ signal: {} } as object, "options", known)).toThrow(/options.signal/);
    expect(() => assertOptions({ onProgress: 1 } as object, "options", known)).toThrow(/options.onProgress/);
  });

  it("reads each option once into a copy: a getter that throws is E_OPTION naming the key", () => {
    let reads = 0;
    const counted = {
      get seed() {
        reads++;
        return 7;
      },
    };
    const copy = assertOptions(counted, "options", known);
    expect(copy).toEqual({ seed: 7 });
    expect(Object.getOwnPropertyDescriptor(copy, "seed")?.get).toBeUndefined();
    expect(reads).toBe(1);
    const hostile = {
      get seed(): number {
        throw new TypeError("boom");
      },
    };
    const error = (() => {
      try {
        assertOptions(hostile, "options", known);
      } catch (caught) {
        return caught;
      }
    })();
    expect(isClearboxError(error) && error.code).toBe("E_OPTION");
    expect(String((error as Error).message)).toMatch(/options\.seed could not be read: its getter threw \(boom\)/);
  });
});
