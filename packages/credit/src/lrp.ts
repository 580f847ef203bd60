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
import { forwardChecked } from "./forward-pass.js";
import { batchOfOne, kernelTensor, linearMap } from "./linear-map.js";
import { checkInput, isLinear, layersOf, sizeOf } from "./network.js";
import type { CheckedLinear, Network, PreparedNetwork } from "./network.js";
import { poolRelevance } from "./pool-relevance.js";

/** LRP rules (Montavon et al. 2019; conventions of zennit and the LRP toolbox). */
export type LrpRule = "lrp0" | "epsilon" | "gamma" | "alphabeta" | "zb" | "flat" | "wsquare";

const RULES: readonly LrpRule[] = ["lrp0", "epsilon", "gamma", "alphabeta", "zb", "flat", "wsquare"];

/** Options of {@link lrp}. */
export interface LrpOptions {
  /** Rule for every layer. Default "epsilon". */
  rule?: LrpRule;
  /**
   * One rule per layer (first layer first); overrides `rule`. Pooling layers ignore theirs (max pooling passes
   * relevance to each window's winner, average pooling in proportion to the inputs) and flatten passes it through.
   */
  rules?: readonly LrpRule[];
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
} satisfies OptionKeys<LrpOptions>;

/** The result of {@link lrp}. */
export interface LrpResult {
  /** relevance[0] is the input's relevance, relevance[l + 1] layer l's output's (the last is the explained output). */
  relevance: Float32Array[];
  /**
   * Relevance absorbed by layer l: Σ relevance[l + 1] − Σ relevance[l] (by its bias, the ε stabiliser, or outputs
   * whose denominator was zero and passed nothing on).
   */
  absorbed: number[];
}

/**
 * Layer-wise relevance propagation: explain one output of a network by distributing its value back to the
 * inputs, layer by layer, with the chosen rule(s). Implemented with forward TensorFlow.js ops only (no autodiff).
 * A zero denominator passes no relevance on; that relevance counts as absorbed.
 * @param network - the network (plain or from {@link prepareNetwork}).
 * @param input - the input, flat and row-major (channels last), of the network's input size.
 * @param options - `rule` (default `"epsilon"`) or `rules` (one per layer), `epsilon`, `gamma`, `alpha` / `beta` (α − β = 1), `low` / `high` (input bounds for zB), `target` (the output to explain; default all).
 * @returns `relevance[l]` for the input of every layer (relevance[0]: the input's), and what each layer `absorbed`.
 * @throws `E_TYPE` / `E_SHAPE` / `E_NAN` / `E_OPTION` for a network whose layers are malformed or do not chain; `E_SHAPE` / `E_NAN` for a bad input or bounds; `E_RANGE` for α − β ≠ 1 or a target out of range; `E_OPTION` for an unknown option key or value.
 * @example
 * const { relevance } = lrp(network, pixels, { rule: "epsilon", target: 7 }); // relevance[0]: per pixel
 */
export function lrp(network: Network | PreparedNetwork, input: ArrayLike<number>, options: LrpOptions = {}): LrpResult {
  options = assertOptions(options, "options", LRP_OPTIONS);
  const layers = layersOf(network);
  const x = checkInput(input, layers);
  const rules = ruleList(options, layers.length);
  const epsilon = options.epsilon === undefined ? 1e-6 : assertFiniteNumber(options.epsilon, "options.epsilon");
  const gamma = options.gamma === undefined ? 0.25 : assertFiniteNumber(options.gamma, "options.gamma");
  const alpha = options.alpha === undefined ? 2 : assertFiniteNumber(options.alpha, "options.alpha");
  const beta = options.beta === undefined ? 1 : assertFiniteNumber(options.beta, "options.beta");
  if (Math.abs(alpha - beta - 1) > 1e-9) {
    throw new ClearboxError("E_RANGE", `options.alpha − options.beta must be 1, got ${alpha} − ${beta}.`, {
      argument: "options.alpha",
    });
  }
  const { activations } = forwardChecked(layers, x);
  const last = layers.length;
  const output = activations[last];
  const top = new Float32Array(output.length);
  if (options.target === undefined) top.set(output);
  else {
    const t = assertInteger(options.target, "options.target", 0, output.length - 1);
    top[t] = output[t];
  }
  const relevance: Float32Array[] = new Array(last + 1);
  relevance[last] = top;
  const absorbed: number[] = new Array(last).fill(0);
  for (let l = last - 1; l >= 0; l--) {
    const layer = layers[l];
    if (isLinear(layer)) {
      const bounds = rules[l] === "zb" ? boxBounds(options, sizeOf(layer.inShape)) : undefined;
      relevance[l] = propagate(layer, activations[l], relevance[l + 1], rules[l], {
        epsilon,
        gamma,
        alpha,
        beta,
        bounds,
      });
    } else if (layer.type === "flatten") relevance[l] = Float32Array.from(relevance[l + 1]);
    else {
      relevance[l] = poolRelevance(layer, activations[l], relevance[l + 1]);
    }
    absorbed[l] = sum(relevance[l + 1]) - sum(relevance[l]);
  }
  return { relevance, absorbed };
}

function sum(values: Float32Array): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s;
}

function ruleList(options: LrpOptions, count: number): LrpRule[] {
  if (options.rules !== undefined) {
    if (!Array.isArray(options.rules) || options.rules.length !== count) {
      throw new ClearboxError(
        "E_SHAPE",
        `options.rules must name one rule per layer (${count}), got ${describeValue(options.rules)}.`,
        {
          argument: "options.rules",
        },
      );
    }
    options.rules.forEach((rule, l) => checkRule(rule, `options.rules[${l}]`));
    return [...options.rules];
  }
  const rule = options.rule ?? "epsilon";
  checkRule(rule, "options.rule");
  return new Array(count).fill(rule);
}

