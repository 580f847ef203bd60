import { describe, expect, it } from "vitest";
import { isClearboxError } from "@clearbox/core";
import { packFast } from "@clearbox/rect-pack";
import { bundlesFixture } from "./fixtures.js";
import { dataflowDagLayout } from "../src/dataflow-dag.js";
import { textWidth } from "../src/theme.js";
import {
  flowMapLayout,
  influenceGridLayout,
  layerBundlesLayout,
  matrixHeatmapLayout,
  packedRectsLayout,
  polylineChartLayout,
  rankGraphLayout,
  scatterPlotLayout,
  uncertaintyGlyphLayout,
} from "../src/index.js";

// Each chart's layout is a pure function of plain data: these tests run in Node with no DOM at all (no linkedom, no
// jsdom), and check what the drawing relies on — everything inside the chart, nothing overlapping that the data keeps
// apart, scales shared where the picture compares values.

const codeOf = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (error) {
    return isClearboxError(error) ? error.code : `bare ${String(error)}`;
  }
  return undefined;
};
const inside = (b: { x: number; y: number; width: number; height: number }, w: number, h: number, slack = 1e-9) =>
  b.x >= -slack && b.y >= -slack && b.x + b.width <= w + slack && b.y + b.height <= h + slack;
const disjoint = (
  a: { x: number; y: number; width: number; height: number },
  b: { x: number; y: number; width: number; height: number },
) =>
  a.x + a.width <= b.x + 1e-9 ||
  b.x + b.width <= a.x + 1e-9 ||
  a.y + a.height <= b.y + 1e-9 ||
  b.y + b.height <= a.y + 1e-9;

it("runs without a DOM", () => {
  expect((globalThis as { document?: unknown }).document).toBeUndefined();
});

describe("packedRectsLayout", () => {
  const sizes = Array.from({ length: 40 }, (_, i) => ({ width: 1 + (i % 5), height: 1 + ((i * 7) % 4) }));
  const packing = packFast(sizes);
  const classes = sizes.map((_, i) => i % 4);
  const data = { ...packing, classes, importance: sizes.map((s) => s.width * s.height), label: "cluster 3" };

  it("keeps the packing's rectangles disjoint, inside the frame and the chart, at one scale", () => {
    for (const [w, h] of [
      [360, 360],
      [900, 120],
      [80, 500],
    ]) {
      const layout = packedRectsLayout(data, { width: w, height: h });
      expect(layout.rects).toHaveLength(sizes.length);
      for (const r of layout.rects) {
        expect(inside(r, w, h)).toBe(true);
        const f = layout.frame;
        expect(r.x >= f.x && r.y >= f.y && r.x + r.width <= f.x + f.width && r.y + r.height <= f.y + f.height).toBe(
          true,
        );
        // One scale for both axes: each rectangle keeps its input's aspect.
        const placed = packing.placements.find((p) => p.index === r.index)!;
        expect(r.width / r.height).toBeCloseTo(placed.width / placed.height, 9);
      }
      for (let i = 0; i < layout.rects.length; i++) {
        for (let j = i + 1; j < layout.rects.length; j++) expect(disjoint(layout.rects[i], layout.rects[j])).toBe(true);
      }
      // The label sits above the frame.
      expect(layout.label?.y).toBeLessThanOrEqual(layout.frame.y);
    }
  });

  it("fills by importance (larger is darker) and fades the items of unselected classes", () => {
    const layout = packedRectsLayout(data, { width: 300, height: 300, selectedClasses: [1] });
    for (const r of layout.rects) expect(r.opacity).toBe(classes[r.index] === 1 ? 1 : 0.2);
    const byImportance = [...layout.rects].sort((a, b) => data.importance[a.index] - data.importance[b.index]);
    const luminance = (fill: string) => {
      const m = fill.match(/\d+/g)?.map(Number) ?? [];
      return m[0] + m[1] + m[2];
    };
    expect(luminance(byImportance[0].fill)).toBeGreaterThan(luminance(byImportance.at(-1)!.fill));
  });

  it("refuses what the chart refuses, with codes", () => {
    expect(codeOf(() => packedRectsLayout(data, { width: 0, height: 10 }))).toBe("E_RANGE");
    expect(codeOf(() => packedRectsLayout(data, { width: 10, height: 10, colour: "x" } as never))).toBe("E_OPTION");
    expect(codeOf(() => packedRectsLayout({ ...data, placements: [] }, { width: 10, height: 10 }))).toBe("E_SHAPE");
    expect(codeOf(() => packedRectsLayout(data, { width: 10, height: 10, imageOrigins: ["nope"] }))).toBe("E_OPTION");
  });
});

