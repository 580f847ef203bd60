import {
  ClearboxError,
  assertFiniteNumber,
  assertInteger,
  assertOptions,
  createRandom,
  describeValue,
} from "@clearbox/core/internal";
import type { OptionKeys } from "@clearbox/core/internal";
import { findPartners } from "./edge-partners.js";
import type { Partners } from "./edge-partners.js";

/** Work units charged per pair of edges compared (a comparison costs about eight point attractions: scattered memory reads). */
const COMPARISON_COST = 8;

/** A straight edge to bundle: `[x1, y1, x2, y2]` or `{ x1, y1, x2, y2 }`. */
export type EdgeSegment =
  readonly [number, number, number, number] | { x1: number; y1: number; x2: number; y2: number };

export interface BundleEdgesOptions {
  /** Pairs of edges whose compatibility C_α · C_s · C_p is below this do not attract each other. Default 0.6. */
  compatibility?: number;
  /** Cycles of subdivision: cycle c has 2^c interior points per edge. Default 6. */
  cycles?: number;
  /** Iterations of the first cycle; each later cycle runs 2/3 as many. Default 50 (Holten & van Wijk's I₀). */
  iterations?: number;
  /** Spring stiffness K that keeps an edge's points spaced along it. Default 0.1. */
  stiffness?: number;
  /** Move per unit force in the first cycle, as a share of the drawing's diagonal; halved each cycle. Default 4.5e-4 (0.18 px on a 400 px drawing: with I₀ = 50, about the total move of Holten's S₀ = 0.1 px over 90 iterations). */
  step?: number;
  /**
   * Work budget, in point-to-point attractions: each pair of edges compared for compatibility costs 8 (only edges
   * whose midpoints are close enough to reach the threshold are compared, through a grid), each attraction 1, and at
   * most `maxWork / (2 · iterations)` compatible pairs are kept. When the budget runs out, bundling stops and
   * `truncated` says so. Default 2.5 × 10⁸ (500 mutually compatible edges run to the end; 20,000 edges stay within
   * a few seconds).
   */
  maxWork?: number;
  /** Seed of the tiny jitter that separates coincident points. Default 0. */
  seed?: number;
}

const KEYS = {
  compatibility: true,
  cycles: true,
  iterations: true,
  stiffness: true,
  step: true,
  maxWork: true,
  seed: true,
} satisfies OptionKeys<BundleEdgesOptions>;

/** The bundled edges: one polyline per edge, in input order. */
export interface BundledEdges {
  /** Per edge, `[x1, y1, …interior points…, x2, y2]`. */
  paths: Float64Array[];
  /** Pairs of edges that attract each other (compatibility at or above the threshold). */
  compatiblePairs: number;
  /** Cycles run to the end. */
  cycles: number;
  /** Work spent: 8 per pair compared plus the point-to-point attractions computed. */
  work: number;
  /** Pairs of edges whose compatibility was computed (far-apart pairs never are). */
  compared: number;
  /**
   * True when `maxWork` stopped the bundling: during the compatibility pass (some compatible pairs were never found)
   * or before its last cycle ended (the paths are the last complete iteration's).
   */
  truncated: boolean;
}

/**
 * Force-directed edge bundling (Holten & van Wijk 2009), with the compatibility of ALGORITHMS.md §9:
 * `C = C_α · C_s · C_p` — angle `|cos α|`, scale `2 / (l_avg / min + max / l_avg)`, position
 * `l_avg / (l_avg + ‖midpoint distance‖)`. Each edge is subdivided (1, 2, 4, … interior points per cycle); a point
 * feels springs to its neighbours on the edge and, from every compatible edge, a unit pull towards the corresponding
 * point weighted by C (Holten's inverse-distance potential). Written here because no maintained ES-module package
 * implements it. Deterministic; the work budget counts attractions, never time.
 *
 * @param edges - Straight edges as `[x1, y1, x2, y2]` or `{ x1, y1, x2, y2 }`, in drawing coordinates.
 * @param options - `compatibility` (0.6), `cycles` (6), `iterations` (50), `stiffness` (0.1), `step`, `maxWork` (2.5e8), `seed`.
 * @returns One polyline per edge, the number of compatible pairs, cycles run, work done and whether the budget cut it.
 * @throws `E_TYPE` / `E_NAN` for an edge that is not four finite numbers; `E_RANGE` / `E_OPTION` for a bad option.
 * @example
 * const { paths } = bundleEdges([[0, 0, 100, 0], [0, 10, 100, 10]]); // two parallel edges pulled together
 */
