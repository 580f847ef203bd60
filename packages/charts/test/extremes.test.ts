import { describe, expect, it } from "vitest";
import { isClearboxError } from "@clearbox/core";
import { dataflowDag } from "../src/dataflow-dag.js";
import { flowMap, matrixHeatmap, polylineChart, scatterPlot, uncertaintyGlyph } from "../src/index.js";
import { renderToString } from "../src/ssr.js";

// Inputs at the edges of what a double holds, and data sizes past the engine's argument limit (a spread of 10^5
// values into Math.max throws a RangeError): the charts draw them, or refuse with a coded error, never NaN.

const noNaN = (svg: string) => expect(svg.match(/NaN|Infinity/g)).toBeNull();

describe("extreme values", () => {
  it("scatterPlot at ±1e300 writes no NaN", () => {
    const points = [
      [-1e300, 1e300],
      [1e300, -1e300],
      [0, 0],
      [1.7e308, -1.7e308],
    ];
    const svg = renderToString(scatterPlot, { points }, { width: 200, height: 160 });
    expect(svg).not.toContain('data-empty="true"');
    noNaN(svg);
  });

  it("polylineChart at ±1e300 writes no NaN", () => {
    const series = [
      [-1e300, 0, 1e300],
      [1e300, -1e300, 0],
      [1.7e308, 0, -1.7e308],
    ];
    const svg = renderToString(polylineChart, { series, steps: [0, 1e300, 1.7e308] }, { width: 300, height: 200 });
    expect(svg).not.toContain('data-empty="true"');
    noNaN(svg);
  });

  it("matrixHeatmap of denormals draws (no E_NAN), both schemes", () => {
    const values = [
      [5e-324, 0, -5e-324],
      [1e-310, -2e-320, 0],
    ];
    for (const scheme of ["diverging", "sequential"] as const) {
      const svg = renderToString(matrixHeatmap, { values }, { width: 200, height: 120, scheme });
      expect(svg).not.toContain('data-empty="true"');
      expect(svg.match(/data-row="/g)?.length).toBe(6);
      noNaN(svg);
    }
  });
});

describe("data-sized inputs past the argument limit", () => {
  it("matrixHeatmap with 125,000 row labels", () => {
    const rows = 125_000;
    const values = { rows, columns: 2, data: Float64Array.from({ length: rows * 2 }, (_, i) => Math.sin(i)) };
    const rowLabels = Array.from({ length: rows }, (_, i) => `n${i}`);
    const svg = renderToString(matrixHeatmap, { values, rowLabels }, { width: 300, height: 400 });
    expect(svg).not.toContain('data-empty="true"');
  });

  it("flowMap with 3 × 10^5 nodes", () => {
    const n = 300_000;
    const nodes = Array.from({ length: n }, (_, i) => [Math.cos(i), Math.sin(i)] as [number, number]);
    const flows = [
      { from: 0, to: 1, flow: 1 },
      { from: 2, to: 3, flow: 0.5 },
    ];
    const svg = renderToString(flowMap, { nodes, flows }, { width: 300, height: 300, bundle: false });
    expect(svg).not.toContain('data-empty="true"');
    noNaN(svg);
  });

  it("uncertaintyGlyph with 3 × 10^5 items", () => {
    const items = Array.from({ length: 300_000 }, (_, i) => ({
      stats: { min: 0, q1: 0.25, q3: 0.5 + (i % 5) / 10, max: 1 },
    }));
    const svg = renderToString(uncertaintyGlyph, { items }, { width: 300, height: 200 });
    expect(svg).not.toContain('data-empty="true"');
  }, 60_000);
});

describe("dataflowDag at scale", () => {
  it("refuses 10^4 layers and 3 × 10^4 links with E_TOO_LARGE, before laying them out", () => {
    const n = 10_000;
    const parents: string[][] = Array.from({ length: n }, () => []);
    // 3 links per node after the first few, to earlier nodes (a DAG by construction), seeded by the index.
    for (let i = 3; i < n; i++) for (let k = 1; k <= 3; k++) parents[i].push(`L${(i * 7919 * k) % i}`);
    const nodes = parents.map((p, i) => ({ id: `L${i}`, parents: [...new Set(p)] }));
    let error: unknown;
    try {
      renderToString(dataflowDag, { nodes, steps: [0, 1] }, { width: 800, height: 600 });
    } catch (e) {
      error = e;
    }
    expect(isClearboxError(error) && error.code).toBe("E_TOO_LARGE");
    expect(String((error as Error).message)).toMatch(/data\.nodes/);
  });

  it("lays out a few hundred layers (a deep network) with the fast layout", () => {
    const n = 400;
    const nodes = Array.from({ length: n }, (_, i) => ({
      id: `L${i}`,
      parents: i === 0 ? [] : i % 3 === 0 && i > 3 ? [`L${i - 1}`, `L${i - 3}`] : [`L${i - 1}`],
    }));
    const svg = renderToString(dataflowDag, { nodes, steps: [0, 1] }, { width: 1200, height: 400 });
    expect(svg).not.toContain('data-empty="true"');
    expect(svg.match(/class="layer"/g)?.length).toBe(n);
    noNaN(svg);
  }, 60_000);
});
