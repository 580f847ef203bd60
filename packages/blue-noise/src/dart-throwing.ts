import type { SeriesIndex } from "./series-index.js";

/**
 * One dart-throwing pass at a fixed radius: visit the series in order and take each one that no series taken so far
 * comes closer than `radius` to. The sample's size follows from the radius.
 */
export function dartThrowing(index: SeriesIndex, radius: number, visit: Int32Array): Int32Array {
  const grid = index.grid(radius);
  const taken: number[] = [];
  for (const i of visit) {
    if (grid.firstWithin(i, radius) < radius) continue;
    taken.push(i);
    grid.add(i);
  }
  return Int32Array.from(taken);
}
