import {
  ClearboxError,
  assertInteger,
  createProgress,
  assertOptions,
  LONG_RUNNING_KEYS,
} from "@clearbox/core/internal";
import type { OptionKeys } from "@clearbox/core/internal";
import type { LongRunningOptions } from "@clearbox/core";
import type { ProgressReporter } from "@clearbox/core/internal";
import { toSquareMatrix } from "./square-matrix.js";
import type { SquareMatrix, SquareMatrixInput } from "./square-matrix.js";

/** Largest n {@link heldKarp} accepts by default: its table takes 8 · n · 2ⁿ⁻¹ bytes (84 MB at n = 20). */
export const HELD_KARP_DEFAULT_LIMIT = 20;
/**
 * Largest n {@link heldKarp} accepts at all, whatever `maxSize` says: its table takes 8 · 24 · 2²³ + 4 · 2²⁴ bytes
 * ≈ 1.7 GB. (It was 25 with a full table, 6.7 GB, which Node failed to allocate with a bare RangeError; an
 * allocation that fails now is `E_TOO_LARGE`.)
 */
export const HELD_KARP_HARD_LIMIT = 24;

/** Options of {@link heldKarp}. */
export interface HeldKarpOptions extends LongRunningOptions {
  /** Force the path to start at this index. */
  start?: number;
  /** Force the path to end at this index. */
  end?: number;
  /** Refuse matrices larger than this (default 20, at most 24): the table needs 8 · n · 2ⁿ⁻¹ bytes. */
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
 * The exact minimum-cost open Hamiltonian path (Held–Karp dynamic programming, O(2ⁿ n²) time, 8 · n · 2ⁿ⁻¹ bytes).
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
      `heldKarp is exact in O(2^n n²) time and 8·n·2^(n−1) bytes; n = ${n} exceeds the limit of ${maxSize} ` +
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
  if (n === 1) return { order: [0], cost: 0 };
  const progress = createProgress(options, "Held–Karp search");
  const table = allocateTable(n, () => progress.report(0));
  for (let j = 0; j < n; j++) if (start < 0 || j === start) table.dp[table.rowStart[1 << j]] = 0;
  fillTable(table, n, transposed(d), start, end, progress);
  const full = (1 << n) - 1;
  const lastRow = table.rowStart[full]; // the full row holds every j, in order
  let last = end;
  if (last < 0) {
    let best = Infinity;
    for (let j = 0; j < n; j++) {
      if (table.dp[lastRow + j] < best) {
        best = table.dp[lastRow + j];
        last = j;
      }
    }
  }
  const order = walkBack(table, d, last);
  // A symmetric path costs the same both ways: with free ends, start at the smaller end so results are canonical.
  if (start < 0 && end < 0 && order[0] > order[n - 1] && isSymmetric(d)) order.reverse();
  progress.done();
  return { order, cost: table.dp[lastRow + last] };
}

/**
 * The DP table with only the entries that can be finite: row `mask` holds dp[mask][j] for the j ∈ mask, ascending,
 * from `rowStart[mask]` on — n · 2ⁿ⁻¹ doubles instead of n · 2ⁿ, so half the memory traffic.
 */
interface Table {
  dp: Float64Array;
  rowStart: Int32Array;
}

/** Bytes of the table for n: the compact rows (8 · n · 2ⁿ⁻¹) and their starts (4 · 2ⁿ). */
export function heldKarpTableBytes(n: number): number {
  return 8 * n * 2 ** (n - 1) + 4 * 2 ** n;
}

/**
 * The table, all Infinity; a failed allocation (memory exhausted) becomes `E_TOO_LARGE`, not a RangeError. Filled in
 * slices with `poll` between them: the first touch of n = 18's 19 MB took ~60 ms of CPU, too long without a check.
 */
function allocateTable(n: number, poll: () => void): Table {
  let table: Table;
  try {
    const rowStart = new Int32Array(2 ** n);
    let offset = 0;
    for (let mask = 0; mask < rowStart.length; mask++) {
      rowStart[mask] = offset;
      offset += popcount(mask);
    }
    table = { dp: new Float64Array(offset), rowStart };
  } catch (cause) {
    throw new ClearboxError(
      "E_TOO_LARGE",
      `heldKarp could not allocate its ${(heldKarpTableBytes(n) / 2 ** 30).toFixed(1)} GiB table for n = ${n}; ` +
        `use a smaller options.maxSize or reorderRows.`,
      { argument: "distance", cause },
    );
  }
  const { dp } = table;
  for (let from = 0; from < dp.length; from += FILL_SLICE) {
    poll(); // outside the try: an abort stays E_ABORTED
    dp.fill(Infinity, from, Math.min(dp.length, from + FILL_SLICE));
  }
  return table;
}