describe("influenceGridLayout", () => {
  const n = 30;
  const values = Array.from({ length: n }, (_, i) => Math.sin(i * 1.7) * (i % 7));
  const influences = Array.from({ length: n }, (_, j) =>
    Array.from({ length: n }, (_, i) => Math.cos(i * j + i) * ((i + j) % 5)),
  );
  const data = { values, columns: 6, influences };

  it("draws square cells in a grid that fits beside its colour bar, without overlaps", () => {
    for (const [w, h] of [
      [320, 320],
      [600, 150],
      [120, 400],
    ]) {
      const layout = influenceGridLayout(data, { width: w, height: h });
      expect(layout.cells).toHaveLength(n);
      const boxes = layout.cells.map((c) => ({ x: c.x, y: c.y, width: layout.cell, height: layout.cell }));
      for (const b of boxes) expect(inside(b, w, h)).toBe(true);
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) expect(disjoint(boxes[i], boxes[j])).toBe(true);
      // Row-major: unit i at column i mod 6.
      for (const c of layout.cells) expect(c.x).toBeCloseTo(layout.cells[c.index % 6].x, 9);
      if (layout.legend) {
        const right = Math.max(...boxes.map((b) => b.x + b.width));
        expect(layout.legend.x).toBeGreaterThan(right);
        // The bar (10 px) and its tick labels (~32 px) stay inside.
        expect(layout.legend.x + 42).toBeLessThanOrEqual(w);
        // One colour scale symmetric around 0: the bar spans ±max |value|.
        expect(layout.legend.high).toBe(Math.max(...values.map(Math.abs)));
        expect(layout.legend.low).toBe(-layout.legend.high);
      }
    }
  });

  it("draws the topK strongest influences on the focus, strongest first and widest, signs kept", () => {
    const focus = 7;
    const layout = influenceGridLayout(data, { width: 300, height: 300, focus, topK: 5 });
    const expected = influences[focus]
      .map((v, i) => ({ i, v }))
      .filter(({ i, v }) => i !== focus && v !== 0)
      .sort((a, b) => Math.abs(b.v) - Math.abs(a.v) || a.i - b.i)
      .slice(0, 5);
    expect(layout.edges.map((e) => e.source)).toEqual(expected.map((e) => e.i));
    expect(layout.edges.map((e) => e.influence)).toEqual(expected.map((e) => e.v));
    for (let k = 1; k < layout.edges.length; k++)
      expect(layout.edges[k].width).toBeLessThanOrEqual(layout.edges[k - 1].width);
    expect(layout.edges[0].width).toBe(4);
    expect(influenceGridLayout(data, { width: 300, height: 300 }).edges).toEqual([]);
    expect(influenceGridLayout(data, { width: 300, height: 300, focus, topK: 0 }).edges).toEqual([]);
  });

  it("refuses what the chart refuses, with codes", () => {
    expect(codeOf(() => influenceGridLayout(data, { width: 300, height: 300, palette: "rainbow" as never }))).toBe(
      "E_OPTION",
    );
    expect(codeOf(() => influenceGridLayout(data, { width: 300, height: 300, topK: 1.5 }))).toBe("E_OPTION");
    expect(codeOf(() => influenceGridLayout({ values: [NaN] }, { width: 300, height: 300 }))).toBe("E_SHAPE");
    expect(codeOf(() => influenceGridLayout(data, { width: 300 } as never))).toBe("E_RANGE");
  });
});

const boxesOverlap = (a: readonly number[], b: readonly number[]) =>
  a[0] < b[2] - 1e-9 && b[0] < a[2] - 1e-9 && a[1] < b[3] - 1e-9 && b[1] < a[3] - 1e-9;

