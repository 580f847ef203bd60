import * as tf from "@tensorflow/tfjs-core";

/** LRP rules (Montavon et al. 2019; conventions of zennit and the LRP toolbox). */
export type LrpRule = "lrp0" | "epsilon" | "gamma" | "alphabeta" | "zb" | "flat" | "wsquare";

/** @internal */
export const RULES: readonly LrpRule[] = ["lrp0", "epsilon", "gamma", "alphabeta", "zb", "flat", "wsquare"];

/** The rules' parameters, resolved once per call. @internal */
export interface RuleParameters {
  epsilon: number;
  gamma: number;
  alpha: number;
  beta: number;
  /** z^B's input bounds for a layer of this input size, as [1, ...inShape] tensors (made on demand). */
  bounds(inShape: readonly number[]): { low: tf.Tensor; high: tf.Tensor; lowIsZero: boolean; highIsZero: boolean };
}

/** The kernel variants the rules use: w, w⁺, w⁻, w², ones, and w + γ w⁺ (as `gamma:γ`). @internal */
export type KernelVariant = "w" | "plus" | "minus" | "square" | "ones" | `gamma:${number}`;

/**
 * A linear layer as the rules see it: `apply(x, v)` maps inputs to outputs with kernel variant v (no bias),
 * `adjoint(s, v)` maps back (its transpose) with the same variant; `bias` is the layer's (BN folded in). @internal
 */
export interface LinearOp {
  apply(x: tf.Tensor, variant: KernelVariant): tf.Tensor;
  adjoint(s: tf.Tensor, variant: KernelVariant): tf.Tensor;
  bias(): tf.Tensor;
}

// The masks below are built from tf.step and tf.abs, not tf.equal / tf.greaterEqual / tf.where: on the wasm backend
// the comparison and select kernels are scalar loops ~40 × slower than the SIMD unary ops (10.9 ms vs 0.25 ms on a
// 112 × 112 × 96 tensor), and they were most of LRP's time on MobileNetV2.

/** R / z where z ≠ 0, else 0 (that relevance is absorbed). @internal */
export function safeRatio(r: tf.Tensor, z: tf.Tensor): tf.Tensor {
  const nonzero = tf.step(tf.abs(z), 0); // 1 where z ≠ 0, 0 where z = 0
  // z + (1 − mask) is z exactly where z ≠ 0 and 1 where z = 0 (a finite division); the mask then zeroes those.
  return tf.mul(tf.div(r, tf.add(z, tf.sub(1, nonzero))), nonzero);
}

/**
 * R / (z + ε · sign(z)), sign(0) = +1, for the epsilon rule (ε > 0: the denominator is never 0, so no mask is
 * needed); R / z with zeros absorbed otherwise. @internal
 */
export function ratio(r: tf.Tensor, z: tf.Tensor, epsilon: number | undefined): tf.Tensor {
  if (epsilon === undefined || epsilon === 0) return safeRatio(r, z);
  // step(−z, −1) is +1 where z < 0 and −1 where z ≥ 0, so −ε · step(−z, −1) = ε · sign(z) with sign(0) = +1.
  const signed = tf.mul(tf.step(tf.neg(z), -1), -epsilon);
  return tf.div(r, tf.add(z, signed));
}

/**
 * Relevance of a linear layer's inputs from its outputs' relevance, by one rule: z = f(a, w) + b with f the layer's
 * forward op, and the inputs' share a ⊙ fᵀ(R / z) through the adjoint op. All tensors batch-first. @internal
 */
export function propagate(
  op: LinearOp,
  a: tf.Tensor,
  r: tf.Tensor,
  rule: LrpRule,
  p: RuleParameters,
  inShape: number[],
  output?: tf.Tensor,
): tf.Tensor {
  const { apply: f, adjoint: ft } = op;
  switch (rule) {
    case "lrp0":
    case "epsilon":
    case "gamma": {
      const b = op.bias();
      const wr: KernelVariant = rule === "gamma" ? `gamma:${p.gamma}` : "w";
      const br = rule === "gamma" ? tf.add(b, tf.mul(tf.relu(b), p.gamma)) : b;
      // LRP-0 and ε divide by the layer's own output (BN folded in): the forward pass computed it already.
      const z = rule !== "gamma" && output !== undefined ? output : tf.add(f(a, wr), br);
      return tf.mul(a, ft(ratio(r, z, rule === "epsilon" ? p.epsilon : undefined), wr));
    }
    case "alphabeta":
      return alphaBeta(op, a, r, p);
    case "zb":
      return boxRule(op, a, r, p.bounds(inShape));
    case "flat":
    case "wsquare": {
      // flat: every connected input counts the same; w²: in proportion to the squared weights.
      const w = rule === "flat" ? "ones" : "square";
      return ft(safeRatio(r, f(tf.onesLike(a), w)), w);
    }
  }
}

/** LRP-αβ with the bias split into b⁺ and b⁻ in the two denominators. */
function alphaBeta(op: LinearOp, a: tf.Tensor, r: tf.Tensor, p: RuleParameters): tf.Tensor {
  const { apply: f, adjoint: ft } = op;
  const [wp, wn, b] = ["plus" as const, "minus" as const, op.bias()];
  const ap = tf.relu(a);
  const an = tf.sub(a, ap); // min(a, 0), exactly (tf.minimum is a slow kernel on wasm)
  const sp = safeRatio(r, tf.add(tf.add(f(ap, wp), f(an, wn)), tf.relu(b)));
  const sn = safeRatio(r, tf.add(tf.add(f(ap, wn), f(an, wp)), tf.sub(b, tf.relu(b))));
  const positive = tf.add(tf.mul(ap, ft(sp, wp)), tf.mul(an, ft(sp, wn)));
  const negative = tf.add(tf.mul(ap, ft(sn, wn)), tf.mul(an, ft(sn, wp)));
  return tf.sub(tf.mul(positive, p.alpha), tf.mul(negative, p.beta));
}

/** z^B: inputs bounded by [low, high]; bounds that are zero everywhere (the default low = 0) drop out of both sums. */
function boxRule(op: LinearOp, a: tf.Tensor, r: tf.Tensor, bounds: ReturnType<RuleParameters["bounds"]>): tf.Tensor {
  const { apply: f, adjoint: ft } = op;
  const terms: [tf.Tensor, KernelVariant][] = [[a, "w"]];
  if (!bounds.lowIsZero) terms.push([tf.neg(bounds.low), "plus"]);
  if (!bounds.highIsZero) terms.push([tf.neg(bounds.high), "minus"]);
  // Bounds are [1, ...]: broadcast against the batch by tf.add, not tf.addN.
  const total = (parts: tf.Tensor[]) => parts.reduce((sum, part) => tf.add(sum, part));
  const s = safeRatio(r, total(terms.map(([x, weights]) => f(x, weights))));
  return total(terms.map(([x, weights]) => tf.mul(x, ft(s, weights))));
}
