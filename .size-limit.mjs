// What each package entry costs a user's bundle: the built ESM entry with everything it imports (d3 modules,
// @clearbox/core) bundled and minified by esbuild, brotli-compressed. Peer dependencies (TensorFlow.js) are the
// user's own and left out. Entries are read from the workspace; an entry without a budget below is measured and
// printed, not checked, until one is set. Run `pnpm size`; the figures are copied into the root README.
import { builtinModules } from "node:module";
import { fileURLToPath } from "node:url";
import { join, relative } from "node:path";
import { workspacePackages } from "@clearbox/build-kit/workspace-packages";

const root = fileURLToPath(new URL(".", import.meta.url));
// Node-only entries (dgmtracker's ./node) import Node's own modules: the platform's, not a bundle's cost.
const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

/** Budgets (brotli, kB = 1,000 bytes), set ~25% above the size measured on 2026-12-05, so a merge that adds a
 * feature passes and a dependency that drags in a library does not. Raised the same day after merging Leiden (cluster,
 * and rect-pack and reorder through it) and credit's layer kinds: ~15 % above the merged sizes. */
const budgets = {
  "@clearbox/core": "1.8 kB",
  "@clearbox/cluster": "13.5 kB",
  "@clearbox/rect-pack": "24 kB",
  "@clearbox/reorder": "18 kB",
  "@clearbox/bicluster": "7.2 kB",
  "@clearbox/blue-noise": "9.1 kB",
  "@clearbox/credit": "17.8 kB",
  "@clearbox/mutual-rank": "14 kB",
  // +1.8 kB for decodeTensorBoardScalars (16.1 kB by `pnpm size`; tree-shaken from bundles that do not call it)
  "@clearbox/dgmtracker": "17 kB", // +0.6 kB: blue-noise's typed-array cell lists, reading wasm tensors in place
  "@clearbox/cnnvis": "52 kB",
  // charts: d3-dag moved to ./dataflow-dag and linkedom to an optional peer (not counted, as peers are not) — the
  // charts' per-chart bundle test (packages/charts/test/bundle.test.ts) checks a scatter-only page on top of this.
  "@clearbox/charts": "80 kB",
  "@clearbox/charts/dataflow-dag": "68 kB",
  "@clearbox/charts/ssr": "1.3 kB",
};

export default workspacePackages(root)
  .filter((pkg) => pkg.manifest.private !== true)
  .flatMap((pkg) =>
    pkg.entries
      .filter((entry) => !entry.internal)
      .map((entry) => {
        const base = entry.subpath === "." ? "index" : entry.subpath.slice(2);
        return {
          name: entry.specifier,
          path: relative(root, join(pkg.directory, "dist", `${base}.js`)),
          import: "*",
          ignore: [...Object.keys(pkg.manifest.peerDependencies ?? {}), ...nodeBuiltins],
          ...(budgets[entry.specifier] ? { limit: budgets[entry.specifier] } : {}),
        };
      }),
  );
