import type { WalkStore } from "./walk-store.js";

/**
 * The rows of M changed by edits whose walks were not yet walked again (the exact strategy answers such an edit by a
 * re-solve and leaves the walks stale). A walk is a sample of the current model up to its first step out of
 * any of these rows — its prefix only went through rows no edit changed — so walking each again from there, once,
 * when the walks are next needed, makes every walk a sample of the current model, however many edits came between.
 */
export class StaleWalks {
  private readonly row: Uint8Array;
  private rows: number[] = [];

  constructor(size: number) {
    this.row = new Uint8Array(size);
  }

  /** Whether some walks may be stale. */
  get active(): boolean {
    return this.rows.length > 0;
  }

  /** Flag rows an edit changed. */
  add(rows: readonly number[]): void {
    for (const i of rows) {
      if (this.row[i] === 1) continue;
      this.row[i] = 1;
      this.rows.push(i);
    }
  }

  /**
   * Walk again, from its first step out of a flagged row, every walk that has one — out with its stale path, in with
   * the new, both at its start's current weight `weight[⌊k / R⌋]` — then clear the flags. One pass over the stored
   * steps finds them (no index needed). Returns how many walks were walked again.
   */
  resample(
    store: WalkStore,
    move: { goOn: () => boolean; next: (at: number) => number },
    spread: { A: Float64Array; weight: Float64Array; R: number },
  ): number {
    const { A, weight, R } = spread;
    let walked = 0;
    for (let k = 0; k < store.walks; k++) {
      const s = store.firstStepFrom(k, this.row);
      if (s < 0) continue;
      const w = weight[Math.floor(k / R)];
      store.spread(k, -w, A);
      store.reroute(k, s, move.goOn, move.next);
      store.spread(k, w, A);
      walked++;
    }
    for (const i of this.rows) this.row[i] = 0;
    this.rows = [];
    return walked;
  }
}
