// Writes docs/public/reorder-digits.svg: the digits' 64 pixels × 10 classes matrix before and after reorderRows,
// drawn by @clearbox/charts' matrixHeatmap. Run after `pnpm build`: node scripts/docs/reorder-figure.mjs
import { writeFileSync } from "node:fs";
import { matrixHeatmap } from "@clearbox/charts";
import { renderToString } from "@clearbox/charts/ssr";
import { classMeanVectors } from "@clearbox/cluster";
import { distanceMatrix, pathCost, reorderRows } from "@clearbox/reorder";
import { readDigits } from "@clearbox/fixtures/digits";
import { sideBySide } from "./figure.mjs";

const { pixels, labels } = readDigits();
const matrix = classMeanVectors(pixels, labels, 10);
const identity = [...matrix.keys()];
const before = pathCost(distanceMatrix(matrix), identity);
const { order, pathLength } = reorderRows(matrix);
const data = { values: matrix, columnLabels: identity.slice(0, 10).map(String) };
const options = { width: 200, height: 380, scheme: "sequential" };
const svg = sideBySide(
  [
    {
      svg: renderToString(matrixHeatmap, data, { ...options, title: "input order" }),
      caption: `input order · ${before.toFixed(2)}`,
    },
    {
      svg: renderToString(matrixHeatmap, { ...data, rowOrder: order }, { ...options, title: "reordered" }),
      caption: `reordered · ${pathLength.toFixed(2)}`,
    },
  ],
  {
    title: `Digits: 64 pixels × 10 classes, input order (path ${before.toFixed(2)}) and reordered (path ${pathLength.toFixed(2)})`,
  },
);
writeFileSync(new URL("../../docs/public/reorder-digits.svg", import.meta.url), svg);
console.log(`wrote docs/public/reorder-digits.svg (paths ${before.toFixed(3)} → ${pathLength.toFixed(3)})`);
