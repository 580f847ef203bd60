export function linesPanel(p: {
  series: { values: ArrayLike<number>; count: number; length: number };
  show: ArrayLike<number> | "all";
  highlight: Set<number>;
  extent: [number, number];
  title: string;
  width?: number;
  height?: number;
}): string;
export function valueExtent(series: { values: ArrayLike<number> }): [number, number];
