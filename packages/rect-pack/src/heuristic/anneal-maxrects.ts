import { createRandom } from "@clearbox/core/internal";
import { packMaxRects } from "./maxrects.js";
import type { Placement } from "../rectangles.js";

/** A MaxRects run as its caller judges it: lower scores are better. */
export interface JudgedRun {
  placements: Placement[];
  width: number;
  height: number;
  score: number;
}

/**
 * The annealing's usual work: 20,000 / n MaxRects runs for n rectangles.
 */
export const ANNEALING_WORK = 20_000;

/** How an annealing run is judged, how long it runs, and what it reports. */
export interface AnnealingPlan<T extends JudgedRun> {
  /** Work: `work` / n MaxRects runs for n rectangles. */
  work: number;
  /** Turns a run into the caller's score. */
  judge: (run: { placements: Placement[]; width: number; height: number }) => T;
  /** The run to beat. */
  best: T;
  /** Seed of the annealing's random choices. */
  seed: number;
  /** Called every 64 runs with the fraction done (a caller's progress and abort check). */
  poll?: (fraction: number) => void;
}

/**
 * Improves on `best` by a seeded annealing over MaxRects orders and strip widths: each step swaps two nearby
 * rectangles of the order and (unless `varyWidth` is false) nudges the strip width by up to ±3 %, never below
 * `minWidth`; a step is kept when it scores no worse than the current one, or slightly worse early on. Starts from
 * `order` at `stripWidth`. Deterministic: `work` / n runs, seeded. Returns the best run seen, or `best`
 * when none scores lower. Sizes include padding; `judge` turns a run into the caller's score.
 * @internal
 */
export function annealMaxRects<T extends JudgedRun>(
  w: Float64Array,
  h: Float64Array,
  rotate: boolean,
  start: { order: readonly number[]; stripWidth: number; minWidth: number; varyWidth: boolean },
  plan: AnnealingPlan<T>,
): T {
  const { work, judge, poll } = plan;
  let best = plan.best;
  const n = w.length;
  let order = [...start.order];
  let width = start.stripWidth;
  let current = best.score;
  const random = createRandom(plan.seed);
  const steps = Math.round(work / n);
  for (let step = 0; step < steps; step++) {
    if ((step & 63) === 0) poll?.(step / steps);
    const candidate = [...order];
    const a = random.int(n);
    const b = Math.min(n - 1, a + 1 + random.int(3));
    [candidate[a], candidate[b]] = [candidate[b], candidate[a]];
    const stripWidth = start.varyWidth ? Math.max(start.minWidth, width * (1 + (random.next() - 0.5) * 0.06)) : width;
    const judged = judge(packMaxRects(w, h, candidate, stripWidth, rotate));
    const temperature = 0.01 * (1 - step / steps);
    if (judged.score <= current * (1 + temperature * random.next())) {
      [order, width, current] = [candidate, stripWidth, judged.score];
      if (judged.score < best.score - 1e-9) best = judged;
    }
  }
  return best;
}
