// The x phase: every rectangle's x-coordinate, largest first, on the one-dimensional relaxation (see ContainmentSearch).
import { EPS } from "./subset-sums.js";
import type { ContainmentSearch } from "./containment.js";
import { lowerSegments, saveSegments } from "./segments.js";
import { wastedSpaceBound } from "./wasted-space.js";
import { yPhaseStart } from "./y-phase.js";

/**
 * The x phase: member `m = members placed so far` of group g goes at some column ≥ `from` (identical rectangles
 * in ascending order), largest group first.
 */
export function xPhase(search: ContainmentSearch, g: number, from: number, placed: number): boolean {
  if (placed === search.placing) return yPhaseStart(search);
  const members = search.groupMembers[g];
  const m = members.length - search.remaining[g];
  if (m === members.length) return xPhase(search, g + 1, 0, placed);
  if (!search.budget.spend()) return false;
  const { bounds } = search;
  const shapes = search.shapeW.length;
  const base = saveSegments(search, placed);
  const areas = keepAreaByWidth(search, placed, g);
  const stamp = search.budget.spent;
  const { savedRoom, savedStart } = search;
  for (let s = search.groupShape[g]; s < shapes && search.shapeGroup[s] === g; s++) {
    const h = search.shapeH[s];
    const last = g === search.anchor ? (search.W - search.shapeW[s]) / 2 + EPS : Infinity;
    // Only starts inside a run of segments with room for h: for N = 20, 4.7 of 6.7 million starts had none.
    for (let t = base; savedStart[t] < search.columns; t++) {
      if (savedRoom[t] < h - EPS) continue;
      let u = t + 1;
      while (savedStart[u] < search.columns && savedRoom[u] >= h - EPS) u++;
      const runEnd = savedStart[u];
      for (let k = Math.max(from, savedStart[t]); k < runEnd && bounds[k] <= last; k++) {
        const end = search.endColumn[k * shapes + s];
        if (end < 0) continue;
        if (end > runEnd) break;
        const segments = lowerSegments(search, base, k, end, h);
        search.remaining[g]--;
        search.stamp = stamp;
        let found = false;
        if (wastedSpaceBound(search, segments, areas) <= search.slack + EPS) {
          search.segmentCount = segments;
          search.startColumn[members[m]] = k;
          search.shapeOf[members[m]] = s;
          found = xPhase(search, g, k, placed + 1);
        }
        search.remaining[g]++;
        if (found) return true;
        if (search.budget.exhausted) return false;
      }
      t = u - 1;
    }
  }
  return false;
}

/**
 * Sets up `areaByWidth` at this depth for the children of a node placing one more of group g; returns where.
 */
export function keepAreaByWidth(search: ContainmentSearch, depth: number, g: number): number {
  const { groupsByWidth, remaining, areaByWidth } = search;
  const at = depth * (groupsByWidth.length + 1);
  remaining[g]--;
  areaByWidth[at] = 0;
  for (let i = 0; i < groupsByWidth.length; i++) {
    const group = groupsByWidth[i];
    areaByWidth[at + i + 1] = areaByWidth[at + i] + search.groupArea[group] * remaining[group];
  }
  remaining[g]++;
  return at;
}

/** The height of group g's tallest shape within this width and room, or 0 when neither shape fits. */
export function tallestFitting(search: ContainmentSearch, g: number, width: number, room: number): number {
  const { shapeW, shapeH } = search;
  const s = search.groupShape[g];
  let tallest = shapeW[s] <= width && shapeH[s] <= room ? shapeH[s] : 0;
  if (search.groupTurns[g] === 1 && shapeW[s + 1] <= width && shapeH[s + 1] <= room)
    tallest = Math.max(tallest, shapeH[s + 1]);
  return tallest;
}

/** Whether some shape of group g has a window: a run of segments as wide as it, each with room for its height. */
export function fitsSomewhere(search: ContainmentSearch, g: number, segments: number): boolean {
  const shapes = search.shapeW.length;
  for (let s = search.groupShape[g]; s < shapes && search.shapeGroup[s] === g; s++) {
    let width = 0;
    for (let t = 0; t < segments; t++) {
      if (search.segmentRoom[t] < search.shapeH[s] - EPS) width = 0;
      else if ((width += search.segmentWidth[t]) >= search.shapeW[s] - EPS) return true;
    }
  }
  return false;
}
