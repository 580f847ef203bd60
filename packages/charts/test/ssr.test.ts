import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import {
  flowMap,
  polylineChart,
  influenceGrid,
  layerBundles,
  matrixHeatmap,
  packedRects,
  rankGraph,
  scatterPlot,
  uncertaintyGlyph,
} from "../src/index.js";
import { dataflowDag } from "../src/dataflow-dag.js";
import { renderToString } from "../src/ssr.js";
import {
  bundlesFixture,
  flowFixture,
  dataflowFixture,
  polylineFixture,
  glyphFixture,
  gridFixture,
  heatmapFixture,
  packedFixture,
  rankFixture,
  scatterFixture,
} from "./fixtures.js";
import { roundNumbers, xmlProblem } from "./well-formed.js";

const cases = [
  {
    name: "packed-rects",
    svg: () => renderToString(packedRects, packedFixture(), { width: 240, height: 240 }),
    marks: "g.item",
    count: 12,
  },
  {
    name: "matrix-heatmap",
    svg: () => renderToString(matrixHeatmap, heatmapFixture(), { width: 300, height: 220 }),
    marks: "g.cells rect",
    count: 24,
  },
  {
    name: "layer-bundles",
    svg: () => renderToString(layerBundles, bundlesFixture(), { width: 360, height: 200 }),
    marks: "g.curves path",
    count: 8,
  },
  {
    name: "influence-grid",
    svg: () => renderToString(influenceGrid, gridFixture(), { width: 200, height: 200, focus: 4, topK: 3 }),
    marks: "g.units rect",
    count: 9,
  },
  {
    name: "scatter-plot",
    svg: () => renderToString(scatterPlot, scatterFixture(), { width: 320, height: 220 }),
    marks: "g.points circle",
    count: 30,
  },
  {
    name: "polyline-chart",
    svg: () => renderToString(polylineChart, polylineFixture(), { width: 400, height: 240, selectedStep: 120 }),
    marks: "path.series",
    count: 9,
  },
  {
    name: "dataflow-dag",
    svg: () =>
      renderToString(dataflowDag, dataflowFixture(), {
        width: 600,
        height: 260,
        step: 500,
        window: 8,
        selected: "dense",
      }),
    marks: "g.layer",
    count: 5,
  },
  {
    name: "uncertainty-glyph",
    svg: () => renderToString(uncertaintyGlyph, glyphFixture(), { width: 240, height: 80 }),
    marks: "g.glyph",
    count: 3,
  },
  {
    name: "flow-map",
    svg: () => renderToString(flowMap, flowFixture(), { width: 300, height: 160 }),
    marks: "path.flow",
    count: 4,
  },
  {
    name: "rank-graph",
    svg: () => renderToString(rankGraph, rankFixture(), { width: 420, height: 320, selected: 5, seed: 1 }),
    marks: "circle.cluster",
    count: 6,
  },
];

/** The marks of an SVG string, read back with linkedom. */
function parse(svg: string) {
  const { document } = parseHTML(`<!doctype html><html><body>${svg}</body></html>`);
  return document.querySelector("svg") as unknown as SVGSVGElement;
}

describe("server-side rendering", () => {
  for (const c of cases) {
    it(`${c.name}: a well-formed standalone SVG with the expected marks, equal to its golden file`, () => {
      const svg = c.svg();
      expect(xmlProblem(svg)).toBeNull();
      expect(svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      const root = parse(svg);
      expect(root.querySelectorAll(c.marks).length).toBe(c.count);
      expect(root.getAttribute("data-empty")).toBeNull();
      expect(root.querySelector("title")?.textContent).toBeTruthy();
      // Golden files (reviewed when they change): UPDATE_GOLDEN=1 rewrites them.
      const file = new URL(`./golden/${c.name}.svg`, import.meta.url);
      const rounded = roundNumbers(svg);
      if (process.env.UPDATE_GOLDEN === "1" || !existsSync(file)) {
        expect(process.env.CI, `golden file ${c.name}.svg is missing`).toBeFalsy();
        writeFileSync(file, rounded + "\n");
      }
      expect(rounded + "\n").toBe(readFileSync(file, "utf8"));
    });
  }
});
