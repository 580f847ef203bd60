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
  // Within a pass too: above the exhaustive limit one 2-opt pass over 3,000 rows is ~50 ms.
  const poll = () => progress?.report(0);
  if (path.length <= EXHAUSTIVE_LIMIT) {
    for (let pass = 0; ; pass++) {
      const gained = twoOptPass(distance, path) + orOptPass(distance, path);
      moves += gained;
      report(1 - 1 / (pass + 2));
      if (gained === 0) return moves;
    }
  }
  const neighbours = nearestNeighbours(distance, NEIGHBOURS, poll);
  const position = new Int32Array(distance.n);
  for (let pass = 0; ; pass++) {
    const gained =
      neighbourTwoOptPass(distance, path, neighbours, position, poll) +
      neighbourOrOptPass(distance, path, neighbours, position, poll);
    moves += gained;
    report(0.5 * (1 - 1 / (pass + 2)));
    if (gained === 0) break;
  }
  for (let pass = 0; ; pass++) {
    const gained = twoOptPass(distance, path, poll) + neighbourOrOptPass(distance, path, neighbours, position, poll);
    moves += gained;
    report(0.5 + 0.5 * (1 - 1 / (pass + 2)));
    if (gained === 0) return moves;
  }
}

/** The k nearest other rows of every row, nearest first (ties: smaller index), as one n × k array. */
function nearestNeighbours(distance: SquareMatrix, k: number, poll: () => void): Int32Array {
  const { n, values: d } = distance;
  const kk = Math.min(k, n - 1);
  const out = new Int32Array(n * kk);
  const best = new Float64Array(kk);
  for (let i = 0; i < n; i++) {
    if ((i & (ROWS_PER_POLL - 1)) === 0) poll();
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

/** Rows of an O(n) scan between two polls of the signal (a power of two). */
const ROWS_PER_POLL = 64;

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
  poll: () => void,
): number {
  const { n, values: d } = distance;
  const length = path.length;
  const k = neighbours.length / n;
  let moves = 0;
  fillPositions(path, position);
  for (let i = 0; i < length; i++) {
    if ((i & (ROWS_PER_POLL - 1)) === 0) poll();
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
  poll: () => void,
): number {
  const { n, values: d } = distance;
  const k = neighbours.length / n;
  let moves = 0;
  fillPositions(path, position);
  for (let segment = 1; segment <= 3; segment++) {
    for (let i = 0; i + segment <= path.length; i++) {
      if ((i & (ROWS_PER_POLL - 1)) === 0) poll(); // a move costs O(n): many of them are ms
      const stretch = stretchAt(distance, path, i, segment);
      const best = noInsertion();
      for (const end of [stretch.first, stretch.last]) {
        for (let q = 0; q < k; q++) {
          const c = neighbours[end * k + q];
          if (d[end * n + c] >= stretch.removal) break; // the new edge alone costs more than the removal saves
          // Right after c (gap j) or right before it (gap j − 1): the end can then touch c.
          const j = position[c];
          tryGap(distance, path, stretch, j, best);
          tryGap(distance, path, stretch, j - 1, best);
        }
      }
      if (best.at === NONE) continue;
      moveStretch(path, i, segment, best.at, best.reversed);
      fillPositions(path, position);
      moves++;
    }
  }
  return moves;
}

/**
 * One first-improvement sweep of 2-opt on an open path: reverse path[i..j] when it shortens the path. `poll` runs
 * every {@link ROWS_PER_POLL} values of i (n work each).
 */
export function twoOptPass(distance: SquareMatrix, path: Int32Array, poll: () => void = () => {}): number {
  const { n, values: d } = distance;
  const length = path.length;
  let moves = 0;
  for (let i = 0; i < length - 1; i++) {
    if ((i & (ROWS_PER_POLL - 1)) === 0) poll();
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
  let moves = 0;
  for (let segment = 1; segment <= 3; segment++) {
    for (let i = 0; i + segment <= path.length; i++) {
      const stretch = stretchAt(distance, path, i, segment);
      const best = noInsertion();
      for (let p = -1; p < path.length; p++) tryGap(distance, path, stretch, p, best);
      if (best.at === NONE) continue;
      moveStretch(path, i, segment, best.at, best.reversed);
      moves++;
    }
  }
  return moves;
}

/** A stretch path[i .. i+segment-1] and what taking it out (closing the gap) saves. */
interface Stretch {
  i: number;
  segment: number;
  first: number;
  last: number;
  removal: number;
}

/** The best insertion found so far: gap `at` (NONE if none shortens the path), orientation and change in length. */
interface Insertion {
  at: number;
  reversed: boolean;
  delta: number;
}

/** No gap chosen (gap -1 means the front of the path, so it cannot be the sentinel). */
const NONE = -2;

function noInsertion(): Insertion {
  return { at: NONE, reversed: false, delta: -EPSILON };
}

function stretchAt(distance: SquareMatrix, path: Int32Array, i: number, segment: number): Stretch {
  const { n, values: d } = distance;
  const first = path[i];
  const last = path[i + segment - 1];
  const before = i > 0 ? path[i - 1] : -1;
  const after = i + segment < path.length ? path[i + segment] : -1;
  let removal = 0;
  if (before >= 0) removal += d[before * n + first];
  if (after >= 0) removal += d[last * n + after];
  if (before >= 0 && after >= 0) removal -= d[before * n + after];
  return { i, segment, first, last, removal };
}

/**
 * Consider putting the stretch into gap p, between path[p] and path[p + 1] (p = -1: the front; p = length − 1: the
 * back), either way round; keep it in `best` if it shortens the path more. Gaps touching the stretch are skipped.
 */
function tryGap(distance: SquareMatrix, path: Int32Array, stretch: Stretch, p: number, best: Insertion): void {
  const { i, segment, first, last, removal } = stretch;
  if (p < -1 || p >= path.length || (p >= i - 1 && p <= i + segment - 1)) return;
  const { n, values: d } = distance;
  const left = p >= 0 ? path[p] : -1;
  const right = p + 1 < path.length ? path[p + 1] : -1;
  const bridge = left >= 0 && right >= 0 ? d[left * n + right] : 0;
  const join = (x: number, y: number) => (x < 0 || y < 0 ? 0 : d[x * n + y]);
  const forward = join(left, first) + join(last, right) - bridge - removal;
  const backward = join(left, last) + join(first, right) - bridge - removal;
  if (forward < best.delta) Object.assign(best, { at: p, reversed: false, delta: forward });
  if (backward < best.delta) Object.assign(best, { at: p, reversed: true, delta: backward });
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
