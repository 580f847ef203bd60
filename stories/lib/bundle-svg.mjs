// Draws the geometry of @clearbox/bicluster's bundleLayout as an SVG string (Node and browser alike): the input and
// output cluster columns, the bicluster rectangles split red (negative share) / green, and the curves, their width
// and opacity by |weight|. A small local helper until @clearbox/charts draws layer bundles (its layerBundles chart).

const GREEN = "#2e7d32";
const RED = "#c62828";

/**
 * @param {object} p
 * @param {import("@clearbox/bicluster").BundleGeometry} p.geometry - bundleLayout's result
 * @param {number} p.inputs - input clusters; p.outputs - output clusters
 * @param {ArrayLike<number>} p.inputPositions / p.outputPositions - as given to bundleLayout
 * @param {number} p.width / p.height - as given to bundleLayout; the drawing adds a margin around them
 * @param {string} p.title - the figure's title (also its accessible name)
 */
export function bundleSvg({ geometry, inputs, outputs, inputPositions, outputPositions, width, height, title }) {
  const margin = { left: 30, right: 30, top: 28, bottom: 10 };
  const [low, high] = geometry.weightExtent;
  const scale = (w) => (high === low ? 1 : (Math.abs(w) - low) / (high - low));
  const curves = geometry.curves
    .map((c) => {
      const t = scale(c.weight);
      const [x0, y0, x1, y1, x2, y2, x3, y3] = c.points.map((v) => +v.toFixed(1));
      return `<path data-kind="${c.kind}" d="M${x0},${y0}C${x1},${y1} ${x2},${y2} ${x3},${y3}" fill="none" stroke="${c.sign > 0 ? GREEN : RED}" stroke-width="${(0.6 + 2.4 * t).toFixed(2)}" stroke-opacity="${(0.25 + 0.6 * t).toFixed(2)}"/>`;
    })
    .join("");
  const rects = geometry.rects
    .map((r) => {
      const red = r.height * r.negativeRatio;
      const x = r.x.toFixed(1);
      const w = r.width.toFixed(1);
      return (
        `<g data-role="bicluster"><title>bicluster ${r.bicluster}: mean weight ${r.meanWeight.toFixed(3)}, ${(100 * r.negativeRatio).toFixed(0)} % negative edges</title>` +
        `<rect x="${x}" y="${r.y.toFixed(1)}" width="${w}" height="${(r.height - red).toFixed(1)}" fill="${GREEN}"/>` +
        `<rect x="${x}" y="${(r.y + r.height - red).toFixed(1)}" width="${w}" height="${red.toFixed(1)}" fill="${RED}"/></g>`
      );
    })
    .join("");
  const column = (count, positions, x, side) =>
    Array.from({ length: count }, (_, k) => {
      const y = positions[k];
      return `<g data-role="${side}-cluster"><rect x="${x - 6}" y="${(y - 5).toFixed(1)}" width="12" height="10" rx="2" fill="#eceff1" stroke="#546e7a"/><text x="${side === "input" ? x - 10 : x + 10}" y="${(y + 3.5).toFixed(1)}" font-size="9" text-anchor="${side === "input" ? "end" : "start"}" fill="currentColor">${k}</text></g>`;
    }).join("");
  const totalWidth = width + margin.left + margin.right;
  const totalHeight = height + margin.top + margin.bottom;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${totalWidth}" height="${totalHeight}" viewBox="0 0 ${totalWidth} ${totalHeight}" role="img" aria-label="${title}" font-family="system-ui, sans-serif">` +
    `<title>${title}</title><text x="4" y="14" font-size="12" fill="currentColor">${title}</text>` +
    `<g transform="translate(${margin.left},${margin.top})">${curves}${rects}${column(inputs, inputPositions, 0, "input")}${column(outputs, outputPositions, width, "output")}</g></svg>`
  );
}

/** The layer pair without bundling: every item with |w| ≥ θ as its own curve (a biclustering of direct edges only). */
export function unbundled(strengths, threshold) {
  const directEdges = strengths.flatMap((s) =>
    [
      [1, s.pos],
      [-1, s.neg],
    ]
      .filter(([, w]) => w !== undefined && Math.abs(w) >= threshold && w !== 0)
      .map(([sign, weight]) => ({ input: s.input, output: s.output, sign, weight, iteration: 0 })),
  );
  return {
    biclusters: [],
    directEdges,
    iterations: 1,
    edges: directEdges.length,
    curves: directEdges.length,
    truncated: false,
  };
}
