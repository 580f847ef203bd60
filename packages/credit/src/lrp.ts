import * as tf from "@tensorflow/tfjs-core";
import {
  ClearboxError,
  assertFiniteNumber,
  assertInteger,
  describeValue,
  assertOptions,
  assertOneOf,
  assertFiniteVector,
} from "@clearbox/core/internal";
import type { OptionKeys } from "@clearbox/core/internal";
import { assertComputedFinite } from "./float32-range.js";
import { forwardTensors, withPrepared } from "./forward-pass.js";
import { withHostValues } from "./kinds/host-values.js";
import { KIND_BY_TYPE } from "./kinds/registry.js";
import { checkInput, layersOf, sizeOf } from "./network.js";
import type { CheckedLayer, Network, PreparedNetwork } from "./network.js";
import { applyOverrides, compositeAlphaBeta, compositeRules } from "./composites.js";
import type { Composite } from "./composites.js";
import { RULES } from "./rules.js";
import type { LrpRule, RuleParameters } from "./rules.js";

export type { LrpRule } from "./rules.js";

/** Options of {@link lrp}. */
export interface LrpOptions {
  /** Rule for every layer. Default "epsilon". */
  rule?: LrpRule;
  /**
   * One rule per layer (first layer first); overrides `rule`. Only layers with weights (dense, convolutions, batch
   * norm) apply theirs; add and global average pooling read only whether it is "epsilon" (stabilised) or not; other
   * layers move relevance as their values move (see the README).
   */
  rules?: readonly LrpRule[];
  /**
   * Rules by layer kind and position instead of `rule` / `rules`: "epsilonPlusFlat" (flat at the first layer, z⁺ =
   * αβ with α = 1, β = 0 in convolutions, ε above), "epsilonGammaBox" (z^B first, γ in convolutions, ε above),
   * "epsilonAlpha2Beta1" (α = 2, β = 1 in convolutions and first, ε above), as zennit's composites.
   */
  composite?: Composite;
  /** Rules for single layers by name, applied over `rule`, `rules` or `composite`. */
  overrides?: Readonly<Record<string, LrpRule>>;
  /** ε of LRP-ε: stabiliser ε · sign(z), sign(0) = +1. Default 1e-6. */
  epsilon?: number;
  /** γ of LRP-γ: weights w + γ w⁺, bias b + γ b⁺. Default 0.25. */
  gamma?: number;
  /** α and β of LRP-αβ (α − β = 1). Defaults 2 and 1. */
  alpha?: number;
  beta?: number;
  /** Lowest and highest values of a z^B (box) layer's inputs: a number or one per input. Defaults 0 and 1. */
  low?: number | ArrayLike<number>;
  high?: number | ArrayLike<number>;
  /** Explain this output only (its activation is the relevance); all outputs when omitted. */
  target?: number;
  /**
   * Whose relevance to read back from the backend: "all" layers (default), only the "input" (relevance[l] for
   * l > 0 is then empty), or a list of indices into `relevance` (0: the input, l + 1: layer l's output; the others
   * empty), which saves copying every layer's values on large networks.
   */
  read?: "all" | "input" | readonly number[];
}

/** Every option of {@link lrp}: the list unknown keys are checked against. */
const LRP_OPTIONS = {
  rule: true,
  rules: true,
  epsilon: true,
  gamma: true,
  alpha: true,
  beta: true,
  low: true,
  high: true,
  target: true,
  read: true,
  composite: true,
  overrides: true,
} satisfies OptionKeys<LrpOptions>;

/** The result of {@link lrp}. */
export interface LrpResult {
  /**
   * relevance[0] is the input's relevance, relevance[l + 1] layer l's output's (the last is the explained output).
   * A layer read by several others gets the sum of what each passes back to it.
   */
  relevance: Float32Array[];
  /**
   * Relevance absorbed by layer l: the relevance of its output − what it passes to its inputs (by its bias, the ε
   * stabiliser, or outputs whose denominator was zero and passed nothing on).
   */
  absorbed: number[];
}

