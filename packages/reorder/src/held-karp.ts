import {
  ClearboxError,
  assertInteger,
  createProgress,
  assertOptions,
  LONG_RUNNING_KEYS,
} from "@clearbox/core/internal";
import type { OptionKeys } from "@clearbox/core/internal";
import type { LongRunningOptions } from "@clearbox/core";
import { toSquareMatrix } from "./square-matrix.js";
import type { SquareMatrix, SquareMatrixInput } from "./square-matrix.js";

/** Largest n {@link heldKarp} accepts by default: its table takes 8 · n · 2ⁿ bytes (168 MB at n = 20). */
export const HELD_KARP_DEFAULT_LIMIT = 20;
/** Largest n {@link heldKarp} accepts at all, whatever `maxSize` says (8 · 25 · 2²⁵ bytes ≈ 6.7 GB). */
export const HELD_KARP_HARD_LIMIT = 25;

/** Options of {@link heldKarp}. */
export interface HeldKarpOptions extends LongRunningOptions {
  /** Force the path to start at this index. */
  start?: number;
  /** Force the path to end at this index. */
  end?: number;
  /** Refuse matrices larger than this (default 20, at most 25): the table needs 8 · n · 2ⁿ bytes. */
  maxSize?: number;
}

/** Every option of {@link heldKarp}: the list unknown keys are checked against. */
const HELD_KARP_OPTIONS = {
  start: true,
  end: true,
  maxSize: true,
  ...LONG_RUNNING_KEYS,
} satisfies OptionKeys<HeldKarpOptions>;

/** An open path through every index and its total cost. */
export interface PathResult {
  order: number[];
  cost: number;
}

/**
 * The exact minimum-cost open Hamiltonian path (Held–Karp dynamic programming, O(2ⁿ n²) time, 8 · n · 2ⁿ bytes).
 * `distance` may be asymmetric: the path runs in the order given. Ties go to the lexicographically first choice
 * found, so the result is deterministic; with free ends on a symmetric matrix the path starts at the smaller of its
 * two end indices. The path is rebuilt from the cost table itself (no parent table).
 *
 * Throws `E_TOO_LARGE` above `maxSize` (default 20); use `reorderRows` for large matrices.
 *
 * @example
 * heldKarp([[0, 1, 9], [1, 0, 1], [9, 1, 0]]); // { order: [0, 1, 2], cost: 2 }
 * @param distance - an n × n distance matrix (number[][], an ml-matrix Matrix, or `{ n, values }`).
 * @param options - `start` / `end` to fix the path's ends, `maxSize` (the size refused above), `signal`, `onProgress`.
 * @returns the shortest open path's `order` and its `cost`.
 * @throws `E_SHAPE` / `E_NAN` / `E_TYPE` for a bad matrix; `E_TOO_LARGE` above `maxSize`; `E_RANGE` for start or end out of range; `E_OPTION` for an unknown option key; `E_ABORTED`.
 */
export function heldKarp(distance: SquareMatrixInput | SquareMatrix, options: HeldKarpOptions = {}): PathResult {
  options = assertOptions(options, "options", HELD_KARP_OPTIONS);
  const d = toSquareMatrix(distance, "distance");
  const n = d.n;
  const maxSize =
    options.maxSize === undefined
      ? HELD_KARP_DEFAULT_LIMIT
      : assertInteger(options.maxSize, "options.maxSize", 1, HELD_KARP_HARD_LIMIT);
  const start = options.start === undefined ? -1 : assertInteger(options.start, "options.start", 0, Math.max(0, n - 1));
  const end = options.end === undefined ? -1 : assertInteger(options.end, "options.end", 0, Math.max(0, n - 1));
  if (n > maxSize) {
    throw new ClearboxError(
      "E_TOO_LARGE",
      `heldKarp is exact in O(2^n n²) time and 8·n·2^n bytes; n = ${n} exceeds the limit of ${maxSize} ` +
        `(options.maxSize, at most ${HELD_KARP_HARD_LIMIT}). For larger matrices use reorderRows, which solves parts ` +
        `of at most exactLimit rows exactly and merges them.`,
      { argument: "distance" },
    );
  }
  if (n === 0) return { order: [], cost: 0 };
  if (start >= 0 && start === end && n > 1) {
    throw new ClearboxError("E_OPTION", `options.start and options.end must differ for n > 1, both are ${start}.`, {
      argument: "options.end",
    });
  }
  return heldKarpSolve(d, start, end, options);
}

/** @internal The DP on a validated matrix; start/end are -1 when free. */
export function heldKarpSolve(
  d: SquareMatrix,
  start: number,
  end: number,
  options: LongRunningOptions = {},
): PathResult {
  const n = d.n;
  const w = d.values;
  if (n === 1) return { order: [0], cost: 0 };
  const progress = createProgress(options, "Held–Karp search");
  const full = (1 << n) - 1;
  const size = (full + 1) * n;
  const dp = new Float64Array(size).fill(Infinity);
  for (let j = 0; j < n; j++) if (start < 0 || j === start) dp[(1 << j) * n + j] = 0;
  const endBit = end >= 0 ? 1 << end : 0;

  for (let mask = 1; mask <= full; mask++) {
    if ((mask & (mask - 1)) === 0) continue; // singletons are initialised
    if ((mask & 0x3fff) === 0) progress.report(mask / full);
    const row = mask * n;
    let bits = mask;
    while (bits !== 0) {
      const low = bits & -bits;
      bits ^= low;
      const j = 31 - Math.clz32(low);
      const prev = mask ^ low;
      // The fixed end can only be last: it is never a predecessor.
      if ((prev & endBit) !== 0) continue;
      const prevRow = prev * n;
      let best = Infinity;
      let rest = prev;
      while (rest !== 0) {
        const lowI = rest & -rest;
        rest ^= lowI;
        const i = 31 - Math.clz32(lowI);
        const c = dp[prevRow + i] + w[i * n + j];
        if (c < best) best = c;
      }
      dp[row + j] = best;
    }
  }

  let last = end;
  if (last < 0) {
    let best = Infinity;
    for (let j = 0; j < n; j++) {
      if (dp[full * n + j] < best) {
        best = dp[full * n + j];
        last = j;
      }
    }
  }
  const cost = dp[full * n + last];
  // Walk back: the predecessor is the i whose entry plus the step reproduces the stored value exactly.
  const order = [last];
  let mask = full;
  let j = last;
  while ((mask & (mask - 1)) !== 0) {
    const prev = mask ^ (1 << j);
    const target = dp[mask * n + j];
    let found = -1;
    for (let i = 0; i < n && found < 0; i++) {
      if ((prev & (1 << i)) !== 0 && dp[prev * n + i] + w[i * n + j] === target) found = i;
    }
    order.push(found);
    mask = prev;
    j = found;
  }
  order.reverse();
  // A symmetric path costs the same both ways: with free ends, start at the smaller end so results are canonical.
  if (start < 0 && end < 0 && order[0] > order[n - 1] && isSymmetric(d)) order.reverse();
  progress.done();
  return { order, cost };
}

function isSymmetric(d: SquareMatrix): boolean {
  const { n, values } = d;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (values[i * n + j] !== values[j * n + i]) return false;
  return true;
}
