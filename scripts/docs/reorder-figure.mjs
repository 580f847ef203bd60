// Writes docs/public/reorder-digits.svg: the digits' 64 pixels × 10 classes matrix before and after reorderRows.
// A plain SVG until @clearbox/charts exists. Run after `pnpm build`: node scripts/docs/reorder-figure.mjs
import { readFileSync, writeFileSync } from "node:fs";
import { classMeanVectors } from "@clearbox/cluster";
import { distanceMatrix, pathCost, reorderRows } from "@clearbox/reorder";

const rows = readFileSync(new URL("../../data/digits/digits.csv", import.meta.url), "utf8")
  .trim()
  .split("\n")
  .map((line) => line.split(",").map(Number));
const matrix = classMeanVectors(
  rows.map((r) => r.slice(0, 64)),
  rows.map((r) => r[64]),
  10,
);
const identity = [...matrix.keys()];
const before = pathCost(distanceMatrix(matrix), identity);
const { order, pathLength } = reorderRows(matrix);
const high = Math.max(...matrix.flat());
const cell = { w: 14, h: 5 };
const panel = (rowOrder, x0, label) => {
  const cells = rowOrder.flatMap((row, r) =>
    matrix[row].map((v, c) => {
      const t = v / high;
      const fill = `rgb(${Math.round(255 - 215 * t)},${Math.round(255 - 165 * t)},${Math.round(255 - 75 * t)})`;
      return `<rect x="${x0 + c * cell.w}" y="${20 + r * cell.h}" width="${cell.w}" height="${cell.h}" fill="${fill}"/>`;
    }),
  );
  return [`<text x="${x0}" y="14" font-size="12" font-family="sans-serif">${label}</text>`, ...cells].join("");
};
const width = 2 * 10 * cell.w + 68;
const height = 20 + 64 * cell.h + 4;
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" role="img" aria-label="Digits matrix before and after reorderRows"><title>Digits: 64 pixels × 10 classes, input order (path ${before.toFixed(2)}) and reordered (path ${pathLength.toFixed(2)})</title>${panel(identity, 4, `input order · ${before.toFixed(2)}`)}${panel(order, 10 * cell.w + 64, `reordered · ${pathLength.toFixed(2)}`)}</svg>\n`;
writeFileSync(new URL("../../docs/public/reorder-digits.svg", import.meta.url), svg);
console.log(`wrote docs/public/reorder-digits.svg (paths ${before.toFixed(3)} → ${pathLength.toFixed(3)})`);
