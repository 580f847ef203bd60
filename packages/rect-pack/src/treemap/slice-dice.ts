import type { Box } from "./layout.js";

/**
 * Slice-and-dice: strips proportional to the values, in input order, side by side at even depths and stacked at odd
 * ones.
 */
export function sliceDice(values: number[], box: Box, depth: number): Box[] {
  const { x, y, w, h } = box;
  const horizontal = depth % 2 === 0;
  const total = values.reduce((s, v) => s + v, 0);
  let offset = 0;
  return values.map((v) => {
    const share = total > 0 ? v / total : 0;
    const strip = horizontal ? { x: x + offset * w, y, w: share * w, h } : { x, y: y + offset * h, w, h: share * h };
    offset += share;
    return strip;
  });
}
