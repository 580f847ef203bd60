import type { ProgressReporter } from "@clearbox/core";
import type { SquareMatrix } from "./square-matrix.js";

/** Improvements smaller than this are ignored, so rounding noise cannot make the search cycle. */
const EPSILON = 1e-12;

/**
 * Improve an open path in place with 2-opt (reverse a stretch) and Or-opt (move a stretch of 1–3 rows elsewhere,
 * either way round) until neither finds a gain: a local optimum for both neighbourhoods. Needs symmetric distances.
 * O(n²) per pass. Returns the number of improving moves made.
 * @internal
 */
export function polishPath(distance: SquareMatrix, path: Int32Array, progress?: ProgressReporter): number {
  let moves = 0;
  for (let pass = 0; ; pass++) {
    const gained = twoOptPass(distance, path) + orOptPass(distance, path);
    moves += gained;
    progress?.report(1 - 1 / (pass + 2));
    if (gained === 0) return moves;
  }
}

/** One first-improvement sweep of 2-opt on an open path: reverse path[i..j] when it shortens the path. */
export function twoOptPass(distance: SquareMatrix, path: Int32Array): number {
  const { n, values: d } = distance;
  const length = path.length;
  let moves = 0;
  for (let i = 0; i < length - 1; i++) {
    for (let j = i + 1; j < length; j++) {
      const a = i > 0 ? path[i - 1] : -1;
      const b = path[i];
      const c = path[j];
      const e = j < length - 1 ? path[j + 1] : -1;
      let delta = 0;
      if (a >= 0) delta += d[a * n + c] - d[a * n + b];
      if (e >= 0) delta += d[b * n + e] - d[c * n + e];
      if (delta < -EPSILON) {
        reverse(path, i, j);
        moves++;
      }
    }
  }
  return moves;
}

/** One sweep of Or-opt: move each stretch of 1–3 consecutive rows to its best place (and orientation), if better. */
export function orOptPass(distance: SquareMatrix, path: Int32Array): number {
  const { n, values: d } = distance;
  const length = path.length;
  let moves = 0;
  const dist = (x: number, y: number) => (x < 0 || y < 0 ? 0 : d[x * n + y]);
  for (let segment = 1; segment <= 3; segment++) {
    for (let i = 0; i + segment <= length; i++) {
      const first = path[i];
      const last = path[i + segment - 1];
      const before = i > 0 ? path[i - 1] : -1;
      const after = i + segment < length ? path[i + segment] : -1;
      // Gain from taking the stretch out and closing the gap.
      const removal = dist(before, first) + dist(last, after) - (before >= 0 && after >= 0 ? d[before * n + after] : 0);
      let bestDelta = -EPSILON;
      let bestAt = 0;
      let bestReversed = false;
      let found = false;
      // Insert between path[p] and path[p + 1] (p = -1: at the front; p = length - 1: at the back), outside the stretch.
      for (let p = -1; p < length; p++) {
        if (p >= i - 1 && p <= i + segment - 1) continue;
        const left = p >= 0 ? path[p] : -1;
        const right = p + 1 < length ? path[p + 1] : -1;
        const bridge = left >= 0 && right >= 0 ? d[left * n + right] : 0;
        const forward = dist(left, first) + dist(last, right) - bridge - removal;
        const backward = dist(left, last) + dist(first, right) - bridge - removal;
        if (forward < bestDelta) {
          bestDelta = forward;
          bestAt = p;
          bestReversed = false;
          found = true;
        }
        if (backward < bestDelta) {
          bestDelta = backward;
          bestAt = p;
          bestReversed = true;
          found = true;
        }
      }
      if (!found) continue;
      moveStretch(path, i, segment, bestAt, bestReversed);
      moves++;
    }
  }
  return moves;
}

function reverse(path: Int32Array, i: number, j: number): void {
  while (i < j) {
    const t = path[i];
    path[i++] = path[j];
    path[j--] = t;
  }
}

/** Move path[i .. i+segment-1] to just after position `at` (of the original path; -1 = the front). */
function moveStretch(path: Int32Array, i: number, segment: number, at: number, reversed: boolean): void {
  const stretch = Array.from(path.subarray(i, i + segment));
  if (reversed) stretch.reverse();
  const out: number[] = [];
  if (at === -1) out.push(...stretch);
  for (let p = 0; p < path.length; p++) {
    if (p >= i && p < i + segment) continue;
    out.push(path[p]);
    if (p === at) out.push(...stretch);
  }
  path.set(out);
}
