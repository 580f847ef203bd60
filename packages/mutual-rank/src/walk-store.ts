import { IntList } from "./tweets/int-list.js";

/**
 * The stored random walks of a Monte Carlo ranker, with named moves (graphology louvain's shape): `walk` a new one,
 * `reroute` one from a step on, `spread` a walk's weight over the nodes it visits, `markThrough` the walks that pass
 * given nodes, `compact` the storage. Walk k (start node ⌊k / R⌋) occupies `steps[start[k] … start[k] + length[k])`.
 */
export class WalkStore {
  steps: Int32Array;
  /** Steps in use, live or left behind by rerouted walks. */
  used = 0;
  /** Steps of the walks as they are now. */
  live = 0;
  readonly start: Int32Array;
  readonly length: Int32Array;
  /** Node → walks through it (CSR, built at the first `markThrough`; each walk once per node). */
  private index: { offsets: Int32Array; walks: Int32Array } | null = null;
  /**
   * Walks that reached a node after the index was built (by rerouting), as (node, walk) pairs appended in order: a
   * Map of per-node arrays was the larger part of a hub edit's cost. Folded into the index when the storage compacts.
   */
  private extraNode = new IntList();
  private extraWalk = new IntList();
  private readonly nodeFlag: Uint8Array;

  constructor(
    readonly walks: number,
    readonly size: number,
    expectedSteps: number,
  ) {
    this.steps = new Int32Array(Math.max(16, Math.ceil(expectedSteps)));
    this.start = new Int32Array(walks);
    this.length = new Int32Array(walks);
    this.nodeFlag = new Uint8Array(size);
  }

  private append(node: number): void {
    if (this.used === this.steps.length) {
      const bigger = new Int32Array(this.steps.length * 2);
      bigger.set(this.steps);
      this.steps = bigger;
    }
    this.steps[this.used++] = node;
  }

  /** Append steps from `at` while `goOn()` says so, each next node from `next(at)`; returns the walk's end. */
  private continueFrom(at: number, goOn: () => boolean, next: (at: number) => number): void {
    while (goOn()) {
      at = next(at);
      this.append(at);
    }
  }

  /** Walk k anew from `node`: it goes on while `goOn()` and moves by `next`. */
  walk(k: number, node: number, goOn: () => boolean, next: (at: number) => number): void {
    this.start[k] = this.used;
    this.append(node);
    this.continueFrom(node, goOn, next);
    this.length[k] = this.used - this.start[k];
    this.live += this.length[k];
  }

  /**
   * Walk k again from its step at position `s` (which went on): the steps up to `s` are kept, the next node is drawn
   * by `next` and the walk goes on while `goOn()`. The walk moves to the end of the storage; the nodes it newly
   * visits join the index.
   */
  reroute(k: number, s: number, goOn: () => boolean, next: (at: number) => number): void {
    const from = this.start[k];
    this.live -= this.length[k];
    this.start[k] = this.used;
    for (let q = from; q <= s; q++) this.append(this.steps[q]);
    const at = next(this.steps[this.used - 1]);
    this.append(at);
    this.continueFrom(at, goOn, next);
    this.length[k] = this.used - this.start[k];
    this.live += this.length[k];
    for (let q = this.start[k] + (s - from) + 1; q < this.used; q++) {
      this.extraNode.push(this.steps[q]);
      this.extraWalk.push(k);
    }
  }

  /** Add `a` to `into` at every step of walk k. */
  spread(k: number, a: number, into: Float64Array): void {
    const end = this.start[k] + this.length[k];
    for (let s = this.start[k]; s < end; s++) into[this.steps[s]] += a;
  }

  /** The first position of walk k at a node flagged in `rows` from which the walk went on, or −1. */
  firstStepFrom(k: number, rows: Uint8Array): number {
    const last = this.start[k] + this.length[k] - 1;
    for (let s = this.start[k]; s < last; s++) if (rows[this.steps[s]] === 1) return s;
    return -1;
  }

  /** Build the node → walks index (of the walks as they are now). */
  buildIndex(): void {
    const { steps, start, length, size } = this;
    const counts = new Int32Array(size + 1);
    const lastWalk = new Int32Array(size).fill(-1);
    const visit = (k: number, each: (node: number) => void) => {
      for (let s = start[k]; s < start[k] + length[k]; s++) {
        if (lastWalk[steps[s]] !== k) {
          lastWalk[steps[s]] = k;
          each(steps[s]);
        }
      }
    };
    for (let k = 0; k < this.walks; k++) visit(k, (node) => counts[node + 1]++);
    for (let i = 0; i < size; i++) counts[i + 1] += counts[i];
    const walks = new Int32Array(counts[size]);
    const cursor = counts.slice(0, size);
    lastWalk.fill(-1);
    for (let k = 0; k < this.walks; k++) visit(k, (node) => (walks[cursor[node]++] = k));
    this.index = { offsets: counts, walks };
    this.extraNode = new IntList();
    this.extraWalk = new IntList();
  }

  /**
   * How many (walk, node) visits the index lists at `nodes`: an upper bound of the walks through them (a walk through
   * two is counted twice; rerouted walks not yet folded into the index are not), in O(nodes).
   */
  visitsAt(nodes: readonly number[]): number {
    const index = this.ensureIndex();
    let count = 0;
    for (const i of nodes) count += index.offsets[i + 1] - index.offsets[i];
    return count;
  }

  private ensureIndex(): { offsets: Int32Array; walks: Int32Array } {
    // Built at the first call: a ranker that is never edited never needs it.
    if (this.index === null) this.buildIndex();
    return this.index as unknown as { offsets: Int32Array; walks: Int32Array };
  }

  /**
   * Set `mark[k] = 1` for every walk that has passed through one of `nodes` (a superset: a rerouted walk may have
   * left a node behind) and list the marked walks in storage order into `list`; returns how many.
   */
  markThrough(nodes: readonly number[], mark: Uint8Array, list: Int32Array): number {
    const index = this.ensureIndex();
    for (const i of nodes) {
      for (let p = index.offsets[i]; p < index.offsets[i + 1]; p++) mark[index.walks[p]] = 1;
      this.nodeFlag[i] = 1;
    }
    const [extraNode, extraWalk] = [this.extraNode.data, this.extraWalk.data];
    for (let e = 0; e < this.extraNode.length; e++) if (this.nodeFlag[extraNode[e]] === 1) mark[extraWalk[e]] = 1;
    for (const i of nodes) this.nodeFlag[i] = 0;
    let count = 0;
    for (let k = 0; k < mark.length; k++) if (mark[k] === 1) list[count++] = k;
    return count;
  }

  /** Drop the steps that rerouted walks left behind, once they are half the storage. */
  compactIfSparse(): void {
    if (this.used <= 2 * this.live) return;
    const steps = new Int32Array(Math.max(16, Math.ceil(this.live * 1.25)));
    let used = 0;
    for (let k = 0; k < this.walks; k++) {
      steps.set(this.steps.subarray(this.start[k], this.start[k] + this.length[k]), used);
      this.start[k] = used;
      used += this.length[k];
    }
    this.steps = steps;
    this.used = used;
    // The walks as they are now, indexed afresh: the pairs of rerouted walks are folded in.
    this.buildIndex();
  }

  /** Bytes held by the walks and their index. */
  get bytes(): number {
    const index = this.index === null ? 0 : this.index.offsets.byteLength + this.index.walks.byteLength;
    return this.steps.byteLength + this.start.byteLength + this.length.byteLength + index;
  }
}
