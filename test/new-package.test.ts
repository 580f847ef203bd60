import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listPackages, probePackage } from "@clearbox/test-kit/bad-input-probe";

// A new package needs only its own folder: the API reference, Storybook's aliases, the stories' type paths and the
// project-wide probes read the workspace. Shown on a faithful minimal copy of the workspace (its real config files,
// core, and a throwaway package with a source, a hand-written build and an `./async` entry), so the repository is
// never touched.
const root = fileURLToPath(new URL("..", import.meta.url));
const copied = [
  "tsconfig.json",
  "docs/typedoc.config.mjs",
  "docs/tsconfig.json",
  "stories/tsconfig.json",
  ".storybook/main.ts",
  "packages/core/package.json",
  "packages/core/src",
];
let copy = "";

/** The part of TypeDoc's API used here (TypeDoc is the docs package's dependency, not the root's). */
interface TypeDoc {
  Application: {
    bootstrapWithPlugins(
      options: Record<string, unknown>,
    ): Promise<{ convert(): Promise<DocumentedProject | undefined> }>;
  };
}
interface DocumentedProject {
  children?: Array<{ name: string }>;
  getChildByName(path: string[]): unknown;
}

const throwawaySource = `/**
 * @clearbox/throwaway — a package that exists only in this test.
 *
 * @module @clearbox/throwaway
 * @packageDocumentation
 */
import { ClearboxError } from "@clearbox/core";

/**
 * Doubles a finite number.
 *
 * @param value - the number to double
 * @returns twice \`value\`
 * @throws {ClearboxError} E_NAN when \`value\` is not a finite number
 * @example
 * throwawayDouble(2); // => 4
 */
export function throwawayDouble(value: number): number {
  if (!Number.isFinite(value)) throw new ClearboxError("E_NAN", "value: expected a finite number", { argument: "value" });
  return 2 * value;
}
`;

function writeThrowawayPackage(folder: string): void {
  mkdirSync(join(folder, "src"), { recursive: true });
  mkdirSync(join(folder, "dist"), { recursive: true });
  const entry = (name: string) => ({ import: { types: `./dist/${name}.d.ts`, default: `./dist/${name}.js` } });
  const manifest = { name: "@clearbox/throwaway", version: "0.0.0", type: "module", exports: { ".": entry("index") } };
  Object.assign(manifest.exports, { "./async": entry("async"), "./package.json": "./package.json" });
  writeFileSync(join(folder, "package.json"), JSON.stringify(manifest, null, 2));
  writeFileSync(join(folder, "src", "index.ts"), throwawaySource);
  writeFileSync(join(folder, "src", "async.ts"), "/** The second entry's one value. */\nexport const extra = 1;\n");
  // Its "build": what tsup would emit, minus the coded error (the probe only needs to find and call the function).
  writeFileSync(join(folder, "dist", "index.js"), "export function throwawayDouble(value) { return 2 * value; }\n");
}

beforeAll(() => {
  copy = mkdtempSync(join(tmpdir(), "clearbox-new-package-"));
  for (const path of copied) cpSync(join(root, path), join(copy, path), { recursive: true });
  symlinkSync(join(root, "node_modules"), join(copy, "node_modules"), "dir");
  symlinkSync(join(root, "docs", "node_modules"), join(copy, "docs", "node_modules"), "dir");
  writeThrowawayPackage(join(copy, "packages", "throwaway"));
  writeFileSync(
    join(copy, "stories", "throwaway.ts"),
    [
      'import { throwawayDouble } from "@clearbox/throwaway";',
      'import { extra } from "@clearbox/throwaway/async";',
      "export const doubled: number = throwawayDouble(extra);",
      "// @ts-expect-error a string is not a number: fails only if the package's types resolved",
      'throwawayDouble("2");',
    ].join("\n"),
  );
});

afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
});

describe("a new package under packages/ is picked up with no other edit", () => {
  it("by the API reference (TypeDoc documents its function)", async () => {
    const typedoc = createRequire(join(root, "docs", "package.json")).resolve("typedoc");
    const { Application } = (await import(pathToFileURL(typedoc).href)) as TypeDoc;
    const app = await Application.bootstrapWithPlugins({
      options: join(copy, "docs", "typedoc.config.mjs"),
      plugin: [],
      logLevel: "Error",
    });
    const project = await app.convert();
    const modules = (project?.children ?? []).map((module) => module.name);
    expect(modules).toContain("@clearbox/throwaway");
    expect(project?.getChildByName(["@clearbox/throwaway", "throwawayDouble"])).toBeDefined();
  }, 120_000);

  it("by the stories' type-check (its entries resolve to its sources, typed)", () => {
    const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
    const run = spawnSync(process.execPath, [tsc, "-p", join(copy, "stories", "tsconfig.json")], { encoding: "utf8" });
    expect(`${run.stdout}${run.stderr}`.trim()).toBe("");
    expect(run.status).toBe(0);
  }, 120_000);

  it("by Storybook's aliases (each entry to its source file)", async () => {
    const { sourceAliases } = await import(pathToFileURL(join(copy, ".storybook", "main.ts")).href);
    const target = (specifier: string) =>
      (sourceAliases as Array<{ find: RegExp; replacement: string }>).find((alias) => alias.find.test(specifier))
        ?.replacement;
    expect(target("@clearbox/throwaway")).toBe(join(copy, "packages", "throwaway", "src", "index.ts"));
    expect(target("@clearbox/throwaway/async")).toBe(join(copy, "packages", "throwaway", "src", "async.ts"));
    expect(target("@clearbox/throwaway/other")).toBeUndefined();
  });

  it("by the bad-input and unknown-option probes (its build's functions are called)", async () => {
    const listed = listPackages(copy).find((pkg) => pkg.name === "@clearbox/throwaway");
    expect(listed?.entry).toBe(join(copy, "packages", "throwaway", "dist", "index.js"));
    const outcomes = await probePackage(listed!.entry!, 20_000);
    expect(new Set(outcomes.map((outcome) => outcome.name))).toEqual(new Set(["throwawayDouble"]));
  });
});
