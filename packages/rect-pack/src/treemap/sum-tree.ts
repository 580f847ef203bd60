import { ClearboxError, describeValue } from "@clearbox/core/internal";
import type { TreemapInput } from "./treemap.js";

/** A hierarchy with every node's weight summed, in one pass: an inner node weighs the sum of its children. */
export interface SummedNode {
  value: number;
  children: SummedNode[];
}

/**
 * Check and sum a hierarchy once, depth first in child order (so the first bad node reported is the one the input
 * order reaches first). `where` names the node in error messages, e.g. `root.children[2]`.
 */
export function sumTree(node: TreemapInput, where: string): SummedNode {
  if (typeof node !== "object" || node === null) {
    throw new ClearboxError(
      "E_TYPE",
      `${where} must be a number or { value?, children? }, got ${describeValue(node)}.`,
      {
        argument: where,
      },
    );
  }
  if (node.children && node.children.length > 0) {
    const children = node.children.map((child, i) => sumTree(child, `${where}.children[${i}]`));
    return { value: children.reduce((s, child) => s + child.value, 0), children };
  }
  const v = node.value ?? 0;
  if (typeof v !== "number" || !Number.isFinite(v)) {
    throw new ClearboxError("E_NAN", `${where} must have a finite weight, got ${describeValue(v)}.`, {
      argument: where,
    });
  }
  if (v < 0) throw new ClearboxError("E_RANGE", `${where} has negative weight ${v}.`, { argument: where });
  return { value: v, children: [] };
}
