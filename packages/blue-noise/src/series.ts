import { ClearboxError, assertInteger, describeValue, throwIfAborted } from "@clearbox/core/internal";

/** Many series as one row-major typed array: series i is `values[i * length … (i + 1) * length)`. */
export interface FlatSeries {
  readonly values: Float32Array | Float64Array;
  /** How many series. */
  readonly count: number;
  /** Time steps per series (T). */
  readonly length: number;
}

/** Series as nested arrays (one array per series, all of one length) or one flat typed array. */
export type SeriesInput = ReadonlyArray<ArrayLike<number>> | FlatSeries;

/**
 * Validate series into the flat form: every series of one length T ≥ 2, every value finite. Nested arrays are
 * copied into a Float64Array; a flat typed array is used as it is (never modified). With `signal`, checked every
 * 1,024 series (or 2^20 values) of the copy and the finiteness check.
 */
export function readSeries(input: unknown, name = "series", signal?: AbortSignal): FlatSeries {
  if (Array.isArray(input)) {
    const count = input.length;
    if (count === 0) {
      throw new ClearboxError("E_EMPTY", `${name} must hold at least one series.`, { argument: name });
    }
    const length = rowOf(input[0], `${name}[0]`).length;
    checkLength(length, `${name}[0]`);
    const values = new Float64Array(count * length);
    for (let i = 0; i < count; i++) {
      if ((i & 1023) === 0) throwIfAborted(signal, "blue-noise sampling");
      const row = rowOf(input[i], `${name}[${i}]`);
      if (row.length !== length) {
        throw new ClearboxError(
          "E_SHAPE",
          `${name} must hold series of one length: ${name}[0] has ${length} steps, ${name}[${i}] has ${row.length}.`,
          { argument: `${name}[${i}]` },
        );
      }
      for (let t = 0; t < length; t++) {
        const v = row[t];
        if (typeof v !== "number" || !Number.isFinite(v)) {
          throw new ClearboxError(
            typeof v === "number" ? "E_NAN" : "E_TYPE",
            `${name}[${i}][${t}] must be a finite number, got ${describeValue(v)}.`,
            { argument: `${name}[${i}][${t}]` },
          );
        }
        values[i * length + t] = v;
      }
    }
    return { values, count, length };
  }
  if (typeof input === "object" && input !== null && "values" in input) {
    const flat = input as FlatSeries;
    if (!(flat.values instanceof Float32Array) && !(flat.values instanceof Float64Array)) {
      throw new ClearboxError("E_TYPE", `${name}.values must be a Float32Array or Float64Array.`, {
        argument: `${name}.values`,
      });
    }
    const count = assertInteger(flat.count, `${name}.count`, 1);
    const length = assertInteger(flat.length, `${name}.length`, 0);
    checkLength(length, `${name}.length`);
    if (flat.values.length !== count * length) {
      throw new ClearboxError(
        "E_SHAPE",
        `${name}.values must hold count × length = ${count} × ${length} = ${count * length} values, got ${flat.values.length}.`,
        { argument: `${name}.values` },
      );
    }
    for (let k = 0; k < flat.values.length; k++) {
      if ((k & 0xfffff) === 0) throwIfAborted(signal, "blue-noise sampling");
      if (!Number.isFinite(flat.values[k])) {
        const i = Math.floor(k / length);
        throw new ClearboxError("E_NAN", `${name}: series ${i}, step ${k - i * length} is ${flat.values[k]}.`, {
          argument: `${name}.values[${k}]`,
        });
      }
    }
    return { values: flat.values, count, length };
  }
  throw new ClearboxError(
    "E_TYPE",
    `${name} must be an array of series (number[][]) or { values, count, length }, got ${describeValue(input)}.`,
    { argument: name },
  );
}

function checkLength(length: number, name: string): void {
  if (length < 2) {
    throw new ClearboxError("E_SHAPE", `A polyline needs at least 2 time steps; ${name} has ${length}.`, {
      argument: name,
    });
  }
}

function rowOf(value: unknown, name: string): ArrayLike<unknown> {
  if (Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView))) {
    return value as unknown as ArrayLike<unknown>;
  }
  throw new ClearboxError("E_TYPE", `${name} must be an array of numbers, got ${describeValue(value)}.`, {
    argument: name,
  });
}
