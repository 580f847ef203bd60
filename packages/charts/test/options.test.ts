import { describe, expect, it } from "vitest";
import { isClearboxError } from "@clearbox/core";
import { parseHTML } from "linkedom";
import { influenceGrid, matrixHeatmap, polylineChart, rankGraph, scatterPlot } from "../src/index.js";
import { renderToString } from "../src/ssr.js";
import { gridFixture, heatmapFixture, polylineFixture, rankFixture, scatterFixture } from "./fixtures.js";

function thrown(run: () => unknown): { code?: string; message: string } {
  try {
    run();
  } catch (error) {
    if (isClearboxError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error("expected a ClearboxError");
}

describe("option values", () => {
  it('a misspelt choice is E_OPTION naming the key and the allowed values (context: "densty")', () => {
    const error = thrown(() =>
      renderToString(polylineChart, polylineFixture(), { width: 300, height: 200, context: "densty" as "density" }),
    );
    expect(error.code).toBe("E_OPTION");
    expect(error.message).toContain("options.context");
    expect(error.message).toContain('"lines", "density", "none"');
    expect(error.message).toContain("densty");
  });

  it("palettes, schemes and numeric options are checked on every chart that takes them", () => {
    const cases: Array<() => unknown> = [
      () => renderToString(matrixHeatmap, heatmapFixture(), { palette: "rainbow" as "red-green" }),
      () => renderToString(matrixHeatmap, heatmapFixture(), { scheme: "divergent" as "diverging" }),
      () => renderToString(influenceGrid, gridFixture(), { palette: "green-red" as "red-green" }),
      () => renderToString(scatterPlot, scatterFixture(), { radius: -1 }),
      () => renderToString(rankGraph, rankFixture(), { representatives: 1.5 }),
      () => renderToString(polylineChart, polylineFixture(), { overviewHeight: Number.NaN }),
    ];
    for (const run of cases) expect(thrown(run).code).toBe("E_OPTION");
  });

  it("the red-green palette draws CNNVis's colours; the default is blue-red", () => {
    const data = { values: [[-1, 1]] };
    const fillOf = (svg: string) => [...svg.matchAll(/fill="(rgb\([^"]+\))"/g)].map((m) => m[1]);
    const blueRed = fillOf(renderToString(matrixHeatmap, data, { width: 200, height: 100 }));
    const redGreen = fillOf(renderToString(matrixHeatmap, data, { width: 200, height: 100, palette: "red-green" }));
    // The most positive cell: blue by default (b > r), green in CNNVis's palette (g > r).
    const channels = (c: string) => c.match(/\d+/g)!.map(Number);
    const positiveBlueRed = channels(blueRed[1]);
    const positiveRedGreen = channels(redGreen[1]);
    expect(positiveBlueRed[2]).toBeGreaterThan(positiveBlueRed[0]);
    expect(positiveRedGreen[1]).toBeGreaterThan(positiveRedGreen[0]);
  });
});

describe("the title slot", () => {
  it("a heading is drawn above the marks, which move down by its height; it names the chart", () => {
    const { document } = parseHTML("<!doctype html><html><body><div></div></body></html>");
    const host = document.querySelector("div") as unknown as Element;
    const svg = scatterPlot(host, scatterFixture(), {
      width: 300,
      height: 200,
      heading: "Digits, first two components",
      document: document as unknown as Document,
    });
    const heading = svg.querySelector("text.cb-heading");
    expect(heading?.textContent).toBe("Digits, first two components");
    expect(svg.getAttribute("aria-label")).toBe("Digits, first two components");
    expect(svg.querySelector("g.marks")?.getAttribute("transform")).toMatch(/^translate\(0,\d+\)$/);
    scatterPlot(host, scatterFixture(), { width: 300, height: 200, document: document as unknown as Document });
    expect(svg.querySelector("text.cb-heading")).toBeNull();
    expect(svg.querySelector("g.marks")?.getAttribute("transform")).toBeNull();
  });
});
