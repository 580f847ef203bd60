import { parseHTML } from "linkedom";
import { ClearboxError, describeValue } from "@clearbox/core/internal";
import type { BaseChartOptions, ChartElement } from "./frame.js";
import { serializeSvg } from "./serialize-svg.js";

export { escapeMarkup, serializeSvg } from "./serialize-svg.js";

/** Any chart of this package: `(container, data, options) → SVG`. */
export type Chart<D, O extends BaseChartOptions> = (container: Element, data: D, options?: O) => ChartElement;

/**
 * Render a chart to an SVG string in Node (or anywhere without a DOM), on linkedom's document: the same chart code as
 * in a browser, so the string has the marks the browser would draw (no interaction). Give `width` and `height`: there
 * is no container to measure.
 *
 * @param chart - One of the charts, e.g. `matrixHeatmap`.
 * @param data - The chart's data.
 * @param options - The chart's options (without `document`).
 * @returns A standalone SVG document (with `xmlns`), ready to write to a `.svg` file or inline in HTML: it parses as
 *   XML, and every attribute value and text is escaped for HTML and XML alike (`& < > " '`), so data placed in titles,
 *   labels or ids cannot close an enclosing `<noscript>`, `<textarea>` or `<title>` (see {@link serializeSvg}).
 * @throws `E_TYPE` when `chart` is not a function; whatever the chart throws for bad options.
 * @example
 * import { matrixHeatmap } from "@clearbox/charts";
 * import { renderToString } from "@clearbox/charts/ssr";
 * const svg = renderToString(matrixHeatmap, { values: [[1, 2], [3, 4]] }, { width: 200, height: 120 });
 * svg.startsWith("<svg"); // => true
 */
export function renderToString<D, O extends BaseChartOptions>(chart: Chart<D, O>, data: D, options?: O): string {
  if (typeof chart !== "function") {
    throw new ClearboxError("E_TYPE", `chart must be one of the chart functions, got ${describeValue(chart)}.`, {
      argument: "chart",
    });
  }
  const { document } = parseHTML("<!doctype html><html><body><div></div></body></html>");
  const container = document.querySelector("div") as unknown as Element;
  const svg = chart(container, data, { ...(options as O), document: document as unknown as Document });
  return serializeSvg(svg);
}