/** Entries of the table filled between two polls (2 MB). */
const FILL_SLICE = 1 << 18;

function popcount(x: number): number {
  let c = 0;
  for (let bits = x; bits !== 0; bits &= bits - 1) c++;
  return c;
}

/** dᵀ as a flat row-major array, so the inner loop reads the distances into j contiguously, as it reads dp. */
function transposed(d: SquareMatrix): Float64Array {
  const { n, values } = d;
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[j * n + i] = values[i * n + j];
  return out;
}

/**
 * The pull-form DP, row by row in increasing mask order (every predecessor row is complete before it is read):
 * dp[mask][j] = min over i ∈ mask − j of dp[mask − j][i] + d[i][j]. Shaped for the machine: the members of a mask
 * are listed once into a small typed array; the predecessor row mask − j holds exactly those members but j, in
 * the same order, so it is read straight through in two runs (before and after j) beside the contiguous dᵀ row.
 * Masks that miss a fixed start are never reachable and skipped; a fixed end is never a predecessor. Nothing is
 * allocated in the loop; the signal is checked every 2¹⁸ inner steps (well under a millisecond).
 */
function fillTable(
  table: Table,
  n: number,
  wT: Float64Array,
  start: number,
  end: number,
  progress: ProgressReporter,
): void {
  const { dp, rowStart } = table;
  const full = (1 << n) - 1;
  const startBit = start >= 0 ? 1 << start : 0;
  const endBit = end >= 0 ? 1 << end : 0;
  const members = new Int32Array(n);
  let work = 0;
  for (let mask = 3; mask <= full; mask++) {
    if ((mask & (mask - 1)) === 0 || (mask & startBit) !== startBit) continue;
    let k = 0;
    for (let bits = mask; bits !== 0; bits &= bits - 1) members[k++] = 31 - Math.clz32(bits & -bits);
    const row = rowStart[mask];
    for (let a = 0; a < k; a++) {
      const j = members[a];
      const prev = mask ^ (1 << j);
      if ((prev & endBit) !== 0) continue; // the fixed end can only be last
      dp[row + a] = bestStep(dp, rowStart[prev], wT, j * n, members, a, k);
    }
    work += k * k;
    if (work >= 1 << 18) {
      work = 0;
      progress.report(mask / full);
    }
  }
}

/** min over b ≠ a of dp[prevRow + (b < a ? b : b − 1)] + dᵀ[j][members[b]]: the predecessor row, in two runs. */
function bestStep(
  dp: Float64Array,
  prevRow: number,
  wT: Float64Array,
  jRow: number,
  members: Int32Array,
  a: number,
  k: number,
): number {
  let best = Infinity;
  for (let b = 0; b < a; b++) {
    const c = dp[prevRow + b] + wT[jRow + members[b]];
    if (c < best) best = c;
  }
  const shifted = prevRow - 1;
  for (let b = a + 1; b < k; b++) {
    const c = dp[shifted + b] + wT[jRow + members[b]];
    if (c < best) best = c;
  }
  return best;
}

/** Rebuild the path from the table: the predecessor is the i whose entry plus the step reproduces the value exactly. */
function walkBack(table: Table, d: SquareMatrix, last: number): number[] {
  const { n, values: w } = d;
  const { dp, rowStart } = table;
  const at = (mask: number, j: number): number => dp[rowStart[mask] + popcount(mask & ((1 << j) - 1))];
  const order = [last];
  let mask = (1 << n) - 1;
  let j = last;
  while ((mask & (mask - 1)) !== 0) {
    const prev = mask ^ (1 << j);
    const target = at(mask, j);
    let found = -1;
    for (let i = 0; i < n && found < 0; i++) {
      if ((prev & (1 << i)) !== 0 && at(prev, i) + w[i * n + j] === target) found = i;
    }
    order.push(found);
    mask = prev;
    j = found;
  }
  return order.reverse();
}

function isSymmetric(d: SquareMatrix): boolean {
  const { n, values } = d;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (values[i * n + j] !== values[j * n + i]) return false;
  return true;
}
