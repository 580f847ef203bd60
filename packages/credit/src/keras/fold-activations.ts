import type { ActivationLayer, Layer } from "../layer-types.js";

const FUSABLE = new Set(["dense", "conv2d", "depthwiseConv2d", "conv2dTranspose"]);

/**
 * Fold each standalone activation without parameters into the dense or convolutional layer it reads, when that
 * layer has no activation and nothing else reads it (as Keras models often write Conv2D + Activation). The folded
 * layer keeps its own name; layers that read the activation read it instead. @internal
 */
export function foldActivations(layers: Layer[]): Layer[] {
  const readers = new Map<string, number>();
  for (const layer of layers) for (const input of layer.inputs ?? []) readers.set(input, (readers.get(input) ?? 0) + 1);
  const byName = new Map(layers.map((layer) => [layer.name as string, layer]));
  const renamed = new Map<string, string>();
  const kept: Layer[] = [];
  for (const layer of layers) {
    const inputs = layer.inputs?.map((input) => renamed.get(input) ?? input);
    const source = inputs?.length === 1 ? byName.get(inputs[0]) : undefined;
    if (layer.type === "activation" && fusable(layer, source) && readers.get(inputs![0]) === 1) {
      (source as { activation?: string }).activation = layer.activation;
      renamed.set(layer.name as string, inputs![0]);
      continue;
    }
    kept.push(inputs === undefined ? layer : { ...layer, inputs });
    if (inputs !== undefined) byName.set(layer.name as string, kept[kept.length - 1]);
  }
  return kept;
}

function fusable(layer: ActivationLayer, source: Layer | undefined): boolean {
  if (layer.alpha !== undefined || layer.maxValue !== undefined || layer.activation === "leakyRelu") return false;
  if (source === undefined || !FUSABLE.has(source.type)) return false;
  return ((source as { activation?: string }).activation ?? "linear") === "linear";
}
