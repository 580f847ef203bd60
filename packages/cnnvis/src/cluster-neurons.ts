import { ClearboxError, assertInteger, assertOptions } from "@clearbox/core/internal";
import { kmeans } from "@clearbox/cluster";
import { assertGroup } from "./checks.js";
import type { NeuronGroup } from "./types.js";

/** Options of {@link clusterNeurons}. */
export interface ClusterNeuronsOptions {
  /** k per group; default √units (at least 2), and one cluster per unit for a last group of ≤ 20 units. */
  clusters?: readonly number[];
  /** Seed of k-means++. Default 1. */
  seed?: number;
}

/**
 * Cluster each group's neurons with k-means (k-means++, seeded) on their class-mean vectors scaled to unit length,
 * so that neurons preferring the same classes meet whatever their magnitude (a zero vector stays zero).
 * @param analysis - from {@link analyzeModel} (its `groups` are read).
 * @param options - `clusters`: k per group; `seed`.
 * @returns clusters[g][u]: the cluster id (0 … k − 1) of unit u of group g.
 * @throws `E_TYPE` for an analysis without groups; `E_OPTION` for an unknown option; `E_SHAPE` when `clusters` does not hold one k per group; `E_RANGE` for
 *   a k outside 1 … units.
 * @example
 * const clusters = clusterNeurons(analysis, { clusters: analysis.groups.map(() => 6), seed: 2 });
 */
export function clusterNeurons(
  analysis: { groups: readonly NeuronGroup[] },
  options: ClusterNeuronsOptions = {},
): number[][] {
  options = assertOptions(options, "options", { clusters: true, seed: true });
  const groups = (analysis as { groups?: unknown } | null)?.groups;
  if (!Array.isArray(groups)) {
    throw new ClearboxError("E_TYPE", "analysis must be an analyzeModel result (with its groups).", {
      argument: "analysis",
    });
  }
  const checked = groups.map((g, i) => assertGroup(g, `analysis.groups[${i}]`));
  if (options.clusters !== undefined && options.clusters.length !== checked.length) {
    throw new ClearboxError(
      "E_SHAPE",
      `options.clusters must hold one k per group (${groups.length}), got ${options.clusters.length}.`,
      {
        argument: "options.clusters",
      },
    );
  }
  return checked.map((group, g) => {
    const last = g === checked.length - 1 && group.units <= 20;
    const fallback = last ? group.units : Math.max(2, Math.round(Math.sqrt(group.units)));
    const k = Math.min(group.units, options.clusters?.[g] ?? fallback);
    assertInteger(k, `options.clusters[${g}]`, 1, group.units);
    if (k === group.units) return Array.from({ length: group.units }, (_, u) => u);
    const unit = group.vectors.map((v) => {
      let norm = 0;
      for (const x of v) norm += x * x;
      norm = Math.sqrt(norm);
      return norm > 0 ? v.map((x) => x / norm) : v.map(() => 0);
    });
    return Array.from(kmeans(unit, k, { seed: options.seed ?? 1 }).labels);
  });
}
