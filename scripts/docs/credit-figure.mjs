// Writes docs/public/credit-digits.svg: four held-out digits and their pixel relevance under four LRP settings,
// through the trained digits CNN (data/digits/digits-cnn.json), drawn by @clearbox/charts' influenceGrid.
// Run after `pnpm build`: node scripts/docs/credit-figure.mjs
import { readFileSync, writeFileSync } from "node:fs";
import { interpolateGreys } from "d3-scale-chromatic";
import { influenceGrid } from "@clearbox/charts";
import { renderToString } from "@clearbox/charts/ssr";
import { forwardPass, lrp, prepareNetwork } from "@clearbox/credit";
import { readDigits } from "@clearbox/fixtures/digits";
import { panelGrid } from "./figure.mjs";

const network = prepareNetwork(
  JSON.parse(readFileSync(new URL("../../data/digits/digits-cnn.json", import.meta.url), "utf8")).network,
);
const { pixels, labels } = readDigits();
const settings = [
  ["ε (every layer)", { rule: "epsilon" }],
  ["γ = 0.25", { rule: "gamma" }],
  ["α2β1", { rule: "alphabeta" }],
  ["zB · γ · ε", { rules: ["zb", "gamma", "gamma", "epsilon", "epsilon"] }],
];
const picked = [1200, 1203, 1207, 1201];
const panel = (values, title, color) =>
  renderToString(influenceGrid, { values, columns: 8 }, { width: 100, height: 100, title, color });
const rows = picked.map((row, r) => {
  const x = pixels[row].map((v) => v / 16);
  const logits = forwardPass(network, x).activations.at(-1);
  const predicted = logits.indexOf(Math.max(...logits));
  console.log(`row ${row}: label ${labels[row]}, predicted ${predicted}`);
  return [
    { svg: panel(x, `digit ${labels[row]}`, interpolateGreys), caption: r === 0 ? "digit" : undefined },
    ...settings.map(([label, options]) => ({
      svg: panel(
        lrp(network, x, { ...options, target: predicted, low: 0, high: 1 }).relevance[0],
        `${label}, predicted ${predicted}`,
      ),
      caption: r === 0 ? label : undefined,
    })),
  ];
});
const svg = panelGrid(rows, {
  title: "LRP through the digits CNN: green pixels speak for the predicted class, red against",
  gap: 12,
});
writeFileSync(new URL("../../docs/public/credit-digits.svg", import.meta.url), svg);
console.log("wrote docs/public/credit-digits.svg");
