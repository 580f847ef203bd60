// The tracker's views as chart specs `{ chart, data, options }`: the page draws them, the report renders them to SVG.
import { influenceGrid, matrixHeatmap, polylineChart } from "@clearbox/charts";
import { dataflowDag } from "@clearbox/charts/dataflow-dag";
import { dataflow } from "./analysis.mjs";

const greys = (t) => {
  const v = Math.round(255 * (1 - Math.min(1, Math.max(0, t))));
  return `rgb(${v},${v},${v})`;
};

/**
 * The loss per step, with the step picker.
 * @param {object} run - loadRun's result
 * @param {{ step?: number, width?: number, height?: number, onSelectStep?: Function }} [options]
 */
export function lossView(run, { step, width = 900, height = 200, onSelectStep } = {}) {
  return {
    chart: polylineChart,
    data: { series: [Array.from(run.loss)], labels: ["loss (negative ELBO per digit)"] },
    options: {
      width,
      height,
      overviewHeight: 0,
      title: "Training loss: click a step",
      ...(step !== undefined && { selectedStep: step }),
      ...(onSelectStep && { onSelectStep }),
    },
  };
}

/**
 * The snapshot-level DAG around a step: each layer's min / mean / max of one statistic over [t − k, t + k].
 * @param {object} run - loadRun's result
 * @param {{ kind?: import("@clearbox/dgmtracker").SeriesKind, step?: number, selected?: string, width?: number, height?: number, onSelect?: Function }} [options]
 */
export function dagView(run, { kind = "weights", step, selected, width = 900, height = 300, onSelect } = {}) {
  return {
    chart: dataflowDag,
    data: dataflow(run, kind),
    options: {
      width,
      height,
      window: 10,
      nodeSize: [150, 70],
      title: `Dataflow around step ${step}: ${kind} (min, mean, max) per layer`,
      ...(step !== undefined && { step }),
      ...(selected !== undefined && { selected }),
      ...(onSelect && { onSelect }),
    },
  };
}

/**
 * One of the three line panels: every series (as context density), a random sample, or the blue-noise sample, at
 * the same count; the anomaly's series in the accent colour where they are drawn.
 * @param {object} analysis - analyzeRun's result
 * @param {"all" | "random" | "blue"} which
 * @param {{ range?: [number, number], width?: number, height?: number, onBrush?: Function, onHover?: Function }} [options]
 */
export function linesView(analysis, which, { range, width = 300, height = 240, onBrush, onHover } = {}) {
  const drawn = which === "blue" ? analysis.blue.indices : which === "random" ? analysis.random : [];
  const outliers = new Set(analysis.outliers);
  const titles = {
    all: `All ${analysis.series.count.toLocaleString("en")} ${analysis.kind} series`,
    random: `${drawn.length} at random`,
    blue: `${drawn.length} by blue noise`,
  };
  return {
    chart: polylineChart,
    data: {
      series: analysis.series,
      highlight: drawn,
      outliers: which === "all" ? [] : Array.from(drawn).filter((i) => outliers.has(i)),
    },
    options: {
      width,
      height,
      context: which === "all" ? "density" : "none",
      overviewHeight: onBrush ? 36 : 0,
      title: titles[which],
      ...(range && { range }),
      ...(onBrush && { onBrush }),
      ...(onHover && { onHover }),
    },
  };
}

/** Forward credit of one neuron: its share of every output pixel (28 × 28). */
export function forwardCreditView(result, { size = 220 } = {}) {
  return {
    chart: influenceGrid,
    data: { values: result.forward, columns: 28 },
    options: { width: size, height: size, title: `Unit ${result.unit}'s forward influence on the output pixels` },
  };
}

/** The probe digit's reconstruction, for reference beside the credit. */
export function reconstructionView(result, { size = 220 } = {}) {
  return {
    chart: influenceGrid,
    data: { values: result.reconstruction, columns: 28 },
    options: { width: size, height: size, color: greys, title: `Reconstruction of probe digit ${result.probe}` },
  };
}

/** Backward credit: the share of each latent dimension in the neuron's input. */
export function backwardCreditView(result, { width = 300, height = 90 } = {}) {
  return {
    chart: matrixHeatmap,
    data: {
      values: [result.backward],
      rowLabels: [`unit ${result.unit}`],
      columnLabels: result.backward.map((_, d) => `z${d}`),
    },
    options: { width, height, scheme: "diverging", title: `Backward credit of unit ${result.unit}: latent dimensions` },
  };
}

/**
 * Neuron clusters × 4 × 4 blocks of output pixels: how much of each block each cluster drives.
 * @param {object} result - credit's result
 * @param {{ width?: number, height?: number, onSelect?: Function }} [options]
 */
export function clusterCreditView(result, { width = 420, height = 260, onSelect } = {}) {
  const { rows, columns, values } = result.aggregated;
  return {
    chart: matrixHeatmap,
    data: {
      values: { rows, columns, data: values },
      rowLabels: Array.from({ length: rows }, (_, c) => `cluster ${c}${c === result.clusterOf ? " ◂" : ""}`),
      columnLabels: Array.from({ length: columns }, (_, b) => `${Math.floor(b / 4)},${b % 4}`),
    },
    options: {
      width,
      height,
      scheme: "diverging",
      title: "Forward influence of each neuron cluster on each 7 × 7 block of the output",
      ...(onSelect && { onSelect }),
    },
  };
}
