/**
 * A minimal SVG heatmap for stories, until @clearbox/charts exists: one rect per cell, shaded by value on a
 * white-to-blue ramp, rows in the given order, an accessible title. Plain DOM.
 */
const SVG = "http://www.w3.org/2000/svg";

export interface HeatmapOptions {
  title: string;
  /** Row order: `order[r]` is the input row drawn at position r. Default: input order. */
  order?: number[];
  cellWidth?: number;
  height?: number;
}

export function heatmap(matrix: number[][], options: HeatmapOptions): SVGSVGElement {
  const rows = matrix.length;
  const columns = matrix[0]?.length ?? 0;
  const order = options.order ?? [...Array(rows).keys()];
  const cellWidth = options.cellWidth ?? 16;
  const height = options.height ?? 360;
  const cellHeight = height / Math.max(1, rows);
  const values = matrix.flat();
  const low = Math.min(...values);
  const high = Math.max(...values);
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("xmlns", SVG);
  svg.setAttribute("width", String(columns * cellWidth));
  svg.setAttribute("height", String(height));
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", options.title);
  const title = document.createElementNS(SVG, "title");
  title.textContent = options.title;
  svg.append(title);
  const cells = document.createElementNS(SVG, "g");
  cells.setAttribute("class", "cells");
  order.forEach((row, r) => {
    for (let c = 0; c < columns; c++) {
      const t = high > low ? (matrix[row][c] - low) / (high - low) : 0;
      const rect = document.createElementNS(SVG, "rect");
      rect.setAttribute("x", String(c * cellWidth));
      rect.setAttribute("y", (r * cellHeight).toFixed(2));
      rect.setAttribute("width", String(cellWidth));
      rect.setAttribute("height", cellHeight.toFixed(2));
      // White to a deep blue, perceptually even enough for a demo.
      rect.setAttribute(
        "fill",
        `rgb(${Math.round(255 - 215 * t)}, ${Math.round(255 - 165 * t)}, ${Math.round(255 - 75 * t)})`,
      );
      rect.dataset.row = String(row);
      cells.append(rect);
    }
  });
  svg.append(cells);
  return svg;
}
