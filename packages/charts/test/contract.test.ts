import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { isClearboxError } from "@clearbox/core";
import { color as parseColor } from "d3-color";
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
import { readPng } from "./png-reader.js";

function page() {
  const { document } = parseHTML("<!doctype html><html><body><div id=a></div></body></html>");
  return { document: document as unknown as Document, container: document.querySelector("#a") as unknown as Element };
}

const charts = [
  { name: "packedRects", chart: packedRects, data: packedFixture, marks: "g.item" },
  { name: "matrixHeatmap", chart: matrixHeatmap, data: heatmapFixture, marks: "g.cells rect" },
  { name: "layerBundles", chart: layerBundles, data: bundlesFixture, marks: "g.curves path" },
  { name: "influenceGrid", chart: influenceGrid, data: gridFixture, marks: "g.units rect" },
  { name: "scatterPlot", chart: scatterPlot, data: scatterFixture, marks: "g.points circle" },
  { name: "polylineChart", chart: polylineChart, data: polylineFixture, marks: "path.series" },
  { name: "dataflowDag", chart: dataflowDag, data: dataflowFixture, marks: "g.layer" },
  { name: "uncertaintyGlyph", chart: uncertaintyGlyph, data: glyphFixture, marks: "g.glyph" },
  { name: "flowMap", chart: flowMap, data: flowFixture, marks: "path.flow" },
  { name: "rankGraph", chart: rankGraph, data: rankFixture, marks: "circle.cluster" },
] as const;

type AnyChart = (container: unknown, data: unknown, options?: object) => SVGSVGElement & { destroy(): void };

const badData: Record<string, unknown[]> = {
  packedRects: [
    { width: 10, height: 10, placements: [] },
    { width: NaN, height: 1, placements: [{ index: 0, x: 0, y: 0, width: 1, height: 1 }] },
    { ...packedFixture(), importance: [1, 2] },
  ],
  matrixHeatmap: [
    { values: [] },
    { values: [[1, NaN]] },
    { values: [[1, 2], [3]] },
    { ...heatmapFixture(), rowOrder: [0, 0, 1, 2, 3, 4] },
  ],
  layerBundles: [
    { ...bundlesFixture(), pairs: [] },
    { ...bundlesFixture(), layers: [{ positions: [NaN] }, { positions: [1] }] },
  ],
  influenceGrid: [{ values: [] }, { values: [1, NaN] }, { values: [1, 2], influences: [[1, 2]] }],
  scatterPlot: [{ points: [] }, { points: [[0, NaN]] }, { points: [[0, 1]], groups: [0, 1] }],
  polylineChart: [
    { series: [] },
    { series: [[1, 2], [1]] },
    { series: [[1, NaN]] },
    { series: [[1]] },
    { series: [[1, 2]], steps: [2, 1] },
  ],
  dataflowDag: [
    { steps: [1, 2], nodes: [] },
    {
      steps: [1, 2],
      nodes: [
        { id: "a", parents: ["b"] },
        { id: "b", parents: ["a"] },
      ],
    },
    { steps: [1, 2], nodes: [{ id: "a", parents: ["zz"] }] },
    { steps: [1, 2], nodes: [{ id: "a", series: { min: [0, 1], mean: [0, NaN], max: [1, 2] } }] },
    { steps: [1, 2], nodes: [{ id: "a" }, { id: "a" }] },
  ],
  uncertaintyGlyph: [
    { items: [] },
    { items: [{ values: [0.2, NaN] }] },
    { items: [{ values: [0.5, 3] }] },
    { items: [{ stats: { min: 0.5, q1: 0.2, q3: 0.6, max: 0.9 } }] },
  ],
  flowMap: [
    { nodes: [], flows: [] },
    { ...flowFixture(), flows: [{ from: 0, to: 9, flow: 1 }] },
    { nodes: [[0, NaN]], flows: [] },
  ],
  rankGraph: [
    { clusters: [] },
    { clusters: [{ importance: NaN }] },
    { ...rankFixture(), links: [{ source: 0, target: 99 }] },
  ],
};

