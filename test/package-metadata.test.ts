import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { publishedPackages } from "./release/workspace.js";

// What a registry page shows: the README (its links must work there, so no `../` paths), and the repository,
// homepage and bugs links, all pointing into the one repository the root package.json names. And every package
// says how to install it, in its README and in its docs guide.
const root = fileURLToPath(new URL("..", import.meta.url));
const rootManifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const repository = String(rootManifest.repository?.url ?? "")
  .replace(/^git\+/, "")
  .replace(/\.git$/, "");
const packages = publishedPackages(root);

/** The guide page of a package on the docs site: docs/packages/<folder>.md, or docs/<folder>/index.md. */
const guideOf = (folder: string) =>
  [join(root, "docs", "packages", `${folder}.md`), join(root, "docs", folder, "index.md")].find((file) =>
    existsSync(file),
  );

describe("package metadata and READMEs, as a registry shows them", () => {
  it("the root names the repository", () => {
    expect(repository).toMatch(/^https:\/\/\S+$/);
  });

  it.each(packages.map((pkg) => [pkg.name, pkg]))("%s links into the repository and publishes publicly", (_, pkg) => {
    const { manifest, folder } = pkg as (typeof packages)[number];
    expect(manifest.repository).toEqual({ type: "git", url: `git+${repository}.git`, directory: `packages/${folder}` });
    expect(manifest.homepage).toBe(`${repository}/tree/main/packages/${folder}#readme`);
    expect(manifest.bugs).toBe(`${repository}/issues`);
    expect(manifest.publishConfig).toEqual({ access: "public" });
    expect(manifest.license).toBe("MIT");
    expect(String(manifest.description ?? "").length).toBeGreaterThan(20);
    expect((manifest.keywords as string[] | undefined)?.length ?? 0).toBeGreaterThan(0);
    expect(manifest.files).toEqual(expect.arrayContaining(["dist", "README.md"]));
  });

  it.each(packages.map((pkg) => [pkg.name, pkg]))("%s: README and guide say how to install it", (name, pkg) => {
    const { directory, folder } = pkg as (typeof packages)[number];
    const readme = readFileSync(join(directory, "README.md"), "utf8");
    const relativeLinks = [...readme.matchAll(/\]\(([^)#][^)]*)\)/g)]
      .map((match) => match[1])
      .filter((target) => !/^(https?:|mailto:)/.test(target));
    expect(relativeLinks, "links that break on a registry page").toEqual([]);
    expect(readme).toContain(`npm install ${name}`);
    const guide = guideOf(folder);
    expect(guide, `a docs guide for ${name}`).toBeDefined();
    expect(readFileSync(guide!, "utf8")).toContain(`npm install ${name}`);
  });
});
