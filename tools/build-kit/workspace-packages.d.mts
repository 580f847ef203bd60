export interface PackageEntry {
  /** The key in `exports`, e.g. "./ssr". */
  subpath: string;
  /** What a user imports, e.g. "@clearbox/charts/ssr". */
  specifier: string;
  /** The source file the entry is built from (src/<name>.ts), when it exists. */
  source: string | undefined;
  /** Plumbing for sibling packages (`./internal`), not a user's entry. */
  internal: boolean;
  /** Whether `require()` has its own condition (a CJS build). */
  requirable: boolean;
}

export interface WorkspacePackage {
  name: string;
  folder: string;
  directory: string;
  manifest: Record<string, unknown> & { name: string; version: string; private?: boolean };
  entries: PackageEntry[];
}

export function workspacePackages(root: string): WorkspacePackage[];