describe("the renderer contract", () => {
  for (const { name, chart, data, marks } of charts) {
    const draw = chart as unknown as AnyChart;
    it(`${name}: a second call updates the same SVG in place; destroy() removes it`, () => {
      const { document, container } = page();
      const svg = draw(container, data(), { width: 300, height: 240, document });
      const before = svg.querySelectorAll(marks).length;
      expect(before).toBeGreaterThan(0);
      const again = draw(container, data(), { width: 400, height: 300, document, title: "Again" });
      expect(again).toBe(svg);
      expect(container.querySelectorAll("svg.clearbox-chart").length).toBe(1);
      expect(svg.querySelectorAll(marks).length).toBe(before);
      expect(svg.getAttribute("width")).toBe("400");
      expect(svg.getAttribute("aria-label")).toBe("Again");
      svg.destroy();
      expect(container.querySelectorAll("svg.clearbox-chart").length).toBe(0);
    });

    it(`${name}: bad data draws an empty state with a message, never a throw`, () => {
      for (const bad of [undefined, null, 42, "text", {}, ...badData[name]]) {
        const { document, container } = page();
        const svg = draw(container, bad, { width: 200, height: 100, document });
        expect(svg.getAttribute("data-empty")).toBe("true");
        expect(svg.querySelector(".empty-state")?.textContent?.length).toBeGreaterThan(5);
        expect(svg.querySelectorAll(marks).length).toBe(0);
        // And good data afterwards brings the chart back.
        draw(container, data(), { width: 200, height: 100, document });
        expect(svg.getAttribute("data-empty")).toBeNull();
        expect(svg.querySelectorAll(marks).length).toBeGreaterThan(0);
      }
    });

    it(`${name}: a missing container, an unknown option or a bad size is a ClearboxError naming it`, () => {
      const { document, container } = page();
      const codes = (run: () => unknown) => {
        try {
          run();
        } catch (error) {
          expect(isClearboxError(error)).toBe(true);
          return [(error as { code: string }).code, (error as { argument: string }).argument];
        }
        return null;
      };
      expect(codes(() => draw(null, data(), { document }))).toEqual(["E_TYPE", "container"]);
      expect(codes(() => draw(container, data(), { document, widht: 3 }))).toEqual(["E_OPTION", "options.widht"]);
      expect(codes(() => draw(container, data(), { document, height: -1 }))).toEqual(["E_RANGE", "options.height"]);
      expect(codes(() => draw(container, data(), { document, onHover: 3 }))).toEqual(["E_TYPE", "options.onHover"]);
    });
  }
});

const luminance = (fill: string | null) => {
  const c = parseColor(fill ?? "")?.rgb();
  if (!c) throw new Error(`not a colour: ${fill}`);
  return 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b;
};

