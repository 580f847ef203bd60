// Pieces of the example apps' reports (examples/*/demo.mjs): escaped text, tables, views rendered to SVG, timings.
import { renderToString } from "@clearbox/charts/ssr";

/** Text made safe for HTML. */
export const escapeHtml = (text) =>
  String(text).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

/** A table of escaped cells. */
export const htmlTable = (headings, rows) =>
  `<table><thead><tr>${headings.map((h) => `<th>${escapeHtml(h)}</th>`).join("")}</tr></thead><tbody>${rows
    .map((cells) => `<tr>${cells.map((c) => `<td>${escapeHtml(c)}</td>`).join("")}</tr>`)
    .join("")}</tbody></table>`;

/** A view `{ chart, data, options }` (as the apps' views.mjs make them) as an SVG string. */
export const renderView = ({ chart, data, options }) => renderToString(chart, data, options);