/**
 * Layer-wise relevance propagation: explain one output of a network by distributing its value back to the
 * inputs, layer by layer through the network's graph, with the chosen rule(s). Implemented with forward
 * TensorFlow.js ops only (no autodiff); values stay on the backend and are read back once at the end. A zero
 * denominator passes no relevance on; that relevance counts as absorbed.
 * @param network - the network (plain or from {@link prepareNetwork}).
 * @param input - the input, flat and row-major (channels last), of the network's input size.
 * @param options - `rule` (default `"epsilon"`) or `rules` (one per layer), `epsilon`, `gamma`, `alpha` / `beta` (α − β = 1), `low` / `high` (input bounds for zB), `target` (the output to explain; default all).
 * @returns `relevance[l]` for the input of every layer (relevance[0]: the input's), and what each layer `absorbed`.
 * @throws `E_TYPE` / `E_SHAPE` / `E_NAN` / `E_OPTION` for a network whose layers are malformed or do not connect; `E_SHAPE` / `E_NAN` for a bad input or bounds; `E_RANGE` for α − β ≠ 1, a target out of range, or values beyond float32's range; `E_OPTION` for an unknown option key or value.
 * @example
 * const { relevance } = lrp(network, pixels, { rule: "epsilon", target: 7 }); // relevance[0]: per pixel
 */
export function lrp(network: Network | PreparedNetwork, input: ArrayLike<number>, options: LrpOptions = {}): LrpResult {
  options = assertOptions(options, "options", LRP_OPTIONS);
  return withPrepared(network, (prepared) => {
    const x = checkInput(input, prepared);
    const target = options.target === undefined ? undefined : [options.target];
    return explainBatch(prepared, x, 1, options, target)[0];
  });
}

/**
 * {@link lrp} of a batch of inputs in one pass through the backend (cheaper per input than one call each).
 * @param network - the network (plain or from {@link prepareNetwork}).
 * @param inputs - the inputs, each flat and row-major (channels last), of the network's input size.
 * @param options - as {@link lrp}; `target` may also be one output per input.
 * @returns one {@link LrpResult} per input, in order.
 * @throws as {@link lrp}; `E_SHAPE` for a target list whose length is not the number of inputs; `E_EMPTY` for no inputs.
 * @example
 * const explanations = lrpBatch(prepared, images, { rule: "epsilon", target: labels });
 */
export function lrpBatch(
  network: Network | PreparedNetwork,
  inputs: readonly ArrayLike<number>[],
  options: Omit<LrpOptions, "target"> & { target?: number | readonly number[] } = {},
): LrpResult[] {
  options = assertOptions(options, "options", LRP_OPTIONS);
  if (!Array.isArray(inputs) || inputs.length === 0) {
    throw new ClearboxError("E_EMPTY", `inputs must be a non-empty array of inputs, got ${describeValue(inputs)}.`, {
      argument: "inputs",
    });
  }
  return withPrepared(network, (prepared) => {
    const size = sizeOf(prepared.inputShape);
    const x = new Float32Array(inputs.length * size);
    inputs.forEach((input, n) => x.set(checkInput(input, prepared, `inputs[${n}]`), n * size));
    return explainBatch(
      prepared,
      x,
      inputs.length,
      { ...options, target: undefined },
      targetList(options.target, inputs.length),
    );
  });
}

function targetList(target: number | readonly number[] | undefined, count: number): number[] | undefined {
  if (target === undefined) return undefined;
  if (typeof target === "number") return new Array(count).fill(target);
  if (!Array.isArray(target) || target.length !== count) {
    throw new ClearboxError(
      "E_SHAPE",
      `options.target must be a number or one per input (${count}), got ${describeValue(target)}.`,
      {
        argument: "options.target",
      },
    );
  }
  return [...target];
}

