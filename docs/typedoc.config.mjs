// The API reference covers every entry a user imports from every package under packages/ (read from their
// `exports` maps, so a new package needs no edit here); `./internal` entries are plumbing and left out.
import { fileURLToPath } from "node:url";
import { workspacePackages } from "@clearbox/build-kit/workspace-packages";

const root = fileURLToPath(new URL("..", import.meta.url));

/** @type {Partial<import("typedoc").TypeDocOptions> & Record<string, unknown>} */
export default {
  entryPoints: workspacePackages(root)
    .filter((pkg) => pkg.manifest.private !== true)
    .flatMap((pkg) => pkg.entries.filter((entry) => !entry.internal && entry.source).map((entry) => entry.source)),
  tsconfig: fileURLToPath(new URL("./tsconfig.json", import.meta.url)),
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
