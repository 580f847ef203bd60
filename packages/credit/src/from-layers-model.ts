import { ClearboxError, describeValue, assertOptions, assertBoolean } from "@clearbox/core/internal";
import type { OptionKeys } from "@clearbox/core/internal";
import { ACTIVATIONS } from "./activations.js";
import { foldActivations } from "./keras/fold-activations.js";
import { READERS, READ_CLASSES } from "./keras/layer-readers.js";
import type { Activation, Layer, Network } from "./layer-types.js";

/** A symbolic tensor of a tfjs-layers model: which layer made it, at which call (node), which of its outputs. */
export interface SymbolicTensorLike {
  sourceLayer: LayersLayerLike;
  nodeIndex: number;
  tensorIndex: number;
  shape: readonly (number | null)[];
}

/**
 * The parts of a tfjs-layers model that {@link fromLayersModel} reads. A `tf.Sequential` or `tf.LayersModel` from
 * `@tensorflow/tfjs-layers` (or the umbrella `@tensorflow/tfjs`) fits; clearbox does not import tfjs-layers itself.
 */
export interface LayersModelLike {
  inputs: readonly SymbolicTensorLike[];
  outputs: readonly SymbolicTensorLike[];
  layers: readonly LayersLayerLike[];
}

/** One layer of a tfjs-layers model, as {@link fromLayersModel} reads it. */
export interface LayersLayerLike {
  name: string;
  getClassName(): string;
  getConfig(): Record<string, unknown>;
  getWeights(): readonly { arraySync(): unknown }[];
  /** One per call site: the layers (and which of their calls and outputs) it was applied to. */
  inboundNodes: readonly {
    inboundLayers: readonly LayersLayerLike[];
    nodeIndices: readonly number[];
    tensorIndices: readonly number[];
  }[];
}

/** Options of {@link fromLayersModel}. */
export interface FromLayersModelOptions {
  /**
   * A softmax on the output (an activation of the last layer, or a Softmax / Activation layer) is dropped when
   * true, so that LRP explains the logits (what iNNvestigate calls `model_wo_softmax`). Default false: such a model
   * is refused with a message saying so.
   */
  dropSoftmax?: boolean;
  /** For a model with several outputs: the one to read, by output layer name or index. */
  output?: string | number;
}

/** Every option of {@link fromLayersModel}: the list unknown keys are checked against. */
const FROM_LAYERS_MODEL_OPTIONS = { dropSoftmax: true, output: true } satisfies OptionKeys<FromLayersModelOptions>;

/** tfjs-layers' activation names that differ from the format's. */
const ACTIVATION_NAMES: Record<string, string> = { gelu_new: "geluNew", hard_sigmoid: "hardSigmoid" };

/**
 * Read a tfjs-layers model's architecture and weights into a plain-JSON {@link Network} (weights copied, the model
 * untouched), following each layer's inbound nodes from the chosen output back to the input: Sequential and
 * functional models, nested models flattened (their layers named `outer/inner`), residual adds and concatenations.
 * A layer applied at several call sites is read once per call site (the second as `name@1`, and so on), each with
 * the same weights. Identity layers (Dropout and kin) are skipped; a standalone activation right after a dense or
 * convolutional layer without one is folded into it. Any layer class the format lacks throws `E_OPTION` naming the
 * layer, its class and the classes that are read.
 * @param model - a `tf.Sequential` or `tf.LayersModel` (anything shaped like {@link LayersModelLike}).
 * @param options - `dropSoftmax`: read a final softmax as linear (default false: refused); `output`: which output of a multi-output model.
 * @returns a plain-JSON {@link Network} with the weights copied, each layer named as in the model.
 * @throws `E_OPTION` for a layer class, activation or setting the format does not read, a softmax output without `dropSoftmax`, several outputs without `output`, or an unknown option; `E_SHAPE` for several inputs; `E_TYPE` for something that is not a layers model.
 * @example
 * const network = prepareNetwork(fromLayersModel(model, { dropSoftmax: true }));
 */
