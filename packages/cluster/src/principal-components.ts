import { ClearboxError, assertInteger, createRandom, toDenseMatrix } from "@clearbox/core/internal";
import type { MatrixInput } from "@clearbox/core";

/** The most dimensions principalComponents takes: its d × d covariance is then 512 MiB. */
export const PCA_MAX_DIMENSIONS = 8192;

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
 * @throws `E_TYPE` / `E_SHAPE` / `E_NAN` / `E_EMPTY` for data that is not a finite, non-empty matrix; `E_RANGE` for components outside [1, dimensions]; `E_TOO_LARGE` above {@link PCA_MAX_DIMENSIONS} dimensions, before allocating.
 * @example
 * const { projection } = principalComponents(neuronVectors, 2); // 2-D positions for a scatter plot
 */
export function principalComponents(data: MatrixInput, components = 2): PrincipalComponents {
  const matrix = toDenseMatrix(data, "data");
  const { rows: n, columns: d } = matrix;
  assertInteger(components, "components", 1, d);
  if (d > PCA_MAX_DIMENSIONS) {
    throw new ClearboxError(
      "E_TOO_LARGE",
      `data has ${d} dimensions: principalComponents builds a d × d covariance for at most ${PCA_MAX_DIMENSIONS} (reduce the dimensions first, e.g. by a random projection).`,
      { argument: "data" },
    );
  }
  // Entries near ±1e300 would overflow the covariance and denormals underflow it: work on data divided by a power of
  // two (exact; the axes do not change) and scale the mean, variances and projections back at the end.
  const unit = unitOf(matrix.values);
  const values = unit === 1 ? matrix.values : matrix.values.map((x) => x / unit);
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
      const next = norm(w);
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
    explainedVariance: variances.map((v) => v * unit * unit),
    mean: Array.from(mean, (m) => m * unit),
    projection: unit === 1 ? projection : projection.map((row) => row.map((x) => x * unit)),
  };
}

/** 1, or the power of two at or above the largest |entry| when that lies beyond 2^±200 (kept ≤ 2^1023), so that no square of a covariance product overflows. */
function unitOf(values: Float64Array): number {
  let largest = 0;
  for (const x of values) largest = Math.max(largest, Math.abs(x));
  if (largest === 0 || (largest < 2 ** 200 && largest > 2 ** -200)) return 1;
  return 2 ** Math.min(1023, Math.ceil(Math.log2(largest)));
}

/** Euclidean norm by a loop: `Math.hypot(...v)` would spread a data-sized array into a call (stack overflow at 10⁵). */
function norm(v: Float64Array): number {
  let s = 0;
  for (const x of v) s += x * x;
  return Math.sqrt(s);
}

function orthogonalise(v: Float64Array, axes: Float64Array[]): void {
  for (const axis of axes) {
    let dot = 0;
    for (let a = 0; a < v.length; a++) dot += v[a] * axis[a];
    for (let a = 0; a < v.length; a++) v[a] -= dot * axis[a];
  }
}

function normalise(v: Float64Array): void {
  const length = norm(v);
  if (length > 0) for (let a = 0; a < v.length; a++) v[a] /= length;
  else v[0] = 1;
}
