/**
 * The Held–Karp DP as it stood before the compact table (commit bbe737c, full n · 2ⁿ rows, predecessors by bit
 * scan): kept as the reference that the reshaped table must reproduce path for path, ties included.
 */
export function previousHeldKarp(
  w: Float64Array,
  n: number,
  start: number,
  end: number,
): { order: number[]; cost: number } {
  if (n === 1) return { order: [0], cost: 0 };
  const full = (1 << n) - 1;
  const dp = new Float64Array((full + 1) * n).fill(Infinity);
  for (let j = 0; j < n; j++) if (start < 0 || j === start) dp[(1 << j) * n + j] = 0;
  const endBit = end >= 0 ? 1 << end : 0;
  for (let mask = 1; mask <= full; mask++) {
    if ((mask & (mask - 1)) === 0) continue;
    for (let j = 0; j < n; j++) {
      if ((mask & (1 << j)) === 0) continue;
      const prev = mask ^ (1 << j);
      if ((prev & endBit) !== 0) continue;
      let best = Infinity;
      for (let i = 0; i < n; i++) {
        if ((prev & (1 << i)) === 0) continue;
        const c = dp[prev * n + i] + w[i * n + j];
        if (c < best) best = c;
      }
      dp[mask * n + j] = best;
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
  const order = [last];
  let mask = full;
  let j = last;
  while ((mask & (mask - 1)) !== 0) {
    const prev = mask ^ (1 << j);
    let found = -1;
    for (let i = 0; i < n && found < 0; i++) {
      if ((prev & (1 << i)) !== 0 && dp[prev * n + i] + w[i * n + j] === dp[mask * n + j]) found = i;
    }
    order.push(found);
    mask = prev;
    j = found;
  }
  order.reverse();
  let symmetric = true;
  for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) if (w[a * n + b] !== w[b * n + a]) symmetric = false;
  if (start < 0 && end < 0 && order[0] > order[n - 1] && symmetric) order.reverse();
  return { order, cost };
}
