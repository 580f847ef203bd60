/**
 * A minimal SVG scatter plot for stories, until @clearbox/charts exists: points coloured by group, a legend,
 * an accessible title. Plain DOM, no dependencies.
 */
const SVG = "http://www.w3.org/2000/svg";
/** Tableau 10 followed by darker variants: distinct colours for up to 20 groups. */
const PALETTE = [
  "#4e79a7",
  "#f28e2b",
  "#e15759",
  "#76b7b2",
  "#59a14f",
  "#edc948",
  "#b07aa1",
  "#ff9da7",
  "#9c755f",
  "#bab0ac",
  "#2b5d8a",
  "#c46a12",
  "#a83234",
  "#4c8a86",
  "#3a7534",
  "#b99a20",
  "#7e4f72",
  "#d46a78",
  "#6d4f3d",
  "#7f7770",
];

export interface ScatterOptions {
  width?: number;
  height?: number;
  title: string;
  groupLabel?: (group: number) => string;
}

export function scatterPlot(points: number[][], groups: ArrayLike<number>, options: ScatterOptions): SVGSVGElement {
  const { width = 520, height = 400, title } = options;
  const legendWidth = 110;
  const margin = 12;
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("xmlns", SVG);
  svg.setAttribute("width", String(width));
  svg.setAttribute("height", String(height));
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", title);
  const titleElement = document.createElementNS(SVG, "title");
  titleElement.textContent = title;
  svg.append(titleElement);

  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  const plotWidth = width - legendWidth - 2 * margin;
  const plotHeight = height - 2 * margin;
  const sx = (x: number) => margin + ((x - x0) / (x1 - x0 || 1)) * plotWidth;
  const sy = (y: number) => margin + plotHeight - ((y - y0) / (y1 - y0 || 1)) * plotHeight;

  const dots = document.createElementNS(SVG, "g");
  dots.setAttribute("class", "points");
  points.forEach((p, i) => {
    const circle = document.createElementNS(SVG, "circle");
    circle.setAttribute("cx", sx(p[0]).toFixed(2));
    circle.setAttribute("cy", sy(p[1]).toFixed(2));
    circle.setAttribute("r", "2.5");
    circle.setAttribute("fill", PALETTE[groups[i] % PALETTE.length]);
    circle.setAttribute("fill-opacity", "0.75");
    circle.dataset.group = String(groups[i]);
    dots.append(circle);
  });
  svg.append(dots);

  const legend = document.createElementNS(SVG, "g");
  legend.setAttribute("class", "legend");
  const distinct = [...new Set(Array.from(groups))].sort((a, b) => a - b);
  distinct.forEach((group, row) => {
    const y = margin + 8 + row * 18;
    const swatch = document.createElementNS(SVG, "rect");
    swatch.setAttribute("x", String(width - legendWidth + 8));
    swatch.setAttribute("y", String(y - 6));
    swatch.setAttribute("width", "10");
    swatch.setAttribute("height", "10");
    swatch.setAttribute("fill", PALETTE[group % PALETTE.length]);
    const label = document.createElementNS(SVG, "text");
    label.setAttribute("x", String(width - legendWidth + 24));
    label.setAttribute("y", String(y + 3));
    label.setAttribute("font-size", "12");
    label.setAttribute("font-family", "system-ui, sans-serif");
    label.textContent = options.groupLabel ? options.groupLabel(group) : `cluster ${group}`;
    legend.append(swatch, label);
  });
  svg.append(legend);
  return svg;
}
