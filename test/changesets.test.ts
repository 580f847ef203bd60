import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishedPackages } from "./release/workspace.js";

// A release starts from changesets: `changeset version` turns them into version bumps and changelog entries. Run
// here on a copy of the workspace's manifests and the real .changeset/config.json, so nothing in the repository moves.
const root = fileURLToPath(new URL("..", import.meta.url));
const packages = publishedPackages(root);
let copy = "";

const versionOf = (folder: string) =>
  JSON.parse(readFileSync(join(copy, "packages", folder, "package.json"), "utf8")).version as string;

beforeAll(() => {
  copy = mkdtempSync(join(tmpdir(), "clearbox-changesets-"));
  for (const file of ["package.json", "pnpm-workspace.yaml", ".changeset/config.json"]) {
    cpSync(join(root, file), join(copy, file));
  }
  for (const pkg of packages)
    cpSync(join(pkg.directory, "package.json"), join(copy, "packages", pkg.folder, "package.json"));
  symlinkSync(join(root, "node_modules"), join(copy, "node_modules"), "dir");
  writeFileSync(
    join(copy, ".changeset", "kmeans-restarts.md"),
    ["---", '"@clearbox/cluster": minor', "---", "", "kmeans takes `restarts` and keeps the best run."].join("\n"),
  );
  const changeset = join(root, "node_modules", "@changesets", "cli", "bin.js");
  const run = spawnSync(process.execPath, [changeset, "version"], { cwd: copy, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`changeset version failed:\n${run.stdout}${run.stderr}`);
}, 60_000);

afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
});

describe("a changeset drives a release (changeset version, dry run)", () => {
  const cluster = packages.find((pkg) => pkg.name === "@clearbox/cluster")!;
  const before = cluster.manifest.version;
  const dependents = packages.filter((pkg) => Object.hasOwn((pkg.manifest.dependencies ?? {}) as object, cluster.name));

  it("bumps the named package by the named step and writes its changelog", () => {
    const [major, minor] = before.split(".").map(Number);
    expect(versionOf(cluster.folder)).toBe(`${major}.${minor + 1}.0`);
    const changelog = readFileSync(join(copy, "packages", cluster.folder, "CHANGELOG.md"), "utf8");
    expect(changelog).toContain(`## ${versionOf(cluster.folder)}`);
    expect(changelog).toContain("kmeans takes `restarts` and keeps the best run.");
    expect(existsSync(join(copy, ".changeset", "kmeans-restarts.md")), "the changeset is consumed").toBe(false);
  });

  it("patches the packages that depend on it, and leaves the others", () => {
    expect(dependents.length).toBeGreaterThan(0);
    for (const pkg of packages.filter((p) => p.name !== cluster.name)) {
      const [major, minor, patch] = pkg.manifest.version.split(".").map(Number);
      const expected = dependents.includes(pkg) ? `${major}.${minor}.${patch + 1}` : pkg.manifest.version;
      expect(versionOf(pkg.folder), pkg.name).toBe(expected);
    }
  });
});
