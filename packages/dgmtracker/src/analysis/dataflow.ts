import { ClearboxError, describeValue } from "@clearbox/core/internal";
import type { SeriesKind } from "../store/format.js";
import { assertRun } from "../store/run-reader.js";
import type { RunReader, StatSeries } from "../store/run-reader.js";

/** A node of the network's layer graph, as the dataflow view draws it. */
export interface LayerNode {
  /** The layer's name in the run (or any id for a node without statistics, such as the input). */
  id: string;
  label?: string;
  /** The nodes that feed this one. */
  parents?: string[];
}

/** What `dataflowDag` from `@clearbox/charts` draws: the layers with a statistic per step. */
export interface DataflowRun {
  /** The training step number of every recorded step. */
  steps: Float64Array;
  nodes: (LayerNode & { series?: StatSeries })[];
}

/**
 * The snapshot-level dataflow of a run (DGMTracker §4.3, ALGORITHMS.md §5): the layer graph with, in each layer
 * the run recorded, the min / mean / max of one statistic at every step — `dataflowDag` then shows the window
 * [t − k, t + k] around a chosen step. Nodes the run has no statistics for (the input) are drawn without.
 *
 * @param run - From `openRun` or `tracker.close()`.
 * @param graph - The layers and who feeds whom, in drawing order.
 * @param kind - "weights", "gradients" or "activations". Default "weights".
 * @returns `{ steps, nodes }`, the data of `dataflowDag`.
 * @throws `E_TYPE` for a graph that is not an array of `{ id }`.
 * @example
 * dataflowDag(element, dataflow(run, [{ id: "input" }, { id: "dense_1", parents: ["input"] }]), { step: 150 });
 */
export function dataflow(run: RunReader, graph: LayerNode[], kind: SeriesKind = "weights"): DataflowRun {
  assertRun(run, ["steps", "stats"]);
  if (!Array.isArray(graph) || !graph.every((n) => typeof n?.id === "string")) {
    throw new ClearboxError(
      "E_TYPE",
      `graph must be an array of { id, label?, parents? }, got ${describeValue(graph)}.`,
      {
        argument: "graph",
      },
    );
  }
  const recorded = new Set((run.manifest?.stats ?? []).filter((s) => s.kind === kind).map((s) => s.layer));
  return {
    steps: run.steps(),
    nodes: graph.map((node) => ({
      ...node,
      ...(node.parents ? { parents: [...node.parents] } : {}),
      ...(recorded.has(node.id) ? { series: run.stats(node.id, kind) } : {}),
    })),
  };
}