/** LRP of `count` inputs stacked in `x`, read back once and split per input. */
function explainBatch(
  prepared: PreparedNetwork,
  x: Float32Array,
  count: number,
  options: LrpOptions,
  targets: number[] | undefined,
): LrpResult[] {
  const layers = layersOf(prepared);
  const rules = ruleList(options, layers);
  const params = ruleParameters(options);
  const wanted = readList(options.read, layers.length);
  let parts: number[][] = [];
  const { relevance, sums } = tf.tidy(() => {
    const result = backward(layers, tf.tensor(x, [count, ...prepared.inputShape]), rules, params, targets);
    parts = result.ledger.parts; // plain numbers: kept out of what tidy searches for tensors
    return { relevance: result.relevance, sums: result.ledger.sums };
  });
  const read = relevance.filter((_, l) => wanted(l));
  let next = 0;
  const position = relevance.map((_, l) => (wanted(l) ? next++ : -1)); // where layer l's values sit in `read`
  // One copy per layer and sample, straight from the backend's memory where it allows (see kinds/host-values.ts).
  const perSample = withHostValues([sums, ...read], ([totals, ...values]) =>
    Array.from({ length: count }, (_, n) => ({
      relevance: relevance.map((_, l) => {
        const v = position[l] < 0 ? undefined : values[position[l]];
        return v === undefined ? new Float32Array(0) : v.slice((n * v.length) / count, ((n + 1) * v.length) / count);
      }),
      absorbed: absorbedOf(layers, parts, (k) => totals[k * count + n]),
    })),
  );
  tf.dispose([...relevance, sums]);
  for (const { relevance: own } of perSample) {
    assertComputedFinite(own, "relevance", (i) => (i === 0 ? "the input" : `layer ${i - 1} (${layers[i - 1].name})`));
  }
  return perSample;
}

/** Which relevance arrays options.read asks for, by index (0: the input, l + 1: layer l's output). */
function readList(read: LrpOptions["read"], layers: number): (l: number) => boolean {
  if (!Array.isArray(read)) {
    const which = assertOneOf(read ?? "all", "options.read", ["all", "input"]);
    return which === "all" ? () => true : (l) => l === 0;
  }
  const listed = new Set(read.map((l, i) => assertInteger(l, `options.read[${i}]`, 0, layers)));
  return (l) => listed.has(l);
}

/**
 * What each layer passed on, as per-sample sums: `sums` stacks [sum of the explained output, then one per part
 * that is not its layer's upper relevance unchanged]; parts[l][k] indexes it, or is PASSED for relevance handed on
 * as it came (an activation, a folded batch norm, a reshape: nothing absorbed, no pass over it needed).
 */
interface Ledger {
  sums: tf.Tensor;
  parts: number[][];
}

const PASSED = -1;

/**
 * Relevance absorbed by each layer, from the per-sample sums in float64: a layer's upper relevance totals what its
 * readers passed back to its output (the explained output's own sum for the last layer).
 */
function absorbedOf(layers: readonly CheckedLayer[], parts: number[][], sum: (k: number) => number): number[] {
  const last = layers.length;
  const totals = new Float64Array(last + 1);
  totals[last] = sum(0);
  const absorbed = new Array<number>(last);
  for (let l = last - 1; l >= 0; l--) {
    const upper = totals[l + 1];
    let passed = 0;
    parts[l].forEach((k, i) => {
      const part = k === PASSED ? upper : sum(k);
      totals[layers[l].inputs[i]] += part;
      passed += part;
    });
    absorbed[l] = upper - passed;
  }
  return absorbed;
}

/** Forward, then relevance from the output back through every layer, as tensors. */
function backward(
  layers: readonly CheckedLayer[],
  input: tf.Tensor,
  rules: LrpRule[],
  params: RuleParameters,
  targets: number[] | undefined,
): { relevance: tf.Tensor[]; ledger: Ledger } {
  const { activations, preActivations } = forwardTensors(layers, input);
  const last = layers.length;
  const relevance: (tf.Tensor | undefined)[] = new Array(last + 1);
  relevance[last] = targetRelevance(activations[last], targets);
  const sums = [perSample(relevance[last])];
  const parts: number[][] = new Array(last);
  for (let l = last - 1; l >= 0; l--) {
    const layer = layers[l];
    const upper = relevance[l + 1] as tf.Tensor;
    const own = KIND_BY_TYPE.get(layer.type)!.relevance(layer as never, {
      inputs: layer.inputs.map((i) => activations[i]),
      upper,
      output: preActivations[(layer as { foldedFrom?: number }).foldedFrom ?? l],
      rule: rules[l],
      params,
    });
    layer.inputs.forEach((i, k) => {
      const previous = relevance[i];
      relevance[i] = previous === undefined ? own[k] : tf.add(previous, own[k]);
    });
    // A part on upper's own data (the same tensor, or a reshape of it) holds upper's values: no sum needed.
    parts[l] = own.map((part) => (part.dataId === upper.dataId ? PASSED : sums.push(perSample(part)) - 1));
  }
  return { relevance: relevance as tf.Tensor[], ledger: { sums: tf.stack(sums), parts } };
}

