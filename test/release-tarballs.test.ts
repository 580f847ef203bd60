import { execFileSync, spawn } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { packPackages } from "./release/consumer.js";
import { editedTarball, lintTarball, removeFixture, typesProblems } from "./release/tarball-checks.js";
import { publishedPackages } from "./release/workspace.js";

// The tarballs a user would install, checked before any release: publint and are-the-types-wrong find nothing,
// and both catch the two ways a tarball goes wrong (a file its `exports` names is missing; types resolve to the
// wrong module format). Then `pnpm -r publish --dry-run` runs against a stand-in registry that knows no version,
// so it walks every package as a first release would, without a network.
const root = fileURLToPath(new URL("..", import.meta.url));
const packages = publishedPackages(root);
const esmOnly = (name: string) => !packages.find((pkg) => pkg.name === name)!.entries.some((entry) => entry.requirable);
let scratch = "";
let tarballs = new Map<string, string>();

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), "clearbox-tarballs-"));
  tarballs = packPackages(root, packages, scratch);
}, 120_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe("the packed tarballs", () => {
  it.each(packages.map((pkg) => [pkg.name]))("%s passes publint and are-the-types-wrong", async (name) => {
    const manifest = execFileSync("tar", ["-xzOf", tarballs.get(name)!, "package/package.json"], { encoding: "utf8" });
    expect(manifest, "workspace ranges replaced by versions").not.toMatch(/"workspace:/);
    expect(await lintTarball(tarballs.get(name)!)).toEqual([]);
    expect(typesProblems(root, tarballs.get(name)!, esmOnly(name))).toEqual([]);
  });

  it("fail the checks when files that exports names are missing", async () => {
    const fixture = editedTarball(tarballs.get("@clearbox/cluster")!, (folder) => {
      unlinkSync(join(folder, "dist", "index.cjs"));
      unlinkSync(join(folder, "dist", "index.d.cts"));
    });
    try {
      expect((await lintTarball(fixture)).join("\n")).toMatch(/FILE_DOES_NOT_EXIST/);
      expect(typesProblems(root, fixture, false).join("\n")).toMatch(/NoResolution|UntypedResolution/);
    } finally {
      removeFixture(fixture);
    }
  });

  it("fail the checks when the types resolve to the wrong module format", () => {
    // CommonJS consumers handed the ESM declarations: TypeScript would let them `import` what they must `require`.
    const fixture = editedTarball(tarballs.get("@clearbox/core")!, (folder) => {
      const manifest = join(folder, "package.json");
      writeFileSync(manifest, readFileSync(manifest, "utf8").replaceAll("./dist/index.d.cts", "./dist/index.d.ts"));
    });
    try {
      expect(typesProblems(root, fixture, false).join("\n")).toMatch(/^FalseESM/m);
    } finally {
      removeFixture(fixture);
    }
  });
});

describe("pnpm -r publish --dry-run", () => {
  it("would publish every package at its version", async () => {
    const registry = createServer((_, response) => response.writeHead(404).end("{}"));
    await new Promise<void>((resolve) => registry.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(registry.address() as AddressInfo).port}/`;
    try {
      const filters = packages.flatMap((pkg) => ["--filter", pkg.name]);
      const args = ["-r", ...filters, "publish", "--dry-run", "--no-git-checks", "--registry", url];
      const output = await run("pnpm", args);
      for (const pkg of packages) expect(output).toContain(`${pkg.name}@${pkg.manifest.version}`);
    } finally {
      registry.close();
    }
  }, 180_000);
});

/** Runs a command without blocking the event loop (the stand-in registry must answer meanwhile). */
function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env: { ...process.env, NO_COLOR: "1" } });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${command} exited ${code}\n${output}`)),
    );
  });
}
