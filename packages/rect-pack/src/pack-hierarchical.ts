import {
  ClearboxError,
  assertInteger,
  createProgress,
  describeValue,
  resolveSimilarity,
  toDenseMatrix,
  assertOptions,
  LONG_RUNNING_KEYS,
  assertNonNegative,
  assertPositive,
} from "@clearbox/core/internal";
import type { OptionKeys } from "@clearbox/core/internal";
import type { LongRunningOptions, MatrixInput, SimilarityMetric } from "@clearbox/core";
import { divisiveHierarchy } from "@clearbox/cluster";
import type { HierarchyNode } from "@clearbox/cluster";
import { searchOptimal } from "./exact/search-optimal.js";
import { readSizes } from "./rectangles.js";
import type { Placement, RectSize } from "./rectangles.js";
import { squarify } from "./treemap/treemap.js";
import type { TreemapCell, TreemapInput } from "./treemap/treemap.js";

/** Options of {@link packHierarchical}. Give `features` or `similarity`. */
export interface PackHierarchicalOptions extends LongRunningOptions {
  /** One feature vector per rectangle (e.g. a neuron's per-class activations); compared by `metric`. */
  features?: MatrixInput;
  /** Metric for `features`. Default `"cosine"`. */
  metric?: SimilarityMetric;
  /** Or a similarity of two rectangles by index (symmetric; larger = more alike). */
  similarity?: (a: number, b: number) => number;
  /** Largest group packed exactly together. Default 12. */
  maxLeafSize?: number;
  /** Width of the layout. With `height`; otherwise derived from `aspectRatio`. */
  width?: number;
  /** Height of the layout. */
  height?: number;
  /** Width / height when no size is given. Default 1. */
  aspectRatio?: number;
  /** Gap between groups, and between rectangles before a group's scaling. Default 0. */
  padding?: number;
  /**
   * Search nodes for the exact packing of each group (a node budget, not a time budget, so that the layout is
   * the same on every machine). Default 500.
   */
  leafMaxNodes?: number;
  /** Seed of the clustering's fallback splits. Default 0. */
  seed?: number;
}

/** Every option of {@link packHierarchical}: the list unknown keys are checked against. */
const PACK_HIERARCHICAL_OPTIONS = {
  features: true,
  metric: true,
  similarity: true,
  maxLeafSize: true,
  width: true,
  height: true,
  aspectRatio: true,
  padding: true,
  leafMaxNodes: true,
  seed: true,
  ...LONG_RUNNING_KEYS,
} satisfies OptionKeys<PackHierarchicalOptions>;

/** A group's region in the layout and how its packing was scaled into it. */
export interface HierarchicalRegion {
  x: number;
  y: number;
  width: number;
  height: number;
  /** Rectangles (input indices) packed in this region: the leaf's members. */
  members: number[];
  /** Uniform scale applied to the leaf's packing (1 = input size). */
  scale: number;
  /** Whether the leaf's packing was proven minimal (false when its sizes had to be rounded to a grid). */
  optimal: boolean;
}

/** The result of {@link packHierarchical}. */
export interface HierarchicalPacking {
  width: number;
  height: number;
  /** One per input rectangle, in input order; sizes are scaled by their region's `scale`. */
  placements: Array<Placement & { scale: number }>;
  /** The leaf regions, in layout order. */
  regions: HierarchicalRegion[];
  /** The clustering tree (members are input indices). */
  tree: HierarchyNode;
}