export function bundleEdges(edges: ArrayLike<EdgeSegment>, options: BundleEdgesOptions = {}): BundledEdges {
  options = assertOptions(options, "options", KEYS);
  const threshold = option(options.compatibility, "options.compatibility", 0.6, 0, 1);
  const cycles = options.cycles === undefined ? 6 : assertInteger(options.cycles, "options.cycles", 0, 12);
  const iterations0 =
    options.iterations === undefined ? 50 : assertInteger(options.iterations, "options.iterations", 0);
  const stiffness = option(options.stiffness, "options.stiffness", 0.1, 0, Infinity);
  const stepShare = option(options.step, "options.step", 4.5e-4, 0, 1);
  const maxWork = option(options.maxWork, "options.maxWork", 2.5e8, 0, Infinity);
  const random = createRandom(options.seed === undefined ? 0 : assertFiniteNumber(options.seed, "options.seed"));
  const ends = readEdges(edges);
  const n = ends.length / 4;
  // Coordinates near ±1e300 (or denormals) are brought near 1 by a power of two (exact), so that no length,
  // difference or square overflows or underflows; the paths are scaled back at the end.
  const unit = unitScale(ends);
  for (let k = 0; k < ends.length; k++) ends[k] *= unit;

  // Comparisons cost COMPARISON_COST attractions each; kept pairs beyond what one first-cycle run could use are useless
  // and would only hold memory (a pair costs 26 bytes).
  const search = findPartners(ends, threshold, {
    maxCompared: Math.floor(maxWork / COMPARISON_COST),
    maxPairs: Math.max(1, Math.floor(maxWork / (2 * Math.max(1, iterations0)))),
  });
  const { partners, compatiblePairs } = search;
  let work = search.compared * COMPARISON_COST;
  let truncated = search.truncated;

  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let e = 0; e < n; e++) {
    for (const k of [0, 2]) {
      minX = Math.min(minX, ends[4 * e + k]);
      maxX = Math.max(maxX, ends[4 * e + k]);
      minY = Math.min(minY, ends[4 * e + k + 1]);
      maxY = Math.max(maxY, ends[4 * e + k + 1]);
    }
  }
  const diagonal = n > 0 ? Math.hypot(maxX - minX, maxY - minY) || 1 : 1;
  // points[e]: P interior points as x, y pairs.
  let P = 0;
  let points: Float64Array[] = Array.from({ length: n }, () => new Float64Array(0));
  let cyclesRun = 0;
  let step = stepShare * diagonal;
  let iterations = iterations0;
  let stopped = false;
  for (let cycle = 0; cycle < cycles && !stopped; cycle++) {
    P = P === 0 ? 1 : 2 * P;
    points = points.map((current, e) => subdivide(ends, e, current, P));
    // Coincident points of different edges would attract along no direction: a jitter of 10⁻⁹ of the drawing.
    if (cycle === 0)
      for (const p of points) for (let k = 0; k < p.length; k++) p[k] += (random.next() - 0.5) * 1e-9 * diagonal;
    const costPerIteration = P * partners.other.length;
    // All edges' points in one array, and a second to write the next iteration into.
    let current = new Float64Array(2 * P * n);
    points.forEach((p, e) => current.set(p, 2 * P * e));
    let next = new Float64Array(current.length);
    const force = new Float64Array(2 * P);
    for (let it = 0; it < iterations; it++) {
      if (work + costPerIteration > maxWork) {
        stopped = truncated = true;
        break;
      }
      work += costPerIteration;
      iterate(ends, current, next, partners, P, stiffness, step, force);
      [current, next] = [next, current];
    }
    points = points.map((_, e) => current.slice(2 * P * e, 2 * P * (e + 1)));
    if (!stopped) cyclesRun++;
    step /= 2;
    iterations = Math.max(1, Math.round((iterations * 2) / 3));
  }
  const paths = points.map((p, e) => {
    const path = new Float64Array(p.length + 4);
    path[0] = ends[4 * e];
    path[1] = ends[4 * e + 1];
    path.set(p, 2);
    path[p.length + 2] = ends[4 * e + 2];
    path[p.length + 3] = ends[4 * e + 3];
    if (unit !== 1) for (let k = 0; k < path.length; k++) path[k] /= unit;
    return path;
  });
  return { paths, compatiblePairs, cycles: cyclesRun, work, compared: search.compared, truncated };
}

/**
 * One iteration, from `current` into `next` (every edge's P points, x, y, edge after edge): springs along each edge,
 * unit pulls weighted by compatibility towards each compatible edge's corresponding point.
 */
