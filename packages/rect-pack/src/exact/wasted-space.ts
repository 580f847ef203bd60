// The wasted-space bounds of the x phase: what the remaining rectangles cannot fill, against the slack W·H − Σ areas.
import { EPS, firstIndexAbove } from "./subset-sums.js";
import type { ContainmentSearch } from "./containment.js";
import { CAP_MEMO } from "./containment.js";
import { fitsSomewhere, tallestFitting } from "./x-phase.js";

/**
 * A lower bound on the room the remaining rectangles cannot use (see the class comment); Infinity when the
 * largest remaining rectangle fits nowhere, or some rectangle is wider than every run of usable columns. The cheap
 * parts go first — most branches die there: the neighbour cap, then whether the largest remaining rectangle fits
 * at all (before the stretches: squares N = 21, same nodes, ~8 % less time), then the cap over stretches; only
 * then the reach of the rectangles, for the greedies. A smaller rectangle with no place left fails at
 * its own turn.
 *
 * One function of ~95 lines on purpose: it runs at every node, and split into three (reach, usable runs, the by-width
 * greedy) the proofs took 3–14 % longer (bench/src/compare-rect-pack.mjs, several runs).
 */
export function wastedSpaceBound(search: ContainmentSearch, segments: number, areas: number): number {
  const { remaining, usable, segmentWidth, segmentRoom, largest, cap } = search;
  // What crosses a segment either fits inside it or reaches into a neighbouring segment, where it crosses the
  // column next to this one: all that reaches in from one side stacks within that column's room. This caps only
  // segments higher than their two neighbours together.
  let capped = 0;
  for (let t = 0; t < segments; t++) {
    const sides = (t > 0 ? segmentRoom[t - 1] : 0) + (t + 1 < segments ? segmentRoom[t + 1] : 0);
    cap[t] = segmentRoom[t] > sides + EPS ? sides + insideCap(search, t) : Infinity;
    search.peakWaste[t] = cap[t] < segmentRoom[t] ? (segmentRoom[t] - cap[t]) * segmentWidth[t] : 0;
    capped += search.peakWaste[t];
  }
  if (capped > search.slack + EPS) return capped;
  let first = 0;
  while (first < remaining.length && remaining[first] === 0) first++;
  if (first < remaining.length && !fitsSomewhere(search, first, segments)) return Infinity;
  const stretches = stretchWaste(search, segments, areas);
  if (stretches > search.slack + EPS) return stretches;
  // The largest rectangle that reaches each segment: it reaches a column only through a window of its width
  // around it where every column has room for its height. Groups go largest first, so the first to reach a
  // segment is the largest that can; once every segment with room has one, the smaller ones change nothing
  // (full segments are never reached: waiting for them scanned every group in 3 of 10 calls).
  const shapes = search.shapeW.length;
  largest.fill(-1, 0, segments);
  let unreached = 0;
  for (let t = 0; t < segments; t++) if (segmentRoom[t] > EPS) unreached++;
  for (let g = first; g < remaining.length && unreached > 0; g++) {
    if (remaining[g] === 0) continue;
    for (let s = search.groupShape[g]; s < shapes && search.shapeGroup[s] === g; s++) {
      const h = search.shapeH[s];
      const w = search.shapeW[s];
      let start = 0;
      let width = 0;
      for (let t = 0; t <= segments; t++) {
        if (t < segments && segmentRoom[t] >= h - EPS) {
          width += segmentWidth[t];
          continue;
        }
        if (width >= w - EPS) {
          for (let u = start; u < t; u++) {
            if (largest[u] < 0) {
              largest[u] = g;
              unreached--;
            }
          }
        }
        start = t + 1;
        width = 0;
      }
    }
  }
  // usable[t]: the most the remaining rectangles can put in each column of segment t.
  for (let t = 0; t < segments; t++) usable[t] = largest[t] < 0 ? 0 : cap[t];
  let wasted = 0;
  let runs = 0;
  let open = false;
  for (let t = 0; t < segments; t++) {
    const dx = segmentWidth[t];
    const used = Math.min(segmentRoom[t], usable[t]);
    wasted += (segmentRoom[t] - used) * dx;
    if (used <= EPS) {
      open = false;
      continue;
    }
    if (!open) {
      search.runWidth[runs] = 0;
      search.runRoom[runs] = 0;
      runs++;
      open = true;
    }
    search.runWidth[runs - 1] += dx;
    search.runRoom[runs - 1] += used * dx;
  }
  // Runs by width, narrowest first (insertion sort: there are few).
  const { runWidth, runRoom } = search;
  for (let i = 1; i < runs; i++) {
    const w = runWidth[i];
    const r = runRoom[i];
    let j = i - 1;
    for (; j >= 0 && runWidth[j] > w; j--) {
      runWidth[j + 1] = runWidth[j];
      runRoom[j + 1] = runRoom[j];
    }
    runWidth[j + 1] = w;
    runRoom[j + 1] = r;
  }
  const order = search.groupsByWidth;
  let next = 0;
  let pending = 0;
  let unusedByWidth = 0;
  for (let i = 0; i < runs; i++) {
    for (; next < order.length && search.groupNarrowest[order[next]] <= runWidth[i] + EPS; next++) {
      pending += remaining[order[next]] * search.groupArea[order[next]];
    }
    const used = Math.min(pending, runRoom[i]);
    unusedByWidth += runRoom[i] - used;
    pending -= used;
  }
  for (; next < order.length; next++) if (remaining[order[next]] > 0) return Infinity;
  if (pending > EPS) return Infinity;
  // Two relaxations of the same competition for room: either bound holds, so the larger does.
  return Math.max(stretches, wasted + Math.max(unusedByWidth, unusedBySize(search, segments)));
}

