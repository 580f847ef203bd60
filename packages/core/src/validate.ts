import { ClearboxError } from "./errors.js";

/** Describe a value briefly for an error message, without dumping large arrays. */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (typeof value === "number") return Number.isNaN(value) ? "NaN" : String(value);
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  return `a value of type ${typeof value}`;
}

/** Throw `E_TYPE`/`E_NAN` unless `value` is a finite number. Returns it, typed. */
export function assertFiniteNumber(value: unknown, name: string): number {
  if (typeof value !== "number") {
    throw new ClearboxError("E_TYPE", `${name} must be a number, got ${describeValue(value)}.`, { argument: name });
  }
  if (!Number.isFinite(value)) {
    throw new ClearboxError("E_NAN", `${name} must be a finite number, got ${describeValue(value)}.`, {
      argument: name,
    });
  }
  return value;
}

/** Throw unless `value` is an integer in [min, max] (either bound may be omitted). */
export function assertInteger(value: unknown, name: string, min = -Infinity, max = Infinity): number {
  const n = assertFiniteNumber(value, name);
  if (!Number.isInteger(n)) {
    throw new ClearboxError("E_TYPE", `${name} must be an integer, got ${n}.`, { argument: name });
  }
  assertInRange(n, name, min, max);
  return n;
}

/** Throw `E_RANGE` unless min ≤ value ≤ max. */
export function assertInRange(value: number, name: string, min: number, max: number): number {
  if (value < min || value > max) {
    const bounds =
      min === -Infinity ? `at most ${max}` : max === Infinity ? `at least ${min}` : `between ${min} and ${max}`;
    throw new ClearboxError("E_RANGE", `${name} must be ${bounds}, got ${value}.`, { argument: name });
  }
  return value;
}

/** Throw unless `value` is a finite number > 0. */
export function assertPositive(value: unknown, name: string): number {
  const n = assertFiniteNumber(value, name);
  if (n <= 0) throw new ClearboxError("E_RANGE", `${name} must be greater than 0, got ${n}.`, { argument: name });
  return n;
}

/** Throw `E_OPTION` unless `value` is one of `allowed`. */
export function assertOneOf<T extends string>(value: unknown, name: string, allowed: readonly T[]): T {
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
    throw new ClearboxError(
      "E_OPTION",
      `${name} must be one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}, got ${describeValue(value)}.`,
      { argument: name },
    );
  }
  return value as T;
}

/** Any array-like of numbers clearbox accepts as a vector. */
export type NumericArray = ArrayLike<number>;

/**
 * Check a numeric vector: array-like, optionally non-empty or of an exact length, every entry finite.
 * Returns the same object (not a copy).
 */
export function assertFiniteVector(
  value: unknown,
  name: string,
  options: { length?: number; nonEmpty?: boolean } = {},
): NumericArray {
  if (!Array.isArray(value) && !(ArrayBuffer.isView(value) && !(value instanceof DataView))) {
    throw new ClearboxError("E_TYPE", `${name} must be an array of numbers, got ${describeValue(value)}.`, {
      argument: name,
    });
  }
  const vector = value as unknown as ArrayLike<unknown>;
  if (options.nonEmpty && vector.length === 0) {
    throw new ClearboxError("E_EMPTY", `${name} must not be empty.`, { argument: name });
  }
  if (options.length !== undefined && vector.length !== options.length) {
    throw new ClearboxError("E_SHAPE", `${name} must have length ${options.length}, got ${vector.length}.`, {
      argument: name,
    });
  }
  for (let i = 0; i < vector.length; i++) {
    const v = vector[i];
    if (typeof v !== "number") {
      throw new ClearboxError("E_TYPE", `${name}[${i}] must be a number, got ${describeValue(v)}.`, {
        argument: `${name}[${i}]`,
      });
    }
    if (!Number.isFinite(v)) {
      throw new ClearboxError("E_NAN", `${name}[${i}] must be finite, got ${describeValue(v)}.`, {
        argument: `${name}[${i}]`,
      });
    }
  }
  return vector as NumericArray;
}
