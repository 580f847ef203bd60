import type { LevelGraph } from "./level-graph.js";

/**
 * Split every community into its connected components (breadth-first search along edges inside the community);
 * returns new labels, not compacted. Splitting a community whose parts share no edge never lowers modularity or
 * CPM (it removes a penalty term and no internal weight), so this only guards the connectivity promise — Leiden's
 * refinement already keeps communities connected except when a level aggregates by the unrefined partition.
 * @internal
 */
export function splitDisconnected(graph: LevelGraph, labels: Int32Array): Int32Array {
  const n = graph.nodes;
  const out = new Int32Array(n).fill(-1);
  const stack = new Int32Array(n);
  for (let s = 0; s < n; s++) {
    if (out[s] >= 0) continue;
    out[s] = s;
    let top = 0;
    stack[top++] = s;
    while (top > 0) {
      const v = stack[--top];
      for (let p = graph.offsets[v]; p < graph.offsets[v + 1]; p++) {
        const u = graph.targets[p];
        if (out[u] < 0 && labels[u] === labels[v]) {
          out[u] = s;
          stack[top++] = u;
        }
      }
    }
  }
  return out;
}
