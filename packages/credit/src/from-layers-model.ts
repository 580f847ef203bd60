import { ClearboxError, describeValue, assertOptions, assertBoolean } from "@clearbox/core/internal";
import type { OptionKeys } from "@clearbox/core/internal";
import { ACTIVATIONS } from "./network.js";
import type { Activation, Layer, Network } from "./network.js";

/**
 * The parts of a tfjs-layers model that {@link fromLayersModel} reads. A `tf.Sequential` or `tf.LayersModel` from
 * `@tensorflow/tfjs-layers` (or the umbrella `@tensorflow/tfjs`) fits; clearbox does not import tfjs-layers itself.
 */
export interface LayersModelLike {
  inputs: readonly { shape: readonly (number | null)[] }[];
  layers: readonly LayersLayerLike[];
}

/** One layer of a tfjs-layers model, as {@link fromLayersModel} reads it. */
export interface LayersLayerLike {
  name: string;
  getClassName(): string;
  getConfig(): Record<string, unknown>;
  getWeights(): readonly { arraySync(): unknown }[];
}

/** Options of {@link fromLayersModel}. */
export interface FromLayersModelOptions {
  /**
   * A last layer with a softmax activation is read as linear when true, so that LRP explains the logits (what
   * iNNvestigate calls `model_wo_softmax`). Default false: such a model is rejected with a message saying so.
   */
  dropSoftmax?: boolean;
}

/** Every option of {@link fromLayersModel}: the list unknown keys are checked against. */
const FROM_LAYERS_MODEL_OPTIONS = { dropSoftmax: true } satisfies OptionKeys<FromLayersModelOptions>;

/** Layers that are the identity at inference. */
const IDENTITY = new Set(["InputLayer", "Dropout", "SpatialDropout1D", "GaussianNoise", "GaussianDropout"]);

/**
 * Read a tfjs-layers model's architecture and weights into a plain-JSON {@link Network} (weights copied, the model
 * untouched). Reads Dense, Conv2D, Conv2DTranspose, MaxPooling2D, AveragePooling2D and Flatten layers, skips
 * InputLayer and Dropout, and folds a standalone Activation or ReLU layer into the layer before it. Anything else,
 * channels-first data, dilation or "causal" padding throws a `ClearboxError` naming the layer.
 * @param model - a `tf.Sequential` or `tf.LayersModel` (anything shaped like {@link LayersModelLike}).
 * @param options - `dropSoftmax`: read a final softmax as linear, so LRP explains the logits (default false: a softmax is refused).
 * @returns a plain-JSON {@link Network} with the weights copied.
 * @throws `E_OPTION` for a layer type, activation or padding the network format does not support; `E_OPTION` for an unknown option key or value.
 * @example
 * const network = prepareNetwork(fromLayersModel(model, { dropSoftmax: true }));
 */
export function fromLayersModel(model: LayersModelLike, options: FromLayersModelOptions = {}): Network {
  options = assertOptions(options, "options", FROM_LAYERS_MODEL_OPTIONS);
  if (options.dropSoftmax !== undefined) assertBoolean(options.dropSoftmax, "options.dropSoftmax");
  if (typeof model !== "object" || model === null || !Array.isArray(model.layers) || !Array.isArray(model.inputs)) {
    throw new ClearboxError(
      "E_TYPE",
      `model must be a tfjs-layers model (with .layers and .inputs), got ${describeValue(model)}.`,
      { argument: "model" },
    );
  }
  if (model.inputs.length !== 1) {
    throw new ClearboxError("E_SHAPE", `model must have one input, got ${model.inputs.length}.`, {
      argument: "model.inputs",
    });
  }
  const inputShape = model.inputs[0].shape.slice(1) as number[];
  const layers: Layer[] = [];
  const last = model.layers.length - 1;
  const sources: readonly LayersLayerLike[] = model.layers;
  sources.forEach((source, index) => {
    const className = source.getClassName();
    const where = `model.layers[${index}] (${source.name}, ${className})`;
    const config = source.getConfig();
    const fail = (what: string): never => {
      throw new ClearboxError("E_OPTION", `${where}: ${what}.`, { argument: `model.layers[${index}]` });
    };
    if (config.dataFormat !== undefined && config.dataFormat !== "channelsLast") fail("only channelsLast data is read");
    const dilation = config.dilationRate;
    if (dilation !== undefined && [dilation].flat().some((d) => d !== 1)) fail("dilated convolutions are not read");
    const activation = (): Activation => {
      const name = (config.activation as string | undefined) ?? "linear";
      if (name === "softmax" && index === last && options.dropSoftmax) return "linear";
      if (name === "softmax") {
        fail(
          index === last
            ? "a softmax output: pass { dropSoftmax: true } to explain the logits (LRP is defined on them)"
            : "softmax inside the network is not supported",
        );
      }
      if (!ACTIVATIONS.includes(name as Activation))
        fail(`activation "${name}" is not supported (${ACTIVATIONS.join(", ")})`);
      return name as Activation;
    };
    const weights = () => source.getWeights().map((w) => w.arraySync());
    const padding = () => {
      if (config.padding !== "valid" && config.padding !== "same") fail(`padding "${String(config.padding)}"`);
      return config.padding as "valid" | "same";
    };
    // tfjs-layers keeps sizes as [rows, columns]: passed on as they are, the network's own checks validate them.
    const pair = (value: unknown) => value as number | [number, number];

    if (IDENTITY.has(className)) return;
    if (className === "Activation" || className === "ReLU") {
      const previous = layers[layers.length - 1] as { activation?: Activation } | undefined;
      if (previous === undefined || !("activation" in previous) || (previous.activation ?? "linear") !== "linear") {
        fail("a standalone activation must follow a dense or convolutional layer without one");
      }
      (previous as { activation?: Activation }).activation = className === "ReLU" ? "relu" : activation();
      return;
    }
    if (className === "Dense") {
      const [kernel, bias] = weights() as [number[][], number[] | undefined];
      layers.push({ type: "dense", kernel, bias, activation: activation() });
    } else if (className === "Conv2D" || className === "Conv2DTranspose") {
      const [kernel, bias] = weights() as [number[][][][], number[] | undefined];
      layers.push({
        type: className === "Conv2D" ? "conv2d" : "conv2dTranspose",
        kernel,
        bias,
        strides: pair(config.strides),
        padding: padding(),
        activation: activation(),
      });
    } else if (className === "MaxPooling2D" || className === "AveragePooling2D") {
      layers.push({
        type: className === "MaxPooling2D" ? "maxPool2d" : "avgPool2d",
        poolSize: pair(config.poolSize),
        strides: pair(config.strides ?? config.poolSize),
        padding: padding(),
      });
    } else if (className === "Flatten") {
      layers.push({ type: "flatten" });
    } else {
      fail(
        "this layer type is not read (Dense, Conv2D, Conv2DTranspose, MaxPooling2D, AveragePooling2D, Flatten, Activation, ReLU, Dropout and InputLayer are)",
      );
    }
  });
  return { inputShape, layers };
}
