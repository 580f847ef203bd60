// What each package entry costs a user's bundle: the built ESM entry with everything it imports (d3 modules,
// @clearbox/core) bundled and minified by esbuild, brotli-compressed. Peer dependencies (TensorFlow.js) are the
// user's own and left out. Entries are read from the workspace; an entry without a budget below is measured and
// printed, not checked, until one is set. Run `pnpm size`; the figures are copied into the root README.
import { fileURLToPath } from "node:url";
import { join, relative } from "node:path";
import { workspacePackages } from "./scripts/build/workspace-packages.mjs";

const root = fileURLToPath(new URL(".", import.meta.url));

/** Budgets (brotli, kB = 1,000 bytes), set ~25% above the size measured on 2026-12-05, so a merge that adds a
 * feature passes and a dependency that drags in a library does not. */
const budgets = {
  "@clearbox/core": "1.8 kB",
  "@clearbox/cluster": "10.8 kB",
  "@clearbox/rect-pack": "18.7 kB",
  "@clearbox/reorder": "11.7 kB",
  "@clearbox/bicluster": "7.2 kB",
  "@clearbox/blue-noise": "9.1 kB",
  "@clearbox/credit": "9.1 kB",
  "@clearbox/mutual-rank": "9.9 kB",
  "@clearbox/charts": "123 kB",
  "@clearbox/charts/ssr": "116 kB",
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
          ignore: Object.keys(pkg.manifest.peerDependencies ?? {}),
          ...(budgets[entry.specifier] ? { limit: budgets[entry.specifier] } : {}),
        };
      }),
  );
