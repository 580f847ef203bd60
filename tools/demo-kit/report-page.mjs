// The self-contained HTML page of one example's report: its sections (inline SVG), the timings and the data's source.
import { escapeHtml as escape } from "./report-html.mjs";

/**
 * @param {{ title: string, lead: string, sections: { heading: string, html: string }[], timings: [string, number][], source: string }} report
 * @param {{ app: string, seconds: number, fast: boolean }} run
 */
export function reportPage(report, { app, seconds, fast }) {
  const timings = report.timings
    .map(([label, s]) => `<tr><td>${escape(label)}</td><td>${s.toFixed(2)} s</td></tr>`)
    .join("");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escape(report.title)}</title>
<style>
  body { font: 14px/1.5 system-ui, sans-serif; margin: 24px auto; max-width: 1100px; padding: 0 16px; color: #222; }
  h1 { font-size: 22px; margin-bottom: 4px; }
  h2 { font-size: 17px; margin-top: 32px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
  table { border-collapse: collapse; margin: 8px 0; font-size: 13px; }
  th, td { border-bottom: 1px solid #e4e4e4; padding: 3px 10px 3px 0; text-align: left; vertical-align: top; }
  td:not(:first-child) { font-variant-numeric: tabular-nums; }
  .row { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
  .meta { color: #666; font-size: 12px; }
  svg { max-width: 100%; height: auto; }
</style>
</head>
<body>
<h1>${escape(report.title)}</h1>
<p>${escape(report.lead)}</p>
${report.sections.map((s) => `<section><h2>${escape(s.heading)}</h2>\n${s.html}\n</section>`).join("\n")}
<section><h2>Timings</h2>
<table><tbody>${timings}<tr><th>whole pipeline</th><th>${seconds.toFixed(1)} s</th></tr></tbody></table>
<p class="meta">Written by <code>pnpm demo${fast ? " --fast" : ""}</code> (examples/${escape(app)}/demo.mjs) on ${new Date().toISOString().slice(0, 10)}.</p>
</section>
<section><h2>Data</h2><p>${escape(report.source)}</p></section>
</body>
</html>
`;
}
