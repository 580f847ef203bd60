// The explorer's views as chart specs `{ chart, data, options }`: the page draws them with `chart(container, data,
// options)`, the report with `renderToString(chart, data, options)`. Shared, so both show the same thing.
import { influenceGrid, layerBundles, matrixHeatmap, packedRects } from "@clearbox/charts";
import { BUNDLE_HEIGHT, BUNDLE_PAIR_WIDTH, spread } from "./analysis.mjs";

const interpolateGreys = (t) => {
  const v = Math.round(255 * (1 - Math.min(1, Math.max(0, t))));
  return `rgb(${v},${v},${v})`;
};

/** A group's display name: its layers, e.g. "conv2 + pool2". */
export function groupName(analysis, g) {
  return analysis.groups[g].layers.map((l) => analysis.layerNames[l]).join(" + ");
}

/** Cluster ids of a group in order, and the members of each. */
export function clustersOf(labels) {
  const ids = [...new Set(labels)].sort((a, b) => a - b);
  return ids.map((id) => ({ id, members: labels.flatMap((c, u) => (c === id ? [u] : [])) }));
}

/** The class most of a cluster's members prefer. */
function dominantClass(group, members) {
  const votes = new Map();
  for (const u of members) votes.set(group.topClass[u], (votes.get(group.topClass[u]) ?? 0) + 1);
  return [...votes].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0];
}

/**
 * The whole network: every group's clusters as a column of boxes, the bundles of every consecutive pair.
 * @param {object} analysis
 * @param {object} views
 * @param {{ width?: number, height?: number, onHover?: Function, onSelect?: Function }} [options]
 */
export function networkView(analysis, views, { width = 980, height = 420, onHover, onSelect } = {}) {
  const output = analysis.groups.length - 1;
  const layers = analysis.groups.map((group, g) => {
    const count = Math.max(...views.clusters[g]) + 1;
    const labels = Array.from({ length: count }, (_, c) => {
      const members = views.clusters[g].flatMap((id, u) => (id === c ? [u] : []));
      if (g === output && group.units <= 10) return `${analysis.classes[c]}`;
      const top = dominantClass(group, members);
      const noun = analysis.network.layers[group.unitLayer].type === "conv2d" ? "map" : "unit";
      if (!members.length) return "empty";
      return `${members.length} ${noun}${members.length > 1 ? "s" : ""} · prefer${members.length > 1 ? "" : "s"} ${analysis.classes[top]}`;
    });
    return { name: groupName(analysis, g), positions: spread(count), labels };
  });
  return {
    chart: layerBundles,
    data: { width: BUNDLE_PAIR_WIDTH, height: BUNDLE_HEIGHT, layers, pairs: views.bundles.map((b) => b.geometry) },
    options: {
      width,
      height,
      title: "Neuron clusters per layer group, bundled by weighted biclustering",
      ...(onHover && { onHover }),
      ...(onSelect && { onSelect }),
    },
  };
}

/**
 * Pixels per packing unit that fit a group's largest cluster into `side` pixels: with one unit for every cluster of
 * the group, a rectangle's drawn area compares across clusters (a cluster of one neuron stays small).
 */
export function commonUnit(views, g, side) {
  return side / Math.max(...views.packings[g].map(({ packing }) => Math.max(packing.width, packing.height)));
}

/**
 * One cluster's neurons as packed rectangles: area ∝ importance, each showing its top input patches. With `unit`
 * (pixels per packing unit, see commonUnit) the chart is sized to the packing; else it fills width × height.
 * @param {object} analysis
 * @param {object} views
 * @param {number} g
 * @param {number} cluster
 * @param {{ selectedClasses?: number[], width?: number, height?: number, unit?: number, onHover?: Function, onSelect?: Function }} [options]
 */
