// Writes docs/public/rect-pack-digits.svg: 200 "neurons" (UCI digit images; area ∝ ink, features = pixels) packed
// three ways: packFast (dense, order-blind), squarify (a treemap: exact areas, distorted shapes) and packHierarchical
// (similar images together, shapes kept), drawn by @clearbox/charts' packedRects. Colour = the digit's class.
// Run after `pnpm build`:
// node scripts/docs/rect-pack-figure.mjs
import { readFileSync, writeFileSync } from "node:fs";
import { packedRects } from "@clearbox/charts";
import { renderToString } from "@clearbox/charts/ssr";
import { packFast, packHierarchical, packingDensity, squarify } from "@clearbox/rect-pack";
import { sideBySide } from "./figure.mjs";

const rows = readFileSync(new URL("../../data/digits/digits.csv", import.meta.url), "utf8")
  .trim()
  .split("\n")
  .slice(0, 200)
  .map((line) => line.split(",").map(Number));
const features = rows.map((r) => r.slice(0, 64));
const labels = rows.map((r) => r[64]);
const ink = features.map((f) => f.reduce((s, v) => s + v, 0));
const [low, high] = [Math.min(...ink), Math.max(...ink)];
const side = ink.map((v) => Math.round(10 + (20 * (v - low)) / (high - low)));
const rects = side.map((s) => ({ width: s, height: s }));
const area = rects.reduce((s, r) => s + r.width * r.height, 0);

const colour = (i) => `hsl(${labels[i] * 36} 60% 58%)`;
const size = 300;
const panel = (title, width, height, placements) => {
  const scale = size / Math.max(width, height);
  return renderToString(
    packedRects,
    { width, height, placements },
    { width: Math.ceil(width * scale) + 12, height: Math.ceil(height * scale) + 12, title, fill: colour },
  );
};

/** Mean feature distance between rectangles that touch: low when similar images sit together. */
const neighbourDistance = (placements) => {
  let total = 0;
  let pairs = 0;
  for (const a of placements) {
    for (const b of placements) {
      if (a.index >= b.index) continue;
      const gapX = Math.max(a.x - (b.x + b.width), b.x - (a.x + a.width));
      const gapY = Math.max(a.y - (b.y + b.height), b.y - (a.y + a.height));
      if (Math.max(gapX, gapY) > 1.5 || Math.min(gapX, gapY) > 0) continue;
      let d = 0;
      for (let k = 0; k < 64; k++) d += (features[a.index][k] - features[b.index][k]) ** 2;
      total += Math.sqrt(d);
      pairs++;
    }
  }
  return total / pairs;
};

const fast = packFast(rects);
const edge = Math.sqrt(area);
const cells = squarify(
  rects.map((r) => r.width * r.height),
  { width: edge, height: edge },
).map((c, index) => ({ ...c, index }));
const hierarchical = packHierarchical(rects, { features, maxLeafSize: 12, padding: 1, seed: 1 });
const captions = [
  `packFast · density ${fast.density.toFixed(3)} · neighbour distance ${neighbourDistance(fast.placements).toFixed(0)}`,
  `squarify · exact areas, shapes distorted`,
  `packHierarchical · density ${packingDensity(hierarchical).toFixed(3)} · neighbour distance ${neighbourDistance(hierarchical.placements).toFixed(0)}`,
];
const svg = sideBySide(
  [
    { svg: panel("packFast", fast.width, fast.height, fast.placements), caption: "packFast" },
    { svg: panel("squarify", edge, edge, cells), caption: "squarify (treemap)" },
    {
      svg: panel("packHierarchical", hierarchical.width, hierarchical.height, hierarchical.placements),
      caption: "packHierarchical",
    },
  ],
  { title: "200 digits (area ∝ ink, colour = class) packed by packFast, squarify and packHierarchical", gap: 24 },
);
writeFileSync(new URL("../../docs/public/rect-pack-digits.svg", import.meta.url), svg);
console.log(captions.join("\n"));