describe("flowMapLayout", () => {
  // Nodes on a circle (the shape that made horizontal labels collide at its top and bottom), flows from three sources.
  const n = 24;
  const nodes = Array.from(
    { length: n },
    (_, i) => [Math.cos((2 * Math.PI * i) / n) * 5, Math.sin((2 * Math.PI * i) / n) * 3] as [number, number],
  );
  const labels = nodes.map((_, i) => `#hashtag-number-${i}`);
  const flows = Array.from({ length: 30 }, (_, k) => ({
    from: k % 3,
    to: 3 + ((k * 5) % (n - 3)),
    flow: 1e-9 * (1 + (k % 5)),
  }));
  const data = { nodes, labels, flows };

  it("keeps the nodes' shape (one scale), inside the chart below the key; flows join their nodes, width ∝ flow", () => {
    const [w, h] = [520, 420];
    const layout = flowMapLayout(data, { width: w, height: h, bundle: false, maxWidth: 8 });
    for (let i = 0; i < n; i++) {
      expect(layout.x[i]).toBeGreaterThanOrEqual(0);
      expect(layout.x[i]).toBeLessThanOrEqual(w);
      expect(layout.y[i]).toBeGreaterThanOrEqual(20);
      expect(layout.y[i]).toBeLessThanOrEqual(h);
    }
    // One scale for both axes: the ratio of pixel to data distances is the same for every pair.
    const ratio = (a: number, b: number) =>
      Math.hypot(layout.x[a] - layout.x[b], layout.y[a] - layout.y[b]) /
      Math.hypot(nodes[a][0] - nodes[b][0], nodes[a][1] - nodes[b][1]);
    expect(ratio(0, 6)).toBeCloseTo(ratio(3, 17), 9);
    expect(layout.sources).toEqual([0, 1, 2]);
    const largest = Math.max(...flows.map((f) => f.flow));
    expect(layout.largest).toBe(largest);
    for (const [k, f] of layout.flows.entries()) {
      expect(f.points).toHaveLength(2);
      expect(f.points[0]).toEqual([layout.x[flows[k].from], layout.y[flows[k].from]]);
      expect(f.points[1]).toEqual([layout.x[flows[k].to], layout.y[flows[k].to]]);
      expect(f.width).toBeCloseTo(0.75 + 7.25 * (flows[k].flow / largest), 9);
    }
  });

  it("bundles with both ends fixed, and places names of nodes with flows without overlaps inside the chart", () => {
    const [w, h] = [520, 420];
    const layout = flowMapLayout(data, { width: w, height: h });
    for (const [k, f] of layout.flows.entries()) {
      expect(f.points.length).toBeGreaterThan(2);
      expect(f.points[0][0]).toBeCloseTo(layout.x[flows[k].from], 6);
      expect(f.points.at(-1)![1]).toBeCloseTo(layout.y[flows[k].to], 6);
    }
    expect(layout.labels.length).toBeGreaterThan(n / 2);
    for (const l of layout.labels) {
      expect(layout.ends).toContain(l.index);
      expect(l.text).toBe(labels[l.index]);
      expect(l.box[0] >= 0 && l.box[2] <= w && l.box[1] >= 20 && l.box[3] <= h).toBe(true);
    }
    for (let i = 0; i < layout.labels.length; i++)
      for (let j = i + 1; j < layout.labels.length; j++)
        expect(boxesOverlap(layout.labels[i].box, layout.labels[j].box)).toBe(false);
  });

  it("refuses what the chart refuses, with codes", () => {
    expect(codeOf(() => flowMapLayout(data, { width: 300, height: 300, maxWidth: 0 }))).toBe("E_OPTION");
    expect(
      codeOf(() => flowMapLayout({ ...data, flows: [{ from: 0, to: 99, flow: 1 }] }, { width: 300, height: 300 })),
    ).toBe("E_SHAPE");
  });
});

