import {
  ClearboxError,
  assertFiniteVector,
  assertNonNegative,
  assertOptions,
  assertPositive,
  describeValue,
} from "@clearbox/core/internal";
import type { OptionKeys } from "@clearbox/core/internal";
import type { WeightedBiclustering } from "./weighted-bicluster.js";

/** Options of {@link bundleLayout}. */
export interface BundleLayoutOptions {
  /** The vertical position of every input cluster, indexed by cluster id (the input layer's column is at x = 0). */
  inputPositions: ArrayLike<number>;
  /** The vertical position of every output cluster, indexed by cluster id (the output column is at x = width). */
  outputPositions: ArrayLike<number>;
  /** Distance from the input column to the output column. */
  width: number;
  /** Height of the band the bicluster rectangles must stay in, from y = 0. */
  height: number;
  /** Width of a bicluster's rectangle. Default: 6 % of `width`. */
  rectWidth?: number;
  /** Smallest rectangle height. Default 2. */
  minRectHeight?: number;
  /** Vertical gap kept between rectangles. Default 2. */
  gap?: number;
}

/** Every option of {@link bundleLayout}: the list unknown keys are checked against. */
const BUNDLE_LAYOUT_OPTIONS = {
  inputPositions: true,
  outputPositions: true,
  width: true,
  height: true,
  rectWidth: true,
  minRectHeight: true,
  gap: true,
} satisfies OptionKeys<BundleLayoutOptions>;

/** A bicluster's rectangle in the virtual layer. */
export interface BundleRect {
  /** Index into the result's `biclusters`. */
  bicluster: number;
  x: number;
  y: number;
  width: number;
  height: number;
  /** The red (negative) share of the rectangle, from the bicluster. */
  negativeRatio: number;
  sign: 1 | -1;
  meanWeight: number;
}

/** A cubic Bézier curve: `[x0, y0, x1, y1, x2, y2, x3, y3]`, start, two control points, end. */
export type CubicCurve = [number, number, number, number, number, number, number, number];

/** One curve to draw: input → rectangle, rectangle → output, or a direct input → output edge. */
export interface BundleCurve {
  kind: "input" | "output" | "direct";
  /** The bicluster it belongs to (an index into `biclusters`), or −1 for a direct edge. */
  bicluster: number;
  /** The input cluster at its start (for "output" curves: −1). */
  input: number;
  /** The output cluster at its end (for "input" curves: −1). */
  output: number;
  sign: 1 | -1;
  /** The weight it encodes: the bicluster's mean weight, or the direct edge's weight. */
  weight: number;
  points: CubicCurve;
}

/** The geometry of a bundled layer pair: plain numbers, ready for any renderer. */
export interface BundleGeometry {
  rects: BundleRect[];
  curves: BundleCurve[];
  /** The smallest and largest |weight| over the curves (for width and opacity scales); [0, 0] with no curve. */
  weightExtent: [number, number];
  /** True when the rectangles (at `minRectHeight`) could not all fit in `height` with their gaps. */
  overflow: boolean;
}

/**
 * Geometry for the virtual bicluster layer between two layers of clusters. Each bicluster becomes a rectangle in the
 * middle column, as tall as its share of the band (proportional to |inputs| + |outputs|, at least `minRectHeight`),
 * placed at the mean position of its member clusters. Overlaps are resolved by the least-squares rule: keeping the
 * rectangles in the order of their wanted positions, with `gap` between neighbours, the positions minimise the sum of
 * squared moves (an isotonic regression, solved exactly by pool-adjacent-violators) and are then clamped into the
 * band. Curves are cubic Béziers with horizontal tangents: from each input cluster to the rectangle's left edge,
 * from its right edge to each output cluster, and straight across for the direct edges.
 *
 * @param result - The result of {@link weightedBicluster}.
 * @param options - `inputPositions`, `outputPositions`, `width`, `height`, and optionally `rectWidth`,
 *   `minRectHeight`, `gap`.
 * @returns The rectangles, the curves, the weight extent and whether the rectangles overflowed the band.
 * @throws `E_TYPE` for a result that is not a biclustering; `E_SHAPE` / `E_NAN` when a position is missing for a
 *   cluster the result uses or is not finite; `E_RANGE` for a size ≤ 0; `E_OPTION` for an unknown option key.
 * @example
 * const geometry = bundleLayout(weightedBicluster(strengths), {
 *   inputPositions: [20, 60, 100], outputPositions: [10, 50, 90, 130], width: 400, height: 140,
 * });
 */
