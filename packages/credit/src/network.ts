import {
  ClearboxError,
  assertFiniteVector,
  assertInteger,
  describeValue,
  assertOneOf,
  toDenseMatrix,
} from "@clearbox/core/internal";
import { assertFloat32Range } from "./float32-range.js";
import { sizeOf } from "./kinds/checks.js";
import type { NodeBase } from "./kinds/kind.js";
import type { CheckedLinear } from "./kinds/linear.js";
import { disposeWeights } from "./kinds/linear.js";
import { KIND_BY_TYPE, LAYER_TYPES, LINEAR_TYPES } from "./kinds/registry.js";
import type { Layer, Network } from "./layer-types.js";

export type * from "./layer-types.js";
export { sizeOf };

/** A checked layer (a node of the network's DAG). @internal */
export type CheckedLayer = NodeBase;

/** @internal */
export function isLinear(layer: NodeBase): layer is CheckedLinear {
  return LINEAR_TYPES.includes(layer.type);
}

const checkedLayers = Symbol("clearbox.checkedLayers");

/**
 * A network validated and copied into flat Float32Arrays once, for repeated calls (see {@link prepareNetwork}).
 * Every function that takes a {@link Network} takes one of these too. It keeps its weights as TensorFlow.js tensors
 * once used: free them with {@link disposeNetwork}.
 */
export interface PreparedNetwork {
  readonly inputShape: readonly number[];
  /** Shape of each layer's output, first layer first. */
  readonly outputShapes: readonly (readonly number[])[];
  /** Each layer's name, first layer first (a tfjs model's layer names, from {@link fromLayersModel}). */
  readonly layerNames: readonly string[];
  readonly [checkedLayers]: readonly CheckedLayer[];
}

/**
 * Validate a network once and copy its weights into flat arrays, so that repeated calls (one per sample) skip both.
 * Throws a `ClearboxError` naming the layer for an unknown type, an unsupported activation, kernel and bias shapes
 * that disagree, inputs that name no earlier layer, a layer whose output nothing reads, or a non-finite weight. A
 * batch norm right after a dense or convolutional layer without activation is folded into it for LRP. The network
 * is not modified, and later changes to it do not reach the prepared copy.
 * @param network - a {@link Network} (or an already prepared one, returned as it is).
 * @returns a frozen {@link PreparedNetwork} with its `inputShape`, `outputShapes` and `layerNames`.
 * @throws `E_TYPE` / `E_SHAPE` / `E_NAN` / `E_OPTION` for a network whose layers are malformed or do not connect.
 * @example
 * const prepared = prepareNetwork(network); // validate once, then call lrp / forwardPass per sample
 */
export function prepareNetwork(network: Network | PreparedNetwork): PreparedNetwork {
  if (isPrepared(network)) return network;
  const layers = checkLayers(network);
  foldBatchNorms(layers);
  return preparedFromLayers(layers);
}

/**
 * A prepared network around layers that prepareNetwork checked already (as ./async's worker receives them, cloned).
 * Trusted data only: nothing is checked again. @internal
 */
export function preparedFromLayers(layers: readonly CheckedLayer[]): PreparedNetwork {
  return Object.freeze({
    inputShape: inputShapeOf(layers),
    outputShapes: layers.map((layer) => layer.outShape),
    layerNames: layers.map((layer) => layer.name),
    [checkedLayers]: layers,
  });
}

/**
 * Free the TensorFlow.js tensors a prepared network keeps of its weights (made on first use). The network stays
 * usable: a later call makes them again.
 * @param network - a network from {@link prepareNetwork}.
 * @returns Nothing; the weight tensors are freed.
 * @throws `E_TYPE` when `network` did not come from {@link prepareNetwork}.
 * @example
 * const prepared = prepareNetwork(network);
 * lrp(prepared, input);
 * disposeNetwork(prepared);
 */
export function disposeNetwork(network: PreparedNetwork): void {
  if (!isPrepared(network)) {
    throw new ClearboxError("E_TYPE", `network must come from prepareNetwork, got ${describeValue(network)}.`, {
      argument: "network",
    });
  }
  network[checkedLayers].forEach(disposeWeights);
}

function inputShapeOf(layers: readonly NodeBase[]): number[] {
  const reader = layers.find((layer) => layer.inputs.includes(0)) as NodeBase;
  return reader.inShapes[reader.inputs.indexOf(0)];
}

/** @internal */
export function isPrepared(network: unknown): network is PreparedNetwork {
  return typeof network === "object" && network !== null && checkedLayers in network;
}

/** The validated layers of a network (prepared or not). @internal */
export function layersOf(network: Network | PreparedNetwork): readonly CheckedLayer[] {
  return prepareNetwork(network)[checkedLayers];
}

