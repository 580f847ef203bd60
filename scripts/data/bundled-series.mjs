// Synthetic training dynamics for the blue-noise tests and bench: series in five dense bundles (a shared curve, a
// random-walk drift and noise per series) plus planted outliers that run far from every bundle — the shape of a
// layer's weights over training with a few abnormal ones.
import { createRandom } from "@clearbox/core";

/**
 * @param n - series; length - steps; seed; outliers - how many planted (default 10)
 * @returns { series: { values: Float32Array, count, length }, outliers: number[] }
 */
export function bundledSeries(n, length, seed, outliers = 10) {
  const random = createRandom(seed);
  const values = new Float32Array(n * length);
  const bundles = Array.from({ length: 5 }, () => {
    const phase = random.next() * 6;
    return Array.from({ length }, (_, t) => 2 * Math.sin(t / 7 + phase));
  });
  for (let i = 0; i < n; i++) {
    const bundle = bundles[i % 5];
    let drift = 0;
    for (let t = 0; t < length; t++) {
      drift += 0.05 * random.normal();
      values[i * length + t] = bundle[t] + drift + 0.1 * random.normal();
    }
  }
  const planted = Array.from({ length: outliers }, (_, k) => k * Math.floor(n / outliers) + 3);
  planted.forEach((i, k) => {
    for (let t = 0; t < length; t++) values[i * length + t] = 6 + 3 * Math.sin(t / 3 + k);
  });
  return { series: { values, count: n, length }, outliers: planted };
}
