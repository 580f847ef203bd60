// The CPU backend is registered by @clearbox/credit (imported by this package); any active backend is used.
import * as tf from "@tensorflow/tfjs-core";
import type { Layer, Pool2dLayer } from "@clearbox/credit";
import { activate } from "./activations.js";
import { flatKernel4D, flatMatrix } from "./graph.js";
import type { Graph, GraphNode } from "./graph.js";

// Credit's public forwardPass reads one input at a time; CNNVis streams thousands of images, so this pass runs a
// whole batch per layer on the backend and frees each layer's output once its last reader has run.

/** What one batch leaves of a watched layer: per sample and channel the mean and max over positions, and where. */
export interface ChannelSummary {
  mean: Float32Array;
  max: Float32Array;
  argMax: Int32Array;
  /** Channels (the last axis) and positions per channel. */
  channels: number;
  positions: number;
}

type Weights = Map<number, tf.Tensor[]>;
type Op = (node: GraphNode, xs: tf.Tensor[], w: tf.Tensor[], batch: number) => tf.Tensor;

const pair = (v: number | readonly number[] | undefined, fallback: number): [number, number] =>
  v === undefined ? [fallback, fallback] : typeof v === "number" ? [v, v] : [v[0], v[1]];

const withBias = (z: tf.Tensor, w: tf.Tensor[]) => (w[1] === undefined ? z : tf.add(z, w[1]));

const OPS: Record<Layer["type"], Op> = {
  dense: (_, [x], w, b) => withBias(tf.matMul(tf.reshape(x, [b, -1]) as tf.Tensor2D, w[0] as tf.Tensor2D), w),
  conv2d: ({ layer }, [x], w) => {
    const l = layer as Extract<Layer, { type: "conv2d" }>;
    const z = tf.conv2d(
      x as tf.Tensor4D,
      w[0] as tf.Tensor4D,
      pair(l.strides, 1),
      l.padding ?? "valid",
      "NHWC",
      pair(l.dilation, 1),
    );
    return withBias(z, w);
  },
  depthwiseConv2d: ({ layer }, [x], w) => {
    const l = layer as Extract<Layer, { type: "depthwiseConv2d" }>;
    const z = tf.depthwiseConv2d(
      x as tf.Tensor4D,
      w[0] as tf.Tensor4D,
      pair(l.strides, 1),
      l.padding ?? "valid",
      "NHWC",
      pair(l.dilation, 1),
    );
    return withBias(z, w);
  },
  conv2dTranspose: ({ layer, outShape }, [x], w, b) => {
    const l = layer as Extract<Layer, { type: "conv2dTranspose" }>;
    const shape = [b, ...outShape] as [number, number, number, number];
    return withBias(
      tf.conv2dTranspose(x as tf.Tensor4D, w[0] as tf.Tensor4D, shape, pair(l.strides, 1), l.padding ?? "valid"),
      w,
    );
  },
  batchNorm: (_, [x], w) => tf.add(tf.mul(x, w[0]), w[1]),
  maxPool2d: ({ layer }, [x]) => pool(layer, x, "max"),
  avgPool2d: ({ layer }, [x]) => pool(layer, x, "avg"),
  globalAvgPool2d: (_, [x]) => tf.mean(x, [1, 2]),
  globalMaxPool2d: (_, [x]) => tf.max(x, [1, 2]),
  flatten: (_, [x], _w, b) => tf.reshape(x, [b, -1]),
  reshape: ({ outShape }, [x], _w, b) => tf.reshape(x, [b, ...outShape]),
  activation: ({ layer }, [x]) => {
    const l = layer as Extract<Layer, { type: "activation" }>;
    return activate(x, l.activation, { alpha: l.alpha, maxValue: l.maxValue });
  },
  add: (_, xs) => tf.addN(xs),
  concatenate: (_, xs) => tf.concat(xs, -1),
  zeroPadding2d: ({ layer }, [x]) => {
    const [[top, bottom], [left, right]] = (layer as Extract<Layer, { type: "zeroPadding2d" }>).padding;
    return tf.pad(x, [
      [0, 0],
      [top, bottom],
      [left, right],
      [0, 0],
    ]);
  },
  cropping2d: ({ layer, outShape }, [x]) => {
    const [[top], [left]] = (layer as Extract<Layer, { type: "cropping2d" }>).cropping;
    return tf.slice(x, [0, top, left, 0], [-1, outShape[0], outShape[1], -1]);
  },
  upSampling2d: ({ layer }, [x]) => {
    const [sh, sw] = pair((layer as Extract<Layer, { type: "upSampling2d" }>).size, 2);
    const [b, h, wd, c] = x.shape;
    const tiled = tf.tile(tf.reshape(x, [b, h, 1, wd, 1, c]), [1, 1, sh, 1, sw, 1]);
    return tf.reshape(tiled, [b, h * sh, wd * sw, c]);
  },
};

