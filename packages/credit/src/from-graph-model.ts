// A TensorFlow.js graph model (what tensorflowjs_converter makes of a SavedModel, a Keras model exported as one, or a
// model converted from ONNX) read into credit's network: its GraphDef's ops mapped one by one onto layers.
import * as tf from "@tensorflow/tfjs-core";
import { ClearboxError, assertBoolean, assertOptions, describeValue } from "@clearbox/core/internal";
import type { OptionKeys } from "@clearbox/core/internal";
import type { GraphNode } from "./graph/attrs.js";
import { OP_READERS, channelsOf } from "./graph/ops.js";
import type { Constant } from "./graph/ops.js";
import type { Layer, Network } from "./layer-types.js";

/** A graph model's artifacts, as `tf.io` handlers load them (model.json's topology and the decoded weight shards). */
export interface GraphModelArtifactsLike {
  /** The GraphDef: `{ node: [{ name, op, input, attr }] }`. */
  modelTopology?: unknown;
  /** The weights manifest's entries (model.json's weightsManifest[*].weights). */
  weightSpecs?: readonly tf.io.WeightsManifestEntry[];
  /** The weight shards' bytes, concatenated (or one buffer per shard). */
  weightData?: ArrayBuffer | ArrayBuffer[];
}

/** Options of {@link fromGraphModel}. */
export interface FromGraphModelOptions {
  /** Drop a Softmax at the output so that LRP explains the logits (default false: such a graph is refused). */
  dropSoftmax?: boolean;
}

const OPTIONS = { dropSoftmax: true } satisfies OptionKeys<FromGraphModelOptions>;

/** Ops read besides the layer ops: the graph's plumbing. */
const PLUMBING = ["Const", "Placeholder", "Identity", "Softmax", "NoOp"];

/** The graph's constants (every Const is a weight in a converted model), read back once. */
function constantsOf(artifacts: GraphModelArtifactsLike): Map<string, Constant> {
  const specs = artifacts.weightSpecs;
  if (!Array.isArray(specs) || artifacts.weightData === undefined) {
    throw new ClearboxError("E_TYPE", "artifacts must hold weightSpecs and weightData (as tf.io handlers load them).", {
      argument: "artifacts",
    });
  }
  const tensors = tf.io.decodeWeights(artifacts.weightData, specs);
  const constants = new Map<string, Constant>();
  for (const [name, tensor] of Object.entries(tensors)) {
    constants.set(name, { values: Float32Array.from(tensor.dataSync()), shape: [...tensor.shape] });
    tensor.dispose();
  }
  return constants;
}

function nodesOf(artifacts: GraphModelArtifactsLike): GraphNode[] {
  if (typeof artifacts !== "object" || artifacts === null) {
    throw new ClearboxError("E_TYPE", `artifacts must be a graph model's artifacts, got ${describeValue(artifacts)}.`, {
      argument: "artifacts",
    });
  }
  const nodes = (artifacts.modelTopology as { node?: unknown } | undefined)?.node;
  if (!Array.isArray(nodes) || nodes.length === 0) {
    throw new ClearboxError(
      "E_TYPE",
      `artifacts.modelTopology must be a GraphDef with nodes (a graph model's model.json), got ${describeValue(artifacts.modelTopology)}.`,
      { argument: "artifacts.modelTopology" },
    );
  }
  return nodes as GraphNode[];
}

const baseName = (ref: string) => ref.replace(/^\^/, "").replace(/:\d+$/, "");

function unsupported(node: GraphNode): ClearboxError {
  const read = [...Object.keys(OP_READERS), ...PLUMBING].sort().join(", ");
  return new ClearboxError("E_OPTION", `graph node ${node.name}: op ${node.op} is not read (ops read: ${read}).`, {
    argument: `modelTopology.node[${node.name}]`,
  });
}

