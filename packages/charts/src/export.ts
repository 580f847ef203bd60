import { ClearboxError, assertOptions, describeValue } from "@clearbox/core/internal";
import { SVG_NS } from "./frame.js";
import { serializeSvg } from "./serialize-svg.js";

/** Options of `exportPng`. */
export interface ExportPngOptions {
  /** Pixels per SVG unit: 2 gives a sharp image on a high-density screen or in print. Default 2. */
  scale?: number;
  /** A colour painted under the chart (e.g. the page's background). Default: none, a transparent PNG. */
  background?: string;
}

/** The presentation properties a chart's look depends on: copied from the computed style onto each element. */
const STYLED = [
  "fill",
  "fill-opacity",
  "stroke",
  "stroke-width",
  "stroke-opacity",
  "stroke-dasharray",
  "stroke-linejoin",
  "stroke-linecap",
  "paint-order",
  "opacity",
  "color",
  "font-family",
  "font-size",
  "font-weight",
  "text-anchor",
  "dominant-baseline",
  "image-rendering",
];

/** The largest side of an exported PNG, in pixels (Chromium's and Firefox's canvas limit is 16,384 or more). */
const MAX_SIDE = 16_384;

function assertChartSvg(svg: unknown): SVGSVGElement {
  const element = svg as SVGSVGElement | null;
  if (typeof svg !== "object" || element === null || element.namespaceURI !== SVG_NS || element.localName !== "svg") {
    throw new ClearboxError("E_TYPE", `svg must be an <svg> element (a chart), got ${describeValue(svg)}.`, {
      argument: "svg",
    });
  }
  const view = element.ownerDocument.defaultView;
  if (view === null || typeof view.getComputedStyle !== "function" || !element.isConnected) {
    throw new ClearboxError(
      "E_TYPE",
      "svg must be drawn in a page (exportSvg reads the styles the page computes; on a server, renderToString " +
        "already returns a standalone SVG).",
      { argument: "svg" },
    );
  }
  return element;
}

/** Pairs of elements in the same place of two trees of the same shape (an element and its deep clone). */
function* pairs(a: Element, b: Element): Generator<[Element, Element]> {
  yield [a, b];
  for (let k = 0; k < a.children.length; k++) yield* pairs(a.children[k], b.children[k]);
}