export function fromLayersModel(model: LayersModelLike, options: FromLayersModelOptions = {}): Network {
  options = assertOptions(options, "options", FROM_LAYERS_MODEL_OPTIONS);
  const dropSoftmax =
    options.dropSoftmax === undefined ? false : assertBoolean(options.dropSoftmax, "options.dropSoftmax");
  if (
    typeof model !== "object" ||
    model === null ||
    !Array.isArray(model.layers) ||
    !Array.isArray(model.inputs) ||
    !Array.isArray(model.outputs)
  ) {
    throw new ClearboxError(
      "E_TYPE",
      `model must be a tfjs-layers model (with .layers, .inputs and .outputs), got ${describeValue(model)}.`,
      {
        argument: "model",
      },
    );
  }
  if (model.inputs.length !== 1) {
    throw new ClearboxError("E_SHAPE", `model must have one input, got ${model.inputs.length}.`, {
      argument: "model.inputs",
    });
  }
  const reader = new GraphReader(model.inputs[0], dropSoftmax);
  const output = reader.read(chooseOutput(model, options.output), new Map(), "");
  if (output === reader.inputName) {
    throw new ClearboxError("E_EMPTY", "model computes nothing from its input (its output is the input).", {
      argument: "model",
    });
  }
  return {
    inputShape: model.inputs[0].shape.slice(1) as number[],
    inputName: reader.inputName,
    layers: foldActivations(reader.layers),
  };
}

function chooseOutput(model: LayersModelLike, output: string | number | undefined): SymbolicTensorLike {
  const names = model.outputs.map((o) => o.sourceLayer.name);
  if (output === undefined) {
    if (model.outputs.length === 1) return model.outputs[0];
    throw new ClearboxError(
      "E_OPTION",
      `model has ${names.length} outputs (${names.join(", ")}): choose one with { output: name or index }.`,
      {
        argument: "options.output",
      },
    );
  }
  const index = typeof output === "number" ? output : names.indexOf(output);
  if (!Number.isInteger(index) || index < 0 || index >= names.length) {
    throw new ClearboxError(
      "E_OPTION",
      `options.output is ${describeValue(output)}; the model's outputs are ${names.map((n, i) => `${i}: ${n}`).join(", ")}.`,
      {
        argument: "options.output",
      },
    );
  }
  return model.outputs[index];
}

/** Nested models are read inside a scope: their input layers stand for the outer tensors they were called on. */
type Scope = Map<LayersLayerLike, string>;

const isModel = (layer: LayersLayerLike): layer is LayersLayerLike & LayersModelLike =>
  Array.isArray((layer as Partial<LayersModelLike>).layers) &&
  Array.isArray((layer as Partial<LayersModelLike>).outputs);

/** Walks a model's graph from an output back to its input, emitting layers after the layers they read. */
class GraphReader {
  readonly layers: Layer[] = [];
  readonly inputName: string;
  private readonly done = new Map<string, string>();
  private readonly scopes = new Map<Scope, number>();
  private readonly calls = new Map<string, number>();
  private softmaxAllowedAt: SymbolicTensorLike | undefined;

  constructor(
    private readonly input: SymbolicTensorLike,
    private readonly dropSoftmax: boolean,
  ) {
    this.inputName = input.sourceLayer.name;
  }

  /** The network name of the value `tensor` holds, reading the layers that make it first. */
  read(tensor: SymbolicTensorLike, scope: Scope, prefix: string, isOutput = true): string {
    if (isOutput) this.softmaxAllowedAt = tensor;
    const { sourceLayer: layer, nodeIndex, tensorIndex } = tensor;
    const key = `${this.scopeId(scope)}:${prefix}${layer.name}:${nodeIndex}:${tensorIndex}`;
    const known = this.done.get(key);
    if (known !== undefined) return known;
    const name = this.readUncached(tensor, scope, prefix);
    this.done.set(key, name);
    return name;
  }

  private scopeId(scope: Scope): number {
    if (!this.scopes.has(scope)) this.scopes.set(scope, this.scopes.size);
    return this.scopes.get(scope) as number;
  }

