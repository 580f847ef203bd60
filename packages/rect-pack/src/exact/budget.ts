// The exact search's work budget: one object shared by every search that spends it (packOptimal's upright and
// transposed searches draw on the same nodes), instead of a limits object each search mutates.
import { throwIfAborted } from "@clearbox/core/internal";

/**
 * A budget of search nodes, with an opt-in wall-clock deadline, an abort signal and an optional observer of the
 * share spent (packOptimal's progress: a search proving a hard instance can spend its whole budget on one enclosure,
 * so counting enclosures alone would report nothing until the end).
 */
export class SearchBudget {
  /** Nodes spent so far, by every search sharing the budget (the one that ran out included). */
  spent = 0;
  /** True once the nodes or the deadline have run out; every search sharing the budget stops. */
  exhausted = false;

  constructor(
    readonly maxNodes: number,
    readonly deadline = Infinity,
    readonly signal: AbortSignal | undefined = undefined,
    readonly onCheck: ((spentFraction: number) => void) | undefined = undefined,
  ) {}

  /**
   * Spend one node; false when the budget has run out. The signal and the deadline are checked, and `onCheck` told
   * the share spent, every 128 nodes (well under a millisecond of search).
   */
  spend(): boolean {
    if (this.exhausted) return false;
    if (++this.spent > this.maxNodes) this.exhausted = true;
    else if ((this.spent & 127) === 0) {
      throwIfAborted(this.signal, "optimal packing");
      this.onCheck?.(this.spent / this.maxNodes);
      if (performance.now() > this.deadline) this.exhausted = true;
    }
    return !this.exhausted;
  }
}