export function packedView(
  analysis,
  views,
  g,
  cluster,
  { selectedClasses, width = 300, height = 300, unit, onHover, onSelect } = {},
) {
  const group = analysis.groups[g];
  const packed = views.packings[g].find((p) => p.cluster === cluster);
  const { members } = packed;
  const label = `cluster ${cluster} · ${members.length} neuron${members.length === 1 ? "" : "s"}`;
  if (unit !== undefined) {
    // The chart's own margins: 6 px around the packing, 18 px for the label, which starts where the (centred)
    // packing does: wide enough for it at about 7 px a bold character.
    const drawn = packed.packing.width * unit;
    width = Math.max(drawn + 12, 2 * 7 * label.length - drawn);
    height = packed.packing.height * unit + 30;
  }
  return {
    chart: packedRects,
    data: {
      ...packed.packing,
      importance: members.map((u) => group.importance[u]),
      classes: members.map((u) => group.topClass[u]),
      href: members.map((u) => group.patches[u]),
      labels: members.map(
        (u) => `${analysis.layerNames[group.unitLayer]} unit ${u} · prefers ${analysis.classes[group.topClass[u]]}`,
      ),
      label,
    },
    options: {
      width,
      height,
      title: `Cluster ${cluster} of ${groupName(analysis, g)}: each neuron's top-${4} input patches, area by importance`,
      ...(selectedClasses?.length && { selectedClasses }),
      ...(onHover && { onHover: (index, event) => onHover(index === null ? null : members[index], event) }),
      ...(onSelect && { onSelect: (index, event) => onSelect(members[index], event) }),
    },
  };
}

/**
 * One cluster's neurons × classes matrix of mean activations, rows in Held–Karp order.
 * @param {object} analysis
 * @param {object} views
 * @param {number} g
 * @param {number} cluster
 * @param {{ selectedClasses?: number[], width?: number, height?: number, onHover?: Function }} [options]
 */
export function clusterMatrixView(
  analysis,
  views,
  g,
  cluster,
  { selectedClasses, width = 300, height = 300, onHover } = {},
) {
  const group = analysis.groups[g];
  const matrix = views.matrices[g].find((m) => m.cluster === cluster);
  const highlight = selectedClasses?.length
    ? matrix.members.flatMap((u, r) => (selectedClasses.includes(group.topClass[u]) ? [r] : []))
    : undefined;
  return {
    chart: matrixHeatmap,
    data: {
      values: matrix.rows,
      rowOrder: matrix.order,
      rowLabels: matrix.members.map((u) => `unit ${u}`),
      columnLabels: analysis.classes,
    },
    options: {
      width,
      height,
      scheme: "sequential",
      title: `Cluster ${cluster} of ${groupName(analysis, g)}: mean activation per class, rows reordered (Held–Karp)`,
      ...(highlight && { highlightRows: highlight }),
      ...(onHover && { onHover }),
    },
  };
}

/**
 * A whole group's matrix: clusters one after another, each cluster's rows in its Held–Karp order.
 * @param {object} analysis
 * @param {object} views
 * @param {number} g
 * @param {{ selectedClasses?: number[], width?: number, height?: number }} [options]
 */
export function layerMatrixView(analysis, views, g, { selectedClasses, width = 420, height = 520 } = {}) {
  const group = analysis.groups[g];
  const order = views.matrices[g].flatMap((m) => m.order.map((r) => m.members[r]));
  const highlight = selectedClasses?.length
    ? group.topClass.flatMap((c, u) => (selectedClasses.includes(c) ? [u] : []))
    : undefined;
  return {
    chart: matrixHeatmap,
    data: {
      values: group.vectors,
      rowOrder: order,
      rowLabels: group.vectors.map((_, u) => `c${views.clusters[g][u]} · unit ${u}`),
      columnLabels: analysis.classes,
    },
    options: {
      width,
      height,
      scheme: "sequential",
      title: `${groupName(analysis, g)}: mean activation per class, cluster by cluster, rows reordered`,
      ...(highlight && { highlightRows: highlight }),
    },
  };
}

/** The explained digit (grey) and its LRP relevance map (green for, red against the predicted class). */
export function explanationViews(analysis, { size = 200 } = {}) {
  const e = analysis.explanation;
  return [
    {
      chart: influenceGrid,
      data: { values: e.pixels, columns: e.width },
      options: {
        width: size,
        height: size,
        color: interpolateGreys,
        title: `Test digit ${e.index} (a ${analysis.classes[e.label]})`,
      },
    },
    {
      chart: influenceGrid,
      data: { values: e.relevance, columns: e.width },
      options: {
        width: size,
        height: size,
        title: `LRP relevance for the predicted class ${analysis.classes[e.predicted]}`,
      },
    },
  ];
}