/**
 * The neighbour cap over stretches of segments: what crosses a stretch either lies inside it or crosses one of
 * the two columns beside it, so the stretch holds at most its width times their rooms plus the area of the
 * remaining rectangles that fit inside it. The stretches are the runs of segments no lower than their lowest one
 * (a Cartesian tree by room, built on a stack); the waste is the best sum over disjoint ones, a lone segment
 * counting what the neighbour cap cut from it.
 */
export function stretchWaste(search: ContainmentSearch, segments: number, areas: number): number {
  const { segmentRoom, segmentWidth, peakWaste, areaPrefix, widthPrefix, stackAt, stackLeft, stackLeftTop } = search;
  for (let t = 0; t < segments; t++) {
    areaPrefix[t + 1] = areaPrefix[t] + segmentRoom[t] * segmentWidth[t];
    widthPrefix[t + 1] = widthPrefix[t] + segmentWidth[t];
  }
  let depth = 0;
  // The stretch closed last, right of the one being closed: its best waste and its top room.
  let carried = 0;
  let carriedTop = -Infinity;
  for (let t = 0; t <= segments; t++) {
    const room = t < segments ? segmentRoom[t] : -Infinity;
    carried = 0;
    carriedTop = -Infinity;
    while (depth > 0 && segmentRoom[stackAt[depth - 1]] > room) {
      const x = stackAt[--depth];
      const lo = depth > 0 ? stackAt[depth - 1] + 1 : 0;
      const top = Math.max(segmentRoom[x], stackLeftTop[depth], carriedTop);
      let best = peakWaste[x];
      if (lo < x || x < t - 1) {
        const children = stackLeft[depth] + carried;
        const width = widthPrefix[t] - widthPrefix[lo];
        const sides = (lo > 0 ? segmentRoom[lo - 1] : 0) + (t < segments ? room : 0);
        const most = areaPrefix[t] - areaPrefix[lo] - width * sides;
        // The area of everything narrow enough bounds what fits inside from above and is a lookup; only when
        // even it leaves more than the children's waste is the exact test (the height too) worth its loop.
        if (most - areaNarrowerThan(search, width, areas) > children + EPS)
          best = most - areaInside(search, width, top);
        else best = children;
      }
      carried = best;
      carriedTop = top;
    }
    if (t < segments) {
      stackAt[depth] = t;
      stackLeft[depth] = carried;
      stackLeftTop[depth] = carriedTop;
      depth++;
    }
  }
  return carried;
}

