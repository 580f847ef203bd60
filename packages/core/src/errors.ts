/**
 * Stable error codes. Callers may switch on them; they never change meaning between versions.
 *
 * - `E_SHAPE`: an array or matrix has the wrong length, dimensions or nesting (ragged rows).
 * - `E_NAN`: a value is NaN or ±Infinity where a finite number is required.
 * - `E_EMPTY`: an input that must hold at least one element holds none.
 * - `E_RANGE`: a number lies outside its allowed range (k > n, a negative weight, a node id out of range).
 * - `E_TYPE`: a value has the wrong type altogether (a string where a number was expected).
 * - `E_TOO_LARGE`: an exponential or memory-bound algorithm refuses an input above its documented limit.
 * - `E_ABORTED`: the caller's `AbortSignal` fired.
 * - `E_OPTION`: an option has an unknown or contradictory value.
 * - `E_FORMAT`: a file or byte stream is not in the format it should be (foreign, truncated, an unknown version).
 */
export type ClearboxErrorCode =
  "E_SHAPE" | "E_NAN" | "E_EMPTY" | "E_RANGE" | "E_TYPE" | "E_TOO_LARGE" | "E_ABORTED" | "E_OPTION" | "E_FORMAT";

/**
 * Marks clearbox errors. A registered symbol is the same in every copy of core (the ESM and CJS builds, two
 * versions in one bundle), so `instanceof` and {@link isClearboxError} recognise an error from any of them.
 */
const BRAND = Symbol.for("@clearbox/core:ClearboxError");

/** The one error type every clearbox package throws for bad input, cancellation or refused work. */
export class ClearboxError extends Error {
  /** `error instanceof ClearboxError` holds for an error thrown by any build or copy of core. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  /** A stable, machine-readable code. */
  readonly code: ClearboxErrorCode;
  /** The argument (or option path) the error is about, when there is one, e.g. `"data[3][1]"`. */
  readonly argument: string | undefined;

  constructor(code: ClearboxErrorCode, message: string, options?: { argument?: string; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = "ClearboxError";
    this.code = code;
    this.argument = options?.argument;
    Object.defineProperty(this, BRAND, { value: true });
  }
}

/**
 * True when `error` is a {@link ClearboxError} (from any build or copy of core), optionally with the given code.
 *
 * @param error - Anything caught.
 * @param code - When given, the code the error must have.
 * @returns Whether `error` is a clearbox error (with that code).
 * @throws Nothing: any value may be passed.
 * @example
 * try {
 *   kmeans(points, 0);
 * } catch (error) {
 *   if (isClearboxError(error, "E_RANGE")) console.log(error.argument); // "k"
 * }
 */
export function isClearboxError(error: unknown, code?: ClearboxErrorCode): error is ClearboxError {
  return error instanceof ClearboxError && (code === undefined || error.code === code);
}