describe("uncertaintyGlyphLayout", () => {
  const items = Array.from({ length: 60 }, (_, i) => ({
    label: `#topic-${i}${"x".repeat(i % 9)}`,
    values: Array.from({ length: 1 + (i % 11) }, (_, k) => ((i * 37 + k * 11) % 100) / 100),
  }));

  it("computes each box plot as the sorted values' quantiles (brute force)", () => {
    const layout = uncertaintyGlyphLayout({ items }, { width: 2000, height: 2000 });
    expect(layout.total).toBe(items.length);
    for (const g of layout.glyphs) {
      const sorted = [...items[g.index].values].sort((a, b) => a - b);
      const at = (p: number) => {
        const h = (sorted.length - 1) * p;
        const lo = Math.floor(h);
        return sorted[lo] + (sorted[Math.min(lo + 1, sorted.length - 1)] - sorted[lo]) * (h - lo);
      };
      expect(g.stats.min).toBe(sorted[0]);
      expect(g.stats.max).toBe(sorted.at(-1));
      expect(g.stats.q1).toBeCloseTo(at(0.25), 12);
      expect(g.stats.q3).toBeCloseTo(at(0.75), 12);
    }
  });

  it("lays rows of rings that do not touch, keeps only those inside, and places names without overlaps", () => {
    const [w, h] = [480, 200];
    const layout = uncertaintyGlyphLayout({ items }, { width: w, height: h });
    expect(layout.glyphs.length).toBeGreaterThan(0);
    expect(layout.glyphs.length).toBeLessThan(items.length);
    const ring = (g: (typeof layout.glyphs)[number]) => g.radius + 9;
    for (const g of layout.glyphs) expect(g.x + g.radius > 0 && g.x - g.radius < w && g.y - g.radius < h).toBe(true);
    for (let i = 0; i < layout.glyphs.length; i++)
      for (let j = i + 1; j < layout.glyphs.length; j++) {
        const [a, b] = [layout.glyphs[i], layout.glyphs[j]];
        expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThanOrEqual(ring(a) + ring(b));
      }
    for (let i = 0; i < layout.labels.length; i++)
      for (let j = i + 1; j < layout.labels.length; j++)
        expect(boxesOverlap(layout.labels[i].box, layout.labels[j].box)).toBe(false);
    // Items given a position stay there.
    const placed = uncertaintyGlyphLayout(
      { items: [{ values: [0.5], x: 40, y: 50, radius: 10 }] },
      { width: w, height: h },
    );
    expect(placed.glyphs[0]).toMatchObject({ x: 40, y: 50, radius: 10, index: 0 });
  });

  it("refuses what the chart refuses, with codes", () => {
    expect(codeOf(() => uncertaintyGlyphLayout({ items: [{ values: [1.5] }] }, { width: 100, height: 100 }))).toBe(
      "E_SHAPE",
    );
    expect(codeOf(() => uncertaintyGlyphLayout({ items }, { width: 100, height: 100, radius: 3 } as never))).toBe(
      "E_OPTION",
    );
  });
});

describe("rankGraphLayout", () => {
  const clusters = Array.from({ length: 14 }, (_, i) => ({
    label: `#cluster-${i}`,
    importance: 1 + ((i * 13) % 17),
    uncertainty: [0.1, 0.3 + (i % 5) / 10, 0.9],
    members: Array.from({ length: 12 }, (_, k) => ({ label: `post ${i * 100 + k}`, importance: (k * 7 + i) % 11 })),
  }));
  const links = Array.from({ length: 20 }, (_, k) => ({
    source: k % 14,
    target: (k * 5 + 3) % 14,
    weight: 1 + (k % 3),
  }));
  const flows = Array.from({ length: 13 }, (_, k) => ({ from: 2, to: (k + 3) % 14, flow: 0.1 * (k + 1) }));
  const data = { clusters, links, flows };
  const [w, h] = [640, 480];

  it("is the same for the same seed and leaves its input alone", () => {
    const before = JSON.stringify(data);
    const a = rankGraphLayout(data, { width: w, height: h, seed: 4 });
    expect(rankGraphLayout(data, { width: w, height: h, seed: 4 })).toEqual(a);
    expect(rankGraphLayout(data, { width: w, height: h, seed: 5 }).nodes).not.toEqual(a.nodes);
    expect(JSON.stringify(data)).toBe(before);
  });

  it("sizes clusters by √importance inside the chart, representatives on their ring, names without overlaps", () => {
    const layout = rankGraphLayout(data, { width: w, height: h });
    for (const d of layout.nodes) {
      expect(d.x - d.r >= 0 && d.x + d.r <= w && d.y - d.r >= 0 && d.y + d.r <= h).toBe(true);
      for (const e of layout.nodes) {
        if (clusters[d.index].importance > clusters[e.index].importance) expect(d.r).toBeGreaterThan(e.r);
      }
    }
    expect(layout.cells).toHaveLength(clusters.length);
    expect(layout.density.length).toBeGreaterThan(0);
    expect(layout.representatives).toHaveLength(3 * clusters.length);
    for (const r of layout.representatives) {
      const c = layout.nodes[r.cluster];
      expect(Math.hypot(r.x - c.x, r.y - c.y)).toBeCloseTo(c.r + 9 + 4, 9);
      // The three most important members of their cluster.
      const top = [...clusters[r.cluster].members].sort((a, b) => b.importance - a.importance).slice(0, 3);
      expect(top.map((m) => m.label)).toContain(r.label);
    }
    for (const l of layout.labels) expect(l.box[0] >= 0 && l.box[2] <= w && l.box[1] >= 0 && l.box[3] <= h).toBe(true);
    for (let i = 0; i < layout.labels.length; i++)
      for (let j = i + 1; j < layout.labels.length; j++)
        expect(boxesOverlap(layout.labels[i].box, layout.labels[j].box)).toBe(false);
    // Cluster names come first (a name with no room is dropped; the readout names the cluster): most are named.
    expect(layout.labels.filter((l) => l.index < clusters.length).length).toBeGreaterThanOrEqual(
      0.75 * clusters.length,
    );
  });

  it("lays out only the selected cluster's flows, from its centre to its targets'", () => {
    expect(rankGraphLayout(data, { width: w, height: h }).flows).toEqual([]);
    const layout = rankGraphLayout(data, { width: w, height: h, selected: 2, bundle: false });
    expect(layout.selected).toBe(2);
    expect(layout.flows).toHaveLength(flows.length);
    for (const f of layout.flows) {
      expect(f.points[0]).toEqual([layout.nodes[2].x, layout.nodes[2].y]);
      expect(f.points.at(-1)).toEqual([layout.nodes[f.to].x, layout.nodes[f.to].y]);
    }
  });

  it("refuses what the chart refuses, with codes", () => {
    expect(codeOf(() => rankGraphLayout(data, { width: w, height: h, representatives: -1 }))).toBe("E_OPTION");
    expect(codeOf(() => rankGraphLayout(data, { width: w, height: h, seed: 0.5 }))).toBe("E_OPTION");
    expect(codeOf(() => rankGraphLayout({ clusters: [] }, { width: w, height: h }))).toBe("E_SHAPE");
  });
});