/** The area of the remaining rectangles whose narrowest width is within this one (`areas`: see keepAreaByWidth). */
export function areaNarrowerThan(search: ContainmentSearch, width: number, areas: number): number {
  return search.areaByWidth[areas + firstIndexAbove(search.narrowestAscending, width)];
}

/** The area of the remaining rectangles that fit inside this width and height. */
export function areaInside(search: ContainmentSearch, width: number, height: number): number {
  const { groupsByWidth, groupNarrowest, remaining } = search;
  let area = 0;
  for (let i = 0; i < groupsByWidth.length; i++) {
    const g = groupsByWidth[i];
    if (groupNarrowest[g] > width + EPS) break;
    if (remaining[g] > 0 && tallestFitting(search, g, width + EPS, height + EPS) > 0)
      area += search.groupArea[g] * remaining[g];
  }
  return area;
}

/**
 * The most, per column of segment t, that the remaining rectangles fitting inside it can add: their heights
 * (each copy in its tallest such shape, all stacked in one column), and their area spread over the segment.
 */
export function insideCap(search: ContainmentSearch, t: number): number {
  // Any spread of sizes over the slots would do: a slot holding another size only means the loop below runs.
  const slot = (search.segmentWidth[t] * 67 + search.segmentRoom[t]) & (CAP_MEMO - 1);
  if (
    search.capMemoStamp[slot] === search.stamp &&
    search.capMemoWidth[slot] === search.segmentWidth[t] &&
    search.capMemoRoom[slot] === search.segmentRoom[t]
  )
    return search.capMemoValue[slot];
  const width = search.segmentWidth[t] + EPS;
  const room = search.segmentRoom[t] + EPS;
  const { groupsByWidth, groupNarrowest, remaining } = search;
  let total = 0;
  let area = 0;
  for (let i = 0; i < groupsByWidth.length; i++) {
    const g = groupsByWidth[i];
    if (groupNarrowest[g] > width) break;
    if (remaining[g] === 0) continue;
    const tallest = tallestFitting(search, g, width, room);
    total += tallest * remaining[g];
    if (tallest > 0) area += search.groupArea[g] * remaining[g];
  }
  const cap = Math.min(total, area / search.segmentWidth[t]);
  search.capMemoStamp[slot] = search.stamp;
  search.capMemoWidth[slot] = search.segmentWidth[t];
  search.capMemoRoom[slot] = search.segmentRoom[t];
  search.capMemoValue[slot] = cap;
  return cap;
}

/**
 * The same greedy by size: a segment can only take groups no larger than the largest that reaches it (for
 * squares exactly the ones that reach it), so segments that only small rectangles reach are filled first, from
 * the small rectangles' area; what they cannot fill is wasted.
 */
export function unusedBySize(search: ContainmentSearch, segments: number): number {
  const { largest, usable, segmentRoom, segmentWidth, remaining } = search;
  const order = search.segmentOrder;
  let count = 0;
  for (let t = 0; t < segments; t++) if (Math.min(segmentRoom[t], usable[t]) > EPS) order[count++] = t;
  // Most restricted first: the segments whose largest reaching group is smallest (insertion sort: few).
  for (let i = 1; i < count; i++) {
    const t = order[i];
    let j = i - 1;
    for (; j >= 0 && largest[order[j]] < largest[t]; j--) order[j + 1] = order[j];
    order[j + 1] = t;
  }
  let unused = 0;
  let pending = 0;
  let next = remaining.length - 1;
  for (let i = 0; i < count; i++) {
    const t = order[i];
    for (; next >= largest[t]; next--) pending += remaining[next] * search.groupArea[next];
    const room = Math.min(segmentRoom[t], usable[t]) * segmentWidth[t];
    const used = Math.min(pending, room);
    unused += room - used;
    pending -= used;
  }
  return unused;
}
