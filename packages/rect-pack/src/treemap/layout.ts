import type { SummedNode } from "./sum-tree.js";
import type { TreemapCell } from "./treemap.js";

/** A rectangle being tiled. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Splits a box among values (in input order); `depth` lets a tiling alternate direction. */
export type Tiling = (values: number[], box: Box, depth: number) => Box[];

/**
 * Lay a summed hierarchy out top-down: each node's children tile its padded interior, each child inset by half the
 * padding at every sibling boundary (gaps of `padding` between siblings).
 */
export function layoutTree(node: SummedNode, box: Box, how: { padding: number; tile: Tiling }, depth = 0): TreemapCell {
  const cell: TreemapCell = { x: box.x, y: box.y, width: box.w, height: box.h, value: node.value, children: [] };
  if (node.children.length === 0) return cell;
  const { padding } = how;
  const interior = {
    x: box.x + padding,
    y: box.y + padding,
    w: Math.max(0, box.w - 2 * padding),
    h: Math.max(0, box.h - 2 * padding),
  };
  const rects = how.tile(
    node.children.map((child) => child.value),
    interior,
    depth,
  );
  const inset = (size: number) => Math.min(size / 2, padding / 2);
  cell.children = node.children.map((child, i) => {
    const r = rects[i];
    const dx = inset(r.w);
    const dy = inset(r.h);
    return layoutTree(child, { x: r.x + dx, y: r.y + dy, w: r.w - 2 * dx, h: r.h - 2 * dy }, how, depth + 1);
  });
  return cell;
}