describe("layerBundlesLayout", () => {
  const base = bundlesFixture();
  const data = {
    ...base,
    layers: [
      { name: "conv1", positions: [10, 40, 70, 100], labels: ["edges", "corners", "blobs", "a much longer name"] },
      { name: "conv2", positions: [10, 40, 70, 100] },
      { name: "dense", positions: [10, 40, 70, 100], labels: ["0", "1", "2", "3"] },
    ],
    pairs: [base.pairs[0], base.pairs[0]],
  };

  it("fits every pair side by side inside the chart at one scale, widths and opacities ∝ |weight|", () => {
    const [w, h] = [640, 400];
    const layout = layerBundlesLayout(data, { width: w, height: h });
    const { x: tx, y: ty, scale } = layout.transform;
    const px = (x: number) => tx + x * scale;
    const py = (y: number) => ty + y * scale;
    expect(px(0)).toBeGreaterThanOrEqual(0);
    expect(px(2 * data.width)).toBeLessThanOrEqual(w);
    expect(py(0)).toBeGreaterThanOrEqual(0);
    expect(py(data.height)).toBeLessThanOrEqual(h);
    const curves = base.pairs[0].curves as ArrayLike<{ points: ArrayLike<number> }>;
    expect(layout.curves).toHaveLength(2 * curves.length);
    for (const c of layout.curves) {
      // Pair i is shifted right by i data widths; its path starts at its first point.
      expect(c.d.startsWith(`M${c.points[0] + c.pair * data.width},${c.points[1]}`)).toBe(true);
      const pixels = c.strokeWidth * scale;
      expect(pixels).toBeGreaterThanOrEqual(0.6 - 0.01);
      expect(pixels).toBeLessThanOrEqual(3 + 0.01);
    }
    const sorted = [...layout.curves].sort((a, b) => Math.abs(a.weight) - Math.abs(b.weight));
    for (let k = 1; k < sorted.length; k++) {
      expect(sorted[k].strokeWidth).toBeGreaterThanOrEqual(sorted[k - 1].strokeWidth);
      expect(sorted[k].opacity).toBeGreaterThanOrEqual(sorted[k - 1].opacity);
    }
    expect(layout.clusters).toHaveLength(12);
    for (const c of layout.clusters) expect(c.x).toBe(c.layer * data.width);
    for (const n of layout.layerNames) expect(n.x >= 0 && n.x <= w).toBe(true);
    for (let i = 0; i < layout.labels.length; i++)
      for (let j = i + 1; j < layout.labels.length; j++)
        expect(boxesOverlap(layout.labels[i].box, layout.labels[j].box)).toBe(false);
    // Outer layers only: 4 names on each side.
    expect(layout.labels.map((l) => l.text).sort()).toEqual([
      "0",
      "1",
      "2",
      "3",
      "a much longer name",
      "blobs",
      "corners",
      "edges",
    ]);
  });

  it("hides what is below minWeight", () => {
    const layout = layerBundlesLayout(data, { width: 640, height: 400, minWeight: 0.5 });
    expect(layout.curves.length).toBeGreaterThan(0);
    for (const c of layout.curves) expect(Math.abs(c.weight)).toBeGreaterThanOrEqual(0.5);
    for (const r of layout.rects) expect(Math.abs(r.meanWeight)).toBeGreaterThanOrEqual(0.5);
    expect(layout.curves.length).toBeLessThan(layerBundlesLayout(data, { width: 640, height: 400 }).curves.length);
  });

  it("refuses what the chart refuses, with codes", () => {
    expect(codeOf(() => layerBundlesLayout(data, { width: 640, height: 400, minWeight: -1 }))).toBe("E_OPTION");
    expect(codeOf(() => layerBundlesLayout({ ...data, pairs: [] }, { width: 640, height: 400 }))).toBe("E_SHAPE");
  });
});

