// Draws series as an SVG string (Node and browser alike): one panel of every series as a density raster, or a panel
// of chosen series as lines, with some series highlighted. A small local helper for the blue-noise story and docs
// figure until @clearbox/charts draws polyline charts (its polylineChart).

const BLUE = "#1565c0";
const ORANGE = "#ef6c00";

/**
 * @param {object} p
 * @param {{ values: ArrayLike<number>, count: number, length: number }} p.series
 * @param {ArrayLike<number> | "all"} p.show - the series to draw as lines, or "all" for a density raster of every one
 * @param {Set<number>} p.highlight - series drawn in orange (outliers), on top
 * @param {[number, number]} p.extent - the value range of the y axis
 * @param {string} p.title
 * @param {number} [p.width] / [p.height] - the plot's size (default 300 × 160)
 */
export function linesPanel({ series, show, highlight, extent, title, width = 300, height = 160 }) {
  const { values, length } = series;
  const top = 22;
  const [low, high] = extent;
  const x = (t) => (t / (length - 1)) * width;
  const y = (v) => top + height - ((v - low) / (high - low || 1)) * height;
  let body = "";
  if (show === "all") {
    // Density: how many series cross each cell of a 120 × 60 raster, on a square-root scale.
    const columns = 120;
    const rows = 60;
    const counts = new Uint32Array(columns * rows);
    for (let i = 0; i < series.count; i++) {
      for (let c = 0; c < columns; c++) {
        const t = Math.min(length - 1, Math.round((c / (columns - 1)) * (length - 1)));
        const r = Math.min(
          rows - 1,
          Math.max(0, Math.floor(((values[i * length + t] - low) / (high - low || 1)) * rows)),
        );
        counts[r * columns + c]++;
      }
    }
    const max = Math.max(...counts);
    const w = width / columns;
    const h = height / rows;
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < columns; c++) {
        const n = counts[r * columns + c];
        if (n === 0) continue;
        const shade = Math.sqrt(n / max);
        body += `<rect x="${(c * w).toFixed(1)}" y="${(top + height - (r + 1) * h).toFixed(1)}" width="${(w + 0.3).toFixed(1)}" height="${(h + 0.3).toFixed(1)}" fill="${BLUE}" fill-opacity="${(0.08 + 0.92 * shade).toFixed(2)}"/>`;
      }
    }
  }
  const line = (i, colour, opacity, role) => {
    const step = Math.max(1, Math.floor(length / 100));
    let d = "";
    for (let t = 0; t < length; t += step)
      d += `${t === 0 ? "M" : "L"}${x(t).toFixed(1)},${y(values[i * length + t]).toFixed(1)}`;
    return `<path data-role="${role}" data-series="${i}" d="${d}" fill="none" stroke="${colour}" stroke-width="${role === "outlier" ? 1.6 : 0.8}" stroke-opacity="${opacity}"/>`;
  };
  const chosen = show === "all" ? [] : Array.from(show);
  for (const i of chosen) if (!highlight.has(i)) body += line(i, BLUE, 0.45, "series");
  const outliers = show === "all" ? [...highlight] : chosen.filter((i) => highlight.has(i));
  for (const i of outliers) body += line(i, ORANGE, 0.95, "outlier");
  const shown = show === "all" ? series.count : chosen.length;
  const caption = `${title}: ${shown.toLocaleString("en")} series, ${outliers.length} of ${highlight.size} outliers`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width + 8}" height="${top + height + 6}" role="img" aria-label="${caption}" font-family="system-ui, sans-serif" data-shown="${shown}" data-outliers="${outliers.length}">` +
    `<title>${caption}</title><text x="0" y="14" font-size="12" fill="currentColor">${caption}</text>` +
    `<rect x="0" y="${top}" width="${width}" height="${height}" fill="none" stroke="#b0bec5"/>${body}</svg>`
  );
}

/** The smallest and largest value of the series. */
export function valueExtent(series) {
  let low = Infinity;
  let high = -Infinity;
  for (let k = 0; k < series.values.length; k++) {
    low = Math.min(low, series.values[k]);
    high = Math.max(high, series.values[k]);
  }
  return [low, high];
}