describe("encodings", () => {
  it("matrixHeatmap: the darkest cell holds the largest value, rows follow rowOrder", () => {
    const { document, container } = page();
    const svg = matrixHeatmap(container, heatmapFixture(), { width: 300, height: 220, document });
    const cells = [...svg.querySelectorAll("g.cells rect")];
    const darkest = cells.reduce((a, b) =>
      luminance(b.getAttribute("fill")) < luminance(a.getAttribute("fill")) ? b : a,
    );
    expect(Number(darkest.getAttribute("data-value"))).toBe(0.95);
    expect(cells.map((c) => Number(c.getAttribute("data-row"))).filter((_, i) => i % 4 === 0)).toEqual([
      3, 0, 5, 1, 4, 2,
    ]);
  });

  it("matrixHeatmap: a large matrix without a canvas is averaged in blocks, drawn as one PNG image", () => {
    const { document, container } = page();
    // Rows 0–99 are 0, the rest 1: the image's top third is light, the rest dark.
    const values = {
      rows: 300,
      columns: 400,
      data: Float64Array.from({ length: 120_000 }, (_, i) => (i < 40_000 ? 0 : 1)),
    };
    const svg = matrixHeatmap(container, { values }, { width: 500, height: 400, document, scheme: "sequential" });
    // 300 × 400 cells in a 428 × 384 px plot (cells 1.07 px wide): blocks of at least 4 px, i.e. 4 × 4 cells.
    expect(svg.querySelector("g.cells")?.getAttribute("data-mode")).toBe("averaged 4 × 4");
    expect(svg.querySelectorAll("g.cells rect").length).toBe(0);
    const href = svg.querySelector("g.cells image")?.getAttribute("href") ?? "";
    // A PNG (signature checked by readPng) of 100 × 75 pixels (one per block), whose zlib stream inflates to them.
    const png = readPng(href);
    expect([png.width, png.height]).toEqual([100, 75]);
    const { raw } = png;
    expect(raw.length).toBe(75 * (1 + 3 * 100));
    const pixel = (x: number, y: number) => raw[y * 301 + 1 + 3 * x];
    expect(pixel(50, 10)).toBeGreaterThan(pixel(50, 60));
  });

  it("packedRects: the largest rectangle is the most important item; unselected classes turn translucent", () => {
    const { document, container } = page();
    const data = packedFixture();
    const svg = packedRects(container, data, { width: 240, height: 240, document, selectedClasses: [0] });
    const items = [...svg.querySelectorAll("g.item")];
    const area = (g: Element) =>
      Number(g.querySelector("rect")?.getAttribute("width")) * Number(g.querySelector("rect")?.getAttribute("height"));
    const largest = items.reduce((a, b) => (area(b) > area(a) ? b : a));
    const importance = data.importance as number[];
    expect(Number(largest.getAttribute("data-index"))).toBe(importance.indexOf(Math.max(...importance)));
    for (const g of items) {
      const cls = (data.classes as number[])[Number(g.getAttribute("data-index"))];
      expect(g.getAttribute("opacity")).toBe(cls === 0 ? "1" : "0.2");
    }
  });

  it("influenceGrid: the focus draws its topK strongest influences, coloured by sign", () => {
    const { document, container } = page();
    const data = gridFixture();
    const svg = influenceGrid(container, data, { width: 200, height: 200, document, focus: 4, topK: 3 });
    const edges = [...svg.querySelectorAll("g.edges path")];
    const incoming = Array.from((data.influences as number[][])[4]);
    const expected = incoming
      .map((v, i) => [v, i] as const)
      .filter(([, i]) => i !== 4)
      .sort((a, b) => Math.abs(b[0]) - Math.abs(a[0]))
      .slice(0, 3);
    expect(edges.map((e) => Number(e.getAttribute("data-source"))).sort()).toEqual(expected.map(([, i]) => i).sort());
    for (const e of edges) {
      const v = incoming[Number(e.getAttribute("data-source"))];
      expect(e.getAttribute("class")).toBe(v > 0 ? "cb-positive" : "cb-negative");
    }
  });

  it("layerBundles: minWeight hides the weaker curves", () => {
    const { document, container } = page();
    const svg = layerBundles(container, bundlesFixture(), { width: 360, height: 200, document });
    const all = svg.querySelectorAll("g.curves path").length;
    layerBundles(container, bundlesFixture(), { width: 360, height: 200, document, minWeight: 0.45 });
    const strong = svg.querySelectorAll("g.curves path").length;
    expect(strong).toBeLessThan(all);
    expect(strong).toBeGreaterThan(0);
  });
});

