// The workspace's packages read from packages/*/package.json, so everything that lists them (the docs' API
// reference, Storybook's aliases, the release checks) picks up a new package the day its folder exists.
// Each entry of a package's `exports` map is matched to its source by name: "." → src/index.ts, "./ssr" → src/ssr.ts.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** Every package folder under `root/packages` that has a package.json, sorted by folder name. */
export function workspacePackages(root) {
  const folder = join(root, "packages");
  return readdirSync(folder)
    .sort()
    .filter((name) => existsSync(join(folder, name, "package.json")))
    .map((name) => {
      const directory = join(folder, name);
      const manifest = JSON.parse(readFileSync(join(directory, "package.json"), "utf8"));
      return { name: manifest.name, folder: name, directory, manifest, entries: entriesOf(directory, manifest) };
    });
}

/** The code entries of a package (not `./package.json`), each with its specifier and source file if it has one. */
function entriesOf(directory, manifest) {
  const exports = manifest.exports ?? { ".": manifest.main ?? "./dist/index.js" };
  return Object.entries(exports)
    .filter(([subpath]) => !subpath.endsWith(".json") && !subpath.includes("*"))
    .map(([subpath, target]) => {
      const base = subpath === "." ? "index" : subpath.slice(2);
      const source = join(directory, "src", `${base}.ts`);
      return {
        subpath,
        specifier: subpath === "." ? manifest.name : `${manifest.name}/${base}`,
        source: existsSync(source) ? source : undefined,
        internal: /(^|\/)internal$/.test(base),
        requirable: typeof target === "object" && target !== null && "require" in target,
      };
    });
}
