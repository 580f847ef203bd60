import type * as tf from "@tensorflow/tfjs-core";
import { checkActivationLayer } from "../activations.js";
import type { ActivationLayer } from "../layer-types.js";
import type { LayerKind } from "./kind.js";

/**
 * An element-wise activation as a layer of its own (ReLU(maxValue), LeakyReLU, …). Relevance passes through it
 * unchanged: the layer below divides by its own output, the activation's input. @internal
 */
export const activationKind: LayerKind<ActivationLayer> = {
  types: ["activation"],
  arity: 1,
  check: (layer, { where, inShapes }) => ({
    type: "activation",
    outShape: [...inShapes[0]],
    activation: checkActivationLayer(layer, where),
  }),
  // The graph applies node.activation after forward: the layer's own map is the identity.
  forward: (_node, [x]) => x,
  relevance: (_node, { upper }) => [upper as tf.Tensor],
};
