// The CNNVis main view: its layout without a DOM (neurons inside their cluster, clusters in their column's slot,
// bundles from each cluster's edge to the next column's cluster), then rendered on linkedom: image-filled clusters, bundles, a class
// selection fading neurons in every column, a moved neuron redrawing only the clusters it touches, the expanded view.
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { networkView, networkViewLayout, pngDataUrl } from "../src/index.js";
import type { NetworkViewData } from "../src/index.js";
import { renderToString } from "../src/ssr.js";

const image = pngDataUrl(2, 2, new Uint8Array(12).fill(128));

/** A column of clusters: cluster k holds `sizes[k]` neurons in a row, neuron u preferring class u % 3. */
function column(name: string, sizes: number[], offset = 0): NetworkViewData["columns"][number] {
  let unit = offset;
  return {
    name,
    clusters: sizes.map((n, id) => ({
      id,
      packing: {
        width: 10 * n,
        height: 10,
        placements: Array.from({ length: n }, (_, i) => ({ index: i, x: 10 * i, y: 0, width: 10, height: 10 })),
      },
      neurons: Array.from({ length: n }, () => ({ unit: unit, href: image, topClass: unit++ % 3, importance: 1 })),
      matrix: {
        values: Array.from({ length: n }, (_, r) => [r, 1, 2]),
        order: Array.from({ length: n }, (_, r) => n - 1 - r),
      },
    })),
  };
}

const curve = (y0: number, y1: number, sign: 1 | -1) => ({
  kind: "direct" as const,
  bicluster: -1,
  input: 0,
  output: 0,
  sign,
  weight: sign * 0.5,
  points: [0, y0, 40, y0, 60, y1, 100, y1],
});

function fixture(middle = [2, 3]): NetworkViewData {
  return {
    columns: [column("conv1 + pool1", [3, 1]), column("conv2 + pool2", middle, 10), column("dense", [2, 2, 1], 20)],
    pairs: [
      {
        rects: [{ bicluster: 0, x: 45, y: 20, width: 10, height: 30, negativeRatio: 0.25, meanWeight: 0.3 }],
        curves: [curve(25, 75, 1), curve(75, 25, -1)],
      },
      { rects: [], curves: [curve(25, 50, 1)] },
    ],
    pairWidth: 100,
    bandHeight: 100,
    classes: ["zero", "one", "two"],
  };
}

function page() {
  const { document } = parseHTML("<!doctype html><html><body><div id=a></div></body></html>");
  return { document: document as unknown as Document, container: document.querySelector("#a") as unknown as Element };
}

describe("networkViewLayout", () => {
  const layout = networkViewLayout(fixture(), { width: 500, height: 300 });

  it("puts every neuron inside its cluster and every cluster centred in its column's slot", () => {
    expect(layout.columns).toHaveLength(3);
    for (const c of layout.clusters) {
      const col = layout.columns[c.column];
      expect(c.x).toBeGreaterThanOrEqual(col.x - 1e-9);
      expect(c.x + c.width).toBeLessThanOrEqual(col.x + col.width + 1e-9);
      const slots = fixture().columns[c.column].clusters.length;
      expect(c.y + c.height / 2).toBeCloseTo(layout.top + ((c.id + 0.5) * layout.band) / slots, 6);
      for (const n of c.neurons) {
        expect(n.x).toBeGreaterThanOrEqual(c.x - 1e-9);
        expect(n.x + n.width).toBeLessThanOrEqual(c.x + c.width + 1e-9);
      }
    }
  });

  it("draws one scale per column, so neuron areas compare across its clusters", () => {
    const widths = layout.clusters
      .filter((c) => c.column === 0)
      .map((c) => c.width / fixture().columns[0].clusters[c.id].neurons.length);
    expect(widths[0]).toBeCloseTo(widths[1], 9);
  });

  it("stretches each pair's bundles between the columns, each curve starting and ending on its clusters' frames", () => {
    const first = layout.curves.find((c) => c.pair === 1)!;
    const numbers = first.d.match(/-?\d+(\.\d+)?/g)!.map(Number);
    // The curve joins cluster 0 of the middle column to cluster 0 of the last: its right edge, then its left edge.
    const from = layout.clusters.find((c) => c.column === 1 && c.id === 0)!;
    const to = layout.clusters.find((c) => c.column === 2 && c.id === 0)!;
    expect(numbers[0]).toBeCloseTo(from.x + from.width, 0);
    expect(numbers[6]).toBeCloseTo(to.x, 0);
    // Narrower than its column, so the curve starts left of the column's edge: no gap beside the cluster.
    expect(from.x + from.width).toBeLessThan(layout.columns[1].x + layout.columns[1].width - 1);
    expect(numbers[1]).toBeCloseTo(layout.top + 0.25 * layout.band, 0);
    // Still leaves horizontally: the first control point moved with the start.
    expect(numbers[3]).toBeCloseTo(numbers[1], 0);
    expect(numbers[2] - numbers[0]).toBeCloseTo(0.4 * layout.columns[1].width, 0);
  });

  it("keeps a curve's end at the column edge where it meets a bicluster rectangle, not a cluster", () => {
    const data = fixture();
    data.pairs[1].curves = [
      { ...curve(25, 50, 1), kind: "input", output: -1, points: [0, 25, 20, 25, 30, 50, 50, 50] },
    ];
    const curved = networkViewLayout(data, { width: 500, height: 300 });
    const numbers = curved.curves
      .find((c) => c.pair === 1)!
      .d.match(/-?\d+(\.\d+)?/g)!
      .map(Number);
    const from = curved.clusters.find((c) => c.column === 1 && c.id === 0)!;
    expect(numbers[0]).toBeCloseTo(from.x + from.width, 0);
    const x0 = curved.columns[1].x + curved.columns[1].width;
    expect(numbers[6]).toBeCloseTo(x0 + 0.5 * curved.columns[1].width, 0);
  });
});

