import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isClearboxError } from "@clearbox/core";
import {
  flowMapDefaults,
  influenceGridDefaults,
  layerBundlesDefaults,
  matrixHeatmapDefaults,
  packedRectsDefaults,
  polylineChartDefaults,
  rankGraphDefaults,
  scatterPlotDefaults,
  uncertaintyGlyphDefaults,
} from "../src/index.js";
import { checksOf, keysOf, optionsTable, withDefaults } from "../src/defaults.js";
import type { ChartDefaults } from "../src/defaults.js";
import type { ScatterOptions } from "../src/index.js";
import { matrixHeatmap, polylineChart, scatterPlot } from "../src/index.js";
import { renderToString } from "../src/ssr.js";
import { dataflowDagDefaults } from "../src/dataflow-dag.js";

// Each migrated chart's DEFAULTS is the one place its option keys, defaults, allowed values and docs table are
// written: the keys the chart accepts, the values it refuses, and the table on its docs page all come from it.
const charts = [
  { page: "dataflow-dag", defaults: dataflowDagDefaults as ChartDefaults<object> },
  { page: "flow-map", defaults: flowMapDefaults as ChartDefaults<object> },
  { page: "influence-grid", defaults: influenceGridDefaults as ChartDefaults<object> },
  { page: "layer-bundles", defaults: layerBundlesDefaults as ChartDefaults<object> },
  { page: "packed-rects", defaults: packedRectsDefaults as ChartDefaults<object> },
  { page: "matrix-heatmap", defaults: matrixHeatmapDefaults as ChartDefaults<object> },
  { page: "polyline-chart", defaults: polylineChartDefaults as ChartDefaults<object> },
  { page: "rank-graph", defaults: rankGraphDefaults as ChartDefaults<object> },
  { page: "scatter-plot", defaults: scatterPlotDefaults as ChartDefaults<object> },
  { page: "uncertainty-glyph", defaults: uncertaintyGlyphDefaults as ChartDefaults<object> },
];

/** The options table of a docs page: its `| \`key\` | … |` rows after the `| option | default | what |` header. */
function tableOf(markdown: string): { rows: string[]; start: number; end: number } {
  const lines = markdown.split("\n");
  const header = lines.findIndex((line) => /^\| option\s+\| default\s+\| what/.test(line));
  let end = header + 2;
  while (end < lines.length && lines[end].startsWith("|")) end++;
  return { rows: lines.slice(header + 2, end), start: header, end };
}
const normal = (row: string) => row.replace(/\s+/g, " ").replace(/ \|/g, "|").trim();

describe("DEFAULTS: one source for keys, checks and the docs table", () => {
  it.each(charts)(
    "$page's docs table is its DEFAULTS' table (UPDATE_DOCS_TABLES=1 rewrites it)",
    ({ page, defaults }) => {
      const file = new URL(`../../../docs/charts/${page}.md`, import.meta.url);
      const markdown = readFileSync(file, "utf8");
      const table = tableOf(markdown);
      const expected = optionsTable(defaults);
      if (process.env.UPDATE_DOCS_TABLES === "1") {
        const lines = markdown.split("\n");
        const rows = ["| option | default | what |", "| --- | --- | --- |", ...expected];
        lines.splice(table.start, table.end - table.start, ...rows);
        writeFileSync(file, lines.join("\n"));
        return;
      }
      expect(table.rows.map(normal)).toEqual(expected.map(normal));
    },
  );

  it("the keys and checks the charts apply come from it: a value outside the choices names them", () => {
    expect(Object.keys(keysOf(polylineChartDefaults))).toContain("context");
    expect(checksOf(polylineChartDefaults).choices).toEqual({
      context: ["lines", "density", "none"],
      offThread: ["auto", "always", "never"],
    });
    const series = { series: [[1, 2, 3]] };
    let thrown: unknown;
    try {
      renderToString(polylineChart, series, { context: "densty" as never });
    } catch (error) {
      thrown = error;
    }
    expect(isClearboxError(thrown) && thrown.code).toBe("E_OPTION");
    expect((thrown as Error).message).toBe('options.context must be one of "lines", "density", "none", got "densty".');
    expect(() => renderToString(matrixHeatmap, { values: [[1]] }, { palette: "rainbow" as never })).toThrow(
      /options.palette must be one of "blue-red", "red-green"/,
    );
    expect(() => renderToString(scatterPlot, { points: [[0, 0]] }, { radius: -1 })).toThrow(/options.radius/);
  });

  it("fills defaults into a new object, leaving the caller's untouched", () => {
    const given: ScatterOptions = { radius: undefined, title: "t" };
    const filled = withDefaults(given, scatterPlotDefaults);
    expect(filled.radius).toBe(2.5);
    expect(filled.groupLabel(3)).toBe("group 3");
    expect(given).toEqual({ radius: undefined, title: "t" });
    // Drawn with the defaults: the same SVG as with them written out.
    const data = {
      points: [
        [0, 0],
        [1, 2],
      ] as [number, number][],
    };
    expect(renderToString(scatterPlot, data, {})).toBe(renderToString(scatterPlot, data, { radius: 2.5 }));
  });
});
