import {
  ClearboxError,
  assertFiniteVector,
  assertInteger,
  squaredDistance,
  toDenseMatrix,
} from "@clearbox/core/internal";
import type { MatrixInput } from "@clearbox/core";

/**
 * The `r` members of every cluster closest (Euclidean) to its centroid, nearest first; ties go to the smaller
 * index. A cluster with fewer than r members returns all of them; an empty one returns [].
 *
 * @param data - the points, as rows.
 * @param labels - cluster of every point, integers in [0, centroids.length).
 * @param centroids - one centroid per cluster, of the points' dimension.
 * @param r - representatives per cluster, ≥ 1.
 * @returns one index list per cluster.
 * @throws `E_TYPE` / `E_SHAPE` / `E_NAN` / `E_EMPTY` for data that is not a finite, non-empty matrix (points or centroids); `E_SHAPE` when their dimensions or the labels' length disagree; `E_RANGE` for a label out of range or r < 1.
 * @example
 * const { labels, centroids } = kmeans(points, 5);
 * representatives(points, labels, centroids, 3); // the 3 most typical members of each cluster
 */
export function representatives(
  data: MatrixInput,
  labels: ArrayLike<number>,
  centroids: MatrixInput,
  r: number,
): number[][] {
  const points = toDenseMatrix(data, "data");
  const centres = toDenseMatrix(centroids, "centroids");
  assertInteger(r, "r", 1);
  assertFiniteVector(labels, "labels", { length: points.rows });
  if (centres.columns !== points.columns) {
    throw new ClearboxError(
      "E_SHAPE",
      `centroids must have ${points.columns} columns like data, got ${centres.columns}.`,
      { argument: "centroids" },
    );
  }
  const d = points.columns;
  const members: Array<Array<[number, number]>> = Array.from({ length: centres.rows }, () => []);
  for (let i = 0; i < points.rows; i++) {
    const c = labels[i];
    if (!Number.isInteger(c) || c < 0 || c >= centres.rows) {
      throw new ClearboxError("E_RANGE", `labels[${i}] must be an integer in [0, ${centres.rows}), got ${c}.`, {
        argument: `labels[${i}]`,
      });
    }
    members[c].push([i, squaredDistance(points.values, i * d, centres.values, c * d, d)]);
  }
  return members.map((list) =>
    list
      .sort((a, b) => a[1] - b[1] || a[0] - b[0])
      .slice(0, r)
      .map(([i]) => i),
  );
}
