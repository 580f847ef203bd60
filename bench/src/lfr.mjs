// LFR-style benchmark graphs (Lancichinetti, Fortunato & Radicchi 2008) and normalised mutual information, for
// scoring community detection against planted communities. Written here because no maintained LFR generator
// exists on npm; this one follows the LFR recipe without its final rewiring step: power-law degrees (τ₁) and
// community sizes (τ₂), each node with a share μ of its edges leaving its community, stubs paired at random
// (configuration model inside each community and across communities; self-loops and repeats dropped).
import { createRandom } from "@clearbox/core";

/** An integer from a power law p(x) ∝ x^−τ on [lo, hi] (inverse transform of the continuous law, floored). */
function powerLaw(random, tau, lo, hi) {
  const a = lo ** (1 - tau);
  const b = (hi + 1) ** (1 - tau);
  return Math.min(hi, Math.floor((a + (b - a) * random.next()) ** (1 / (1 - tau))));
}

/** Pair the stubs in `stubs` at random, adding edges (u < v keys in `seen`) that are not loops or repeats. */
function pairStubs(stubs, random, n, seen, edges) {
  random.shuffleInPlace(stubs);
  for (let i = 0; i + 1 < stubs.length; i += 2) {
    const u = stubs[i];
    const v = stubs[i + 1];
    const key = u < v ? u * n + v : v * n + u;
    if (u === v || seen.has(key)) continue;
    seen.add(key);
    edges.push([u, v]);
  }
}

/**
 * An LFR-style graph: n nodes, degrees in [kMin, kMax] with exponent τ₁ = 2.5, community sizes in [cMin, cMax] with
 * τ₂ = 1.5, mixing μ. Returns `{ nodes, edges, communities }` (communities: the planted label of every node).
 */
export function lfrGraph({ n, mu, kMin = 8, kMax = 50, cMin = 20, cMax = 200, seed = 1 }) {
  const random = createRandom(seed);
  const communities = new Int32Array(n);
  let c = 0;
  for (let v = 0; v < n; c++) {
    const size = Math.min(n - v, powerLaw(random, 1.5, cMin, cMax));
    for (let i = 0; i < size; i++) communities[v++] = c;
  }
  const inside = Array.from({ length: c }, () => []);
  const across = [];
  for (let v = 0; v < n; v++) {
    const k = powerLaw(random, 2.5, kMin, kMax);
    const out = Math.round(mu * k);
    for (let i = 0; i < k - out; i++) inside[communities[v]].push(v);
    for (let i = 0; i < out; i++) across.push(v);
  }
  const seen = new Set();
  const edges = [];
  for (const stubs of inside) pairStubs(stubs, random, n, seen, edges);
  pairStubs(across, random, n, seen, edges);
  return { nodes: n, edges, communities };
}

/** Normalised mutual information of two labelings, I(A; B) / ((H(A) + H(B)) / 2) (scikit-learn's default). */
export function nmi(a, b) {
  const n = a.length;
  const joint = new Map();
  const ca = new Map();
  const cb = new Map();
  for (let i = 0; i < n; i++) {
    const key = `${a[i]},${b[i]}`;
    joint.set(key, (joint.get(key) ?? 0) + 1);
    ca.set(a[i], (ca.get(a[i]) ?? 0) + 1);
    cb.set(b[i], (cb.get(b[i]) ?? 0) + 1);
  }
  const entropy = (counts) => [...counts.values()].reduce((h, x) => h - (x / n) * Math.log(x / n), 0);
  let mutual = 0;
  for (const [key, x] of joint) {
    const [la, lb] = key.split(",").map(Number);
    mutual += (x / n) * Math.log((x * n) / (ca.get(la) * cb.get(lb)));
  }
  const h = (entropy(ca) + entropy(cb)) / 2;
  return h === 0 ? 1 : mutual / h;
}
