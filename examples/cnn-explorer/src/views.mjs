// The explorer's views as chart specs `{ chart, data, options }`: the page draws them with `chart(container, data,
// options)`, the report with `renderToString(chart, data, options)`. Shared, so both show the same thing.
import { influenceGrid, matrixHeatmap, networkView as networkChart, packedRects } from "@clearbox/charts";
import { clusterMembers, networkViewData } from "@clearbox/cnnvis";

const interpolateGreys = (t) => {
  const v = Math.round(255 * (1 - Math.min(1, Math.max(0, t))));
  return `rgb(${v},${v},${v})`;
};

/**
 * Why a layer pair has no bicluster, in words, or "" when every pair has one. cnnvis biclusters with τ = 0.5 and
 * θ = 0.3 of the pair's largest |strength| and keeps a bicluster only when it draws fewer curves than its edges
 * (greedy selection, ALGORITHMS.md §4): a block of 2 × 3 cluster pairs of one sign saves one curve, a 2 × 2 block none.
 * @param {import("@clearbox/cnnvis").Views} views
 * @param {import("@clearbox/cnnvis").Analysis} analysis
 */
export function bundleNote(views, analysis) {
  const without = views.bundles.filter((b) => b.biclusters === 0);
  if (without.length === 0) return "";
  const pairs = without.map((b) => `${groupName(analysis, b.from)} → ${groupName(analysis, b.to)}`).join("; ");
  return `No bicluster between ${pairs}: of its cluster pairs at least 0.3 × the strongest, no block of input × output clusters all joined by pairs of one sign within 0.5 × the strongest of each other (at least 2 × 3) draws fewer curves than its direct edges, so each pair is drawn as a direct edge.`;
}

/** A group's display name, e.g. "conv2 + pool2". */
export function groupName(analysis, g) {
  return analysis.groups[g].name;
}

/** Cluster ids of a group in order, and the members of each. */
export function clustersOf(labels) {
  return clusterMembers(labels);
}

/**
 * The CNNVis main view (thesis Fig. 3.8): every group a column of clusters filled with their neurons' top patches,
 * the bundles between columns; `selectedClasses` fades other classes' neurons everywhere, `expanded` opens a cluster.
 * @param {any} analysis
 * @param {any} views
 * @param {{ [option: string]: any }} [options] sizes, selection and handlers, as destructured below
 */
export function networkView(
  analysis,
  views,
  { width = 1100, height = 560, selectedClasses, expanded, onHover, onSelect } = {},
) {
  return {
    chart: networkChart,
    data: networkViewData(analysis, views, { href: (g, u) => analysis.hrefs[g][u] }),
    options: {
      width,
      height,
      title: "Layer groups as columns of neuron clusters (packed top patches), bundled by weighted biclustering",
      ...(selectedClasses?.length && { selectedClasses }),
      ...(expanded && { expanded }),
      ...(onHover && { onHover }),
      ...(onSelect && { onSelect }),
    },
  };
}

/** Pixels per packing unit that fit a group's largest cluster into `side` pixels, so areas compare across clusters. */
export function commonUnit(views, g, side) {
  let largest = 1e-9;
  for (const { packing } of views.packings[g]) largest = Math.max(largest, packing.width, packing.height);
  return side / largest;
}

/**
 * One cluster's neurons as packed rectangles: area ∝ importance, each showing its top input patches.
 * @param {any} analysis
 * @param {any} views
 * @param {number} g
 * @param {number} cluster
 * @param {{ [option: string]: any }} [options] sizes, selection and handlers, as destructured below
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
    // 6 px of margin around the packing, 18 px for the label, wide enough for it at ~7 px a bold character.
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
      href: members.map((u) => analysis.hrefs[g][u]),
      labels: members.map((u) => `${group.readout} unit ${u} · prefers ${analysis.classes[group.topClass[u]]}`),
      label,
    },
    options: {
      width,
      height,
      title: `Cluster ${cluster} of ${groupName(analysis, g)}: each neuron's top-${group.top.k} input patches, area by importance`,
      ...(selectedClasses?.length && { selectedClasses }),
      ...(onHover && { onHover: (index, event) => onHover(index === null ? null : members[index], event) }),
      ...(onSelect && { onSelect: (index, event) => onSelect(members[index], event) }),
    },
  };
}

/**
 * One cluster's neurons × classes matrix of mean activations, rows in Held–Karp order.
 * @param {any} analysis
 * @param {any} views
 * @param {number} g
 * @param {number} cluster
 * @param {{ [option: string]: any }} [options] sizes, selection and handlers, as destructured below
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
      values: matrix.members.map((u) => group.vectors[u]),
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
 * @param {any} analysis
 * @param {any} views
 * @param {number} g
 * @param {{ [option: string]: any }} [options] sizes, selection and handlers, as destructured below
 */
export function layerMatrixView(analysis, views, g, { selectedClasses, width = 420, height = 520 } = {}) {
  const group = analysis.groups[g];
  const order = views.matrices[g].flatMap((m) => m.order.map((r) => m.members[r]));
  const highlight = selectedClasses?.length
    ? Array.from(group.topClass).flatMap((c, u) => (selectedClasses.includes(c) ? [u] : []))
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

/** The explained sample (grey) and its LRP relevance map (green for, red against the predicted class). */
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
        title: `Sample ${e.index} (a ${analysis.classes[e.label]})`,
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