function iterate(
  ends: Float64Array,
  current: Float64Array,
  next: Float64Array,
  partners: Partners,
  P: number,
  stiffness: number,
  step: number,
  force: Float64Array,
) {
  const { offsets, other, weight, reversed } = partners;
  const n = offsets.length - 1;
  for (let e = 0; e < n; e++) {
    const base = 2 * P * e;
    force.fill(0);
    for (let m = offsets[e]; m < offsets[e + 1]; m++) {
      const partner = 2 * P * other[m];
      const w = weight[m];
      const flip = reversed[m] === 1;
      for (let k = 0; k < P; k++) {
        const kk = flip ? P - 1 - k : k;
        const dx = current[partner + 2 * kk] - current[base + 2 * k];
        const dy = current[partner + 2 * kk + 1] - current[base + 2 * k + 1];
        const d2 = dx * dx + dy * dy;
        if (d2 > 1e-24) {
          // Math.sqrt, not Math.hypot: this is the innermost loop, and hypot is several times slower in V8.
          const pull = w / Math.sqrt(d2);
          force[2 * k] += dx * pull;
          force[2 * k + 1] += dy * pull;
        }
      }
    }
    const length = Math.hypot(ends[4 * e + 2] - ends[4 * e], ends[4 * e + 3] - ends[4 * e + 1]) || 1;
    const kP = stiffness / (length * (P + 1));
    for (let k = 0; k < P; k++) {
      const x = current[base + 2 * k];
      const y = current[base + 2 * k + 1];
      const px = k === 0 ? ends[4 * e] : current[base + 2 * k - 2];
      const py = k === 0 ? ends[4 * e + 1] : current[base + 2 * k - 1];
      const nx = k === P - 1 ? ends[4 * e + 2] : current[base + 2 * k + 2];
      const ny = k === P - 1 ? ends[4 * e + 3] : current[base + 2 * k + 3];
      next[base + 2 * k] = x + step * (force[2 * k] + kP * (px + nx - 2 * x));
      next[base + 2 * k + 1] = y + step * (force[2 * k + 1] + kP * (py + ny - 2 * y));
    }
  }
}

/** P interior points evenly spaced along edge e's current polyline (straight at first). */
function subdivide(ends: Float64Array, e: number, current: Float64Array, P: number): Float64Array {
  const polyline = new Float64Array(current.length + 4);
  polyline.set([ends[4 * e], ends[4 * e + 1]]);
  polyline.set(current, 2);
  polyline.set([ends[4 * e + 2], ends[4 * e + 3]], current.length + 2);
  const segments = polyline.length / 2 - 1;
  const lengths = new Float64Array(segments);
  let total = 0;
  for (let s = 0; s < segments; s++) {
    lengths[s] = Math.hypot(polyline[2 * s + 2] - polyline[2 * s], polyline[2 * s + 3] - polyline[2 * s + 1]);
    total += lengths[s];
  }
  const out = new Float64Array(2 * P);
  let s = 0;
  let walked = 0;
  for (let k = 0; k < P; k++) {
    const target = (total * (k + 1)) / (P + 1);
    while (s < segments - 1 && walked + lengths[s] < target) walked += lengths[s++];
    const t = lengths[s] > 0 ? (target - walked) / lengths[s] : 0;
    out[2 * k] = polyline[2 * s] + t * (polyline[2 * s + 2] - polyline[2 * s]);
    out[2 * k + 1] = polyline[2 * s + 1] + t * (polyline[2 * s + 3] - polyline[2 * s + 1]);
  }
  return out;
}

/** 1, or the power of two that brings the largest coordinate near 1 when it lies beyond 2^±256. */
function unitScale(ends: Float64Array): number {
  let largest = 0;
  for (let k = 0; k < ends.length; k++) largest = Math.max(largest, Math.abs(ends[k]));
  if (largest === 0 || (largest < 2 ** 256 && largest > 2 ** -256)) return 1;
  return 2 ** Math.min(1000, -Math.ceil(Math.log2(largest)));
}

function readEdges(edges: unknown): Float64Array {
  if (edges === null || typeof edges !== "object" || typeof (edges as ArrayLike<unknown>).length !== "number") {
    throw new ClearboxError("E_TYPE", `edges must be an array of [x1, y1, x2, y2], got ${describeValue(edges)}.`, {
      argument: "edges",
    });
  }
  const list = edges as ArrayLike<unknown>;
  const out = new Float64Array(4 * list.length);
  for (let e = 0; e < list.length; e++) {
    const edge = list[e] as Record<string | number, unknown> | null;
    const values = Array.isArray(edge) ? edge : [edge?.x1, edge?.y1, edge?.x2, edge?.y2];
    for (let k = 0; k < 4; k++) {
      const v = values[k];
      if (typeof v !== "number") {
        throw new ClearboxError("E_TYPE", `edges[${e}] must be [x1, y1, x2, y2], got ${describeValue(edge)}.`, {
          argument: `edges[${e}]`,
        });
      }
      if (!Number.isFinite(v)) {
        throw new ClearboxError("E_NAN", `edges[${e}] has a coordinate that is not finite (${v}).`, {
          argument: `edges[${e}]`,
        });
      }
      out[4 * e + k] = v;
    }
  }
  return out;
}

function option(value: number | undefined, name: string, fallback: number, low: number, high: number): number {
  if (value === undefined) return fallback;
  const v = assertFiniteNumber(value, name);
  if (v < low || v > high) {
    throw new ClearboxError("E_RANGE", `${name} must be in [${low}, ${high}], got ${v}.`, { argument: name });
  }
  return v;
}
