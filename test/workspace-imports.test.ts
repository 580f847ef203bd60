import { existsSync, readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// Shared code lives in workspace packages imported by name (tools/*: build-kit, test-kit, demo-kit, fixtures,
// model-fixtures), never reached by relative path into scripts/, which holds runnable scripts only. Each workspace
// project declares the packages it imports, so pnpm links them and turbo orders their builds. Imports are read with
// TypeScript's own pre-processor (a real scanner: an import written inside a string or comment is not counted).
const root = fileURLToPath(new URL("..", import.meta.url));
const skipped = new Set(["node_modules", "dist", ".turbo", "storybook-static", "demo-output", ".git", "cache", "api"]);
const sourceFile = /\.(ts|mts|cts|tsx|js|mjs|cjs)$/;

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    if (skipped.has(entry.name) || entry.name.startsWith(".doc-examples")) return [];
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return sourceFile.test(entry.name) && !entry.name.endsWith(".d.ts") ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
  return info.importedFiles.map((imported) => imported.fileName);
}

/** The package a bare specifier names (`@scope/name/sub` → `@scope/name`), or undefined for paths and built-ins. */
function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith(".") || specifier.startsWith("/") || specifier.startsWith("node:")) return undefined;
  if (specifier.startsWith("virtual:") || specifier.startsWith("\0")) return undefined;
  const parts = specifier.split("/");
  const name = specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
  return builtinModules.includes(name) ? undefined : name;
}

/** The workspace project a file belongs to: the nearest folder above it with a package.json. */
function projectOf(file: string): string {
  let folder = dirname(file);
  while (folder.startsWith(root) && !existsSync(join(folder, "package.json"))) folder = dirname(folder);
  return folder;
}

function manifestOf(project: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(project, "package.json"), "utf8"));
}

function declaredBy(project: string): Set<string> {
  const manifest = manifestOf(project) as Record<string, Record<string, string> | undefined> & { name: string };
  const fields = ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"];
  return new Set([manifest.name, ...fields.flatMap((field) => Object.keys(manifest[field] ?? {}))]);
}

const files = sourceFiles(root);
const imports = files.map((file) => ({ file, specifiers: importsOf(file) }));
const scripts = join(root, "scripts") + sep;
const toolFolders = readdirSync(join(root, "tools")).map((name) => join(root, "tools", name));

describe("shared code is imported by name", () => {
  it("reads a real number of files and imports (the scan itself works)", () => {
    expect(files.length).toBeGreaterThan(300);
    expect(imports.filter(({ specifiers }) => specifiers.length > 0).length).toBeGreaterThan(300);
  });

  it("no file outside scripts/ imports from scripts/ by relative path", () => {
    const offenders = imports.flatMap(({ file, specifiers }) =>
      file.startsWith(scripts)
        ? []
        : specifiers
            .filter((specifier) => specifier.startsWith("."))
            .filter((specifier) => resolve(dirname(file), specifier).startsWith(scripts))
            .map((specifier) => `${relative(root, file)} → ${specifier}`),
    );
    expect(offenders).toEqual([]);
  });

  it("each tools/* package declares every package it imports", () => {
    const undeclared = toolFolders.flatMap((folder) => {
      const declared = declaredBy(folder);
      return imports
        .filter(({ file }) => file.startsWith(folder + sep))
        .flatMap(({ file, specifiers }) =>
          specifiers
            .map(packageOf)
            .filter((name): name is string => name !== undefined && !declared.has(name))
            .map((name) => `${relative(root, file)} imports ${name}`),
        );
    });
    expect(undeclared).toEqual([]);
  });

  it("every workspace project declares the @clearbox packages its files import", () => {
    const undeclared = imports.flatMap(({ file, specifiers }) => {
      const declared = declaredBy(projectOf(file));
      return specifiers
        .map(packageOf)
        .filter((name): name is string => name?.startsWith("@clearbox/") === true && !declared.has(name))
        .map(
          (name) =>
            `${relative(root, file)} imports ${name}, not declared in ${relative(root, projectOf(file)) || "."}/package.json`,
        );
    });
    expect(undeclared).toEqual([]);
  });

  it("published packages depend on published packages only, and dev-depend on no tools kit but build-kit, test-kit, fixtures", () => {
    // model-fixtures and demo-kit import the packages themselves: a package that dev-depended on them would close a
    // dependency cycle (turbo refuses to order it). A private package in dependencies could not be installed.
    const devKits = new Set(["@clearbox/build-kit", "@clearbox/test-kit", "@clearbox/fixtures"]);
    const folders = readdirSync(join(root, "packages")).filter(
      (name) =>
        existsSync(join(root, "packages", name, "package.json")) && !manifestOf(join(root, "packages", name)).private,
    );
    const published = new Set(folders.map((name) => manifestOf(join(root, "packages", name)).name as string));
    const wrong = folders.flatMap((name) => {
      const manifest = manifestOf(join(root, "packages", name));
      const clearbox = (field: string) =>
        Object.keys((manifest[field] ?? {}) as Record<string, string>).filter((dep) => dep.startsWith("@clearbox/"));
      return [
        ...["dependencies", "peerDependencies"].flatMap((field) =>
          clearbox(field)
            .filter((dep) => !published.has(dep))
            .map((dep) => `${name} ${field}: ${dep}`),
        ),
        ...clearbox("devDependencies")
          .filter((dep) => !published.has(dep) && !devKits.has(dep))
          .map((dep) => `${name} devDependencies: ${dep}`),
      ];
    });
    expect(published.size).toBeGreaterThanOrEqual(11);
    expect(wrong).toEqual([]);
  });

  it("the checks can fail: a relative import into scripts/ and an undeclared import are both caught", () => {
    const file = join(root, "examples", "x", "src", "a.mjs");
    expect(resolve(dirname(file), "../../../scripts/data/digits.mjs").startsWith(scripts)).toBe(true);
    expect(ts.preProcessFile('import { a } from "../../../scripts/x.mjs";').importedFiles[0]?.fileName).toBe(
      "../../../scripts/x.mjs",
    );
    expect(ts.preProcessFile("const s = 'import { a } from \"x\"';").importedFiles).toEqual([]);
    expect(packageOf("@clearbox/test-kit/chromium")).toBe("@clearbox/test-kit");
    expect(packageOf("node:fs")).toBeUndefined();
    expect(packageOf("fs")).toBeUndefined();
    expect(declaredBy(join(root, "tools", "test-kit")).has("@clearbox/credit")).toBe(false);
  });
});
