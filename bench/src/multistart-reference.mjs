// An independent reference for reordering quality: many random starts, each improved by exhaustive 2-opt and
// Or-opt to a local optimum; the best path wins. Deliberately plain (arrays, no neighbour lists) and separate from
// @clearbox/reorder's code, so it checks that code rather than repeating it.
import { createRandom } from "@clearbox/core";

export function multistartPathLength(D, starts, seed) {
  const n = D.length;
  const random = createRandom(seed);
  let best = Infinity;
  for (let s = 0; s < starts; s++) {
    const path = random.shuffle([...Array(n).keys()]);
    improve(D, path);
    best = Math.min(best, length(D, path));
  }
  return best;
}

function length(D, p) {
  let s = 0;
  for (let t = 1; t < p.length; t++) s += D[p[t - 1]][p[t]];
  return s;
}

function improve(D, p) {
  const n = p.length;
  for (let changed = true; changed;) {
    changed = false;
    // 2-opt: reverse p[i..j].
    for (let i = 0; i < n - 1; i++) {
      for (let j = i + 1; j < n; j++) {
        const before = (i > 0 ? D[p[i - 1]][p[i]] : 0) + (j < n - 1 ? D[p[j]][p[j + 1]] : 0);
        const after = (i > 0 ? D[p[i - 1]][p[j]] : 0) + (j < n - 1 ? D[p[i]][p[j + 1]] : 0);
        if (after < before - 1e-12) {
          const mid = p.slice(i, j + 1).reverse();
          p.splice(i, j - i + 1, ...mid);
          changed = true;
        }
      }
    }
    // Or-opt: move a stretch of 1–3 to the best other place, either way round (O(1) cost change per place).
    for (let len = 1; len <= 3; len++) {
      for (let i = 0; i + len <= n; i++) {
        const stretch = p.slice(i, i + len);
        const rest = [...p.slice(0, i), ...p.slice(i + len)];
        const prev = i > 0 ? p[i - 1] : -1;
        const next = i + len < n ? p[i + len] : -1;
        const d = (a, b) => (a < 0 || b < 0 ? 0 : D[a][b]);
        const saved = d(prev, stretch[0]) + d(stretch[len - 1], next) - d(prev, next);
        let best = -1e-12;
        let bestPath = null;
        for (let at = 0; at <= rest.length; at++) {
          const left = at > 0 ? rest[at - 1] : -1;
          const right = at < rest.length ? rest[at] : -1;
          for (const piece of [stretch, [...stretch].reverse()]) {
            const change = d(left, piece[0]) + d(piece[len - 1], right) - d(left, right) - saved;
            if (change < best) {
              best = change;
              bestPath = [...rest.slice(0, at), ...piece, ...rest.slice(at)];
            }
          }
        }
        if (bestPath) {
          p.splice(0, n, ...bestPath);
          changed = true;
        }
      }
    }
  }
}
