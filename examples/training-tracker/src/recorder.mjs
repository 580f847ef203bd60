// A training recorder for DGMTracker's views, independent of the model: call `record` once per training step with
// the loss and, per layer, flat arrays of its weights, gradients and activations; it keeps min / mean / max of each
// per step for every layer, the full series of one chosen layer, and (optionally) an online blue-noise sample of that
// layer's weights kept current as training goes. Plain typed arrays in and out: works with any framework.
import { createOnlineSampler } from "@clearbox/blue-noise";

const KINDS = ["weights", "gradients", "activations"];

/**
 * @param {{ full?: string, online?: { count: number, seed?: number } }} [options] - `full`: the layer whose every
 *   series is kept; `online`: keep a blue-noise sample of its weight series current while recording
 */
export function createRecorder({ full, online } = {}) {
  const loss = [];
  const stats = new Map(); // layer → kind → { min: [], mean: [], max: [] }
  const fullSteps = { weights: [], gradients: [], activations: [] }; // per kind: one Float32Array per step
  const sampler = online && full ? createOnlineSampler({ count: online.count, seed: online.seed ?? 1 }) : undefined;
  return {
    /**
     * @param {{ loss: number, layers: Record<string, { weights?: ArrayLike<number>, gradients?: ArrayLike<number>, activations?: ArrayLike<number> }> }} step
     */
    record(step) {
      const t = loss.length;
      loss.push(step.loss);
      for (const [layer, values] of Object.entries(step.layers)) {
        if (!stats.has(layer)) stats.set(layer, {});
        for (const kind of KINDS) {
          if (values[kind] === undefined) continue;
          const s = (stats.get(layer)[kind] ??= { min: [], mean: [], max: [] });
          if (s.mean.length !== t) throw new Error(`recorder: ${layer}.${kind} was not recorded at every step`);
          let [min, max, sum] = [Infinity, -Infinity, 0];
          for (const v of values[kind]) {
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v;
          }
          s.min.push(min);
          s.mean.push(sum / values[kind].length);
          s.max.push(max);
          if (layer === full) fullSteps[kind].push(Float32Array.from(values[kind]));
        }
        if (layer === full && sampler && values.weights) sampler.push(values.weights);
      }
    },
    /** Steps recorded so far. */
    get steps() {
      return loss.length;
    },
    /** The online sample of the full layer's weight series, as it stands now. */
    onlineSample: () => sampler?.sample(),
    /**
     * Everything recorded: `loss`, `stats[layer][kind] = { min, mean, max }` (Float64Array per step), and the full
     * layer's series `full[kind] = { values, count, length }`, series-major (series i's steps contiguous).
     */
    finish() {
      const out = { steps: loss.length, loss: Float64Array.from(loss), stats: {}, full: {}, fullLayer: full };
      for (const [layer, kinds] of stats) {
        out.stats[layer] = {};
        for (const [kind, s] of Object.entries(kinds)) {
          out.stats[layer][kind] = {
            min: Float64Array.from(s.min),
            mean: Float64Array.from(s.mean),
            max: Float64Array.from(s.max),
          };
        }
      }
      for (const kind of KINDS) {
        const rows = fullSteps[kind];
        if (rows.length === 0) continue;
        const count = rows[0].length;
        const values = new Float32Array(count * rows.length);
        rows.forEach((row, t) => row.forEach((v, i) => (values[i * rows.length + t] = v)));
        out.full[kind] = { values, count, length: rows.length };
      }
      return out;
    },
  };
}