describe("dataflowDagLayout", () => {
  const steps = Array.from({ length: 50 }, (_, t) => t * 10);
  const stat = (scale: number) => ({
    min: steps.map((t) => scale * (Math.sin(t / 50) - 1)),
    mean: steps.map((t) => scale * Math.sin(t / 50)),
    max: steps.map((t) => scale * (Math.sin(t / 50) + 1)),
  });
  const nodes = [
    { id: "input" },
    { id: "conv", label: "conv2d_1 (a layer name far too long for its box)", parents: ["input"], series: stat(1) },
    { id: "pool", parents: ["conv"], series: stat(0.01) },
    { id: "dense", parents: ["pool", "input"], series: stat(100) },
  ];
  const data = { nodes, steps };

  it("runs left to right inside the chart, filling it, names cut to their boxes, arrows at the targets' edges", () => {
    const [w, h] = [900, 300];
    const layout = dataflowDagLayout(data, { width: w, height: h, step: 200, window: 5 });
    const at = new Map(layout.nodes.map((n) => [n.id, n]));
    for (const n of nodes) for (const p of n.parents ?? []) expect(at.get(p)!.x).toBeLessThan(at.get(n.id)!.x);
    for (const n of layout.nodes) {
      expect(
        n.x - n.width / 2 >= 0 && n.x + n.width / 2 <= w && n.y - n.height / 2 >= 0 && n.y + n.height / 2 <= h,
      ).toBe(true);
      expect(textWidth(n.label, 10)).toBeLessThanOrEqual(n.width - 10);
      // Scaled up from 130 × 70 where there is room.
      expect(n.width).toBeGreaterThan(130);
    }
    expect(at.get("conv")!.label.endsWith("…")).toBe(true);
    for (const l of layout.links) {
      const tip = l.arrow
        .match(/^M([-\d.]+),([-\d.]+)/)!
        .slice(1)
        .map(Number);
      const target = at.get(l.target)!;
      expect(tip[0]).toBeCloseTo(target.x - target.width / 2, 0);
    }
    expect([layout.step, layout.from, layout.to]).toEqual([20, 15, 25]);
  });

  it("labels one shared y scale, or each layer's own; a layer without a statistic says so", () => {
    const shared = dataflowDagLayout(data, { width: 900, height: 300 });
    const texts = (l: typeof shared) =>
      l.nodes.filter((n) => n.ticks.length > 0).map((n) => n.ticks.map((t) => t.text).join(" / "));
    expect(new Set(texts(shared)).size).toBe(1);
    // The shared domain is the window's min and max over every layer (brute force).
    const inWindow = (v: number[]) => v.slice(shared.from, shared.to + 1);
    const series = nodes.flatMap((n) => (n.series ? [n.series] : []));
    expect(shared.shared).toEqual([
      Math.min(...series.flatMap((x) => inWindow(x.min))),
      Math.max(...series.flatMap((x) => inWindow(x.max))),
    ]);
    const own = dataflowDagLayout(data, { width: 900, height: 300, yScale: "node" });
    expect(new Set(texts(own)).size).toBe(3);
    expect(own.shared).toBeNull();
    const input = own.nodes.find((n) => n.id === "input")!;
    expect([input.band, input.mean, input.ticks]).toEqual(["", "", []]);
  });

  it("refuses what the chart refuses, with codes", () => {
    expect(codeOf(() => dataflowDagLayout(data, { width: 900, height: 300, yScale: "log" as never }))).toBe("E_OPTION");
    expect(codeOf(() => dataflowDagLayout(data, { width: 900, height: 300, window: -1 }))).toBe("E_OPTION");
    const cycle = {
      nodes: [
        { id: "a", parents: ["b"] },
        { id: "b", parents: ["a"] },
      ],
      steps,
    };
    expect(codeOf(() => dataflowDagLayout(cycle, { width: 900, height: 300 }))).toBe("E_SHAPE");
  });
});

