// The workspace's published packages read from disk (packages/*/package.json), so release checks cover a new
// package the day its folder exists. Internal entries (`./internal`) are plumbing for sibling packages: not checked
// as a user would import them.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface PublicEntry {
  /** The specifier a user writes, e.g. `@clearbox/charts/ssr`. */
  specifier: string;
  /** Whether `require()` has its own condition (a CJS build), so a CommonJS consumer can load it. */
  requirable: boolean;
}

export interface WorkspacePackage {
  name: string;
  directory: string;
  manifest: Record<string, unknown> & { name: string; version: string; exports?: Record<string, unknown> };
  entries: PublicEntry[];
}

/** The non-private packages under `root/packages`, with the entries their `exports` map opens to users. */
export function publishedPackages(root: string): WorkspacePackage[] {
  const folder = join(root, "packages");
  return readdirSync(folder)
    .filter((name) => existsSync(join(folder, name, "package.json")))
    .map((name) => {
      const directory = join(folder, name);
      const manifest = JSON.parse(readFileSync(join(directory, "package.json"), "utf8"));
      return { name: manifest.name, directory, manifest, entries: publicEntries(manifest) };
    })
    .filter((pkg) => pkg.manifest.private !== true);
}

function publicEntries(manifest: WorkspacePackage["manifest"]): PublicEntry[] {
  const exports = manifest.exports ?? { ".": manifest.main };
  return Object.entries(exports)
    .filter(([subpath]) => !/internal|package\.json|\*/.test(subpath))
    .map(([subpath, target]) => ({
      specifier: subpath === "." ? manifest.name : `${manifest.name}/${subpath.slice(2)}`,
      requirable: typeof target === "object" && target !== null && "require" in target,
    }));
}