/**
 * Read a TensorFlow.js graph model (tensorflowjs_converter's output for a SavedModel or a Keras model, or an ONNX
 * model converted through TensorFlow) into a {@link Network}: Conv2D, DepthwiseConv2dNative and their fused forms
 * (bias, Relu, Relu6; batch norms already folded in by the converter), MatMul / _FusedMatMul, AddV2 (residual adds),
 * Mul / Sub / Add with a constant (preprocessing, as a per-channel affine layer), AvgPool, MaxPool, Mean over rows and
 * columns, ConcatV2 along channels, Relu, Relu6, Squeeze, Identity. Anything else is refused with `E_OPTION` naming
 * the node, its op and the ops read. Pass the artifacts, e.g. `await tf.io.fromMemory(json)`'s or, from a loaded
 * GraphModel, `await model.save(tf.io.withSaveHandler(async (a) => a))`'s (see the guide).
 * @param artifacts - `{ modelTopology, weightSpecs, weightData }` of a graph model.
 * @param options - `dropSoftmax`: drop a Softmax at the output (LRP explains logits).
 * @returns a plain-JSON {@link Network} named after the graph's nodes.
 * @throws `E_TYPE` for artifacts that are not a graph model's; `E_OPTION` for an op, attribute or softmax that is not read, or an unknown option.
 * @example
 * const network = fromGraphModel(artifacts, { dropSoftmax: true });
 * const { relevance } = lrp(network, pixels, { target: 1 });
 */
export function fromGraphModel(artifacts: GraphModelArtifactsLike, options: FromGraphModelOptions = {}): Network {
  options = assertOptions(options, "options", OPTIONS);
  const dropSoftmax =
    options.dropSoftmax === undefined ? false : assertBoolean(options.dropSoftmax, "options.dropSoftmax");
  const nodes = nodesOf(artifacts);
  const constants = constantsOf(artifacts);
  const alias = new Map<string, string>();
  const channels = new Map<string, number | undefined>();
  const softmaxes = new Set<string>();
  const source = (ref: string) => {
    // Dropped only at the output: a softmax that a layer reads would be silently skipped.
    if (softmaxes.has(baseName(ref))) throw softmaxInside(baseName(ref));
    return alias.get(baseName(ref)) ?? baseName(ref);
  };
  const network: { inputShape?: number[]; inputName?: string; layers: Layer[] } = { layers: [] };
  for (const node of nodes) {
    const refs = (node.input ?? []).filter((ref) => !ref.startsWith("^"));
    if (node.op === "Const" || node.op === "NoOp") continue;
    if (node.op === "Placeholder") {
      const dims = (node.attr?.shape as { shape?: { dim?: { size: string }[] } } | undefined)?.shape?.dim ?? [];
      network.inputShape = dims.slice(1).map((d) => Number(d.size));
      network.inputName = node.name;
      channels.set(node.name, network.inputShape.at(-1));
    } else if (node.op === "Identity" || node.op === "Softmax") {
      if (node.op === "Softmax" && !dropSoftmax) throw softmaxRefused(node);
      const base = baseName(refs[0] ?? "");
      alias.set(node.name, alias.get(base) ?? base);
      if (node.op === "Softmax" || softmaxes.has(base)) softmaxes.add(node.name);
    } else {
      network.layers.push(readNode(node, refs, constants, channels, source));
    }
  }
  return network as Network;
}

function readNode(
  node: GraphNode,
  refs: string[],
  constants: Map<string, Constant>,
  channels: Map<string, number | undefined>,
  source: (ref: string) => string,
): Layer {
  const reader = OP_READERS[node.op];
  if (reader === undefined) throw unsupported(node);
  const isConstant = (ref: string) => constants.has(baseName(ref));
  const inputs = refs.filter((ref) => !isConstant(ref)).map(source);
  const held = refs.filter(isConstant).map((ref) => constants.get(baseName(ref)) as Constant);
  const layer = reader({
    node,
    inputs,
    constants: held,
    constantFirst: refs.length > 0 && isConstant(refs[0]),
    channels: channels.get(inputs[0]),
  });
  const summed = inputs.reduce((sum, input) => sum + (channels.get(input) ?? NaN), 0);
  channels.set(node.name, channelsOf(layer, held) ?? (layer.type === "concatenate" ? summed : channels.get(inputs[0])));
  return { ...layer, name: node.name, inputs };
}

function softmaxRefused(node: GraphNode): ClearboxError {
  return new ClearboxError(
    "E_OPTION",
    `graph node ${node.name} is a Softmax: LRP explains logits; pass options.dropSoftmax = true to drop it.`,
    { argument: "options.dropSoftmax" },
  );
}

function softmaxInside(name: string): ClearboxError {
  return new ClearboxError(
    "E_OPTION",
    `graph node ${name} is a Softmax read by another op: only one at the output is dropped.`,
    {
      argument: `modelTopology.node[${name}]`,
    },
  );
}