function checkRule(rule: unknown, where: string): void {
  assertOneOf(rule, where, RULES);
}

function boxBounds(options: LrpOptions, size: number): { low: Float32Array; high: Float32Array } {
  const read = (value: number | ArrayLike<number> | undefined, fallback: number, name: string): Float32Array => {
    if (value === undefined) return new Float32Array(size).fill(fallback);
    if (typeof value === "number") return new Float32Array(size).fill(assertFiniteNumber(value, name));
    return Float32Array.from(assertFiniteVector(value, name, { length: size }));
  };
  return { low: read(options.low, 0, "options.low"), high: read(options.high, 1, "options.high") };
}

interface RuleParameters {
  epsilon: number;
  gamma: number;
  alpha: number;
  beta: number;
  bounds: { low: Float32Array; high: Float32Array } | undefined;
}

/**
 * Relevance of a layer's inputs from its outputs' relevance, by one rule, for any linear layer: z = f(a, w) + b
 * with f the layer's forward op, and the inputs' share a ⊙ fᵀ(R / z) through the adjoint op (matMul with the
 * transposed kernel, or conv2dTranspose for a convolution and conv2d for a transposed one).
 */
function propagate(
  layer: CheckedLinear,
  input: Float32Array,
  upper: Float32Array,
  rule: LrpRule,
  p: RuleParameters,
): Float32Array {
  const signed = input.some((v) => v < 0);
  const result = tf.tidy(() => {
    const { apply: f, adjoint: ft } = linearMap(layer);
    const a = batchOfOne(input, layer.inShape);
    const w = kernelTensor(layer);
    const wPlus = () => kernelTensor(layer, "plus");
    const wMinus = () => kernelTensor(layer, "minus");
    const b = tf.tensor1d(layer.bias);
    const r = batchOfOne(upper, layer.outShape);
    const plus = (t: tf.Tensor) => tf.relu(t);
    const minus = (t: tf.Tensor) => tf.minimum(t, 0);
    /** R / z where z ≠ 0, else 0 (that relevance is absorbed). */
    const ratio = (z: tf.Tensor) => {
      const zero = tf.equal(z, 0);
      return tf.where(zero, tf.zerosLike(z), tf.div(r, tf.where(zero, tf.onesLike(z), z)));
    };

    switch (rule) {
      case "lrp0":
      case "epsilon":
      case "gamma": {
        const wr = rule === "gamma" ? tf.add(w, tf.mul(wPlus(), p.gamma)) : w;
        const br = rule === "gamma" ? tf.add(b, tf.mul(plus(b), p.gamma)) : b;
        let z = tf.add(f(a, wr), br);
        if (rule === "epsilon")
          z = tf.add(z, tf.mul(tf.where(tf.greaterEqual(z, 0), tf.onesLike(z), tf.neg(tf.onesLike(z))), p.epsilon));
        return tf.mul(a, ft(ratio(z), wr));
      }
      case "alphabeta": {
        const [wp, wn] = [wPlus(), wMinus()];
        if (!signed) {
          // Inputs ≥ 0 (after a ReLU): a⁻ = 0, so half the products vanish.
          const sp = ratio(tf.add(f(a, wp), plus(b)));
          const sn = ratio(tf.add(f(a, wn), minus(b)));
          return tf.mul(a, tf.sub(tf.mul(ft(sp, wp), p.alpha), tf.mul(ft(sn, wn), p.beta)));
        }
        const [ap, an] = [plus(a), minus(a)];
        const zp = tf.add(tf.add(f(ap, wp), f(an, wn)), plus(b));
        const zn = tf.add(tf.add(f(ap, wn), f(an, wp)), minus(b));
        const sp = ratio(zp);
        const sn = ratio(zn);
        const positive = tf.add(tf.mul(ap, ft(sp, wp)), tf.mul(an, ft(sp, wn)));
        const negative = tf.add(tf.mul(ap, ft(sn, wn)), tf.mul(an, ft(sn, wp)));
        return tf.sub(tf.mul(positive, p.alpha), tf.mul(negative, p.beta));
      }
      case "zb": {
        // Bounds that are zero everywhere (the default low = 0) drop out of both sums.
        const bounds = p.bounds as { low: Float32Array; high: Float32Array };
        const terms: [tf.Tensor, tf.Tensor][] = [[a, w]];
        if (bounds.low.some((v) => v !== 0)) terms.push([tf.neg(batchOfOne(bounds.low, layer.inShape)), wPlus()]);
        if (bounds.high.some((v) => v !== 0)) terms.push([tf.neg(batchOfOne(bounds.high, layer.inShape)), wMinus()]);
        const s = ratio(tf.addN(terms.map(([x, weights]) => f(x, weights))));
        return tf.addN(terms.map(([x, weights]) => tf.mul(x, ft(s, weights))));
      }
      case "flat": {
        // Every connected input counts the same: z_j is the number of inputs output j sees.
        const ones = tf.onesLike(w);
        return ft(ratio(f(tf.onesLike(a), ones)), ones);
      }
      case "wsquare": {
        const w2 = kernelTensor(layer, "square");
        return ft(ratio(f(tf.onesLike(a), w2)), w2);
      }
    }
  });
  const values = Float32Array.from(result.dataSync() as Float32Array);
  result.dispose();
  return values;
}
