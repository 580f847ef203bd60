import { assertOneOf, assertOptions, assertNonNegative } from "@clearbox/core/internal";
import type { OptionKeys } from "@clearbox/core/internal";
import { layoutTree } from "./layout.js";
import { sliceDice } from "./slice-dice.js";
import { squarified } from "./squarified.js";
import { sumTree } from "./sum-tree.js";

// The public treemap: options checked here; the hierarchy summed once (sum-tree.ts), laid out top-down (layout.ts)
// by one of the tilings (squarified.ts, slice-dice.ts), in the shape of d3-hierarchy's treemap.

/** A node of a weighted hierarchy: a leaf has a `value`; an inner node's weight is the sum of its children's. */
export interface TreemapInput {
  value?: number;
  children?: readonly TreemapInput[];
}

/** A laid-out node: its rectangle, its total weight, its children in input order. */
export interface TreemapCell {
  x: number;
  y: number;
  width: number;
  height: number;
  value: number;
  children: TreemapCell[];
}

/** Options of {@link squarify}. */
export interface TreemapOptions {
  width: number;
  height: number;
  /** Gap between siblings and around children inside their parent. Default 0. */
  padding?: number;
  /** `"squarify"` (Bruls, Huizing & van Wijk 2000; default) or `"slice-dice"` (alternating rows and columns by depth). */
  method?: "squarify" | "slice-dice";
}

/** Every option of {@link squarify}: the list unknown keys are checked against. */
const TREEMAP_OPTIONS = { width: true, height: true, padding: true, method: true } satisfies OptionKeys<TreemapOptions>;

/**
 * A treemap: rectangles with areas proportional to weights, filling `width × height`. Takes a flat list of weights
 * (returns one cell per weight, in input order) or a hierarchy (returns the root cell, children nested).
 *
 * `squarify` lays siblings in rows along the shorter side, adding to a row while that improves its worst aspect
 * ratio, so cells stay close to square. `slice-dice` cuts a node's rectangle into strips, horizontally at even
 * depths and vertically at odd ones: stable order, thin cells. Zero weights give empty cells; negative or
 * non-finite weights are an error. With padding, each child area shrinks by the padding and the areas are no
 * longer exactly proportional.
 * @param weights - a flat list of weights (≥ 0).
 * @param options - `width` and `height` of the area (≥ 0), `padding`, `method` (`"squarify"` or `"slice-dice"`).
 * @returns one cell per weight, in input order.
 * @throws `E_TYPE` / `E_NAN` / `E_RANGE` for a negative or non-finite weight or size; `E_OPTION` for an unknown option key or value.
 * @example
 * squarify([6, 6, 4, 3, 2, 2, 1], { width: 6, height: 4 })[0]; // { x: 0, y: 0, width: 3, height: 2, value: 6, … }
 */
export function squarify(weights: readonly number[], options: TreemapOptions): TreemapCell[];
/**
 * {@link squarify} over a hierarchy: each node's area is its `value`, or the sum of its children's.
 *
 * @param root - a hierarchy `{ value?, children? }`.
 * @param options - `width` and `height` of the area (≥ 0), `padding` (between siblings, and around children),
 *   `method` (`"squarify"` or `"slice-dice"`).
 * @returns the root cell, with its `children` cells in input order.
 * @throws `E_TYPE` / `E_NAN` / `E_RANGE` for a negative or non-finite value or size; `E_OPTION` for an unknown option key or value.
 * @example
 * squarify({ children: [{ value: 3 }, { children: [{ value: 1 }, { value: 2 }] }] }, { width: 6, height: 4 });
 */
export function squarify(root: TreemapInput, options: TreemapOptions): TreemapCell;
export function squarify(
  input: readonly number[] | TreemapInput,
  options: TreemapOptions,
): TreemapCell[] | TreemapCell {
  options = assertOptions(options, "options", TREEMAP_OPTIONS);
  const width = assertNonNegative(options.width, "options.width");
  const height = assertNonNegative(options.height, "options.height");
  const padding = options.padding === undefined ? 0 : assertNonNegative(options.padding, "options.padding");
  const method =
    options.method === undefined
      ? "squarify"
      : assertOneOf(options.method, "options.method", ["squarify", "slice-dice"]);
  const box = { x: 0, y: 0, w: width, h: height };
  const tile = method === "squarify" ? squarified : sliceDice;
  if (Array.isArray(input)) {
    const root = sumTree({ children: input.map((value) => ({ value })) }, "weights");
    return layoutTree(root, box, { padding, tile }).children;
  }
  return layoutTree(sumTree(input as TreemapInput, "root"), box, { padding, tile });
}
