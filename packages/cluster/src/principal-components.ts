import { assertInteger, createRandom, toDenseMatrix } from "@clearbox/core/internal";
import type { MatrixInput } from "@clearbox/core";

/** The result of {@link principalComponents}. */
export interface PrincipalComponents {
  /** Unit principal axes, largest variance first (components × dimensions). */
  components: number[][];
  /** Variance of the data along each axis (the covariance eigenvalues, divisor n). */
  explainedVariance: number[];
  /** Column means subtracted before projecting. */
  mean: number[];
  /** Every point's coordinates on the axes (n × components). */
  projection: number[][];
}

/**
 * Principal component analysis by power iteration with deflation on the covariance matrix: for looking at
 * clusters in two or three dimensions. Each axis's sign is fixed so that its largest-magnitude entry is positive,
 * so results are reproducible. O(n d² + components · iterations · d²).
 *
 * @param data - n points as rows.
 * @param components - number of axes, 1 ≤ components ≤ dimensions. Default 2.
 * @returns every point's `projection` (n × components), the unit axes (`components`), their `explainedVariance` and the data's `mean`.
 * @throws `E_TYPE` / `E_SHAPE` / `E_NAN` / `E_EMPTY` for data that is not a finite, non-empty matrix; `E_RANGE` for components outside [1, dimensions].
 * @example
 * const { projection } = principalComponents(neuronVectors, 2); // 2-D positions for a scatter plot
 */
export function principalComponents(data: MatrixInput, components = 2): PrincipalComponents {
  const matrix = toDenseMatrix(data, "data");
  const { rows: n, columns: d, values } = matrix;
  assertInteger(components, "components", 1, d);
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += values[i * d + j] / n;
  const cov = new Float64Array(d * d);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < d; a++) {
      const xa = values[i * d + a] - mean[a];
      if (xa === 0) continue;
      for (let b = a; b < d; b++) cov[a * d + b] += (xa * (values[i * d + b] - mean[b])) / n;
    }
  }
  for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) cov[a * d + b] = cov[b * d + a];

  const random = createRandom(0);
  const axes: Float64Array[] = [];
  const variances: number[] = [];
  const w = new Float64Array(d);
  for (let c = 0; c < components; c++) {
    let v = Float64Array.from({ length: d }, () => random.normal());
    let lambda = 0;
    for (let iteration = 0; iteration < 2000; iteration++) {
      orthogonalise(v, axes);
      normalise(v);
      w.fill(0);
      for (let a = 0; a < d; a++) {
        let s = 0;
        for (let b = 0; b < d; b++) s += cov[a * d + b] * v[b];
        w[a] = s;
      }
      orthogonalise(w, axes);
      const next = Math.hypot(...w);
      if (next === 0) break; // the remaining variance is zero: any orthogonal unit vector will do
      let change = 0;
      for (let a = 0; a < d; a++) change = Math.max(change, Math.abs(w[a] / next - v[a]));
      v = Float64Array.from(w, (x) => x / next);
      const converged = Math.abs(next - lambda) <= 1e-12 * Math.max(1, next) && change < 1e-9;
      lambda = next;
      if (converged) break;
    }
    orthogonalise(v, axes);
    normalise(v);
    let largest = 0;
    for (let a = 0; a < d; a++) if (Math.abs(v[a]) > Math.abs(v[largest])) largest = a;
    if (v[largest] < 0) for (let a = 0; a < d; a++) v[a] = -v[a];
    axes.push(v);
    variances.push(lambda);
  }
  const projection: number[][] = [];
  for (let i = 0; i < n; i++) {
    projection.push(
      axes.map((axis) => {
        let s = 0;
        for (let a = 0; a < d; a++) s += (values[i * d + a] - mean[a]) * axis[a];
        return s;
      }),
    );
  }
  return {
    components: axes.map((a) => Array.from(a)),
    explainedVariance: variances,
    mean: Array.from(mean),
    projection,
  };
}

function orthogonalise(v: Float64Array, axes: Float64Array[]): void {
  for (const axis of axes) {
    let dot = 0;
    for (let a = 0; a < v.length; a++) dot += v[a] * axis[a];
    for (let a = 0; a < v.length; a++) v[a] -= dot * axis[a];
  }
}

function normalise(v: Float64Array): void {
  const norm = Math.hypot(...v);
  if (norm > 0) for (let a = 0; a < v.length; a++) v[a] /= norm;
  else v[0] = 1;
}
