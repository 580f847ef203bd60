import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { listPackages } from "@clearbox/test-kit/bad-input-probe";

// A misspelt option is a mistake the user cannot see, so every function that takes options rejects unknown keys
// with E_OPTION, naming the key and the closest valid one. Each exported function of each package is either called
// here with a misspelt option, or listed as taking no options: a new export must be classified to pass.
const root = fileURLToPath(new URL("..", import.meta.url));

const points = [
  [0, 0],
  [0, 1],
  [5, 5],
  [5, 6],
  [9, 0],
  [9, 1],
];
const graph = { nodes: 3, edges: [[0, 1] as [number, number], [1, 2] as [number, number]] };
const network = {
  layers: [
    {
      type: "dense",
      kernel: [
        [1, -1],
        [0.5, 2],
      ],
      bias: [0, 0],
      activation: "relu",
    },
    { type: "dense", kernel: [[1], [1]], bias: [0], activation: "linear" },
  ],
};
const activations = [[1, 2], [2, 3], [5]];
const squares = [1, 2, 3].map((s) => ({ width: s, height: s }));
const layersModel = { layers: [], inputs: [{ shape: [null, 2] }] };
const stubElement = () => ({ appendChild: () => {}, ownerDocument: {} });

/** A valid call with one misspelt option: [the misspelt key, the key it should suggest, the call]. */
const misspelt: Record<string, [string, string, (f: (...args: unknown[]) => unknown) => unknown]> = {
  kmeans: ["seeed", "seed", (f) => f(points, 3, { seeed: 3 })],
  meanShift: ["bandwith", "bandwidth", (f) => f(points, { bandwith: 2 })],
  estimateBandwidth: ["quantil", "quantile", (f) => f(points, { quantil: 0.5 })],
  divisiveHierarchy: ["maxLeafsize", "maxLeafSize", (f) => f(points, "cosine", { maxLeafsize: 2 })],
  greedyModularity: ["resolutoin", "resolution", (f) => f(graph, { resolutoin: 1 })],
  leiden: ["maxIteration", "maxIterations", (f) => f(graph, { maxIteration: 2 })],
  modularity: ["resolutoin", "resolution", (f) => f(graph, [0, 0, 1], { resolutoin: 1 })],
  lrp: ["epsilom", "epsilon", (f) => f(network, [1, 2], { epsilom: 0.1 })],
  lrpBatch: ["epsilom", "epsilon", (f) => f(network, [[1, 2]], { epsilom: 0.1 })],
  forwardBatch: ["layer", "layers", (f) => f(network, [[1, 2]], { layer: [1] })],
  applyActivation: ["maxvalue", "maxValue", (f) => f(null, "relu", { maxvalue: 6 })],
  forwardInfluence: ["includebias", "includeBias", (f) => f(network, activations, 1, { includebias: true })],
  backwardInfluence: ["spatail", "spatial", (f) => f(network, activations, 0, { spatail: true })],
  fromLayersModel: ["dropSoftMax", "dropSoftmax", (f) => f(layersModel, { dropSoftMax: true })],
  fromGraphModel: ["dropSoftMax", "dropSoftmax", (f) => f({}, { dropSoftMax: true })],
  packFast: ["qualty", "quality", (f) => f(squares, { qualty: "best" })],
  packOptimal: ["maxNode", "maxNodes", (f) => f(squares, { maxNode: 10 })],
  packHierarchical: ["maxLeafsize", "maxLeafSize", (f) => f(squares, { features: points.slice(0, 3), maxLeafsize: 2 })],
  squarify: ["paddng", "padding", (f) => f([1, 2, 3], { width: 10, height: 10, paddng: 1 })],
  reorderRows: ["exactlimit", "exactLimit", (f) => f(points, { exactlimit: 5 })],
  similarityMatrix: ["metrc", "metric", (f) => f(points, { metrc: "cosine" })],
  distanceMatrix: ["metrc", "metric", (f) => f(points, { metrc: "cosine" })],
  heldKarp: [
    "strat",
    "start",
    (f) =>
      f(
        [
          [0, 1],
          [1, 0],
        ],
        { strat: 0 },
      ),
  ],
  closedBicliques: ["minRow", "minRows", (f) => f([[0, 1]], { minRow: 1 })],
  weightedBicluster: ["threshhold", "threshold", (f) => f([], { threshhold: 0.5 })],
  bundleLayout: [
    "gapp",
    "gap",
    (f) =>
      f({ biclusters: [], directEdges: [] }, { inputPositions: [], outputPositions: [], width: 1, height: 1, gapp: 2 }),
  ],
  sampleBlueNoise: ["raito", "ratio", (f) => f([[0, 1]], { raito: 0.5 })],
  polylineDistance: ["yy", "y", (f) => f([0, 1], [1, 2], { yy: (v: number) => v })],
  samplingQuality: ["outlier", "outliers", (f) => f([[0, 1]], [0], { outlier: [0] })],
  timeWindow: ["resolutoin", "resolution", (f) => f([[0, 1, 2]], 0, 2, { resolutoin: 2 })],
  createOnlineSampler: ["windw", "window", (f) => f({ count: 1, windw: 3 })],
  sampleRun: [
    "outlier",
    "outliers",
    (f) =>
      f({ readSeries: () => ({ values: new Float32Array(4), count: 2, length: 2 }) }, "a", "weights", { outlier: [] }),
  ],
  createTracker: ["evry", "every", (f) => f({ evry: 2 })],
  decodeTensorBoardScalars: ["tag", "tags", (f) => f(new Uint8Array(0), { tag: ["loss"] })],
  createRunWriter: ["ful", "full", (f) => f({ append() {}, replace() {}, read() {}, size: () => -1 }, { ful: [] })],
  createModel: ["dampng", "damping", (f) => f({ types: ["a"], nodeType: [0], edges: [] }, { dampng: 0.5 })],
  solveExact: [
    "tolerence",
    "tolerance",
    (f) => f({ transition: new Float64Array(), offsets: new Int32Array(1) }, { tolerence: 1 }),
  ],
  createMonteCarloRanker: [
    "walksPerNod",
    "walksPerNode",
    (f) => f({ transition: new Float64Array(), offsets: new Int32Array(1) }, { walksPerNod: 1 }),
  ],
  fromTweets: ["topk", "topK", (f) => f([], { text: "t", author: "a", topk: 2 })],
  monteCarloScores: [
    "walksPerNod",
    "walksPerNode",
    (f) => f({ transition: new Float64Array(), offsets: new Int32Array(1) }, { walksPerNod: 1 }),
  ],
  fromTweetStream: [
    "similarityBudgt",
    "similarityBudget",
    (f) => f([], { text: "t", author: "a", similarityBudgt: 2 }),
  ],
  topicPrior: ["flor", "floor", (f) => f({ posts: 0, nodeType: [], edges: [] }, [], "query", { flor: 1 })],
  // Charts: the container is checked before the options (no DOM here), so a stand-in element is enough.
  packedRects: ["selectedClass", "selectedClasses", (f) => f(stubElement(), {}, { selectedClass: [1] })],
  matrixHeatmap: ["shceme", "scheme", (f) => f(stubElement(), {}, { shceme: "diverging" })],
  exportPng: ["scal", "scale", (f) => f({}, { scal: 2 })],
  layerBundles: ["minWieght", "minWeight", (f) => f(stubElement(), {}, { minWieght: 0.1 })],
  influenceGrid: ["topk", "topK", (f) => f(stubElement(), {}, { topk: 3 })],
  scatterPlot: ["onbrush", "onBrush", (f) => f(stubElement(), {}, { onbrush: () => {} })],
  polylineChart: ["contex", "context", (f) => f(stubElement(), {}, { contex: "density" })],
  dataflowDag: ["windw", "window", (f) => f(stubElement(), {}, { windw: 3 })],
  uncertaintyGlyph: ["onhover", "onHover", (f) => f(stubElement(), {}, { onhover: () => {} })],
  rankGraph: ["sed", "seed", (f) => f(stubElement(), {}, { sed: 1 })],
  flowMap: ["bundel", "bundle", (f) => f(stubElement(), {}, { bundel: false })],
  bundleEdges: ["compatability", "compatibility", (f) => f([[0, 0, 1, 1]], { compatability: 0.5 })],
  placeLabels: ["paddng", "padding", (f) => f([], { bounds: [0, 0, 10, 10], paddng: 2 })],
  analyzeModel: ["batchSzie", "batchSize", (f) => f(network, { images: [1, 2], labels: [0] }, { batchSzie: 8 })],
  clusterNeurons: ["sed", "seed", (f) => f({ groups: [] }, { sed: 1 })],
  deriveViews: ["maxPair", "maxPairs", (f) => f({ groups: [] }, [], { maxPair: 10 })],
  neuronImage: ["column", "columns", (f) => f({ units: 1, top: {} }, 0, { column: 2 })],
  networkViewData: ["hrf", "href", (f) => f({ groups: [] }, {}, { hrf: () => "" })],
  networkView: ["expaned", "expanded", (f) => f(stubElement(), {}, { expaned: null })],
  networkViewLayout: ["widht", "width", (f) => f({}, { widht: 100, height: 100 })],
  packedRectsLayout: ["selectedClass", "selectedClasses", (f) => f({}, { width: 9, height: 9, selectedClass: [1] })],
  matrixHeatmapLayout: ["shceme", "scheme", (f) => f({}, { width: 9, height: 9, shceme: "diverging" })],
  layerBundlesLayout: ["minWieght", "minWeight", (f) => f({}, { width: 9, height: 9, minWieght: 0.1 })],
  influenceGridLayout: ["topk", "topK", (f) => f({}, { width: 9, height: 9, topk: 3 })],
  scatterPlotLayout: ["radus", "radius", (f) => f({}, { width: 9, height: 9, radus: 2 })],
  polylineChartLayout: ["contex", "context", (f) => f({}, { width: 9, height: 9, contex: "density" })],
  dataflowDagLayout: ["windw", "window", (f) => f({}, { width: 9, height: 9, windw: 3 })],
  uncertaintyGlyphLayout: ["heigth", "height", (f) => f({}, { width: 9, heigth: 9 })],
  rankGraphLayout: ["sed", "seed", (f) => f({}, { width: 9, height: 9, sed: 1 })],
  flowMapLayout: ["bundel", "bundle", (f) => f({}, { width: 9, height: 9, bundel: false })],
};