describe("networkView", () => {
  it("renders image-filled clusters in columns, bundles and bicluster rectangles (SSR)", () => {
    const svg = renderToString(networkView, fixture(), { width: 500, height: 300 });
    expect(svg.match(/<g [^>]*class="cluster"/g)).toHaveLength(7);
    expect(svg.match(/<image\b/g)).toHaveLength(3 + 1 + 2 + 3 + 2 + 2 + 1);
    expect(svg.match(/<path [^>]*class="bundle /g)).toHaveLength(3);
    expect(svg).toContain("cb-negative-fill");
  });

  it("fades the neurons of unselected classes in every column", () => {
    const { document, container } = page();
    const svg = networkView(container, fixture(), { width: 500, height: 300, document, selectedClasses: [1] });
    for (let g = 0; g < 3; g++) {
      const neurons = [...svg.querySelectorAll(`g.cluster[data-column="${g}"] g.neuron`)];
      const faded = neurons.filter((n) => n.getAttribute("opacity") === "0.15");
      expect(faded.length).toBeGreaterThan(0);
      expect(faded.length).toBeLessThan(neurons.length);
    }
  });

  it("redraws only the clusters a moved neuron touches", () => {
    const { document, container } = page();
    const svg = networkView(container, fixture([2, 3]), { width: 500, height: 300, document });
    const before = [...svg.querySelectorAll("g.cluster")];
    networkView(container, fixture([3, 2]), { width: 500, height: 300, document });
    const after = [...svg.querySelectorAll("g.cluster")];
    const kept = after.filter((node) => before.includes(node));
    expect(kept.map((n) => n.getAttribute("data-column")).sort()).toEqual(["0", "0", "2", "2", "2"]);
  });

  it("expands a cluster: its packing enlarged and its matrix in Held–Karp order; a click reports the cluster", () => {
    const { document, container } = page();
    const picked: unknown[] = [];
    const svg = networkView(container, fixture(), {
      width: 500,
      height: 300,
      document,
      expanded: { column: 1, cluster: 1 },
      onSelect: (c) => picked.push(c),
    });
    expect(svg.querySelectorAll("g.expanded-packing image")).toHaveLength(3);
    expect(svg.querySelectorAll("g.expanded-matrix rect")).toHaveLength(9);
    svg
      .querySelector('g.cluster[data-column="2"]')!
      .dispatchEvent(new (document.defaultView as unknown as { Event: typeof Event }).Event("click"));
    expect(picked).toEqual([{ column: 2, cluster: 0 }]);
  });

  it("draws an empty state for data it cannot draw", () => {
    const svg = renderToString(networkView, { ...fixture(), pairs: [] }, { width: 300, height: 200 });
    expect(svg).toContain("data.pairs must hold one bundle geometry per pair");
  });
});
