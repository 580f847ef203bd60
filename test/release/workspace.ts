// The published packages: the workspace's packages that are not private, with only the entries users import
// (`./internal` is plumbing for sibling packages).
import { workspacePackages } from "@clearbox/build-kit/workspace-packages";
import type { WorkspacePackage } from "@clearbox/build-kit/workspace-packages";

export type { WorkspacePackage };

export function publishedPackages(root: string): WorkspacePackage[] {
  return workspacePackages(root)
    .filter((pkg) => pkg.manifest.private !== true)
    .map((pkg) => ({ ...pkg, entries: pkg.entries.filter((entry) => !entry.internal) }));
}
