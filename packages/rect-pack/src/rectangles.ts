import { ClearboxError, assertNonNegative, assertPositive, describeValue } from "@clearbox/core/internal";

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
    const { width, height } = rect as Record<string, unknown>;
    // The names are built only for an error: two template strings per rectangle were most of reading 40,000.
    widths[i] = isPositiveNumber(width) ? width : assertPositive(width, `${name}[${i}].width`);
    heights[i] = isPositiveNumber(height) ? height : assertPositive(height, `${name}[${i}].height`);
  });
  return { widths, heights };
}

/** A finite number > 0: what `assertPositive` accepts, tested without building its error's name. */
function isPositiveNumber(value: unknown): value is number {
  return typeof value === "number" && value > 0 && Number.isFinite(value);
}

/**
 * Σ area of the placed rectangles / area of the enclosing rectangle.
 *
 * @param packing - A packing (any of the packers' results, or your own `{ width, height, placements }`).
 * @returns The density in (0, 1] for a valid packing; 1 when nothing is packed.
 * @throws `E_TYPE` when `packing` is not a packing; `E_NAN` / `E_RANGE` for a size that is not finite, a negative
 * one, or an empty enclosure that holds rectangles.
 * @example
 * packingDensity(packFast([{ width: 2, height: 1 }, { width: 2, height: 1 }])); // 1
 */
export function packingDensity(packing: Packing): number {
  if (typeof packing !== "object" || packing === null || !Array.isArray(packing.placements)) {
    throw new ClearboxError(
      "E_TYPE",
      `packing must be { width, height, placements: [...] }, got ${describeValue(packing)}.`,
      { argument: "packing" },
    );
  }
  const width = assertNonNegative(packing.width, "packing.width");
  const height = assertNonNegative(packing.height, "packing.height");
  if (packing.placements.length === 0) return 1;
  let used = 0;
  packing.placements.forEach((p: unknown, i) => {
    if (typeof p !== "object" || p === null) {
      throw new ClearboxError("E_TYPE", `packing.placements[${i}] must be a placement, got ${describeValue(p)}.`, {
        argument: `packing.placements[${i}]`,
      });
    }
    const placed = p as Record<string, unknown>;
    used +=
      assertNonNegative(placed.width, `packing.placements[${i}].width`) *
      assertNonNegative(placed.height, `packing.placements[${i}].height`);
  });
  if (width * height === 0) {
    throw new ClearboxError("E_RANGE", `packing is ${width} × ${height}: an empty enclosure cannot hold rectangles.`, {
      argument: "packing",
    });
  }
  return used / (width * height);
}
