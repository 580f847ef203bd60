// Reading a converted TensorFlow graph's node attributes (GraphDef JSON: lists of stringified integers, base64 strings).
import { ClearboxError } from "@clearbox/core/internal";

/** One node of a tfjs graph model's GraphDef (model.json's modelTopology.node). @internal */
export interface GraphNode {
  name: string;
  op: string;
  input?: string[];
  attr?: Record<string, { s?: string; i?: string; f?: number; b?: boolean; list?: { i?: string[]; s?: string[] } }>;
}

/** A node's integer list attribute (strides, ksize, dilations), or `fallback` when absent. @internal */
export function ints(node: GraphNode, key: string, fallback: number[]): number[] {
  const list = node.attr?.[key]?.list?.i;
  return list === undefined || list.length === 0 ? fallback : list.map(Number);
}

/** A node's string attribute (base64 in the JSON), or undefined. @internal */
export function text(node: GraphNode, key: string): string | undefined {
  const s = node.attr?.[key]?.s;
  return s === undefined ? undefined : atob(s);
}

/** A node's string-list attribute (fused_ops), decoded. @internal */
export function texts(node: GraphNode, key: string): string[] {
  return (node.attr?.[key]?.list?.s ?? []).map((s) => atob(s));
}

/** The [height, width] of an NHWC 4-list attribute ([1, h, w, 1]); other layouts are refused. @internal */
export function spatial(node: GraphNode, key: string): [number, number] {
  const [n, h, w, c] = ints(node, key, [1, 1, 1, 1]);
  if (n !== 1 || c !== 1) {
    throw new ClearboxError("E_OPTION", `graph node ${node.name} (${node.op}): ${key} must be [1, h, w, 1] (NHWC).`, {
      argument: `modelTopology.node[${node.name}].attr.${key}`,
    });
  }
  return [h, w];
}

/** "same" or "valid" from a node's padding attribute (EXPLICIT padding is refused). @internal */
export function padding(node: GraphNode): "same" | "valid" {
  const value = text(node, "padding");
  if (value === "SAME") return "same";
  if (value === "VALID") return "valid";
  throw new ClearboxError(
    "E_OPTION",
    `graph node ${node.name} (${node.op}): padding ${JSON.stringify(value)} is not read (SAME and VALID are).`,
    { argument: `modelTopology.node[${node.name}].attr.padding` },
  );
}

/** Refuse a layout other than NHWC. @internal */
export function requireNhwc(node: GraphNode): void {
  const format = text(node, "data_format");
  if (format !== undefined && format !== "NHWC") {
    throw new ClearboxError("E_OPTION", `graph node ${node.name} (${node.op}): data_format ${format} (NHWC is read).`, {
      argument: `modelTopology.node[${node.name}].attr.data_format`,
    });
  }
}