/**
 * Pack rectangles so that similar ones sit together (CNNVis §3.4.1): divide them by similarity until every group
 * has at most `maxLeafSize` (`divisiveHierarchy`), give each group a region of a squarified treemap in proportion
 * to its total area, pack each group exactly (`packOptimal`, budgeted) and scale that packing uniformly into its
 * region, centred. Rectangles keep their aspect ratio; the scale of each group is reported.
 * @param rects - the rectangles' sizes (positive, finite); never mutated.
 * @param options - `features` (one vector per rectangle) with `metric`, or `similarity(a, b)`; `maxLeafSize`, `width` / `height` or `aspectRatio`, `padding`, `leafMaxNodes`, `seed`, `signal`, `onProgress`.
 * @returns the layout size, one placement (with its `scale`) per rectangle, the treemap `regions` and the cluster `tree`.
 * @throws `E_TYPE` / `E_NAN` / `E_RANGE` for a bad size or option; `E_SHAPE` for features of the wrong length; `E_OPTION` for an unknown option key or value; `E_ABORTED`.
 * @example
 * packHierarchical(patches, { features: neuronVectors, padding: 2 }); // similar neurons side by side
 */
export function packHierarchical(
  rects: readonly RectSize[],
  options: PackHierarchicalOptions = {},
): HierarchicalPacking {
  options = assertOptions(options, "options", PACK_HIERARCHICAL_OPTIONS);
  const { widths, heights } = readSizes(rects);
  const n = widths.length;
  const progress = createProgress(options, "hierarchical packing");
  const padding = options.padding === undefined ? 0 : assertNonNegative(options.padding, "options.padding");
  const maxLeafSize =
    options.maxLeafSize === undefined ? 12 : assertInteger(options.maxLeafSize, "options.maxLeafSize", 1);
  const leafMaxNodes =
    options.leafMaxNodes === undefined ? 500 : assertInteger(options.leafMaxNodes, "options.leafMaxNodes", 1);
  const similarity = similarityOf(options, n);

  let totalArea = 0;
  for (let i = 0; i < n; i++) totalArea += widths[i] * heights[i];
  const { width, height } = layoutSize(options, totalArea);
  const empty = { members: [], children: [], split: null, depth: 0 } as HierarchyNode;
  if (n === 0) return { width, height, placements: [], regions: [], tree: empty };

  const { root } = divisiveHierarchy(
    Array.from({ length: n }, (_, i) => i),
    similarity,
    { maxLeafSize, seed: options.seed ?? 0, signal: options.signal, onProgress: (f) => progress.report(0.4 * f) },
  );
  // Treemap weights: each leaf's rectangle area (plus the padding around its rectangles).
  const sizesOf = (members: number[]) =>
    members.map((i) => ({ width: widths[i] + padding, height: heights[i] + padding }));
  const leafWeight = (members: number[]) => sizesOf(members).reduce((s, r) => s + r.width * r.height, 0);
  const toTreemap = (node: HierarchyNode): TreemapInput =>
    node.children.length === 0 ? { value: leafWeight(node.members) } : { children: node.children.map(toTreemap) };
  const layout = squarify(toTreemap(root), { width, height, padding });

  const placements = new Array<Placement & { scale: number }>(n);
  const regions: HierarchicalRegion[] = [];
  let packedRows = 0;
  const visit = (node: HierarchyNode, cell: TreemapCell): void => {
    if (node.children.length > 0) {
      node.children.forEach((child, c) => visit(child, cell.children[c]));
      return;
    }
    const members = node.members;
    const packing = packLeaf(sizesOf(members), cell, leafMaxNodes, options.signal);
    // Uniform scale that fits the leaf's packing into its cell, centred.
    const scale = Math.min(cell.width / packing.width, cell.height / packing.height);
    const offsetX = cell.x + (cell.width - packing.width * scale) / 2;
    const offsetY = cell.y + (cell.height - packing.height * scale) / 2;
    for (const p of packing.placements) {
      const i = members[p.index];
      placements[i] = {
        index: i,
        x: offsetX + p.x * scale,
        y: offsetY + p.y * scale,
        width: widths[i] * scale,
        height: heights[i] * scale,
        rotated: false,
        scale,
      };
    }
    regions.push({
      x: cell.x,
      y: cell.y,
      width: cell.width,
      height: cell.height,
      members,
      scale,
      optimal: packing.optimal,
    });
    packedRows += members.length;
    progress.report(0.4 + 0.6 * (packedRows / n));
  };
  visit(root, layout);
  progress.done();
  return { width, height, placements, regions, tree: root };
}

