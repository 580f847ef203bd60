import { ClearboxError, describeValue, toDenseMatrix } from "@clearbox/core/internal";
import { disposeNetwork, fromLayersModel, prepareNetwork } from "@clearbox/credit";
import type { Layer, LayersModelLike, Network } from "@clearbox/credit";

/** A layer of the analysed network with where it reads from: indices into the activations (0 = the input). */
export interface GraphNode {
  layer: Layer;
  name: string;
  /** Index of this layer's output in the activations (layer position + 1). */
  index: number;
  inputs: number[];
  outShape: number[];
}

/** A network checked by credit, its layers resolved to indices and their output shapes. */
export interface Graph {
  inputShape: number[];
  nodes: GraphNode[];
  /** activationShapes[0] is the input's, activationShapes[l + 1] layer l's output's. */
  activationShapes: number[][];
}

/** Layer types whose outputs are neurons of their own (a kernel maps inputs to them). */
export const UNIT_TYPES: ReadonlySet<string> = new Set(["dense", "conv2d", "depthwiseConv2d", "conv2dTranspose"]);

const isLayersModel = (value: unknown): value is LayersModelLike =>
  typeof value === "object" &&
  value !== null &&
  Array.isArray((value as LayersModelLike).layers) &&
  Array.isArray((value as LayersModelLike).inputs) &&
  Array.isArray((value as LayersModelLike).outputs);

/**
 * The network to analyse: a tfjs-layers model read by credit's fromLayersModel (a final softmax read as linear, so
 * the output group holds logits; Dropout skipped, so no name shifts), or a credit {@link Network} as it is. Credit
 * checks it (coded errors for what it cannot read); the plain network is kept for crossing to a worker.
 */
export function toNetwork(model: LayersModelLike | Network): Network {
  if (isLayersModel(model)) return fromLayersModel(model, { dropSoftmax: true });
  if (typeof model !== "object" || model === null || !Array.isArray((model as Network).layers)) {
    throw new ClearboxError(
      "E_TYPE",
      `model must be a tfjs-layers model or a credit network { layers: [...] }, got ${describeValue(model)}.`,
      { argument: "model" },
    );
  }
  return model as Network;
}

/** The network's DAG: credit validates it (and gives every output shape); here each layer's inputs become indices. */
export function readGraph(network: Network): Graph {
  const prepared = prepareNetwork(network);
  disposeNetwork(prepared);
  const inputName = network.inputName ?? "input";
  const indexOf = new Map<string, number>([[inputName, 0]]);
  const nodes = network.layers.map((layer, l) => {
    const name = prepared.layerNames[l];
    const inputs = layer.inputs === undefined ? [l] : layer.inputs.map((n) => indexOf.get(n) as number);
    indexOf.set(name, l + 1);
    return { layer, name, index: l + 1, inputs, outShape: [...prepared.outputShapes[l]] };
  });
  const inputShape = [...prepared.inputShape];
  return { inputShape, nodes, activationShapes: [inputShape, ...nodes.map((node) => node.outShape)] };
}

/** A dense kernel (in × out) as flat Float32 values. */
export function flatMatrix(kernel: unknown, name: string): { rows: number; columns: number; values: Float32Array } {
  const dense = toDenseMatrix(kernel, name);
  return { rows: dense.rows, columns: dense.columns, values: Float32Array.from(dense.values) };
}

/** A 4-D kernel kh × kw × a × b (nested arrays, typed rows or matrices at [ky][kx]) as flat Float32 values. */
export function flatKernel4D(kernel: unknown, name: string): { shape: number[]; values: Float32Array } {
  const outer = kernel as ArrayLike<ArrayLike<unknown>>;
  const kh = outer.length;
  const kw = outer[0].length;
  let values: Float32Array | undefined;
  let a = 0;
  let b = 0;
  for (let y = 0; y < kh; y++) {
    for (let x = 0; x < kw; x++) {
      const tap = toDenseMatrix(outer[y][x], `${name}[${y}][${x}]`);
      if (values === undefined) {
        [a, b] = [tap.rows, tap.columns];
        values = new Float32Array(kh * kw * a * b);
      }
      values.set(tap.values, (y * kw + x) * a * b);
    }
  }
  return { shape: [kh, kw, a, b], values: values as Float32Array };
}
