import type { ProgressReporter } from "@clearbox/core";
import type { SquareMatrix } from "./square-matrix.js";

/** Improvements smaller than this are ignored, so rounding noise cannot make the search cycle. */
const EPSILON = 1e-12;
/** Neighbours per row in the candidate lists of large paths. */
const NEIGHBOURS = 10;

/** Up to this many rows every polish pass is exhaustive; above, Or-opt uses the neighbour lists only. */
const EXHAUSTIVE_LIMIT = 400;

/**
 * Improve an open path in place with 2-opt (reverse a stretch) and Or-opt (move a stretch of 1–3 rows elsewhere,
 * either way round) until neither finds a gain. Needs symmetric distances. Returns the number of improving moves.
 *
 * Up to 400 rows the passes are exhaustive (O(n²) each): the result is a local optimum for both neighbourhoods.
 * Above, moves are first drawn from each row's 10 nearest rows only (O(n · 10) per pass); then exhaustive 2-opt
 * passes alternate with the neighbour-list Or-opt until neither improves, so the path is 2-opt-optimal and
 * Or-opt-optimal among neighbour moves.
 * @internal
 */
export function polishPath(distance: SquareMatrix, path: Int32Array, progress?: ProgressReporter): number {
  let moves = 0;
  const report = (fraction: number) => progress?.report(fraction);
  if (path.length <= EXHAUSTIVE_LIMIT) {
    for (let pass = 0; ; pass++) {
      const gained = twoOptPass(distance, path) + orOptPass(distance, path);
      moves += gained;
      report(1 - 1 / (pass + 2));
      if (gained === 0) return moves;
    }
  }
  const neighbours = nearestNeighbours(distance, NEIGHBOURS);
  const position = new Int32Array(distance.n);
  for (let pass = 0; ; pass++) {
    const gained =
      neighbourTwoOptPass(distance, path, neighbours, position) +
      neighbourOrOptPass(distance, path, neighbours, position);
    moves += gained;
    report(0.5 * (1 - 1 / (pass + 2)));
    if (gained === 0) break;
  }
  for (let pass = 0; ; pass++) {
    const gained = twoOptPass(distance, path) + neighbourOrOptPass(distance, path, neighbours, position);
    moves += gained;
    report(0.5 + 0.5 * (1 - 1 / (pass + 2)));
    if (gained === 0) return moves;
  }
}

/** The k nearest other rows of every row, nearest first (ties: smaller index), as one n × k array. */
function nearestNeighbours(distance: SquareMatrix, k: number): Int32Array {
  const { n, values: d } = distance;
  const kk = Math.min(k, n - 1);
  const out = new Int32Array(n * kk);
  const best = new Float64Array(kk);
  for (let i = 0; i < n; i++) {
    const row = i * n;
    const base = i * kk;
    let size = 0;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const value = d[row + j];
      if (size === kk && value >= best[kk - 1]) continue;
      // Insertion into the short sorted list; equal values keep the smaller index first.
      let p = size < kk ? size++ : kk - 1;
      while (p > 0 && best[p - 1] > value) {
        best[p] = best[p - 1];
        out[base + p] = out[base + p - 1];
        p--;
      }
      best[p] = value;
      out[base + p] = j;
    }
  }
  return out;
}

function fillPositions(path: Int32Array, position: Int32Array): void {
  for (let t = 0; t < path.length; t++) position[path[t]] = t;
}

/**
 * 2-opt restricted to new edges (a, c) with c among a's nearest neighbours and d(a, c) shorter than the edge it
 * replaces at a. Reversing one stretch of an open path changes at most two edges.
 */
function neighbourTwoOptPass(
  distance: SquareMatrix,
  path: Int32Array,
  neighbours: Int32Array,
  position: Int32Array,
): number {
  const { n, values: d } = distance;
  const length = path.length;
  const k = neighbours.length / n;
  let moves = 0;
  fillPositions(path, position);
  for (let i = 0; i < length; i++) {
    const a = path[i];
    // Replace the edge to a's successor, then the edge to its predecessor. After a move, a may have moved:
    // go on with the next position.
    sides: for (const side of [1, -1]) {
      const t = i + side;
      if (t < 0 || t >= length) continue;
      const b = path[t];
      const dab = d[a * n + b];
      for (let q = 0; q < k; q++) {
        const c = neighbours[a * k + q];
        const dac = d[a * n + c];
        if (dac >= dab) break;
        const j = position[c];
        let from: number;
        let to: number;
        let delta: number;
        if (side === 1) {
          if (j > i + 1) {
            // a b … c e → a c … b e: reverse path[i+1 .. j]
            const e = j + 1 < length ? path[j + 1] : -1;
            delta = dac - dab + (e >= 0 ? d[b * n + e] - d[c * n + e] : 0);
            from = i + 1;
            to = j;
          } else if (j < i) {
            // c f … a b → c a … f b: reverse path[j+1 .. i]
            const f = path[j + 1];
            delta = dac + d[f * n + b] - d[c * n + f] - dab;
            from = j + 1;
            to = i;
          } else continue;
        } else {
          if (j < i - 1) {
            // e c … b a → e b … c a: reverse path[j .. i-1]
            const e = j > 0 ? path[j - 1] : -1;
            delta = dac - dab + (e >= 0 ? d[e * n + b] - d[e * n + c] : 0);
            from = j;
            to = i - 1;
          } else if (j > i) {
            // b a … f c → b f … a c: reverse path[i .. j-1]
            const f = path[j - 1];
            delta = dac + d[b * n + f] - dab - d[f * n + c];
            from = i;
            to = j - 1;
          } else continue;
        }
        if (delta < -EPSILON) {
          reverse(path, from, to);
          for (let p = from; p <= to; p++) position[path[p]] = p;
          moves++;
          break sides;
        }
      }
    }
  }
  return moves;
}

/** Or-opt restricted to putting a stretch's end next to one of that end's nearest neighbours. */
function neighbourOrOptPass(
  distance: SquareMatrix,
  path: Int32Array,
  neighbours: Int32Array,
  position: Int32Array,
): number {
  const { n, values: d } = distance;
  const length = path.length;
  const k = neighbours.length / n;
  const dist = (x: number, y: number) => (x < 0 || y < 0 ? 0 : d[x * n + y]);
  let moves = 0;
  fillPositions(path, position);
  for (let segment = 1; segment <= 3; segment++) {
    for (let i = 0; i + segment <= length; i++) {
      const first = path[i];
      const last = path[i + segment - 1];
      const before = i > 0 ? path[i - 1] : -1;
      const after = i + segment < length ? path[i + segment] : -1;
      const removal = dist(before, first) + dist(last, after) - (before >= 0 && after >= 0 ? d[before * n + after] : 0);
      let bestDelta = -EPSILON;
      let bestAt = 0;
      let bestReversed = false;
      let found = false;
      for (const end of [first, last]) {
        for (let q = 0; q < k; q++) {
          const c = neighbours[end * k + q];
          const j = position[c];
          if (j >= i && j < i + segment) continue;
          if (d[end * n + c] >= removal) break; // the new edge alone costs more than the removal saves
          // Insert right after c (gap p = j) or right before c (gap p = j - 1), the end touching c.
          for (const p of [j, j - 1]) {
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
        }
      }
      if (!found) continue;
      moveStretch(path, i, segment, bestAt, bestReversed);
      fillPositions(path, position);
      moves++;
    }
  }
  return moves;
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
