// Argument checks the layer kinds share.
import {
  ClearboxError,
  assertFiniteVector,
  assertInteger,
  describeValue,
  toDenseMatrix,
} from "@clearbox/core/internal";
import type { Padding } from "../geometry.js";

/** Shapes as "[a, b, c]" in messages. @internal */
export const describeShape = (shape: readonly number[]) => `[${shape.join(", ")}]`;

/** Number of values in a shape. @internal */
export const sizeOf = (shape: readonly number[]) => shape.reduce((p, s) => p * s, 1);

/** The input shape of rank `rank`, or an E_SHAPE saying the layers do not chain. @internal */
export function requireRank(shape: number[], where: string, rank: 1 | 3): number[] {
  if (shape.length !== rank) {
    const hint = rank === 1 ? " (add a flatten layer before it)" : "";
    throw new ClearboxError(
      "E_SHAPE",
      `${where} takes a ${rank === 1 ? "vector" : "[height, width, channels] input"} but gets ${describeShape(shape)}${hint}: the layers do not chain.`,
      { argument: where },
    );
  }
  return shape;
}

/** One value per channel (zeros, or `fill`, when omitted). @internal */
export function checkChannels(
  values: ArrayLike<number> | undefined,
  length: number,
  name: string,
  fill = 0,
): Float32Array {
  if (values === undefined) return new Float32Array(length).fill(fill);
  if (typeof values !== "object" || values === null || values.length !== length) {
    throw new ClearboxError(
      "E_SHAPE",
      `${name} must have ${length} entries (one per output channel), got ${typeof values === "object" && values !== null ? values.length : describeValue(values)}.`,
      { argument: name },
    );
  }
  return Float32Array.from(assertFiniteVector(values, name));
}

/** A number or [rows, columns] of whole numbers ≥ min. @internal */
export function pair(value: unknown, fallback: [number, number], name: string, min = 1): [number, number] {
  if (value === undefined) return fallback;
  if (typeof value === "number") {
    const n = assertInteger(value, name, min);
    return [n, n];
  }
  if (!Array.isArray(value) || value.length !== 2) {
    throw new ClearboxError("E_SHAPE", `${name} must be a number or [rows, columns], got ${describeValue(value)}.`, {
      argument: name,
    });
  }
  return [assertInteger(value[0], `${name}[0]`, min), assertInteger(value[1], `${name}[1]`, min)];
}

/** [[top, bottom], [left, right]] of whole numbers ≥ 0. @internal */
export function edges(value: unknown, name: string): [[number, number], [number, number]] {
  if (!Array.isArray(value) || value.length !== 2) {
    throw new ClearboxError("E_SHAPE", `${name} must be [[top, bottom], [left, right]], got ${describeValue(value)}.`, {
      argument: name,
    });
  }
  return [pair(value[0], [0, 0], `${name}[0]`, 0), pair(value[1], [0, 0], `${name}[1]`, 0)];
}

/** "valid" or "same". @internal */
export function checkPadding(value: unknown, where: string): Padding {
  if (value === undefined || value === "valid" || value === "same") return value ?? "valid";
  throw new ClearboxError("E_OPTION", `${where}.padding must be "valid" or "same", got ${describeValue(value)}.`, {
    argument: `${where}.padding`,
  });
}

/** An output smaller than one cell: the window does not fit. @internal */
export function assertFits(outShape: number[], inShape: number[], where: string, what: string, argument: string): void {
  if (outShape[0] >= 1 && outShape[1] >= 1) return;
  throw new ClearboxError(
    "E_SHAPE",
    `${where}: ${what} with "valid" padding does not fit the ${inShape[0]} × ${inShape[1]} input.`,
    { argument },
  );
}

function rowsOf(value: unknown, label: string): ArrayLike<unknown> {
  if (Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView))) {
    if ((value as ArrayLike<unknown>).length > 0) return value as ArrayLike<unknown>;
  }
  throw new ClearboxError(
    "E_SHAPE",
    `${label} must be a non-empty kh × kw × in × out nested array, got ${describeValue(value)}.`,
    { argument: label },
  );
}

/** Read a kh × kw × a × b nested kernel into a flat Float32Array. @internal */
export function readKernel4D(kernel: unknown, name: string): { shape: number[]; values: Float32Array } {
  const outer = rowsOf(kernel, name);
  const kh = outer.length;
  const kw = rowsOf(outer[0], `${name}[0]`).length;
  let [a, b] = [0, 0];
  let values = new Float32Array(0);
  for (let y = 0; y < kh; y++) {
    const row = rowsOf(outer[y], `${name}[${y}]`);
    if (row.length !== kw) {
      throw new ClearboxError(
        "E_SHAPE",
        `${name} is ragged: ${name}[0] has ${kw} entries, ${name}[${y}] has ${row.length}.`,
        {
          argument: `${name}[${y}]`,
        },
      );
    }
    for (let x = 0; x < kw; x++) {
      const slice = toDenseMatrix(row[x], `${name}[${y}][${x}]`);
      if (y === 0 && x === 0) {
        [a, b] = [slice.rows, slice.columns];
        values = new Float32Array(kh * kw * a * b);
      } else if (slice.rows !== a || slice.columns !== b) {
        throw new ClearboxError(
          "E_SHAPE",
          `${name}[${y}][${x}] is ${slice.rows} × ${slice.columns} but ${name}[0][0] is ${a} × ${b}.`,
          { argument: `${name}[${y}][${x}]` },
        );
      }
      values.set(slice.values, (y * kw + x) * a * b);
    }
  }
  return { shape: [kh, kw, a, b], values };
}
