import { defineConfig } from "tsup";
import { packageBuildOf } from "@clearbox/build-kit/tsup-package";

const entries = ["src/index.ts", "src/dataflow-dag.ts", "src/ssr.ts", "src/async.ts", "src/worker.ts"];
// Each chart built as a module of its own (dist/charts/*.js, not a public entry), so a bundler that tree-shakes by
// module (sideEffects: false) drops the charts a page does not import, and with them what only they import: in one
// dist/index.js, polylineChart's d3-brush (no sideEffects field, so kept) dragged d3-transition into every page.
const charts = [
  "packed-rects",
  "matrix-heatmap",
  "layer-bundles",
  "influence-grid",
  "scatter-plot",
  "polyline-chart",
  "uncertainty-glyph",
  "rank-graph",
  "flow-map",
  "edge-bundling",
];
const base = packageBuildOf(entries);

// ESM only: d3 is ESM-only, and Node ≥ 20.19 (this repository's floor) can `require` an ES module.
export default defineConfig({
  ...base,
  entry: {
    ...Object.fromEntries(entries.map((file) => [file.slice(4, -3), file])),
    ...Object.fromEntries(charts.map((name) => [`charts/${name}`, `src/${name}.ts`])),
    // polylineChart's density worker: dist/dense-lines-worker.js, beside the shared chunk that starts it (no types).
    "dense-lines-worker": "src/dense-lines-worker.ts",
  },
  dts: { entry: entries, compilerOptions: { ignoreDeprecations: "6.0" } },
  format: ["esm"],
});
