import { ClearboxError } from "@clearbox/core/internal";

/**
 * The most nodes (layers plus the bend points of links that skip layers) dataflowDag lays out. A Sugiyama layout
 * holds every bend point and sweeps them many times; past this many the picture has more nodes than pixels to
 * draw them in, so the chart refuses before d3-dag allocates anything.
 */
export const DATAFLOW_NODE_BUDGET = 4_000;

/** Above this many layers the fast layout operators are used (d3-dag's linear-programming ones grow too fast). */
export const DATAFLOW_EXACT_LAYOUT_LIMIT = 80;

/**
 * The size of the layout a Sugiyama pass would build for these layers, counted in O(nodes + links) by a
 * longest-path layering (Kahn's order): every link that skips k layers adds k bend points. Throws `E_TOO_LARGE` when
 * the layers and bend points pass `DATAFLOW_NODE_BUDGET`.
 *
 * @returns The count of nodes plus bend points.
 */
export function assertDataflowSize(nodes: ReadonlyArray<{ id: string; parents: string[] }>): number {
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const children: number[][] = nodes.map(() => []);
  const waiting = new Int32Array(nodes.length);
  let links = 0;
  nodes.forEach((n, i) => {
    for (const p of n.parents) children[index.get(p) as number].push(i);
    waiting[i] = n.parents.length;
    links += n.parents.length;
  });
  const layer = new Int32Array(nodes.length);
  const queue: number[] = [];
  for (let i = 0; i < nodes.length; i++) if (waiting[i] === 0) queue.push(i);
  for (let head = 0; head < queue.length; head++) {
    const i = queue[head];
    for (const c of children[i]) {
      layer[c] = Math.max(layer[c], layer[i] + 1);
      if (--waiting[c] === 0) queue.push(c);
    }
  }
  let bends = 0;
  nodes.forEach((n, i) => {
    for (const p of n.parents) bends += layer[i] - layer[index.get(p) as number] - 1;
  });
  const total = nodes.length + bends;
  if (total > DATAFLOW_NODE_BUDGET) {
    throw new ClearboxError(
      "E_TOO_LARGE",
      `data.nodes: ${nodes.length} layers and ${links} links make ${total} nodes and bend points to lay out; ` +
        `dataflowDag draws at most ${DATAFLOW_NODE_BUDGET} (draw a part of the network, or group its layers).`,
      { argument: "data.nodes" },
    );
  }
  return total;
}