/** An image's `href` as a `data:` URL (fetched when it is not one already), so the file needs nothing outside it. */
async function inlineHref(href: string): Promise<string> {
  if (href.startsWith("data:")) return href;
  const response = await fetch(href);
  if (!response.ok) {
    throw new ClearboxError("E_FORMAT", `exportSvg could not fetch the image ${href} (HTTP ${response.status}).`, {
      argument: "svg",
    });
  }
  const blob = await response.blob();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

/** Canvas layers (a large heatmap, the faint lines under a polyline chart) become `<image>`s of their pixels. */
function rasterToImages(original: SVGSVGElement, copy: SVGSVGElement) {
  const originals = original.querySelectorAll("foreignObject");
  const copies = copy.querySelectorAll("foreignObject");
  originals.forEach((foreign, k) => {
    const canvas = foreign.querySelector("canvas");
    const target = copies[k];
    if (canvas === null || target === undefined) return;
    const image = copy.ownerDocument.createElementNS(SVG_NS, "image");
    for (const name of ["x", "y", "width", "height", "transform"]) {
      const value = foreign.getAttribute(name);
      if (value !== null) image.setAttribute(name, value);
    }
    image.setAttribute("preserveAspectRatio", "none");
    image.setAttribute("style", "image-rendering:pixelated");
    image.setAttribute("href", canvas.toDataURL("image/png"));
    target.replaceWith(image);
  });
}

/**
 * A chart drawn in a page as a standalone SVG file: every element's look (fills, strokes, fonts, the theme's CSS
 * custom properties as the page resolves them — a dark page's colours included) written onto it as an inline style,
 * canvas layers turned into images, and every image inlined as a `data:` URL, so the file looks the same opened
 * anywhere. The interactive parts are dropped (keyboard focus ring, tabindex, the chart's own stylesheet); the text
 * is escaped as `renderToString`'s is.
 *
 * @param svg - A chart's SVG element, in the page (what every chart returns).
 * @returns The SVG file's text.
 * @throws `E_TYPE` when `svg` is not an `<svg>` drawn in a page; `E_FORMAT` when an image cannot be fetched.
 * @example
 * // Fragment
 * const svg = scatterPlot(element, data);
 * const text = await exportSvg(svg);
 * download(new Blob([text], { type: "image/svg+xml" }), "scatter.svg");
 */
export async function exportSvg(svg: SVGSVGElement): Promise<string> {
  const original = assertChartSvg(svg);
  const view = original.ownerDocument.defaultView as Window;
  const copy = original.cloneNode(true) as SVGSVGElement;
  for (const [from, to] of pairs(original, copy)) {
    const computed = view.getComputedStyle(from);
    const inline = STYLED.map((name) => `${name}:${computed.getPropertyValue(name)}`).filter((d) => !d.endsWith(":"));
    if (computed.display === "none") inline.push("display:none");
    to.setAttribute("style", inline.join(";"));
  }
  rasterToImages(original, copy);
  copy.querySelectorAll("style, .cb-focus-ring").forEach((node) => node.remove());
  copy.removeAttribute("tabindex");
  copy.removeAttribute("aria-keyshortcuts");
  copy.removeAttribute("aria-roledescription");
  copy.setAttribute("role", "img");
  for (const image of copy.querySelectorAll("image")) {
    const href = image.getAttribute("href") ?? image.getAttribute("xlink:href");
    if (href !== null) image.setAttribute("href", await inlineHref(href));
  }
  return serializeSvg(copy);
}

/**
 * A chart drawn in a page as a PNG: `exportSvg`'s standalone file drawn on a canvas at `scale` pixels per unit.
 *
 * @param svg - A chart's SVG element, in the page.
 * @param options - `scale` (default 2), `background` (default transparent).
 * @returns A PNG `Blob`, (width · scale) × (height · scale) pixels.
 * @throws `E_TYPE` when `svg` is not an `<svg>` drawn in a page; `E_OPTION` for an unknown key or a scale that is
 *   not a finite number > 0; `E_TOO_LARGE` past 16,384 pixels a side; `E_FORMAT` when an image cannot be fetched or
 *   the browser cannot draw the file.
 * @example
 * // Fragment
 * const png = await exportPng(heatmapSvg, { scale: 3, background: "#fff" });
 */
export async function exportPng(svg: SVGSVGElement, options?: ExportPngOptions): Promise<Blob> {
  const checked = assertOptions(options, "options", { scale: true, background: true });
  const scale = checked.scale ?? 2;
  if (typeof scale !== "number" || !Number.isFinite(scale) || scale <= 0) {
    throw new ClearboxError("E_OPTION", `options.scale must be a finite number > 0, got ${describeValue(scale)}.`, {
      argument: "options.scale",
    });
  }
  const element = assertChartSvg(svg);
  const width = Math.round(element.width.baseVal.value * scale);
  const height = Math.round(element.height.baseVal.value * scale);
  if (width > MAX_SIDE || height > MAX_SIDE || width < 1 || height < 1) {
    throw new ClearboxError(
      "E_TOO_LARGE",
      `exportPng would draw ${width} × ${height} pixels; each side must be 1 … ${MAX_SIDE} (lower options.scale).`,
      { argument: "options.scale" },
    );
  }
  const text = await exportSvg(element);
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
  await image.decode().catch(() => {
    throw new ClearboxError("E_FORMAT", "exportPng: the browser could not draw the exported SVG.", { argument: "svg" });
  });
  const canvas = element.ownerDocument.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext("2d") as CanvasRenderingContext2D;
  if (checked.background !== undefined) {
    context.fillStyle = checked.background;
    context.fillRect(0, 0, width, height);
  }
  context.drawImage(image, 0, 0, width, height);
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) =>
      blob === null
        ? reject(new ClearboxError("E_FORMAT", "exportPng: the canvas gave no PNG.", { argument: "svg" }))
        : resolve(blob),
    ),
  );
}