export function bundleLayout(result: WeightedBiclustering, options: BundleLayoutOptions): BundleGeometry {
  options = assertOptions(options, "options", BUNDLE_LAYOUT_OPTIONS);
  if (typeof result !== "object" || result === null || !Array.isArray(result.biclusters)) {
    throw new ClearboxError("E_TYPE", `result must be what weightedBicluster returns, got ${describeValue(result)}.`, {
      argument: "result",
    });
  }
  const width = assertPositive(options.width, "options.width");
  const height = assertPositive(options.height, "options.height");
  const rectWidth =
    options.rectWidth === undefined ? 0.06 * width : assertPositive(options.rectWidth, "options.rectWidth");
  const minRectHeight =
    options.minRectHeight === undefined ? 2 : assertNonNegative(options.minRectHeight, "options.minRectHeight");
  const gap = options.gap === undefined ? 2 : assertNonNegative(options.gap, "options.gap");
  const inputY = positions(options.inputPositions, "options.inputPositions", result, "input");
  const outputY = positions(options.outputPositions, "options.outputPositions", result, "output");

  const { biclusters, directEdges } = result;
  const members = biclusters.map((b) => b.inputs.length + b.outputs.length);
  const totalMembers = members.reduce((s, m) => s + m, 0);
  const room = Math.max(0, height - gap * Math.max(0, biclusters.length - 1));
  const unit = totalMembers === 0 ? 0 : Math.min(height / 40, room / totalMembers);
  const heights = members.map((m) => Math.max(minRectHeight, unit * m));
  const wanted = biclusters.map((b) => {
    let sum = 0;
    for (const i of b.inputs) sum += inputY[i];
    for (const o of b.outputs) sum += outputY[o];
    return sum / (b.inputs.length + b.outputs.length);
  });
  const { centres, overflow } = separate(wanted, heights, gap, height);

  const left = width / 2 - rectWidth / 2;
  const right = width / 2 + rectWidth / 2;
  const rects: BundleRect[] = biclusters.map((b, k) => ({
    bicluster: k,
    x: left,
    y: centres[k] - heights[k] / 2,
    width: rectWidth,
    height: heights[k],
    negativeRatio: b.negativeRatio,
    sign: b.sign,
    meanWeight: b.meanWeight,
  }));
  const curves: BundleCurve[] = [];
  biclusters.forEach((b, k) => {
    for (const input of b.inputs) {
      curves.push({
        kind: "input",
        bicluster: k,
        input,
        output: -1,
        sign: b.sign,
        weight: b.meanWeight,
        points: horizontalCubic(0, inputY[input], left, centres[k]),
      });
    }
    for (const output of b.outputs) {
      curves.push({
        kind: "output",
        bicluster: k,
        input: -1,
        output,
        sign: b.sign,
        weight: b.meanWeight,
        points: horizontalCubic(right, centres[k], width, outputY[output]),
      });
    }
  });
  for (const edge of directEdges) {
    curves.push({
      kind: "direct",
      bicluster: -1,
      input: edge.input,
      output: edge.output,
      sign: edge.sign,
      weight: edge.weight,
      points: horizontalCubic(0, inputY[edge.input], width, outputY[edge.output]),
    });
  }
  let low = Infinity;
  let high = 0;
  for (const curve of curves) {
    low = Math.min(low, Math.abs(curve.weight));
    high = Math.max(high, Math.abs(curve.weight));
  }
  return { rects, curves, weightExtent: curves.length === 0 ? [0, 0] : [low, high], overflow };
}

/** A cubic from (x0, y0) to (x3, y3) leaving and arriving horizontally. */
function horizontalCubic(x0: number, y0: number, x3: number, y3: number): CubicCurve {
  const half = (x3 - x0) / 2;
  return [x0, y0, x0 + half, y0, x3 - half, y3, x3, y3];
}

/** Check that `values` gives a finite position to every cluster id the result uses on that side. */
function positions(
  values: unknown,
  name: string,
  result: WeightedBiclustering,
  side: "input" | "output",
): ArrayLike<number> {
  const checked = assertFiniteVector(values, name);
  let needed = 0;
  for (const b of result.biclusters)
    for (const id of side === "input" ? b.inputs : b.outputs) needed = Math.max(needed, id + 1);
  for (const e of result.directEdges ?? []) needed = Math.max(needed, (side === "input" ? e.input : e.output) + 1);
  if (checked.length < needed) {
    throw new ClearboxError(
      "E_SHAPE",
      `${name} must give a position to every ${side} cluster the result uses (ids up to ${needed - 1}), got ${checked.length}.`,
      { argument: name },
    );
  }
  return checked;
}

/**
 * Centres for boxes of the given heights, as close as possible (least squares) to the wanted centres while keeping
 * their order, `gap` apart, inside [0, height]: pool-adjacent-violators on the centres less their stacking offsets.
 */
function separate(
  wanted: number[],
  heights: number[],
  gap: number,
  height: number,
): { centres: number[]; overflow: boolean } {
  const n = wanted.length;
  const order = wanted.map((_, i) => i).sort((a, b) => wanted[a] - wanted[b] || a - b);
  const offset = new Float64Array(n);
  for (let k = 1; k < n; k++) {
    offset[k] = offset[k - 1] + (heights[order[k - 1]] + heights[order[k]]) / 2 + gap;
  }
  // Isotonic regression of wanted − offset (non-decreasing), by blocks of pooled means.
  const blockMean: number[] = [];
  const blockSize: number[] = [];
  for (let k = 0; k < n; k++) {
    let mean = wanted[order[k]] - offset[k];
    let size = 1;
    while (blockMean.length > 0 && blockMean[blockMean.length - 1] > mean) {
      const m = blockMean.pop() as number;
      const s = blockSize.pop() as number;
      mean = (m * s + mean * size) / (s + size);
      size += s;
    }
    blockMean.push(mean);
    blockSize.push(size);
  }
  const centres = new Array<number>(n);
  if (n === 0) return { centres, overflow: false };
  const lowest = heights[order[0]] / 2;
  const highest = height - heights[order[n - 1]] / 2 - offset[n - 1];
  // Exactly full is not an overflow: allow for rounding in the offsets.
  const overflow = highest < lowest - 1e-9 * Math.max(1, height);
  let k = 0;
  blockMean.forEach((mean, b) => {
    // Clamping the pooled solution into the band is the bounded least-squares solution; past an overflow the stack
    // starts at the top of the band.
    const z = overflow ? lowest : Math.max(lowest, Math.min(highest, mean));
    for (let j = 0; j < blockSize[b]; j++, k++) centres[order[k]] = z + offset[k];
  });
  return { centres, overflow };
}
