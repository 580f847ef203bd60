import type { Random } from "@clearbox/core";
import { identityLabels } from "./level-graph.js";
import type { LevelGraph } from "./level-graph.js";

/**
 * Adjacency entries between two calls of `check` (well under 1 ms of work; 2¹⁶ left gaps of 50 ms under load, as
 * the refinement's random choices cost more per entry than the count says): signal checks stay below 20 ms apart.
 */
export const WORK_PER_CHECK = 1 << 14;

/**
 * Scratch space for summing a node's edge weight per neighbouring community: a dense weight row plus the list of
 * the communities touched, so resetting costs only what was touched.
 * @internal
 */
export class CommunityWeights {
  readonly weight: Float64Array;
  readonly touched: Int32Array;
  /** Scratch for a value per touched community (the refinement's gains). */
  readonly gain: Float64Array;
  count = 0;
  constructor(size: number) {
    this.weight = new Float64Array(size);
    this.touched = new Int32Array(size);
    this.gain = new Float64Array(size);
  }
  add(community: number, w: number): void {
    if (this.weight[community] === 0) this.touched[this.count++] = community;
    this.weight[community] += w;
  }
  clear(): void {
    for (let i = 0; i < this.count; i++) this.weight[this.touched[i]] = 0;
    this.count = 0;
  }
}

/** Consecutive node ids visited together by {@link localShuffle}: their CSR rows span tens of kilobytes. */
const SHUFFLE_BLOCK = 256;

/**
 * A random order of 0 … n − 1 that keeps memory close: blocks of consecutive ids in random order, each block's ids
 * in random order. A full shuffle jumps to a random CSR row at every node; on the bench's 10⁵-node / 10⁶-edge
 * graph one converged sweep took ~4× the CPU time of a sweep in id order (cache misses, not work).
 * @internal
 */
export function localShuffle(n: number, random: Random): Int32Array {
  const blocks = Math.ceil(n / SHUFFLE_BLOCK);
  const blockOrder = random.shuffleInPlace(identityLabels(blocks));
  const order = new Int32Array(n);
  let k = 0;
  for (let b = 0; b < blocks; b++) {
    const from = k;
    const first = blockOrder[b] * SHUFFLE_BLOCK;
    const end = Math.min(n, first + SHUFFLE_BLOCK);
    for (let v = first; v < end; v++) order[k++] = v;
    for (let i = k - 1; i > from; i--) {
      const j = from + random.int(i - from + 1);
      const t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  }
  return order;
}

/**
 * Leiden's fast local moving (Traag, Waltman & van Eck 2019, Alg. A.2): visit nodes from a queue (first in random
 * order); move each to the neighbouring community, or an empty one, that raises the quality most; after a move,
 * queue the neighbours outside the new community that are not queued. Ends when the queue is empty, so every node
 * is then in its best community. Unlike Louvain's repeated full sweeps it revisits only what a move can affect.
 * `membership` (labels < nodes) is updated in place; returns the number of moves.
 * @internal
 */
export function moveNodesFast(
  graph: LevelGraph,
  membership: Int32Array,
  mass: Float64Array,
  scale: number,
  random: Random,
  check: () => void,
): number {
  const { nodes: n, offsets, targets, weights } = graph;
  const total = new Float64Array(n);
  const members = new Int32Array(n);
  for (let v = 0; v < n; v++) {
    total[membership[v]] += mass[v];
    members[membership[v]]++;
  }
  const empty = emptyCommunities(members);
  const queue = localShuffle(n, random);
  const queued = new Uint8Array(n).fill(1);
  const around = new CommunityWeights(n);
  check(); // after the set-up (O(n) arrays and the shuffle), before the first 2¹⁴ entries
  let head = 0;
  let pending = n;
  let moves = 0;
  let work = 0;
  while (pending > 0) {
    const v = queue[head];
    head = head + 1 === n ? 0 : head + 1;
    pending--;
    queued[v] = 0;
    const from = membership[v];
    const start = offsets[v];
    const end = offsets[v + 1];
    for (let p = start; p < end; p++) around.add(membership[targets[p]], weights[p]);
    total[from] -= mass[v];
    members[from]--;
    const best = bestCommunity(around, from, mass[v] * scale, total);
    const to = best >= 0 ? best : nextEmpty(empty, members, from);
    around.clear();
    total[to] += mass[v];
    members[to]++;
    if (members[from] === 0) empty.push(from);
    work += end - start + 1;
    // Checked before the `continue`: in a converged pass nearly no node moves, and the check must still come.
    if (work >= WORK_PER_CHECK) {
      work = 0;
      check();
    }
    if (to === from) continue;
    membership[v] = to;
    moves++;
    for (let p = start; p < end; p++) {
      const u = targets[p];
      if (queued[u] === 0 && membership[u] !== to) {
        queued[u] = 1;
        queue[(head + pending++) % n] = u;
      }
    }
  }
  return moves;
}

/**
 * The community with the largest gain `w(v, C) − massScale · A_C` (v already removed from its own), staying put
 * unless another is strictly better; −1 (meaning: an empty community, gain 0) when every gain is negative.
 */
function bestCommunity(around: CommunityWeights, from: number, massScale: number, total: Float64Array): number {
  let best = from;
  let bestGain = around.weight[from] - massScale * total[from];
  for (let i = 0; i < around.count; i++) {
    const c = around.touched[i];
    const gain = around.weight[c] - massScale * total[c];
    if (gain > bestGain) {
      bestGain = gain;
      best = c;
    }
  }
  return bestGain < 0 ? -1 : best;
}

/** The ids of the communities with no member, as a stack. */
function emptyCommunities(members: Int32Array): number[] {
  const empty: number[] = [];
  for (let c = members.length - 1; c >= 0; c--) if (members[c] === 0) empty.push(c);
  return empty;
}

/** An empty community: `from` if the move emptied it, else one from the stack (skipping ids refilled since). */
function nextEmpty(empty: number[], members: Int32Array, from: number): number {
  if (members[from] === 0) return from;
  while (empty.length > 0) {
    const c = empty.pop() as number;
    if (members[c] === 0) return c;
  }
  return from; // unreachable: n communities for n nodes, v's own is not empty, so some other one is
}