describe("encodings, part 2", () => {
  it("uncertaintyGlyph: the thick arc spans the quartiles, the thin one min to max", () => {
    const { document, container } = page();
    const svg = uncertaintyGlyph(container, glyphFixture(), { width: 240, height: 80, document });
    const users = svg.querySelectorAll("g.glyph")[1];
    expect([
      users.getAttribute("data-min"),
      users.getAttribute("data-q1"),
      users.getAttribute("data-q3"),
      users.getAttribute("data-max"),
    ]).toEqual(["0", "0.4", "0.6", "1"]);
    // The whisker runs all the way round (0 → 1), the box over a fifth of the circle (0.4 → 0.6).
    const arcLength = (d: string | null) => Number(/A[\d.]+,[\d.]+,0,([01]),/.exec(d ?? "")?.[1] ?? -1);
    expect(users.querySelector("path.box")?.getAttribute("d")).toContain("A");
    expect(arcLength(users.querySelector("path.box")?.getAttribute("d") ?? null)).toBe(0);
  });

  it("rankGraph: the same seed gives the same picture; a selected cluster draws exactly its flows; larger importance, larger node", () => {
    const draw = (seed: number, selected?: number) => {
      const { document, container } = page();
      return rankGraph(container, rankFixture(), { width: 420, height: 320, document, seed, selected });
    };
    expect(draw(1, 5).outerHTML).toBe(draw(1, 5).outerHTML);
    expect(draw(1).outerHTML).not.toBe(draw(2).outerHTML);
    const svg = draw(1, 5);
    const flows = [...svg.querySelectorAll("path.flow")];
    expect(flows.map((f) => f.getAttribute("data-from"))).toEqual(["5", "5", "5"]);
    const radius = (i: number) => Number(svg.querySelector(`circle.cluster[data-index="${i}"]`)?.getAttribute("r"));
    for (let i = 1; i < 6; i++) expect(radius(i)).toBeGreaterThan(radius(i - 1));
    // Every representative gets a dot; its name only where there is room (no overlaps).
    expect(svg.querySelectorAll("g.representatives circle").length).toBe(6 * 3);
    const names = svg.querySelectorAll("g.representative-labels text").length;
    expect(names).toBeGreaterThan(0);
    expect(names).toBeLessThanOrEqual(6 * 3);
    expect(svg.querySelectorAll("g.density path").length).toBeGreaterThan(0);
    expect(svg.querySelectorAll("g.cells path").length).toBe(6);
  });

  it("flowMap: bundled flows bend, straight ones do not; widths follow the flow", () => {
    const { document, container } = page();
    const svg = flowMap(container, flowFixture(), { width: 300, height: 160, document });
    const widths = [...svg.querySelectorAll("path.flow")].map((p) => [
      Number(p.getAttribute("data-from")),
      Number(p.getAttribute("data-to")),
      Number(p.getAttribute("stroke-width")),
    ]);
    const width = (from: number, to: number) => widths.find(([f, t]) => f === from && t === to)?.[2] ?? 0;
    expect(width(0, 2)).toBeGreaterThan(width(1, 3));
    expect(width(1, 3)).toBeGreaterThan(width(0, 3));
    const straight = flowMap(page().container, flowFixture(), { width: 300, height: 160, document, bundle: false });
    const points = (svg: Element) => svg.querySelector("path.flow")?.getAttribute("d")?.split(/[MLC]/).length ?? 0;
    expect(points(straight)).toBeLessThan(points(svg));
  });
});

