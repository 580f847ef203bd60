import { ClearboxError, describeValue } from "@clearbox/core/internal";
import type { Analysis, NeuronGroup } from "./types.js";

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** A group of an analysis (what neuronImage and the views read), or E_TYPE naming the argument. */
export function assertGroup(group: unknown, name: string): NeuronGroup {
  const g = group as Partial<NeuronGroup> | null;
  if (
    !isObject(g) ||
    !Number.isInteger(g.units) ||
    !Array.isArray(g.vectors) ||
    g.vectors.length !== g.units ||
    !isObject(g.top) ||
    g.importance?.length !== g.units ||
    g.topClass?.length !== g.units
  ) {
    throw new ClearboxError(
      "E_TYPE",
      `${name} must be a group of an analyzeModel result, got ${describeValue(group)}.`,
      {
        argument: name,
      },
    );
  }
  return g as NeuronGroup;
}

/** An analyzeModel result (its groups, connections and clusters), or E_TYPE. */
export function assertAnalysis(analysis: unknown, name = "analysis"): Analysis {
  const a = analysis as Partial<Analysis> | null;
  if (!isObject(a) || !Array.isArray(a.groups) || !Array.isArray(a.connections) || !Array.isArray(a.classes)) {
    throw new ClearboxError("E_TYPE", `${name} must be an analyzeModel result, got ${describeValue(analysis)}.`, {
      argument: name,
    });
  }
  a.groups.forEach((g, i) => assertGroup(g, `${name}.groups[${i}]`));
  if (a.connections.length !== Math.max(0, a.groups.length - 1)) {
    throw new ClearboxError("E_SHAPE", `${name}.connections must join each pair of consecutive groups.`, {
      argument: `${name}.connections`,
    });
  }
  return a as Analysis;
}

/** An array of cluster ids (integers ≥ 0), or E_TYPE / E_RANGE. */
export function assertLabels(labels: unknown, name: string): readonly number[] {
  if (!Array.isArray(labels) && !ArrayBuffer.isView(labels)) {
    throw new ClearboxError("E_TYPE", `${name} must be an array of cluster ids, got ${describeValue(labels)}.`, {
      argument: name,
    });
  }
  const list = labels as unknown as ArrayLike<unknown>;
  for (let i = 0; i < list.length; i++) {
    if (!Number.isInteger(list[i]) || (list[i] as number) < 0) {
      throw new ClearboxError("E_RANGE", `${name}[${i}] must be an integer ≥ 0, got ${describeValue(list[i])}.`, {
        argument: name,
      });
    }
  }
  return labels as readonly number[];
}
