import { LONG_RUNNING_KEYS, assertOptions } from "@clearbox/core/internal";
import type { LongRunningOptions } from "@clearbox/core";
import type { OptionKeys } from "@clearbox/core/internal";
import {
  MAXRECTS_LIMIT,
  annealStrips,
  finishStrips,
  planStrips,
  shrinkStrips,
  sweepStrips,
} from "./heuristic/strip-sweep.js";
import type { Packing, RectSize } from "./rectangles.js";

/** Options of {@link packFast}. */
export interface PackFastOptions extends LongRunningOptions {
  /** Seed of `"best"` mode's annealing (the only random step). Default 0. */
  seed?: number;
  /** Wanted width / height of the result when no `maxWidth` is given. Default 1 (square). */
  aspectRatio?: number;
  /** Pack into a strip of this width (the result is as low as the heuristic gets it). */
  maxWidth?: number;
  /** Gap kept between rectangles. Default 0. */
  padding?: number;
  /** Let rectangles turn 90°. Default false. */
  allowRotation?: boolean;
  /**
   * `"fast"` (default): five strip widths around the target, tallest first, newest fitting space.
   * `"best"`: 21 widths × four orders, plus best-fit spaces at the five central widths, plus (up to 64 rectangles)
   * MaxRects bottom-left over 41 widths × two orders, a seeded annealing over MaxRects orders, and 20,000 nodes of
   * the exact search (`packOptimal`'s) on enclosures that would beat the best so far; keeps the densest.
   */
  quality?: "fast" | "best";
}

/** Every option of {@link packFast}: the list unknown keys are checked against. */
const PACK_FAST_OPTIONS = {
  seed: true,
  aspectRatio: true,
  maxWidth: true,
  padding: true,
  allowRotation: true,
  quality: true,
  ...LONG_RUNNING_KEYS,
} satisfies OptionKeys<PackFastOptions>;

/** A heuristic packing with its density (Σ rectangle area / enclosing area). */
export interface FastPacking extends Packing {
  density: number;
}

/**
 * Pack rectangles into a small enclosing rectangle with a guillotine free-space heuristic: rectangles go tallest
 * first into the newest free space they fit (the best-fitting one in `"best"` mode), and what is left of the space
 * is split into the strip beside them and the part above. Several strip widths around the target aspect ratio are
 * tried and the densest result wins. Deterministic; the input is never mutated; an empty list gives an empty
 * packing. A heuristic, not optimal: its density and speed beside potpack, shelf-pack and maxrects-packer are in
 * `bench/results/rect-pack.md`. With the default aspect ratio the result stays within a factor 1.5 of square.
 *
 * @example
 * const { width, height, placements, density } = packFast([{ width: 3, height: 2 }, { width: 1, height: 4 }]);
 * @param rects - the rectangles' sizes (positive, finite); never mutated.
 * @param options - `quality`, `aspectRatio`, `maxWidth`, `padding`, `allowRotation`, and for `"best"` `seed`, `signal`, `onProgress`.
 * @returns the enclosing size, one placement per rectangle (in input order) and the `density`.
 * @throws `E_TYPE` / `E_NAN` / `E_RANGE` for a bad size or option, or a rectangle wider than `maxWidth`; `E_OPTION` for an unknown option key or value; `E_ABORTED`.
 */
export function packFast(rects: readonly RectSize[], options: PackFastOptions = {}): FastPacking {
  options = assertOptions(options, "options", PACK_FAST_OPTIONS);
  const { progress, setup } = planStrips(rects, options);
  if (setup === undefined) {
    progress.done();
    return { width: 0, height: 0, placements: [], density: 1 };
  }
  // "best" on small inputs: the sweep takes about a third of the work, the annealing the rest, then a short exact
  // search for a smaller enclosure (not inside a fixed maxWidth).
  const polish = setup.quality === "best" && setup.widths.length <= MAXRECTS_LIMIT;
  let best = sweepStrips(setup, polish ? progress.phase(0, 0.3) : progress);
  if (polish) best = annealStrips(setup, best, progress.phase(0.3, 0.9));
  if (polish && setup.maxWidth === undefined) best = shrinkStrips(setup, best);
  const packing = finishStrips(setup, best, () => progress.report(0));
  progress.done();
  return packing;
}