function checkLayers(network: Network): NodeBase[] {
  if (typeof network !== "object" || network === null || !Array.isArray(network.layers)) {
    throw new ClearboxError("E_TYPE", `network must be { layers: [...] }, got ${describeValue(network)}.`, {
      argument: "network",
    });
  }
  if (network.layers.length === 0) {
    throw new ClearboxError("E_EMPTY", "network.layers must hold at least one layer.", { argument: "network.layers" });
  }
  const inputName = network.inputName ?? "input";
  const indexOf = new Map<string, number>([[inputName, 0]]);
  const shapes: (number[] | undefined)[] = [initialShape(network)];
  const checked: NodeBase[] = [];
  network.layers.forEach((layer, l) => {
    const where = `network.layers[${l}]`;
    const type = assertOneOf((layer as { type?: unknown } | null)?.type, `${where}.type`, LAYER_TYPES);
    const name = layerName(layer, l, indexOf, where);
    const inputs = inputIndices(layer, l, indexOf, where);
    const inShapes = inputs.map((i) => (shapes[i] ??= inferredShape(layer, where)));
    const kind = KIND_BY_TYPE.get(type)!;
    checkArity(kind.arity, inputs.length, where);
    const node = {
      ...kind.check(layer as never, { where, inShapes, index: l, inputs }),
      index: l,
      name,
      inputs,
      inShapes,
      inShape: inShapes[0],
    };
    checked.push(node as NodeBase);
    shapes.push(node.outShape);
    indexOf.set(name, l + 1);
  });
  checkEveryOutputRead(checked, network.layers.length);
  return checked;
}

function layerName(layer: Layer, l: number, indexOf: Map<string, number>, where: string): string {
  const name = layer.name ?? `layer${l}`;
  if (typeof name !== "string" || indexOf.has(name)) {
    throw new ClearboxError(
      "E_OPTION",
      `${where}.name must be a string no other layer (or the input) has, got ${describeValue(name)}.`,
      {
        argument: `${where}.name`,
      },
    );
  }
  return name;
}

function inputIndices(layer: Layer, l: number, indexOf: Map<string, number>, where: string): number[] {
  if (layer.inputs === undefined) return [l];
  if (!Array.isArray(layer.inputs) || layer.inputs.length === 0) {
    throw new ClearboxError(
      "E_SHAPE",
      `${where}.inputs must be a non-empty array of layer names, got ${describeValue(layer.inputs)}.`,
      {
        argument: `${where}.inputs`,
      },
    );
  }
  return layer.inputs.map((input, k) => {
    const index = indexOf.get(input);
    if (index === undefined) {
      throw new ClearboxError(
        "E_SHAPE",
        `${where}.inputs[${k}] is ${describeValue(input)}: no earlier layer (nor the network input) has that name.`,
        { argument: `${where}.inputs[${k}]` },
      );
    }
    return index;
  });
}

function checkArity(arity: 1 | "many", count: number, where: string): void {
  if (arity === 1 ? count === 1 : count >= 2) return;
  throw new ClearboxError(
    "E_SHAPE",
    `${where} takes ${arity === 1 ? "one input" : "two or more inputs"}, got ${count}.`,
    {
      argument: `${where}.inputs`,
    },
  );
}

/** The last layer is the output: any other layer that nothing reads would be a second, unexplained output. */
function checkEveryOutputRead(layers: NodeBase[], count: number): void {
  const read = new Set(layers.flatMap((layer) => layer.inputs));
  for (let l = 0; l + 1 < count; l++) {
    if (read.has(l + 1)) continue;
    throw new ClearboxError(
      "E_SHAPE",
      `network.layers[${l}] (${layers[l].name}) is read by no layer: the network's output is its last layer, and it has one.`,
      { argument: `network.layers[${l}]` },
    );
  }
}

/** The declared input shape, if any. */
function initialShape(network: Network): number[] | undefined {
  if (network.inputShape === undefined) return undefined;
  const shape = network.inputShape;
  if (!Array.isArray(shape) || shape.length === 0) {
    throw new ClearboxError(
      "E_SHAPE",
      `network.inputShape must be [size] or [height, width, channels], got ${describeValue(shape)}.`,
      {
        argument: "network.inputShape",
      },
    );
  }
  shape.forEach((s, i) => assertInteger(s, `network.inputShape[${i}]`, 1));
  return [...shape];
}

/** A dense layer reading the input tells its size; anything else needs network.inputShape. */
function inferredShape(layer: Layer, where: string): number[] {
  if (layer.type === "dense") return [toDenseMatrix(layer.kernel, `${where}.kernel`).rows];
  throw new ClearboxError("E_SHAPE", `${where} needs the input's [height, width, channels]: give network.inputShape.`, {
    argument: "network.inputShape",
  });
}

/** Fold each batch norm into the linear layer before it when that layer has no activation and feeds nothing else. */
function foldBatchNorms(layers: NodeBase[]): void {
  const readers = new Map<number, number>();
  for (const layer of layers) for (const i of layer.inputs) readers.set(i, (readers.get(i) ?? 0) + 1);
  for (const node of layers) {
    if (node.type !== "batchNorm" || node.inputs[0] === 0) continue;
    const source = layers[node.inputs[0] - 1];
    if (!isLinear(source) || source.type === "batchNorm" || source.activation !== undefined) continue;
    if (readers.get(node.inputs[0]) !== 1) continue;
    const bn = node as CheckedLinear;
    source.fold = { scale: bn.kernel, shift: bn.bias };
    bn.foldedInto = source.index;
    (source as CheckedLinear).foldedFrom = bn.index;
  }
}

/** Check an input vector against the network's input shape. @internal */
export function checkInput(input: ArrayLike<number>, network: PreparedNetwork, name = "input"): Float32Array {
  const values = assertFiniteVector(input, name, { length: sizeOf(network.inputShape) });
  assertFloat32Range(values, name);
  return Float32Array.from(values);
}
