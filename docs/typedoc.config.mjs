// The API reference covers every entry a user imports from every package under packages/ (read from their
// `exports` maps, so a new package needs no edit here); `./internal` entries are plumbing and left out.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { workspacePackages } from "../scripts/build/workspace-packages.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const tsconfigPath = fileURLToPath(new URL("./tsconfig.json", import.meta.url));
// Node-only entries (e.g. dgmtracker's ./node) are listed in the docs tsconfig's `exclude`: the docs type-check without
// Node's types, so their pages are the package README instead.
const nodeOnly = new Set(
  (JSON.parse(readFileSync(tsconfigPath, "utf8")).exclude ?? []).map((file) =>
    resolve(fileURLToPath(new URL(".", import.meta.url)), file),
  ),
);

/** @type {Partial<import("typedoc").TypeDocOptions> & Record<string, unknown>} */
export default {
  entryPoints: workspacePackages(root)
    .filter((pkg) => pkg.manifest.private !== true)
    .flatMap((pkg) => pkg.entries.filter((entry) => !entry.internal && entry.source).map((entry) => entry.source))
    .filter((source) => !nodeOnly.has(resolve(source))),
  tsconfig: tsconfigPath,
  out: "./api",
  plugin: ["typedoc-plugin-markdown", "typedoc-vitepress-theme"],
  docsRoot: "./",
  readme: "none",
  excludeInternal: true,
  excludePrivate: true,
  hidePageHeader: true,
  disableSources: true,
  sort: ["kind", "alphabetical"],
  name: "clearbox API reference",
  validation: { notDocumented: true, invalidLink: true, notExported: false },
  requiredToBeDocumented: ["Function", "Parameter", "Interface", "TypeAlias", "Class", "Variable", "Property"],
};
