import type { Random } from "@clearbox/core";
import { identityLabels } from "./level-graph.js";
import type { LevelGraph } from "./level-graph.js";
import { CommunityWeights, localShuffle, WORK_PER_CHECK } from "./move-nodes.js";

/**
 * Leiden's refinement (Traag, Waltman & van Eck 2019, Alg. A.2, RefinePartition/MergeNodesSubset): inside every
 * community of `membership`, start from singletons and visit the nodes in random order; a node still alone and
 * well connected to the rest of its community joins a well-connected sub-community it has an edge to, chosen at
 * random with probability ∝ exp(ΔH / θ) among those with ΔH ≥ 0 (staying alone is ΔH = 0). Joins follow edges, so
 * every refined community is connected — the property that keeps Leiden's communities connected.
 * "Well connected" is E(S, C − S) ≥ scale · A_S (A_C − A_S), the paper's γ-connectivity in the shared form of
 * {@link nodeMass}. Returns refined labels (node ids of a member, not compacted).
 * @internal
 */
export function refinePartition(
  graph: LevelGraph,
  membership: Int32Array,
  mass: Float64Array,
  scale: number,
  theta: number,
  random: Random,
  check: () => void,
): Int32Array {
  const { nodes: n, offsets, targets, weights } = graph;
  const refined = identityLabels(n);
  const refinedMass = Float64Array.from(mass);
  const refinedSize = new Int32Array(n).fill(1);
  const communityMass = new Float64Array(n);
  for (let v = 0; v < n; v++) communityMass[membership[v]] += mass[v];
  check(); // the set-up passes over every entry are tens of ms on 10⁶ edges: a check on each side
  const outside = weightInsideCommunity(graph, membership); // E({v}, C − v) at first, E(S, C − S) as S grows
  check();
  const nodeOutside = Float64Array.from(outside);
  const around = new CommunityWeights(n);
  const order = localShuffle(n, random);
  let work = 0;
  for (let i = 0; i < n; i++) {
    const v = order[i];
    if (refinedSize[refined[v]] !== 1) continue;
    const c = membership[v];
    const a = mass[v];
    if (nodeOutside[v] < scale * a * (communityMass[c] - a)) continue;
    const start = offsets[v];
    const end = offsets[v + 1];
    for (let p = start; p < end; p++) {
      const u = targets[p];
      if (membership[u] === c) around.add(refined[u], weights[p]);
    }
    work += end - start + 1;
    const pick = { outside, refinedMass, communityMass: communityMass[c], scale, nodeMass: a, theta };
    const to = chooseSubcommunity(around, refined[v], pick, random);
    if (to !== refined[v]) {
      outside[to] += nodeOutside[v] - 2 * around.weight[to];
      refinedMass[to] += a;
      refinedSize[to]++;
      refinedSize[refined[v]] = 0;
      refined[v] = to;
    }
    around.clear();
    if (work >= WORK_PER_CHECK) {
      work = 0;
      check();
    }
  }
  return refined;
}

interface Pick {
  /** E(S, C − S) of every sub-community S. */
  outside: Float64Array;
  refinedMass: Float64Array;
  /** A_C of the community being refined. */
  communityMass: number;
  scale: number;
  /** a_v of the node being placed. */
  nodeMass: number;
  theta: number;
}

/**
 * A well-connected neighbouring sub-community with ΔH = w(v, S) − scale·a_v·A_S ≥ 0, drawn ∝ exp(ΔH / θ) with
 * staying alone (ΔH = 0) among the choices. Gains are computed once into `around.gain`; the exponentials are taken
 * relative to the largest so they cannot overflow.
 */
function chooseSubcommunity(around: CommunityWeights, own: number, pick: Pick, random: Random): number {
  const gains = around.gain;
  let top = 0;
  for (let i = 0; i < around.count; i++) {
    const gain = candidateGain(around, around.touched[i], own, pick);
    gains[i] = gain;
    if (gain > top) top = gain;
  }
  if (top === 0) return own; // nothing gains: staying alone is as good as any, and needs no draw
  const stay = Math.exp(-top / pick.theta);
  let sum = stay;
  for (let i = 0; i < around.count; i++) {
    if (gains[i] >= 0) sum += Math.exp((gains[i] - top) / pick.theta);
  }
  let r = random.next() * sum - stay;
  if (r < 0) return own;
  let last = own;
  for (let i = 0; i < around.count; i++) {
    if (gains[i] < 0) continue;
    last = around.touched[i];
    r -= Math.exp((gains[i] - top) / pick.theta);
    if (r < 0) return last;
  }
  return last; // rounding left r a hair above 0
}

/** ΔH of joining sub-community s, or −1 when s is v's own or not well connected. */
function candidateGain(around: CommunityWeights, s: number, own: number, pick: Pick): number {
  if (s === own) return -1;
  const as = pick.refinedMass[s];
  if (pick.outside[s] < pick.scale * as * (pick.communityMass - as)) return -1;
  return around.weight[s] - pick.scale * pick.nodeMass * as;
}

/** E({v}, C − v): the weight from each node to the other members of its community. */
function weightInsideCommunity(graph: LevelGraph, membership: Int32Array): Float64Array {
  const out = new Float64Array(graph.nodes);
  for (let v = 0; v < graph.nodes; v++) {
    const c = membership[v];
    let s = 0;
    for (let p = graph.offsets[v]; p < graph.offsets[v + 1]; p++)
      if (membership[graph.targets[p]] === c) s += graph.weights[p];
    out[v] = s;
  }
  return out;
}