/** Groups whose sizes are not small integers are packed on a grid this fine (in units of their largest side). */
const LEAF_GRID = 64;
/**
 * A group's search is seldom proven within its nodes; then its packing gets a short annealing, a tenth of
 * packFast best's: a quarter more time for a tenth more density (the package's docs page has the figures).
 */
const LEAF_ANNEALING_WORK = 2_000;

function similarityOf(options: PackHierarchicalOptions, n: number): (a: number, b: number) => number {
  if (options.similarity !== undefined) {
    if (typeof options.similarity !== "function") {
      throw new ClearboxError(
        "E_TYPE",
        `options.similarity must be a function, got ${describeValue(options.similarity)}.`,
        {
          argument: "options.similarity",
        },
      );
    }
    return options.similarity;
  }
  if (options.features === undefined) {
    throw new ClearboxError(
      "E_OPTION",
      "packHierarchical needs options.features or options.similarity to group rectangles.",
      {
        argument: "options.features",
      },
    );
  }
  const features = toDenseMatrix(options.features, "options.features");
  if (features.rows !== n) {
    throw new ClearboxError(
      "E_SHAPE",
      `options.features must have one row per rectangle (${n}), got ${features.rows}.`,
      {
        argument: "options.features",
      },
    );
  }
  const vectorSimilarity = resolveSimilarity(options.metric ?? "cosine", "options.metric");
  const rows = Array.from({ length: n }, (_, i) =>
    features.values.subarray(i * features.columns, (i + 1) * features.columns),
  );
  return (a, b) => vectorSimilarity(rows[a], rows[b]);
}

function layoutSize(options: PackHierarchicalOptions, totalArea: number): { width: number; height: number } {
  if (options.width !== undefined || options.height !== undefined) {
    return {
      width: assertPositive(options.width, "options.width"),
      height: assertPositive(options.height, "options.height"),
    };
  }
  const aspectRatio =
    options.aspectRatio === undefined ? 1 : assertPositive(options.aspectRatio, "options.aspectRatio");
  // Room for the rectangles at about 85 % density (a typical leaf packing's), so scales stay near 1.
  const area = Math.max(totalArea, 1) / 0.85;
  return { width: Math.sqrt(area * aspectRatio), height: Math.sqrt(area / aspectRatio) };
}

/**
 * The exact packing of a leaf that scales largest into its cell. The search is quick on small integer sizes; other
 * sizes are rounded up to a grid of 1/LEAF_GRID of the group's largest side (every rectangle then sits in a slot at
 * least its size, so nothing overlaps).
 */
function packLeaf(sizes: RectSize[], cell: TreemapCell, leafMaxNodes: number, signal: AbortSignal | undefined) {
  const largest = Math.max(...sizes.map((r) => Math.max(r.width, r.height)));
  const exact = largest <= LEAF_GRID && sizes.every((r) => Number.isInteger(r.width) && Number.isInteger(r.height));
  const unit = exact ? 1 : largest / LEAF_GRID;
  const slots = sizes.map((r) => ({
    width: Math.max(1, Math.ceil(r.width / unit - 1e-9)),
    height: Math.max(1, Math.ceil(r.height / unit - 1e-9)),
  }));
  const inSlots = searchOptimal(
    slots,
    { aspectRatio: cell.width / cell.height, maxNodes: leafMaxNodes, signal },
    LEAF_ANNEALING_WORK,
  );
  return {
    width: inSlots.width * unit,
    height: inSlots.height * unit,
    placements: inSlots.placements.map((p) => ({ ...p, x: p.x * unit, y: p.y * unit })),
    optimal: inSlots.optimal && exact,
  };
}
