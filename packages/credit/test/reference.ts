// An independent float64 reference for dense networks: forward pass, every LRP rule and the input gradient, in
// plain loops. Shares no code with src/.
import { createRandom } from "@clearbox/core";
import type { DenseLayer } from "../src/index.js";

export interface RefLayer {
  W: number[][]; // in × out
  b: number[];
  act: "relu" | "linear";
  /** Which inputs each output sees (a convolution's receptive fields); all when omitted. */
  M?: boolean[][];
}

export function randomNetwork(
  sizes: number[],
  seed: number,
  withBias: boolean,
): { ref: RefLayer[]; network: { layers: DenseLayer[] } } {
  const random = createRandom(seed);
  const ref: RefLayer[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const W = Array.from({ length: sizes[l] }, () =>
      Array.from({ length: sizes[l + 1] }, () => random.normal() / Math.sqrt(sizes[l])),
    );
    const b = Array.from({ length: sizes[l + 1] }, () => (withBias ? 0.1 * random.normal() : 0));
    ref.push({ W, b, act: l + 2 < sizes.length ? "relu" : "linear" });
  }
  return {
    ref,
    network: { layers: ref.map((L) => ({ type: "dense" as const, kernel: L.W, bias: L.b, activation: L.act })) },
  };
}

export function forwardRef(ref: RefLayer[], x: number[]): { a: number[][]; z: number[][] } {
  const a = [x];
  const z: number[][] = [];
  for (const L of ref) {
    const prev = a[a.length - 1];
    const zl = L.b.map((bj, j) => bj + prev.reduce((s, ai, i) => s + ai * L.W[i][j], 0));
    z.push(zl);
    a.push(L.act === "relu" ? zl.map((v) => Math.max(0, v)) : zl);
  }
  return { a, z };
}

export interface RefParams {
  epsilon: number;
  gamma: number;
  alpha: number;
  beta: number;
  low: number;
  high: number;
}

const pos = (v: number) => Math.max(0, v);
const neg = (v: number) => Math.min(0, v);
const safe = (r: number, z: number) => (z === 0 ? 0 : r / z);

/**
 * Relevance of one dense layer's inputs by `rule`, straight from the rule's formula. When `conditioning` is given,
 * it receives per input Σ_j |share_ij| · κ_j with κ_j = Σ_i |term_ij| / |z_j|: how much float32 rounding of a
 * cancelling denominator (mixed-sign terms) can move that input's relevance.
 */
export function propagateRef(
  L: RefLayer,
  a: number[],
  R: number[],
  rule: string,
  p: RefParams,
  conditioning?: number[],
): number[] {
  const nIn = a.length;
  const nOut = R.length;
  const out = new Array<number>(nIn).fill(0);
  const condition = (term: (i: number) => number, z: number, r: number) => {
    if (conditioning === undefined || z === 0) return;
    let magnitude = 0;
    for (let i = 0; i < nIn; i++) magnitude += Math.abs(term(i));
    for (let i = 0; i < nIn; i++) conditioning[i] += Math.abs((term(i) * r) / z) * (magnitude / Math.abs(z));
  };
  for (let j = 0; j < nOut; j++) {
    if (rule === "lrp0" || rule === "epsilon" || rule === "gamma") {
      const w = (i: number) => (rule === "gamma" ? L.W[i][j] + p.gamma * pos(L.W[i][j]) : L.W[i][j]);
      let z = rule === "gamma" ? L.b[j] + p.gamma * pos(L.b[j]) : L.b[j];
      for (let i = 0; i < nIn; i++) z += a[i] * w(i);
      if (rule === "epsilon") z += p.epsilon * (z >= 0 ? 1 : -1);
      for (let i = 0; i < nIn; i++) out[i] += a[i] * w(i) * safe(R[j], z);
      condition((i) => a[i] * w(i), z, R[j]);
    } else if (rule === "alphabeta") {
      let zp = pos(L.b[j]);
      let zn = neg(L.b[j]);
      for (let i = 0; i < nIn; i++) {
        zp += pos(a[i] * L.W[i][j]);
        zn += neg(a[i] * L.W[i][j]);
      }
      for (let i = 0; i < nIn; i++) {
        out[i] += p.alpha * pos(a[i] * L.W[i][j]) * safe(R[j], zp) - p.beta * neg(a[i] * L.W[i][j]) * safe(R[j], zn);
      }
    } else if (rule === "zb") {
      const term = (i: number) => a[i] * L.W[i][j] - p.low * pos(L.W[i][j]) - p.high * neg(L.W[i][j]);
      let z = 0;
      for (let i = 0; i < nIn; i++) z += term(i);
      for (let i = 0; i < nIn; i++) out[i] += term(i) * safe(R[j], z);
      condition(term, z, R[j]);
    } else if (rule === "flat") {
      const seen = (i: number) => (L.M === undefined ? true : L.M[i][j]);
      let count = 0;
      for (let i = 0; i < nIn; i++) if (seen(i)) count++;
      for (let i = 0; i < nIn; i++) if (seen(i)) out[i] += safe(R[j], count);
    } else if (rule === "wsquare") {
      let z = 0;
      for (let i = 0; i < nIn; i++) z += L.W[i][j] ** 2;
      for (let i = 0; i < nIn; i++) out[i] += L.W[i][j] ** 2 * safe(R[j], z);
    }
  }
  return out;
}

/** d output[target] / d input for a ReLU MLP, by backpropagation by hand. */
export function gradientRef(ref: RefLayer[], x: number[], target: number): number[] {
  const { z } = forwardRef(ref, x);
  let g = new Array<number>(ref[ref.length - 1].b.length).fill(0);
  g[target] = 1;
  for (let l = ref.length - 1; l >= 0; l--) {
    const L = ref[l];
    const dz = g.map((gj, j) => (L.act === "relu" ? (z[l][j] > 0 ? gj : 0) : gj));
    g = L.W.map((row) => row.reduce((s, w, j) => s + w * dz[j], 0));
  }
  return g;
}