describe("scatterPlotLayout", () => {
  const n = 400;
  const points = Array.from({ length: n }, (_, i) => [Math.cos(i) * i, Math.sin(i * 0.7) * 1e-3] as [number, number]);
  const groups = Array.from({ length: n }, (_, i) => (i < 280 ? i % 14 : i % 5));

  it("maps each axis linearly into the frame, legend beside it", () => {
    const [w, h] = [560, 400];
    const layout = scatterPlotLayout({ points, groups }, { width: w, height: h });
    const { plot } = layout;
    expect(plot.x + plot.width).toBeLessThanOrEqual(w - 100);
    for (let i = 0; i < n; i++) {
      expect(layout.px[i] >= plot.x && layout.px[i] <= plot.x + plot.width).toBe(true);
      expect(layout.py[i] >= plot.y && layout.py[i] <= plot.y + plot.height).toBe(true);
    }
    // Linear: equal steps in data are equal steps in pixels (y grows downwards).
    const [a, b, c] = [3, 77, 250];
    const ratio = (i: number, j: number) => (layout.px[j] - layout.px[i]) / (points[j][0] - points[i][0]);
    expect(ratio(a, b)).toBeCloseTo(ratio(b, c), 6);
    const yRatio = (i: number, j: number) => (layout.py[j] - layout.py[i]) / (points[j][1] - points[i][1]);
    expect(yRatio(a, b)).toBeCloseTo(yRatio(b, c), 3);
    expect(yRatio(a, b)).toBeLessThan(0);
  });

  it("colours the nine largest of 14 groups, the rest one grey row; fades points outside the highlight", () => {
    const layout = scatterPlotLayout({ points, groups }, { width: 560, height: 400, highlight: [1, 2, 3] });
    expect(layout.legend).toHaveLength(10);
    expect(layout.legend.at(-1)).toMatchObject({ group: -1, label: "5 other groups" });
    const named = new Set(layout.legend.slice(0, 9).map((r) => r.color));
    expect(named.size).toBe(9);
    for (let i = 0; i < n; i++) {
      const row = layout.legend.find((r) => r.group === groups[i]) ?? layout.legend.at(-1)!;
      expect(layout.fill[i]).toBe(row.color);
      expect(layout.opacity[i]).toBe([1, 2, 3].includes(i) ? 0.8 : 0.12);
    }
  });

  it("refuses what the chart refuses, with codes", () => {
    expect(codeOf(() => scatterPlotLayout({ points }, { width: 560, height: 400, radius: -2 }))).toBe("E_OPTION");
    expect(codeOf(() => scatterPlotLayout({ points: [[0, NaN]] }, { width: 560, height: 400 }))).toBe("E_SHAPE");
  });
});

