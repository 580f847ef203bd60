import type { Layer } from "@clearbox/credit";
import type { Graph, GraphNode } from "./graph.js";

/**
 * Where a spatial output cell looks in the input, per axis [rows, columns]: cell (y, x) sees the input square from
 * (start[0] + y · jump[0], start[1] + x · jump[1]) of `size` cells (it may reach outside the input: padding).
 */
export interface ReceptiveField {
  size: [number, number];
  jump: [number, number];
  start: [number, number];
}

const pair = (v: number | readonly number[] | undefined, fallback: number): [number, number] =>
  v === undefined ? [fallback, fallback] : typeof v === "number" ? [v, v] : [v[0], v[1]];

/** A sliding window of `span` cells moved by `stride`: the field grows by (span − 1) jumps. */
function windowed(
  field: ReceptiveField,
  span: [number, number],
  stride: [number, number],
  node: GraphNode,
  inShape: number[],
  same: boolean,
) {
  const next: ReceptiveField = { size: [0, 0], jump: [0, 0], start: [0, 0] };
  for (const axis of [0, 1]) {
    const before = same
      ? Math.floor(Math.max((node.outShape[axis] - 1) * stride[axis] + span[axis] - inShape[axis], 0) / 2)
      : 0;
    next.start[axis] = field.start[axis] - before * field.jump[axis];
    next.size[axis] = field.size[axis] + (span[axis] - 1) * field.jump[axis];
    next.jump[axis] = field.jump[axis] * stride[axis];
  }
  return next;
}

function fieldOf(node: GraphNode, field: ReceptiveField, inShape: number[]): ReceptiveField {
  const layer = node.layer as Layer & { kernel?: ArrayLike<ArrayLike<unknown>>; dilation?: number | number[] };
  const same = (layer as { padding?: unknown }).padding === "same";
  switch (layer.type) {
    case "conv2d":
    case "depthwiseConv2d": {
      const d = pair(layer.dilation, 1);
      const span: [number, number] = [(layer.kernel!.length - 1) * d[0] + 1, (layer.kernel![0].length - 1) * d[1] + 1];
      return windowed(field, span, pair(layer.strides, 1), node, inShape, same);
    }
    case "maxPool2d":
    case "avgPool2d": {
      const size = pair(layer.poolSize, 2);
      const strides = pair(layer.strides, 0).map((s, i) => s || size[i]) as [number, number];
      return windowed(field, size, strides, node, inShape, same);
    }
    case "conv2dTranspose": {
      // Approximate: each output cell is fed by the input cells within the kernel, one input step per `stride` outputs.
      const s = pair(layer.strides, 1);
      const span: [number, number] = [layer.kernel!.length, layer.kernel![0].length];
      return {
        size: [0, 1].map((a) => field.size[a] + Math.ceil((span[a] - 1) / s[a]) * field.jump[a]) as [number, number],
        jump: [field.jump[0] / s[0], field.jump[1] / s[1]],
        start: [...field.start],
      };
    }
    case "zeroPadding2d":
    case "cropping2d": {
      const edges = layer.type === "zeroPadding2d" ? layer.padding : layer.cropping;
      const sign = layer.type === "zeroPadding2d" ? -1 : 1;
      return {
        ...field,
        start: [0, 1].map((a) => field.start[a] + sign * edges[a][0] * field.jump[a]) as [number, number],
      };
    }
    case "upSampling2d": {
      const s = pair(layer.size, 2);
      return { ...field, jump: [field.jump[0] / s[0], field.jump[1] / s[1]] };
    }
    default:
      return field;
  }
}

/**
 * The receptive field of every activation (index 0 the input) of a network whose input is an image; `null` for a
 * vector output (a dense layer, a flatten, a global pool): it sees the whole input. Where several inputs meet (an
 * add, a concatenation) the largest field is kept.
 */
export function receptiveFields(graph: Graph): (ReceptiveField | null)[] {
  const fields: (ReceptiveField | null)[] = [
    graph.inputShape.length === 3 ? { size: [1, 1], jump: [1, 1], start: [0, 0] } : null,
  ];
  for (const node of graph.nodes) {
    const inputs = node.inputs.map((i) => fields[i]);
    if (node.outShape.length !== 3 || inputs.some((f) => f === null)) {
      fields.push(null);
      continue;
    }
    let widest = 0;
    inputs.forEach((f, i) => {
      if (f!.size[0] * f!.size[1] > inputs[widest]!.size[0] * inputs[widest]!.size[1]) widest = i;
    });
    fields.push(fieldOf(node, inputs[widest]!, graph.activationShapes[node.inputs[widest]]));
  }
  return fields;
}