/** Exports whose parameters hold no options object. */
const takesNoOptions = new Set([
  "isClearboxError",
  "createRandom",
  "cosineSimilarity",
  "correlationSimilarity",
  "classMeanVectors",
  "graphAdjacency",
  "knnGraph",
  "principalComponents",
  "representatives",
  "aggregateInfluence",
  "forwardPass",
  "prepareNetwork",
  "disposeNetwork",
  "packingDensity",
  "clusterStrengths",
  "aggregateSeries",
  "mostIsolated",
  "topK",
  "precisionAtK",
  "pathCost",
  "seriationCriteria",
  "interpolateRedGreen",
  "pngDataUrl",
  "exportSvg",
  "optionsTable",
  "memoryStorage",
  "openRun",
  "dataflow",
  "randomSample",
  "clusterMembers",
  "moveNeuron",
  "spreadPositions",
]);

describe("unknown option keys", () => {
  it.each(listPackages(root).map((pkg) => [pkg.name, pkg.entry]))(
    "%s rejects them, naming the closest key",
    async (_, entry) => {
      const module = (await import(pathToFileURL(entry as string).href)) as Record<string, unknown>;
      const functions = Object.keys(module).filter(
        (name) => typeof module[name] === "function" && !/^class[\s{]/.test(String(module[name])),
      );
      for (const name of functions) {
        if (takesNoOptions.has(name)) continue;
        expect(misspelt[name], `classify ${name}: add a misspelt-option call, or list it as taking none`).toBeDefined();
        const [key, suggestion, call] = misspelt[name];
        let thrown: unknown;
        try {
          await call(module[name] as (...args: unknown[]) => unknown);
        } catch (error) {
          thrown = error;
        }
        expect(thrown, `${name} with options.${key}`).toMatchObject({
          name: "ClearboxError",
          code: "E_OPTION",
          argument: `options.${key}`,
        });
        expect((thrown as Error).message).toContain(`Did you mean ${suggestion}?`);
      }
    },
  );
});
