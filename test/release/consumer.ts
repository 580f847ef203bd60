// A project outside the workspace that installs the packed tarballs as a user would, without a network: each
// tarball is unpacked into node_modules/<name> (what npm does with a .tgz), and each third-party dependency or peer
// it declares is linked from the workspace's pnpm store (the same versions the lockfile pins). A dependency the
// tarball forgets to declare is therefore missing here, as it would be for a user.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { WorkspacePackage } from "./workspace.js";

/** `pnpm pack` for every package (workspace ranges become real versions); returns name → tarball path. */
export function packPackages(root: string, packages: WorkspacePackage[], destination: string): Map<string, string> {
  const filters = packages.flatMap((pkg) => ["--filter", pkg.name]);
  execFileSync("pnpm", ["-r", ...filters, "pack", "--pack-destination", destination], { cwd: root, stdio: "pipe" });
  return new Map(
    packages.map((pkg) => {
      const file = `${pkg.name.replace(/^@/, "").replace("/", "-")}-${pkg.manifest.version}.tgz`;
      return [pkg.name, join(destination, file)];
    }),
  );
}

/** Unpacks each tarball into `consumer/node_modules` and links the third-party packages they declare. */
export function installTarballs(consumer: string, packages: WorkspacePackage[], tarballs: Map<string, string>): void {
  const ours = new Set(packages.map((pkg) => pkg.name));
  for (const pkg of packages) {
    const target = join(consumer, "node_modules", pkg.name);
    mkdirSync(target, { recursive: true });
    execFileSync("tar", ["-xzf", tarballs.get(pkg.name)!, "-C", target, "--strip-components=1"]);
  }
  for (const pkg of packages) {
    const declared = { ...(pkg.manifest.peerDependencies as object), ...(pkg.manifest.dependencies as object) };
    for (const dependency of Object.keys(declared).filter((name) => !ours.has(name))) {
      linkFromStore(consumer, pkg, dependency);
    }
  }
}

function linkFromStore(consumer: string, pkg: WorkspacePackage, dependency: string): void {
  const link = join(consumer, "node_modules", dependency);
  if (existsSync(link)) return;
  const installed = join(pkg.directory, "node_modules", dependency);
  if (!existsSync(installed))
    throw new Error(`${pkg.name} declares ${dependency}, but the workspace has not installed it`);
  mkdirSync(dirname(link), { recursive: true });
  symlinkSync(realpathSync(installed), link, "dir");
}

/** Module resolutions a consumer may use: each compiles one source file with its own tsconfig. */
export const RESOLUTIONS = {
  node10: { file: "index.ts", compilerOptions: { module: "commonjs", moduleResolution: "node10" } },
  "node16-esm": { file: "esm.mts", compilerOptions: { module: "node16", moduleResolution: "node16" } },
  "node16-cjs": { file: "cjs.cts", compilerOptions: { module: "node16", moduleResolution: "node16" } },
  bundler: { file: "index.ts", compilerOptions: { module: "esnext", moduleResolution: "bundler" } },
} as const;
export type Resolution = keyof typeof RESOLUTIONS;

/**
 * The consumer's sources: every public entry imported, a type-level check that none of its exports or their
 * parameters is `any` (what an unresolved import silently becomes under skipLibCheck), and one call that must not
 * type-check. CommonJS files import only the entries that have a `require` build.
 */
export function writeConsumerSources(consumer: string, packages: WorkspacePackage[]): void {
  const entries = packages.flatMap((pkg) => pkg.entries);
  const hasCluster = packages.some((pkg) => pkg.name === "@clearbox/cluster");
  const source = (commonjs: boolean) =>
    [
      "type IsAny<T> = 0 extends 1 & T ? true : false;",
      "type AnyParameter<F> = F extends (...args: infer P) => unknown ? { [I in keyof P]: IsAny<P[I]> }[number] : false;",
      "type Untyped<M> = { [K in keyof M]: IsAny<M[K]> extends true ? K : true extends AnyParameter<M[K]> ? K : never }[keyof M];",
      "type Typed<M> = [Untyped<M>] extends [never] ? true : { untyped: Untyped<M> };",
      ...entries
        .filter((entry) => !commonjs || entry.requirable)
        .flatMap((entry, i) => [
          `import * as entry${i} from "${entry.specifier}";`,
          `export const typed${i}: Typed<typeof entry${i}> = true; // ${entry.specifier}`,
        ]),
      ...(hasCluster
        ? [
            'import { kmeans } from "@clearbox/cluster";',
            "export const clusters = kmeans([[0, 0], [1, 1]], 2);",
            "// @ts-expect-error a string is not a matrix: fails only if the input types resolved",
            'kmeans("not a matrix", 2);',
          ]
        : []),
    ].join("\n");
  writeFileSync(join(consumer, "index.ts"), source(false));
  writeFileSync(join(consumer, "esm.mts"), source(false));
  writeFileSync(join(consumer, "cjs.cts"), source(true));
  writeFileSync(join(consumer, "package.json"), JSON.stringify({ name: "consumer", private: true }));
  for (const [name, { file, compilerOptions }] of Object.entries(RESOLUTIONS)) {
    const options = { ...compilerOptions, target: "es2022", lib: ["es2022", "dom"], strict: true, noEmit: true };
    const config = { compilerOptions: { ...options, skipLibCheck: true, types: [], ignoreDeprecations: "6.0" } };
    writeFileSync(join(consumer, `tsconfig.${name}.json`), JSON.stringify({ ...config, files: [file] }, null, 2));
  }
}

/** Runs the workspace's TypeScript on one of the consumer's configurations; returns its diagnostics. */
export function typecheckConsumer(root: string, consumer: string, resolution: Resolution): string {
  const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
  const run = spawnSync(process.execPath, [tsc, "-p", join(consumer, `tsconfig.${resolution}.json`)], {
    encoding: "utf8",
  });
  return `${run.stdout}${run.stderr}`.trim();
}
