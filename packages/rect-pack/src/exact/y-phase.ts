// The y phase: the rectangles, their x fixed, stacked on a skyline at the lowest, leftmost point.
import { EPS, nextSumAbove } from "./subset-sums.js";
import type { ContainmentSearch } from "./containment.js";

/** Sets up the y phase for the x-coordinates just chosen. */
export function yPhaseStart(search: ContainmentSearch): boolean {
  const columns = search.columns;
  // Pushed left as far as it goes, a rectangle is at the wall or against another's right edge: x-coordinates
  // where no rectangle ends cannot be (the search only looks for such packings).
  const shapes = search.shapeW.length;
  const { edgeAt, startColumn, leftOut } = search;
  edgeAt.fill(0);
  for (let r = 0; r < search.n; r++) {
    if (leftOut[r] === 0) edgeAt[search.endColumn[startColumn[r] * shapes + search.shapeOf[r]]] = 1;
  }
  for (let r = 0; r < search.n; r++)
    if (!leftOut[r] && startColumn[r] > 0 && edgeAt[startColumn[r]] === 0) return false;
  search.skyline.fill(0);
  // What the x phase left in each column is exactly what that column may waste.
  for (let t = 0; t < search.segmentCount; t++) {
    const to = t + 1 < search.segmentCount ? search.segmentStart[t + 1] : columns;
    search.columnSlack.fill(search.segmentRoom[t], search.segmentStart[t], to);
  }
  search.startingAt = Array.from({ length: columns }, () => []);
  for (let r = 0; r < search.n; r++) if (leftOut[r] === 0) search.startingAt[search.startColumn[r]].push(r);
  search.yPlaced.fill(0);
  search.anchorYMax =
    search.anchor >= 0
      ? (search.H - search.shapeH[search.shapeOf[search.groupMembers[search.anchor][0]]]) / 2
      : Infinity;
  return yPhase(search, 0);
}

export function yPhase(search: ContainmentSearch, placed: number): boolean {
  if (placed === search.placing) return true;
  if (!search.budget.spend()) return false;
  const { skyline, columnSlack } = search;
  let c = 0;
  for (let t = 1; t < search.columns; t++) if (skyline[t] < skyline[c] - EPS) c = t;
  const y = skyline[c];
  if (search.anchor >= 0 && y > search.anchorYMax + EPS && !search.yPlaced[search.groupMembers[search.anchor][0]])
    return false;
  const shapes = search.shapeW.length;
  const tried: number[] = [];
  for (const r of search.startingAt[c]) {
    if (search.yPlaced[r]) continue;
    const s = search.shapeOf[r];
    if (tried.includes(s)) continue; // identical rectangles at the same x: one stands for all
    tried.push(s);
    const top = y + search.shapeH[s];
    if (top > search.H + EPS) continue;
    const end = search.endColumn[c * shapes + s];
    let flat = true;
    for (let t = c + 1; t < end && flat; t++) flat = skyline[t] <= y + EPS;
    if (!flat) continue;
    for (let t = c; t < end; t++) skyline[t] = top;
    search.yPlaced[r] = 1;
    search.yOf[r] = y;
    const found = yPhase(search, placed + 1);
    search.yPlaced[r] = 0;
    for (let t = c; t < end; t++) skyline[t] = y;
    if (found) return true;
    if (search.budget.exhausted) return false;
  }
  // The point is empty: the column rises to the next height a rectangle could rest on. In a packing pushed down,
  // the next rectangle over an empty point rests on something beside it: no lower than the lower neighbour.
  const beside = Math.min(c > 0 ? skyline[c - 1] : Infinity, c + 1 < search.columns ? skyline[c + 1] : Infinity);
  const rise = Math.min(nextSumAbove(search.ys, Math.max(y, beside - 2 * EPS)), search.H) - y;
  if (rise > columnSlack[c] + EPS) return false;
  columnSlack[c] -= rise;
  skyline[c] = y + rise;
  const found = yPhase(search, placed);
  skyline[c] = y;
  columnSlack[c] += rise;
  return found;
}
