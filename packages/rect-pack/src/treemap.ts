import { ClearboxError, assertOneOf, describeValue, assertOptions, assertNonNegative } from "@clearbox/core/internal";
import type { OptionKeys } from "@clearbox/core/internal";

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
  if (Array.isArray(input)) {
    const root = layout(
      { children: input.map((value) => ({ value })) },
      "weights",
      0,
      0,
      width,
      height,
      padding,
      method,
      0,
    );
    return root.children;
  }
  return layout(input as TreemapInput, "root", 0, 0, width, height, padding, method, 0);
}

function weightOf(node: TreemapInput, where: string): number {
  if (typeof node !== "object" || node === null) {
    throw new ClearboxError(
      "E_TYPE",
      `${where} must be a number or { value?, children? }, got ${describeValue(node)}.`,
      {
        argument: where,
      },
    );
  }
  if (node.children && node.children.length > 0) {
    return node.children.reduce((s, child, i) => s + weightOf(child, `${where}.children[${i}]`), 0);
  }
  const v = node.value ?? 0;
  if (typeof v !== "number" || !Number.isFinite(v)) {
    throw new ClearboxError("E_NAN", `${where} must have a finite weight, got ${describeValue(v)}.`, {
      argument: where,
    });
  }
  if (v < 0) throw new ClearboxError("E_RANGE", `${where} has negative weight ${v}.`, { argument: where });
  return v;
}

function layout(
  node: TreemapInput,
  where: string,
  x: number,
  y: number,
  w: number,
  h: number,
  padding: number,
  method: "squarify" | "slice-dice",
  depth: number,
): TreemapCell {
  const value = weightOf(node, where);
  const cell: TreemapCell = { x, y, width: w, height: h, value, children: [] };
  const children = node.children ?? [];
  if (children.length === 0) return cell;
  // Children live inside the padded interior.
  const ix = x + padding;
  const iy = y + padding;
  const iw = Math.max(0, w - 2 * padding);
  const ih = Math.max(0, h - 2 * padding);
  const values = children.map((child, i) => weightOf(child, `${where}.children[${i}]`));
  const rects =
    method === "squarify"
      ? squarifiedRects(values, ix, iy, iw, ih)
      : sliceRects(values, ix, iy, iw, ih, depth % 2 === 0);
  cell.children = children.map((child, i) => {
    const r = rects[i];
    // Half the padding on each side of a sibling boundary keeps gaps of `padding` between siblings.
    const inset = (size: number) => Math.min(size / 2, padding / 2);
    const dx = inset(r.w);
    const dy = inset(r.h);
    return layout(
      child,
      `${where}.children[${i}]`,
      r.x + dx,
      r.y + dy,
      r.w - 2 * dx,
      r.h - 2 * dy,
      padding,
      method,
      depth + 1,
    );
  });
  return cell;
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Strips proportional to the values, side by side horizontally or stacked vertically, in input order. */
function sliceRects(values: number[], x: number, y: number, w: number, h: number, horizontal: boolean): Box[] {
  const total = values.reduce((s, v) => s + v, 0);
  let offset = 0;
  return values.map((v) => {
    const share = total > 0 ? v / total : 0;
    const box = horizontal ? { x: x + offset * w, y, w: share * w, h } : { x, y: y + offset * h, w, h: share * h };
    offset += share;
    return box;
  });
}

/** Bruls et al.'s squarified layout of values (in decreasing order, results mapped back to input order). */
function squarifiedRects(values: number[], x: number, y: number, w: number, h: number): Box[] {
  const total = values.reduce((s, v) => s + v, 0);
  const out: Box[] = values.map(() => ({ x, y, w: 0, h: 0 }));
  if (total <= 0 || w <= 0 || h <= 0) return out;
  const scale = (w * h) / total;
  const order = values.map((_, i) => i).sort((a, b) => values[b] - values[a] || a - b);
  const areas = order.map((i) => values[i] * scale);
  let box = { x, y, w, h };
  let start = 0;
  while (start < areas.length) {
    if (areas[start] === 0) {
      start++;
      continue;
    }
    const side = Math.min(box.w, box.h);
    let end = start + 1;
    let rowArea = areas[start];
    let worst = worstRatio(areas, start, end, rowArea, side);
    while (end < areas.length && areas[end] > 0) {
      const next = worstRatio(areas, start, end + 1, rowArea + areas[end], side);
      if (next > worst) break;
      worst = next;
      rowArea += areas[end];
      end++;
    }
    // Lay the row along the shorter side of what is left.
    const thickness = rowArea / side;
    let offset = 0;
    for (let t = start; t < end; t++) {
      const length = areas[t] / thickness;
      out[order[t]] =
        box.w >= box.h
          ? { x: box.x, y: box.y + offset, w: thickness, h: length }
          : { x: box.x + offset, y: box.y, w: length, h: thickness };
      offset += length;
    }
    box =
      box.w >= box.h
        ? { x: box.x + thickness, y: box.y, w: box.w - thickness, h: box.h }
        : { x: box.x, y: box.y + thickness, w: box.w, h: box.h - thickness };
    start = end;
  }
  return out;
}

/** The worst aspect ratio of the row areas[start..end) laid along a side of length `side`. */
function worstRatio(areas: number[], start: number, end: number, rowArea: number, side: number): number {
  const largest = areas[start];
  const smallest = areas[end - 1];
  const s2 = side * side;
  const r2 = rowArea * rowArea;
  return Math.max((s2 * largest) / r2, r2 / (s2 * smallest));
}