/** Σ over each sample's values: [N, ...] → [N]. */
const perSample = (t: tf.Tensor) =>
  tf.sum(
    t,
    t.shape.slice(1).map((_, axis) => axis + 1),
  );

/** The explained output: all of it, or one entry per sample (the rest zero). */
function targetRelevance(output: tf.Tensor, targets: number[] | undefined): tf.Tensor {
  if (targets === undefined) return tf.clone(output);
  const size = output.size / output.shape[0];
  targets.forEach((t, n) =>
    assertInteger(t, targets.length === 1 ? "options.target" : `options.target[${n}]`, 0, size - 1),
  );
  return tf.mul(output, tf.reshape(tf.oneHot(targets, size), output.shape));
}

function ruleParameters(options: LrpOptions): RuleParameters {
  const epsilon = options.epsilon === undefined ? 1e-6 : assertFiniteNumber(options.epsilon, "options.epsilon");
  const gamma = options.gamma === undefined ? 0.25 : assertFiniteNumber(options.gamma, "options.gamma");
  const implied = compositeAlphaBeta(options.composite);
  const alpha = options.alpha === undefined ? implied.alpha : assertFiniteNumber(options.alpha, "options.alpha");
  const beta = options.beta === undefined ? implied.beta : assertFiniteNumber(options.beta, "options.beta");
  if (Math.abs(alpha - beta - 1) > 1e-9) {
    throw new ClearboxError("E_RANGE", `options.alpha − options.beta must be 1, got ${alpha} − ${beta}.`, {
      argument: "options.alpha",
    });
  }
  return { epsilon, gamma, alpha, beta, bounds: (shape) => boxBounds(options, shape) };
}

function ruleList(options: LrpOptions, layers: readonly CheckedLayer[]): LrpRule[] {
  const given = [options.rule, options.rules, options.composite].filter((o) => o !== undefined).length;
  if (given > 1) {
    throw new ClearboxError("E_OPTION", "give one of options.rule, options.rules and options.composite.", {
      argument: "options.composite",
    });
  }
  const rules = baseRules(options, layers);
  applyOverrides(rules, options.overrides, layers);
  return rules;
}

function baseRules(options: LrpOptions, layers: readonly CheckedLayer[]): LrpRule[] {
  const count = layers.length;
  if (options.composite !== undefined) return compositeRules(options.composite, layers);
  if (options.rules !== undefined) {
    if (!Array.isArray(options.rules) || options.rules.length !== count) {
      throw new ClearboxError(
        "E_SHAPE",
        `options.rules must name one rule per layer (${count}), got ${describeValue(options.rules)}.`,
        { argument: "options.rules" },
      );
    }
    options.rules.forEach((rule, l) => assertOneOf(rule, `options.rules[${l}]`, RULES));
    return [...options.rules];
  }
  const rule = options.rule ?? "epsilon";
  assertOneOf(rule, "options.rule", RULES);
  return new Array(count).fill(rule);
}

function boxBounds(options: LrpOptions, shape: readonly number[]): ReturnType<RuleParameters["bounds"]> {
  const size = sizeOf(shape);
  const read = (value: number | ArrayLike<number> | undefined, fallback: number, name: string): Float32Array => {
    if (value === undefined) return new Float32Array(size).fill(fallback);
    if (typeof value === "number") return new Float32Array(size).fill(assertFiniteNumber(value, name));
    return Float32Array.from(assertFiniteVector(value, name, { length: size }));
  };
  const low = read(options.low, 0, "options.low");
  const high = read(options.high, 1, "options.high");
  return {
    low: tf.tensor(low, [1, ...shape]),
    high: tf.tensor(high, [1, ...shape]),
    lowIsZero: low.every((v) => v === 0),
    highIsZero: high.every((v) => v === 0),
  };
}
