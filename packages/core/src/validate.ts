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

/** Throw `E_TYPE` unless `value` is `true` or `false`. Returns it, typed. */
export function assertBoolean(value: unknown, name: string): boolean {
  if (typeof value !== "boolean") {
    throw new ClearboxError("E_TYPE", `${name} must be true or false, got ${describeValue(value)}.`, {
      argument: name,
    });
  }
  return value;
}

/** Throw unless `value` is a finite number ≥ 0. */
export function assertNonNegative(value: unknown, name: string): number {
  return assertInRange(assertFiniteNumber(value, name), name, 0, Infinity);
}

/** Throw `E_TYPE` unless `value` is a function (a callback option). */
export function assertFunction<T extends (...args: never[]) => unknown>(value: unknown, name: string): T {
  if (typeof value !== "function") {
    throw new ClearboxError("E_TYPE", `${name} must be a function, got ${describeValue(value)}.`, { argument: name });
  }
  return value as T;
}

/**
 * Every key of an options type, as an object whose `satisfies Record<keyof Options, true>` makes the compiler
 * check that the list is complete and has no extra key.
 */
export type OptionKeys<Options> = Record<keyof Options, true>;

/**
 * Check an options object: `undefined` reads as `{}`; anything but a plain object is `E_TYPE`; a key that is not
 * in `known` is `E_OPTION`, naming the key and the closest valid one (a misspelt option would otherwise be ignored
 * without a word). Returns the object, typed (a copy of its own properties when it is not a plain object).
 */
export function assertOptions<T extends object>(options: T | undefined, name: string, known: OptionKeys<T>): T {
  if (options === undefined) return {} as T;
  if (typeof options !== "object" || options === null || Array.isArray(options) || ArrayBuffer.isView(options)) {
    throw new ClearboxError("E_TYPE", `${name} must be an object of options, got ${describeValue(options)}.`, {
      argument: name,
    });
  }
  const valid = Object.keys(known);
  for (const key of Object.keys(options)) {
    if (Object.prototype.hasOwnProperty.call(known, key)) continue;
    const closest = closestKey(key, valid);
    const hint = closest === undefined ? `Valid options: ${valid.join(", ")}.` : `Did you mean ${closest}?`;
    throw new ClearboxError("E_OPTION", `${name}.${key} is not an option here. ${hint}`, {
      argument: `${name}.${key}`,
    });
  }
  const own = ownOptions(options, name) as T & { signal?: unknown; onProgress?: unknown };
  if (Object.hasOwn(known, "signal") && own.signal !== undefined) {
    const signal = own.signal;
    if (typeof signal !== "object" || signal === null || typeof (signal as AbortSignal).aborted !== "boolean") {
      throw new ClearboxError("E_TYPE", `${name}.signal must be an AbortSignal, got ${describeValue(signal)}.`, {
        argument: `${name}.signal`,
      });
    }
  }
  if (Object.hasOwn(known, "onProgress") && own.onProgress !== undefined) {
    assertFunction(own.onProgress, `${name}.onProgress`);
  }
  return own;
}

/**
 * The options' own enumerable values, read once into a plain copy: nothing inherited through the prototype chain is
 * read as an option (an object made by Object.create(defaults)), and a getter that throws becomes E_OPTION here
 * instead of a bare error from deep inside the computation (the copy is what the caller goes on reading).
 */
function ownOptions(options: object, name: string): Record<string, unknown> {
  return Object.fromEntries(
    Object.keys(options).map((key) => {
      try {
        return [key, (options as Record<string, unknown>)[key]];
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new ClearboxError("E_OPTION", `${name}.${key} could not be read: its getter threw (${reason}).`, {
          argument: `${name}.${key}`,
        });
      }
    }),
  );
}

/** The keys every long computation accepts (see `LongRunningOptions`). */
export const LONG_RUNNING_KEYS = { signal: true, onProgress: true } as const;

/** The valid key nearest to `key` by edit distance, when it is near enough to be a likely typo. */
function closestKey(key: string, valid: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of valid) {
    const d = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return bestDistance <= Math.max(2, Math.floor(key.length / 3)) ? best : undefined;
}

/** Levenshtein distance, two rows. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
