import { ClearboxError, describeValue } from "@clearbox/core";

/** A rectangle to pack: only its size matters. */
export interface RectSize {
  readonly width: number;
  readonly height: number;
}

/** Where input rectangle `index` went. `width`/`height` are its size as placed (swapped when `rotated`). */
export interface Placement {
  index: number;
  x: number;
  y: number;
  width: number;
  height: number;
  rotated: boolean;
}

/** A packing: the enclosing rectangle (from the origin) and one placement per input rectangle, in input order. */
export interface Packing {
  width: number;
  height: number;
  placements: Placement[];
}

/**
 * Read the sizes of `rects` into typed arrays, rejecting anything that is not a positive finite size with a
 * `ClearboxError` naming the rectangle: `E_NAN` (NaN, ±Infinity), `E_RANGE` (zero or negative), `E_TYPE`.
 * @internal
 */
export function readSizes(rects: unknown, name = "rects"): { widths: Float64Array; heights: Float64Array } {
  if (!Array.isArray(rects)) {
    throw new ClearboxError("E_TYPE", `${name} must be an array of { width, height }, got ${describeValue(rects)}.`, {
      argument: name,
    });
  }
  const widths = new Float64Array(rects.length);
  const heights = new Float64Array(rects.length);
  rects.forEach((rect: unknown, i) => {
    if (typeof rect !== "object" || rect === null) {
      throw new ClearboxError("E_TYPE", `${name}[${i}] must be { width, height }, got ${describeValue(rect)}.`, {
        argument: `${name}[${i}]`,
      });
    }
    for (const side of ["width", "height"] as const) {
      const v: unknown = (rect as Record<string, unknown>)[side];
      const where = `${name}[${i}].${side}`;
      if (typeof v !== "number") {
        throw new ClearboxError("E_TYPE", `${where} must be a number, got ${describeValue(v)}.`, { argument: where });
      }
      if (!Number.isFinite(v)) {
        throw new ClearboxError("E_NAN", `${where} must be finite, got ${describeValue(v)}.`, { argument: where });
      }
      if (v <= 0) {
        throw new ClearboxError("E_RANGE", `${where} must be greater than 0, got ${v}.`, { argument: where });
      }
    }
    widths[i] = (rect as RectSize).width;
    heights[i] = (rect as RectSize).height;
  });
  return { widths, heights };
}

/** Σ area of the rectangles / area of the enclosing rectangle (1 when nothing is packed). */
export function packingDensity(packing: Packing): number {
  if (packing.placements.length === 0) return 1;
  const used = packing.placements.reduce((s, p) => s + p.width * p.height, 0);
  return used / (packing.width * packing.height);
}
