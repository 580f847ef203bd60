// The exact search's work budget: one object shared by every search that spends it (packOptimal's upright and
// transposed searches draw on the same nodes), instead of a limits object each search mutates.
import { throwIfAborted } from "@clearbox/core/internal";

/** A budget of search nodes, with an opt-in wall-clock deadline and an abort signal. */
export class SearchBudget {
  /** Nodes spent so far, by every search sharing the budget (the one that ran out included). */
  spent = 0;
  /** True once the nodes or the deadline have run out; every search sharing the budget stops. */
  exhausted = false;

  constructor(
    readonly maxNodes: number,
    readonly deadline = Infinity,
    readonly signal: AbortSignal | undefined = undefined,
  ) {}

  /** Spend one node; false when the budget has run out. The signal and the deadline are checked every 128 nodes. */
  spend(): boolean {
    if (this.exhausted) return false;
    if (++this.spent > this.maxNodes) this.exhausted = true;
    else if ((this.spent & 127) === 0) {
      throwIfAborted(this.signal, "optimal packing");
      if (performance.now() > this.deadline) this.exhausted = true;
    }
    return !this.exhausted;
  }
}
