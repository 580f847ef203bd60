import type * as tf from "@tensorflow/tfjs-core";
import type { ActivationSpec } from "../activations.js";
import type { Layer } from "../layer-types.js";
import type { LrpRule } from "../rules.js";
import type { RuleParameters } from "../rules.js";

/** What every checked layer (a node of the network's DAG) holds. @internal */
export interface NodeBase {
  type: Layer["type"];
  /** Position in the network's layer list. */
  index: number;
  name: string;
  /** Indices into the activations: 0 is the network input, l + 1 the output of layer l. */
  inputs: number[];
  inShapes: number[][];
  /** inShapes[0]. */
  inShape: number[];
  outShape: number[];
  /** Applied after the layer's own map; linear when absent. */
  activation?: ActivationSpec;
}

/** A layer in the middle of being checked: where it sits and what it reads. @internal */
export interface CheckContext {
  where: string;
  inShapes: number[][];
  index: number;
  /** Indices into the activations of what the layer reads (0: the network input, l + 1: layer l). */
  inputs: number[];
}

/** What a layer's relevance function gets, as batch-first tensors. @internal */
export interface RelevanceInput {
  /** The values of the layer's inputs. */
  inputs: tf.Tensor[];
  /** Relevance of the layer's output (after its activation). */
  upper: tf.Tensor;
  /** The layer's output before its activation (for a layer with a batch norm folded in: the batch norm's output). */
  output: tf.Tensor;
  rule: LrpRule;
  params: RuleParameters;
}

/**
 * One kind of layer: its checks, forward map and relevance rule, in one module (see kinds/registry.ts). Tensors are
 * batch-first ([N, ...shape]). @internal
 */
export interface LayerKind<L extends Layer = Layer, C extends NodeBase = NodeBase> {
  readonly types: readonly L["type"][];
  /** Number of inputs: 1, or "many" (two or more). */
  readonly arity: 1 | "many";
  /** Validate the layer against its inputs' shapes; returns the checked node without the fields the graph adds. */
  check(layer: L, context: CheckContext): Omit<C, "index" | "name" | "inputs" | "inShapes" | "inShape">;
  /** The layer's output before its activation. */
  forward(node: C, inputs: tf.Tensor[]): tf.Tensor;
  /** Relevance of each input. */
  relevance(node: C, input: RelevanceInput): tf.Tensor[];
}
