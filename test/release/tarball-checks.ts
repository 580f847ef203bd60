// The two checks a packed tarball passes before it is published: publint (the manifest agrees with the files
// shipped: every path `exports`, `main` or `types` names exists, formats match extensions) and are-the-types-wrong
// (TypeScript finds the right declarations for each entry under node10, node16 from ESM and CJS, and bundler).
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { publint } from "publint";
import { formatMessage } from "publint/utils";

/** publint's warnings and errors for one tarball, as readable lines (empty when the tarball is right). */
export async function lintTarball(tarball: string): Promise<string[]> {
  const data = readFileSync(tarball);
  const bytes = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength);
  const { messages, pkg } = await publint({ pack: { tarball: bytes }, level: "warning" });
  return messages.map((message) => `${message.type} ${message.code}: ${formatMessage(message, pkg, { color: false })}`);
}

/**
 * are-the-types-wrong's problems for one tarball, one line each. A package without `require` builds is ESM-only
 * on purpose (charts: d3 is ESM-only), so "CommonJS resolves to ESM" is expected there and not reported.
 */
export function typesProblems(root: string, tarball: string, esmOnly: boolean): string[] {
  const attw = join(root, "node_modules", "@arethetypeswrong", "cli", "dist", "index.js");
  const ignored = esmOnly ? ["--ignore-rules", "cjs-resolves-to-esm"] : [];
  const run = spawnSync(process.execPath, [attw, tarball, "--format", "json", "--no-definitely-typed", ...ignored], {
    encoding: "utf8",
  });
  if (!run.stdout.trim().startsWith("{")) throw new Error(`attw did not answer for ${tarball}: ${run.stderr}`);
  const { problems } = JSON.parse(run.stdout) as {
    problems?: Record<string, Array<{ kind: string; entrypoint?: string; resolutionKind?: string }>>;
  };
  const ignoredKinds = new Set(esmOnly ? ["CJSResolvesToESM"] : []);
  return Object.values(problems ?? {})
    .flat()
    .filter((problem) => !ignoredKinds.has(problem.kind))
    .map((problem) => `${problem.kind} at ${problem.entrypoint ?? "?"} (${problem.resolutionKind ?? "any"})`);
}

/** A copy of `tarball` changed by `edit` (run on the unpacked `package/` folder): a broken fixture. */
export function editedTarball(tarball: string, edit: (folder: string) => void): string {
  const scratch = mkdtempSync(join(tmpdir(), "clearbox-fixture-"));
  mkdirSync(join(scratch, "unpacked"));
  execFileSync("tar", ["-xzf", tarball, "-C", join(scratch, "unpacked")]);
  edit(join(scratch, "unpacked", "package"));
  const fixture = join(scratch, "fixture.tgz");
  execFileSync("tar", ["-czf", fixture, "-C", join(scratch, "unpacked"), "package"]);
  return fixture;
}

/** Removes a fixture made by `editedTarball`. */
export function removeFixture(fixture: string): void {
  rmSync(join(fixture, ".."), { recursive: true, force: true });
}
