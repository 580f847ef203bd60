import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  installTarballs,
  packPackages,
  RESOLUTIONS,
  typecheckConsumer,
  writeConsumerSources,
} from "./release/consumer.js";
import type { Resolution } from "./release/consumer.js";
import { publishedPackages } from "./release/workspace.js";

// What a TypeScript user meets after `npm install`: the packed tarballs (not the workspace's links) in a project
// outside the workspace, type-checked under each module resolution in use. Public types that reach into an entry
// a resolution cannot see become `any` under skipLibCheck; the consumer's checks turn that into an error.
const root = fileURLToPath(new URL("..", import.meta.url));
const packages = publishedPackages(root);
let scratch = "";
let consumer = "";

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), "clearbox-consumer-"));
  consumer = join(scratch, "consumer");
  const tarballs = packPackages(root, packages, join(scratch, "tarballs"));
  installTarballs(consumer, packages, tarballs);
  writeConsumerSources(consumer, packages);
}, 120_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe("a consumer project installs the packed tarballs", () => {
  it.each(Object.keys(RESOLUTIONS))("type-checks under %s resolution, with no export typed any", (resolution) => {
    expect(typecheckConsumer(root, consumer, resolution as Resolution)).toBe("");
  });

  it("loads every entry with import(), and with require() where a CJS build exists", () => {
    for (const entry of packages.flatMap((pkg) => pkg.entries)) {
      const loaders = [`await import(${JSON.stringify(entry.specifier)})`];
      if (entry.requirable) loaders.push(`require(${JSON.stringify(entry.specifier)})`);
      for (const loader of loaders) {
        const script = `const { createRequire } = await import("node:module"); const require = createRequire(process.cwd() + "/"); const m = ${loader}; if (Object.keys(m).length === 0) throw new Error("no exports");`;
        const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
          cwd: consumer,
          encoding: "utf8",
        });
        expect(run.stderr, `${loader}`).toBe("");
        expect(run.status, `${loader}`).toBe(0);
      }
    }
  });

  it("ships public declarations that never import an internal entry", () => {
    for (const pkg of packages) {
      const dist = join(consumer, "node_modules", pkg.name, "dist");
      const declarations = readdirSync(dist).filter((file) => /\.d\.c?ts$/.test(file));
      for (const file of declarations) {
        expect(readFileSync(join(dist, file), "utf8"), `${pkg.name}/dist/${file}`).not.toMatch(
          /from '[^']*\/internal'/,
        );
      }
    }
  });

  // The bug this guards against, restored in the consumer: cluster's types import core/internal, which node10 cannot
  // resolve without typesVersions. Under skipLibCheck that is not reported; the inputs silently become `any`.
  it("fails when a public .d.ts imports an entry that node10 cannot resolve", () => {
    // Every declaration file of cluster's build (its entries share chunks since ./async, so kmeans's types may live
    // in a chunk rather than index.d.ts).
    const dist = join(consumer, "node_modules", "@clearbox", "cluster", "dist");
    const declarations = readdirSync(dist)
      .filter((name) => name.endsWith(".d.ts"))
      .map((name) => join(dist, name));
    const coreManifest = join(consumer, "node_modules", "@clearbox", "core", "package.json");
    const originals = [...declarations, coreManifest].map((file) => [file, readFileSync(file, "utf8")] as const);
    try {
      for (const [file, text] of originals.slice(0, -1)) {
        writeFileSync(file, text.replace(/from '@clearbox\/core'/g, "from '@clearbox/core/internal'"));
      }
      writeFileSync(coreManifest, originals.at(-1)![1].replace('"typesVersions"', '"typesVersionsRemoved"'));
      const output = typecheckConsumer(root, consumer, "node10");
      expect(output).toMatch(/TS2578: Unused '@ts-expect-error' directive/);
      expect(output).toMatch(/TS2322: Type 'boolean' is not assignable to type '\{ untyped: /);
      expect(typecheckConsumer(root, consumer, "bundler")).toBe("");
    } finally {
      for (const [file, text] of originals) writeFileSync(file, text);
    }
  });
});
