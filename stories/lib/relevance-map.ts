/**
 * An 8 × 8 (or any h × w) grid of relevance on a diverging ramp for stories, until @clearbox/charts exists: red for
 * evidence for the explained output, blue against, white for none, symmetric around 0. Each cell carries its value in
 * `data-value`. Plain DOM.
 */
const SVG = "http://www.w3.org/2000/svg";

export function relevanceMap(
  values: ArrayLike<number>,
  options: { title: string; rows: number; columns: number; cell?: number; signed?: boolean },
): SVGSVGElement {
  const cell = options.cell ?? 22;
  const signed = options.signed ?? true;
  let high = 0;
  for (let i = 0; i < values.length; i++) high = Math.max(high, Math.abs(values[i]));
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("width", String(options.columns * cell));
  svg.setAttribute("height", String(options.rows * cell));
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", options.title);
  const title = document.createElementNS(SVG, "title");
  title.textContent = options.title;
  svg.append(title);
  for (let r = 0; r < options.rows; r++) {
    for (let c = 0; c < options.columns; c++) {
      const v = values[r * options.columns + c];
      const t = high > 0 ? Math.abs(v) / high : 0;
      const shade = (from: number) => Math.round(255 - (255 - from) * t);
      const fill = !signed
        ? `rgb(${shade(20)},${shade(20)},${shade(20)})`
        : v >= 0
          ? `rgb(${shade(200)},${shade(30)},${shade(40)})`
          : `rgb(${shade(30)},${shade(80)},${shade(200)})`;
      const rect = document.createElementNS(SVG, "rect");
      rect.setAttribute("x", String(c * cell));
      rect.setAttribute("y", String(r * cell));
      rect.setAttribute("width", String(cell));
      rect.setAttribute("height", String(cell));
      rect.setAttribute("fill", fill);
      rect.dataset.value = String(v);
      svg.append(rect);
    }
  }
  return svg;
}