describe("matrixHeatmapLayout", () => {
  const values = Array.from({ length: 12 }, (_, r) =>
    Array.from({ length: 7 }, (_, c) => Math.sin(r * 3 + c) * (r + 1)),
  );
  const rowOrder = [5, 2, 9, 0, 11, 1, 3, 10, 4, 8, 6, 7];

  it("draws input row rowOrder[r] at position r, cells filling the plot beside the colour bar", () => {
    const [w, h] = [520, 420];
    const rowLabels = values.map((_, r) => `neuron ${r}`);
    const layout = matrixHeatmapLayout({ values, rowOrder, rowLabels }, { width: w, height: h });
    expect(layout.rowOrder).toEqual(rowOrder);
    expect(layout.columnOrder).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(layout.cellWidth * 7).toBeCloseTo(layout.plot.width, 9);
    expect(layout.cellHeight * 12).toBeCloseTo(layout.plot.height, 9);
    expect(layout.plot.x + layout.plot.width).toBeLessThan(layout.legend.x);
    expect(layout.legend.x + 40).toBeLessThanOrEqual(w);
    // Room for the row labels on the left (about 6.2 px a character).
    expect(layout.plot.x).toBeGreaterThanOrEqual(6.2 * "neuron 10".length);
    // Both signs: diverging, symmetric around 0 — a cell holding 0 gets the ramp's middle, and equal magnitudes of
    // opposite signs are as far from it on either side.
    expect(layout.scheme).toBe("diverging");
    const withZero = values.map((row) => [...row]);
    withZero[3][2] = 0;
    withZero[7][5] = 4;
    withZero[8][1] = -4;
    const z = matrixHeatmapLayout({ values: withZero }, { width: w, height: h });
    const rgbOf = (fill: string) => (fill.match(/\d+/g) ?? []).slice(0, 3).map(Number);
    const [r0, g0, b0] = rgbOf(z.fills[3 * 7 + 2]);
    expect(Math.min(r0, g0, b0)).toBeGreaterThan(235);
    const [rp, , bp] = rgbOf(z.fills[7 * 7 + 5]);
    const [rn, , bn] = rgbOf(z.fills[8 * 7 + 1]);
    expect(bp).toBeGreaterThan(rp);
    expect(rn).toBeGreaterThan(bn);
  });

  it("is sequential for one sign, light for low and dark for high", () => {
    const positive = values.map((row) => row.map(Math.abs));
    const layout = matrixHeatmapLayout({ values: positive }, { width: 300, height: 300 });
    expect(layout.scheme).toBe("sequential");
    const sum = (fill: string) => (fill.match(/\d+/g) ?? []).slice(0, 3).reduce((s, v) => s + Number(v), 0);
    const flat = positive.flat();
    const lo = flat.indexOf(Math.min(...flat));
    const hi = flat.indexOf(Math.max(...flat));
    expect(sum(layout.fills[lo])).toBeGreaterThan(sum(layout.fills[hi]));
  });

  it("refuses what the chart refuses, with codes", () => {
    expect(codeOf(() => matrixHeatmapLayout({ values }, { width: 300, height: 300, scheme: "rainbow" as never }))).toBe(
      "E_OPTION",
    );
    expect(codeOf(() => matrixHeatmapLayout({ values, rowOrder: [0, 0] }, { width: 300, height: 300 }))).toBe(
      "E_SHAPE",
    );
  });
});

describe("polylineChartLayout", () => {
  const steps = Array.from({ length: 30 }, (_, k) => 100 + 10 * k);
  const series = Array.from({ length: 12 }, (_, i) => steps.map((_, k) => Math.sin(k / 4 + i) * (i + 1)));

  it("draws the highlighted series, outliers last, over the focused range inside the plot above the overview", () => {
    const [w, h] = [600, 300];
    const layout = polylineChartLayout(
      { series, steps, highlight: [0, 4, 7], outliers: [2, 4] },
      { width: w, height: h, range: [150, 300] },
    );
    expect(layout.lines.map((l) => [l.index, l.outlier])).toEqual([
      [0, false],
      [7, false],
      [2, true],
      [4, true],
    ]);
    expect(layout.xDomain).toEqual([150, 300]);
    const all = series.flat();
    expect(layout.yDomain[0]).toBeLessThanOrEqual(Math.min(...all));
    expect(layout.yDomain[1]).toBeGreaterThanOrEqual(Math.max(...all));
    expect(layout.overview!.y).toBeGreaterThan(layout.plot.y + layout.plot.height);
    expect(layout.overview!.y + layout.overview!.height).toBeLessThanOrEqual(h);
    // The visible steps (widened by one at each end): 150 … 300 are steps 5 … 20, so 4 … 21 are drawn.
    for (const l of layout.lines) expect(l.d.match(/[ML]/g)).toHaveLength(21 - 4 + 1);
  });

  it("draws every series when there are at most 200 and none is highlighted; no overview at height 0", () => {
    const layout = polylineChartLayout({ series }, { width: 400, height: 200, overviewHeight: 0 });
    expect(layout.lines).toHaveLength(12);
    expect(layout.overview).toBeNull();
    expect(layout.plot.y + layout.plot.height).toBeLessThanOrEqual(200 - 22 + 1e-9);
  });

  it("refuses what the chart refuses, with codes", () => {
    expect(codeOf(() => polylineChartLayout({ series }, { width: 400, height: 200, context: "densty" as never }))).toBe(
      "E_OPTION",
    );
    expect(codeOf(() => polylineChartLayout({ series: [[1, NaN]] }, { width: 400, height: 200 }))).toBe("E_SHAPE");
  });
});