function pool(layer: Layer, x: tf.Tensor, kind: "max" | "avg"): tf.Tensor {
  const l = layer as Pool2dLayer;
  const size = pair(l.poolSize, 2);
  const strides = pair(l.strides, 0).map((s, i) => s || size[i]) as [number, number];
  const f = kind === "max" ? tf.maxPool : tf.avgPool;
  return f(x as tf.Tensor4D, size, strides, l.padding ?? "valid");
}

/** Each layer's weights as tensors, made once for every batch. */
function weightTensors(graph: Graph): Weights {
  const weights: Weights = new Map();
  for (const node of graph.nodes) {
    const layer = node.layer as Layer & { kernel?: unknown; bias?: ArrayLike<number> };
    const where = `network.layers[${node.index - 1}]`;
    const bias = (n: number) =>
      layer.bias === undefined ? [] : [tf.tensor1d(Float32Array.from(layer.bias).subarray(0, n))];
    if (layer.type === "dense") {
      const k = flatMatrix(layer.kernel, `${where}.kernel`);
      weights.set(node.index, [tf.tensor2d(k.values, [k.rows, k.columns]), ...bias(k.columns)]);
    } else if (layer.type === "conv2d" || layer.type === "depthwiseConv2d" || layer.type === "conv2dTranspose") {
      const k = flatKernel4D(layer.kernel, `${where}.kernel`);
      weights.set(node.index, [
        tf.tensor4d(k.values, k.shape as [number, number, number, number]),
        ...bias(node.outShape.at(-1)!),
      ]);
    } else if (layer.type === "batchNorm") {
      const { scale, shift } = batchNormAffine(layer);
      weights.set(node.index, [tf.tensor1d(scale), tf.tensor1d(shift)]);
    }
  }
  return weights;
}

/** A batch norm at inference as x · scale + shift per channel. */
export function batchNormAffine(layer: Extract<Layer, { type: "batchNorm" }>): {
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

/** Per sample and channel: mean, max and argmax over positions, read back at once. */
function summarise(t: tf.Tensor, batch: number): ChannelSummary {
  const channels = t.shape[t.shape.length - 1];
  const positions = t.size / batch / channels;
  const [mean, max, arg] = tf.tidy(() => {
    const rows = tf.reshape(t, [batch, positions, channels]);
    return [tf.mean(rows, 1), tf.max(rows, 1), tf.argMax(rows, 1)];
  });
  const out = {
    mean: mean.dataSync() as Float32Array,
    max: max.dataSync() as Float32Array,
    argMax: Int32Array.from(arg.dataSync()),
    channels,
    positions,
  };
  tf.dispose([mean, max, arg]);
  return out;
}

/** A batched forward pass over a graph that reads back only the watched layers' channel summaries. */
export class BatchForward {
  private readonly weights: Weights;
  private readonly lastUse: number[];

  constructor(private readonly graph: Graph) {
    this.weights = weightTensors(graph);
    this.lastUse = graph.activationShapes.map(() => -1);
    for (const node of graph.nodes) for (const i of node.inputs) this.lastUse[i] = node.index;
  }

  /** Run `batch` inputs (flat, channels last); summaries of the layers in `watch` (activation indices). */
  run(images: Float32Array, batch: number, watch: ReadonlySet<number>): Map<number, ChannelSummary> {
    const out = new Map<number, ChannelSummary>();
    const acts: (tf.Tensor | undefined)[] = [tf.tensor(images, [batch, ...this.graph.inputShape])];
    try {
      for (const node of this.graph.nodes) {
        const xs = node.inputs.map((i) => acts[i] as tf.Tensor);
        const w = this.weights.get(node.index) ?? [];
        acts[node.index] = tf.tidy(() => {
          const z = OPS[node.layer.type](node, xs, w, batch);
          const fused =
            node.layer.type === "activation" ? undefined : (node.layer as { activation?: string }).activation;
          const y = activate(z, fused);
          return xs.includes(y) ? tf.clone(y) : y;
        });
        if (watch.has(node.index)) out.set(node.index, summarise(acts[node.index] as tf.Tensor, batch));
        this.release(node, acts);
      }
    } finally {
      tf.dispose(acts.filter((t): t is tf.Tensor => t !== undefined));
    }
    return out;
  }

  private release(node: GraphNode, acts: (tf.Tensor | undefined)[]): void {
    for (const i of node.inputs) {
      if (this.lastUse[i] === node.index && acts[i] !== undefined) {
        acts[i]!.dispose();
        acts[i] = undefined;
      }
    }
  }

  /** Free the weight tensors. */
  dispose(): void {
    for (const tensors of this.weights.values()) tf.dispose(tensors);
  }
}
