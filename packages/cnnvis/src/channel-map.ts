import type { Layer } from "@clearbox/credit";
import { flatKernel4D, flatMatrix } from "./graph.js";
import type { Graph, GraphNode } from "./graph.js";

/**
 * A linear map from one layer's channels to a later layer's channels, rows × columns. `spread` > 1 means the map's
 * columns were flattened from `spread` positions × columns (a Flatten before a dense layer).
 */
interface ChannelMatrix {
  rows: number;
  columns: number;
  values: Float64Array;
}

function multiply(m: ChannelMatrix, k: Float64Array, columns: number): ChannelMatrix {
  const out = new Float64Array(m.rows * columns);
  for (let r = 0; r < m.rows; r++) {
    for (let i = 0; i < m.columns; i++) {
      const a = m.values[r * m.columns + i];
      if (a === 0) continue;
      for (let j = 0; j < columns; j++) out[r * columns + j] += a * k[i * columns + j];
    }
  }
  return { rows: m.rows, columns, values: out };
}

/** A kernel's taps summed: in × out, what one input channel gives one output channel over the whole window. */
function summedKernel(node: GraphNode, inChannels: number): { k: Float64Array; columns: number } {
  const layer = node.layer as Layer & { kernel: unknown };
  const where = `network.layers[${node.index - 1}].kernel`;
  if (layer.type === "dense") {
    const k = flatMatrix(layer.kernel, where);
    // A dense layer after a Flatten: row r is position ⌊r / C⌋, channel r mod C; sum over positions.
    const sum = new Float64Array(inChannels * k.columns);
    for (let r = 0; r < k.rows; r++) {
      for (let j = 0; j < k.columns; j++) sum[(r % inChannels) * k.columns + j] += k.values[r * k.columns + j];
    }
    return { k: sum, columns: k.columns };
  }
  const { shape, values } = flatKernel4D(layer.kernel, where);
  const [kh, kw, a, b] = shape;
  const depthwise = layer.type === "depthwiseConv2d";
  const transposed = layer.type === "conv2dTranspose";
  const columns = depthwise ? a * b : transposed ? a : b;
  const sum = new Float64Array(inChannels * columns);
  for (let t = 0; t < kh * kw; t++) {
    for (let i = 0; i < a; i++) {
      for (let j = 0; j < b; j++) {
        const v = values[(t * a + i) * b + j];
        if (depthwise) sum[i * columns + i * b + j] += v;
        else if (transposed) sum[j * columns + i] += v;
        else sum[i * columns + j] += v;
      }
    }
  }
  return { k: sum, columns };
}

function step(node: GraphNode, ins: (ChannelMatrix | undefined)[], graph: Graph): ChannelMatrix | undefined {
  const reached = ins.filter((m): m is ChannelMatrix => m !== undefined);
  if (reached.length === 0) return undefined;
  const first = reached[0];
  switch (node.layer.type) {
    case "dense":
    case "conv2d":
    case "depthwiseConv2d":
    case "conv2dTranspose": {
      const { k, columns } = summedKernel(node, first.columns);
      return multiply(first, k, columns);
    }
    case "batchNorm": {
      const { scale } = batchNormAffine(node.layer);
      return { ...first, values: first.values.map((v, i) => v * scale[i % first.columns]) };
    }
    case "add": {
      const values = new Float64Array(first.values.length);
      for (const m of reached) for (let i = 0; i < values.length; i++) values[i] += m.values[i];
      return { ...first, values };
    }
    case "concatenate":
      return concatenated(node, ins, graph, first.rows);
    default:
      return first; // element-wise, pooling, padding, flatten: channels pass through unchanged
  }
}

function concatenated(node: GraphNode, ins: (ChannelMatrix | undefined)[], graph: Graph, rows: number): ChannelMatrix {
  const widths = node.inputs.map((i) => graph.activationShapes[i].at(-1)!);
  const columns = widths.reduce((a, b) => a + b, 0);
  const values = new Float64Array(rows * columns);
  let offset = 0;
  ins.forEach((m, i) => {
    if (m !== undefined) {
      for (let r = 0; r < rows; r++)
        values.set(m.values.subarray(r * m.columns, (r + 1) * m.columns), r * columns + offset);
    }
    offset += widths[i];
  });
  return { rows, columns, values };
}

/**
 * The weights from the channels of activation `from` to those of a later activation `to`, as the network's linear
 * parts compose between them: kernels summed over their taps (and over positions after a Flatten), batch norms'
 * scales, adds summed, concatenations stacked; activations and pooling taken as identity. For two groups joined by
 * one dense or convolutional layer this is that layer's kernel summed over its window; through several layers it is
 * a linearisation (reported as `linearised`). Rows: `from`'s channels; columns: `to`'s.
 */
export function channelMap(
  graph: Graph,
  from: number,
  to: number,
): { weights: Float64Array; rows: number; columns: number; layersCrossed: number } {
  const channels = graph.activationShapes[from].at(-1)!;
  const identity = new Float64Array(channels * channels);
  for (let c = 0; c < channels; c++) identity[c * channels + c] = 1;
  const maps = new Map<number, ChannelMatrix>([[from, { rows: channels, columns: channels, values: identity }]]);
  let crossed = 0;
  for (const node of graph.nodes) {
    if (node.index <= from || node.index > to) continue;
    const m = step(
      node,
      node.inputs.map((i) => maps.get(i)),
      graph,
    );
    if (m === undefined) continue;
    maps.set(node.index, m);
    if (node.layer.type !== "flatten" && node.layer.type !== "reshape") crossed++;
  }
  const out = maps.get(to);
  const columns = graph.activationShapes[to].at(-1)!;
  return {
    weights: out?.values ?? new Float64Array(channels * columns),
    rows: channels,
    columns,
    layersCrossed: crossed,
  };
}

/** A batch norm at inference as x · scale + shift per channel. */
function batchNormAffine(layer: Extract<Layer, { type: "batchNorm" }>): {
  scale: Float32Array;
  shift: Float32Array;
} {
  const n = layer.movingMean.length;
  const eps = layer.epsilon ?? 1e-3;
  const scale = new Float32Array(n);
  const shift = new Float32Array(n);
  for (let c = 0; c < n; c++) {
    scale[c] = (layer.gamma?.[c] ?? 1) / Math.sqrt(layer.movingVariance[c] + eps);
    shift[c] = (layer.beta?.[c] ?? 0) - layer.movingMean[c] * scale[c];
  }
  return { scale, shift };
}
