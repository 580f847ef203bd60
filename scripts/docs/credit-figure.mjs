// Writes docs/public/credit-digits.svg: four held-out digits and their pixel relevance under four LRP settings,
// through the trained digits CNN (data/digits/digits-cnn.json). A plain SVG until @clearbox/charts exists.
// Run after `pnpm build`: node scripts/docs/credit-figure.mjs
import { readFileSync, writeFileSync } from "node:fs";
import { forwardPass, lrp, prepareNetwork } from "@clearbox/credit";

const read = (path) => readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");
const rows = read("data/digits/digits.csv")
  .trim()
  .split("\n")
  .map((line) => line.split(",").map(Number));
const network = prepareNetwork(JSON.parse(read("data/digits/digits-cnn.json")).network);
const settings = [
  ["ε (every layer)", { rule: "epsilon" }],
  ["γ = 0.25", { rule: "gamma" }],
  ["α2β1", { rule: "alphabeta" }],
  ["zB · γ · ε", { rules: ["zb", "gamma", "gamma", "epsilon", "epsilon"] }],
];
const picked = [1200, 1203, 1207, 1201];
const cell = 9;
const gap = 14;
const panel = 8 * cell;
const square = (x, y, fill) => `<rect x="${x}" y="${y}" width="${cell}" height="${cell}" fill="${fill}"/>`;
const grid = (values, x0, y0, signed) => {
  const high = Math.max(...values.map(Math.abs)) || 1;
  return values
    .map((v, i) => {
      const t = Math.abs(v) / high;
      const shade = (to) => Math.round(255 - (255 - to) * t);
      const fill = !signed
        ? `rgb(${shade(20)},${shade(20)},${shade(20)})`
        : v >= 0
          ? `rgb(${shade(200)},${shade(30)},${shade(40)})`
          : `rgb(${shade(30)},${shade(80)},${shade(200)})`;
      return square(x0 + (i % 8) * cell, y0 + Math.floor(i / 8) * cell, fill);
    })
    .join("");
};
const parts = [];
const text = (x, y, s) => `<text x="${x}" y="${y}" font-size="11" font-family="sans-serif">${s}</text>`;
parts.push(text(0, 12, "digit"));
settings.forEach(([label], s) => parts.push(text((s + 1) * (panel + gap), 12, label)));
picked.forEach((row, r) => {
  const x = rows[row].slice(0, 64).map((v) => v / 16);
  const logits = forwardPass(network, x).activations.at(-1);
  const predicted = logits.indexOf(Math.max(...logits));
  const y0 = 20 + r * (panel + gap);
  parts.push(grid(x, 0, y0, false));
  settings.forEach(([, options], s) => {
    const { relevance } = lrp(network, x, { ...options, target: predicted, low: 0, high: 1 });
    parts.push(grid(Array.from(relevance[0]), (s + 1) * (panel + gap), y0, true));
  });
  console.log(`row ${row}: label ${rows[row][64]}, predicted ${predicted}`);
});
const width = (settings.length + 1) * (panel + gap);
const height = 20 + picked.length * (panel + gap);
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" role="img" aria-label="Pixel relevance of four digits under four LRP settings"><title>LRP through the digits CNN: red pixels speak for the predicted class, blue against</title>${parts.join("")}</svg>\n`;
writeFileSync(new URL("../../docs/public/credit-digits.svg", import.meta.url), svg);
console.log("wrote docs/public/credit-digits.svg");