  private readUncached(tensor: SymbolicTensorLike, scope: Scope, prefix: string): string {
    const { sourceLayer: layer, nodeIndex, tensorIndex } = tensor;
    const className = layer.getClassName();
    const where = `model layer ${prefix}${layer.name} (${className})`;
    if (className === "InputLayer") return this.inputOf(layer, scope, where);
    if (tensorIndex !== 0) fail(where, "only layers with one output are read");
    const node = layer.inboundNodes[nodeIndex];
    if (node === undefined) fail(where, `it has no call site ${nodeIndex}`);
    const inputs = node.inboundLayers.map((source, k) =>
      this.read(
        { sourceLayer: source, nodeIndex: node.nodeIndices[k], tensorIndex: node.tensorIndices[k], shape: [] },
        scope,
        prefix,
        false,
      ),
    );
    if (isModel(layer)) return this.readNested(layer, inputs, tensorIndex, `${prefix}${layer.name}/`);
    return this.readLayer(
      layer,
      className,
      inputs,
      this.callName(prefix + layer.name),
      where,
      tensor === this.softmaxAllowedAt,
    );
  }

  private inputOf(layer: LayersLayerLike, scope: Scope, where: string): string {
    const mapped = scope.get(layer);
    if (mapped !== undefined) return mapped;
    if (layer === this.input.sourceLayer) return this.inputName;
    return fail(where, "an input other than the model's one input");
  }

  private readNested(model: LayersModelLike, inputs: string[], tensorIndex: number, prefix: string): string {
    const scope: Scope = new Map(model.inputs.map((input, k) => [input.sourceLayer, inputs[k]]));
    return this.read(model.outputs[tensorIndex], scope, prefix, false);
  }

  /** A layer's name for this call site: its own at the first, name@k at the k-th after. */
  private callName(base: string): string {
    const count = this.calls.get(base) ?? 0;
    this.calls.set(base, count + 1);
    return count === 0 ? base : `${base}@${count}`;
  }

  private readLayer(
    layer: LayersLayerLike,
    className: string,
    inputs: string[],
    name: string,
    where: string,
    isOutput: boolean,
  ): string {
    const config = layer.getConfig();
    if (config.dataFormat !== undefined && config.dataFormat !== "channelsLast")
      fail(where, "only channelsLast data is read");
    if (className === "Softmax" || (className === "Activation" && config.activation === "softmax")) {
      if (isOutput && this.dropSoftmax) return inputs[0];
      fail(where, softmaxMessage(isOutput));
    }
    const reader = READERS[className];
    if (reader === undefined)
      fail(where, `this layer class is not read (the classes read: ${READ_CLASSES.join(", ")})`);
    const reading = reader({
      name,
      config,
      weights: () => layer.getWeights().map((w) => w.arraySync()),
      activation: (value = config.activation) => activationOf(value, where, isOutput && this.dropSoftmax, isOutput),
      fail: (what) => fail(where, what),
    });
    if (reading === "identity") return inputs[0];
    reading[0] = { ...reading[0], inputs };
    this.layers.push(...reading);
    return name;
  }
}

function softmaxMessage(isOutput: boolean): string {
  return isOutput
    ? "a softmax output: pass { dropSoftmax: true } to explain the logits (LRP is defined on them)"
    : "softmax inside the network is not read";
}

function activationOf(value: unknown, where: string, dropSoftmax: boolean, isOutput: boolean): Activation {
  const raw = (value as string | undefined) ?? "linear";
  if (raw === "softmax") {
    if (dropSoftmax) return "linear";
    fail(where, softmaxMessage(isOutput));
  }
  const name = ACTIVATION_NAMES[raw] ?? raw;
  if (!ACTIVATIONS.includes(name as Activation))
    fail(where, `activation "${raw}" is not read (${ACTIVATIONS.join(", ")} are)`);
  return name as Activation;
}

function fail(where: string, what: string): never {
  throw new ClearboxError("E_OPTION", `${where}: ${what}.`, { argument: "model" });
}