describe("polylineChart", () => {
  it("draws the highlighted series and outliers as lines, the rest as a density raster server-side, and focuses a range", () => {
    const { document, container } = page();
    const data = polylineFixture();
    const svg = polylineChart(container, data, { width: 400, height: 240, document });
    expect(svg.querySelectorAll("path.series").length).toBe(9);
    expect(svg.querySelectorAll("path.outlier").length).toBe(1);
    expect(svg.querySelector("g.context")?.getAttribute("data-mode")).toBe("density raster");
    expect(svg.querySelectorAll("g.context rect").length).toBeGreaterThan(10);
    expect(svg.getAttribute("data-range")).toBe("0,290");
    // A focused range: the axis and lines follow; an update keeps one SVG.
    polylineChart(container, data, { width: 400, height: 240, document, range: [100, 200] });
    expect(svg.getAttribute("data-range")).toBe("100,200");
    expect(container.querySelectorAll("svg.clearbox-chart").length).toBe(1);
    const ticks = [...svg.querySelectorAll("g.x-axis .tick text")].map((t) => Number(t.textContent));
    expect(Math.min(...ticks)).toBeGreaterThanOrEqual(100);
    expect(Math.max(...ticks)).toBeLessThanOrEqual(200);
  });

  it("reads blue-noise's { values, count, length } blocks as well as rows", () => {
    const { document, container } = page();
    const rows = polylineFixture().series as number[][];
    const block = { values: Float32Array.from(rows.flat()), count: rows.length, length: rows[0].length };
    const svg = polylineChart(container, { series: block, highlight: [0, 1] }, { width: 300, height: 200, document });
    expect(svg.getAttribute("data-empty")).toBeNull();
    expect(svg.querySelectorAll("path.series").length).toBe(2);
  });

  it("DenseLines: a series adds exactly 1 to every column it crosses, also where its segments meet", async () => {
    const { denseLines } = await import("../src/dense-lines.js");
    // One series over 8 steps at fractional x positions (segments meet inside columns), zigzagging.
    const x = [0, 2.5, 5.2, 7.7, 10.1, 12.6, 15.3, 19.9];
    const raster = denseLines([1, 8, 2, 7, 3, 6, 4, 5], [0], 8, x, { offset: 0, slope: 1 }, 20, 10);
    for (let c = 0; c < 20; c++) {
      let column = 0;
      for (let r = 0; r < 10; r++) column += raster[r * 20 + c];
      expect(column).toBeCloseTo(1, 6);
    }
  });

  it("DenseLines: a steep line adds as much to a column as a flat one", async () => {
    const { denseLines } = await import("../src/dense-lines.js");
    // Two series over two steps in a 4 × 10 raster: flat along row 1, and steep from row 0 to row 9.
    const raster = denseLines([1, 1, 0, 9.99], [0, 1], 2, [0, 4], { offset: 0, slope: 1 }, 4, 10);
    for (let c = 0; c < 4; c++) {
      let column = 0;
      for (let r = 0; r < 10; r++) column += raster[r * 4 + c];
      expect(column).toBeCloseTo(2, 6);
    }
  });
});

describe("dataflowDag", () => {
  it("lays the layers out left to right, marks the step and its window, and names a cycle", () => {
    const { document, container } = page();
    const svg = dataflowDag(container, dataflowFixture(), { width: 600, height: 260, document, step: 500, window: 8 });
    const x = (id: string) =>
      Number(
        /translate\(([-\d.]+)/.exec(
          svg.querySelector(`g.layer[data-id="${id}"]`)?.getAttribute("transform") ?? "",
        )?.[1],
      );
    expect(x("noise")).toBeLessThan(x("dense"));
    expect(x("dense")).toBeLessThan(x("conv-a"));
    expect(x("conv-b")).toBeLessThan(x("out"));
    expect(svg.querySelectorAll("g.links path.edge").length).toBe(5);
    expect(svg.getAttribute("data-step")).toBe("500");
    expect(svg.getAttribute("data-window")).toBe("300,700");
    const cyclic = dataflowDag(
      page().container,
      {
        steps: [0, 1],
        nodes: [
          { id: "a", parents: ["c"] },
          { id: "b", parents: ["a"] },
          { id: "c", parents: ["b"] },
        ],
      },
      { document },
    );
    expect(cyclic.querySelector(".empty-state")?.textContent).toMatch(
      /cycle \((a|b|c) → (a|b|c) → (a|b|c) → (a|b|c)\)/,
    );
  });
});
