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

/**
 * A linear layer as the rules see it: `apply` maps inputs to outputs with any weights of the kernel's shape (no
 * bias), `adjoint` maps back (its transpose); `kernel` and `bias` give the layer's weights (BN folded in) and the
 * variants the rules modify them into. @internal
 */
export interface LinearOp {
  apply(x: tf.Tensor, weights: tf.Tensor): tf.Tensor;
  adjoint(s: tf.Tensor, weights: tf.Tensor): tf.Tensor;
  kernel(variant: "w" | "plus" | "minus" | "square" | "ones"): tf.Tensor;
  bias(): tf.Tensor;
}

/** R / z where z ≠ 0, else 0 (that relevance is absorbed). @internal */
export function safeRatio(r: tf.Tensor, z: tf.Tensor): tf.Tensor {
  const zero = tf.equal(z, 0);
  return tf.where(zero, tf.zerosLike(z), tf.div(r, tf.where(zero, tf.onesLike(z), z)));
}

/** z + ε · sign(z), with sign(0) = +1. @internal */
export function stabilise(z: tf.Tensor, epsilon: number): tf.Tensor {
  return tf.add(z, tf.where(tf.greaterEqual(z, 0), tf.fill(z.shape, epsilon), tf.fill(z.shape, -epsilon)));
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
): tf.Tensor {
  const { apply: f, adjoint: ft } = op;
  switch (rule) {
    case "lrp0":
    case "epsilon":
    case "gamma": {
      const w = op.kernel("w");
      const b = op.bias();
      const wr = rule === "gamma" ? tf.add(w, tf.mul(op.kernel("plus"), p.gamma)) : w;
      const br = rule === "gamma" ? tf.add(b, tf.mul(tf.relu(b), p.gamma)) : b;
      const z = tf.add(f(a, wr), br);
      return tf.mul(a, ft(safeRatio(r, rule === "epsilon" ? stabilise(z, p.epsilon) : z), wr));
    }
    case "alphabeta":
      return alphaBeta(op, a, r, p);
    case "zb":
      return boxRule(op, a, r, p.bounds(inShape));
    case "flat":
    case "wsquare": {
      // flat: every connected input counts the same; w²: in proportion to the squared weights.
      const w = op.kernel(rule === "flat" ? "ones" : "square");
      return ft(safeRatio(r, f(tf.onesLike(a), w)), w);
    }
  }
}

/** LRP-αβ with the bias split into b⁺ and b⁻ in the two denominators. */
function alphaBeta(op: LinearOp, a: tf.Tensor, r: tf.Tensor, p: RuleParameters): tf.Tensor {
  const { apply: f, adjoint: ft } = op;
  const [wp, wn, b] = [op.kernel("plus"), op.kernel("minus"), op.bias()];
  const [ap, an] = [tf.relu(a), tf.minimum(a, 0)];
  const sp = safeRatio(r, tf.add(tf.add(f(ap, wp), f(an, wn)), tf.relu(b)));
  const sn = safeRatio(r, tf.add(tf.add(f(ap, wn), f(an, wp)), tf.minimum(b, 0)));
  const positive = tf.add(tf.mul(ap, ft(sp, wp)), tf.mul(an, ft(sp, wn)));
  const negative = tf.add(tf.mul(ap, ft(sn, wn)), tf.mul(an, ft(sn, wp)));
  return tf.sub(tf.mul(positive, p.alpha), tf.mul(negative, p.beta));
}

/** z^B: inputs bounded by [low, high]; bounds that are zero everywhere (the default low = 0) drop out of both sums. */
function boxRule(op: LinearOp, a: tf.Tensor, r: tf.Tensor, bounds: ReturnType<RuleParameters["bounds"]>): tf.Tensor {
  const { apply: f, adjoint: ft } = op;
  const terms: [tf.Tensor, tf.Tensor][] = [[a, op.kernel("w")]];
  if (!bounds.lowIsZero) terms.push([tf.neg(bounds.low), op.kernel("plus")]);
  if (!bounds.highIsZero) terms.push([tf.neg(bounds.high), op.kernel("minus")]);
  // Bounds are [1, ...]: broadcast against the batch by tf.add, not tf.addN.
  const total = (parts: tf.Tensor[]) => parts.reduce((sum, part) => tf.add(sum, part));
  const s = safeRatio(r, total(terms.map(([x, weights]) => f(x, weights))));
  return total(terms.map(([x, weights]) => tf.mul(x, ft(s, weights))));
}
