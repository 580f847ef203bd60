import { execFileSync } from "node:child_process";

/**
 * The runtime names a built package exports, read the way users read them: Node resolves the package by name
 * through its `exports` map (self-reference from its own folder), once with `import` and once with `require`.
 * Type-only exports do not exist at run time and are not listed.
 *
 * @param {string} packageDirectory
 * @param {string} packageName
 * @returns {{ esm: string[], cjs: string[] }}
 */
export function exportedNames(packageDirectory, packageName) {
  /** @param {string[]} args */
  const run = (args) => JSON.parse(execFileSync(process.execPath, args, { cwd: packageDirectory, encoding: "utf8" }));
  const esm = run([
    "--input-type=module",
    "-e",
    `const m = await import(${JSON.stringify(packageName)}); console.log(JSON.stringify(Object.keys(m).sort()));`,
  ]);
  const cjs = run(["-e", `console.log(JSON.stringify(Object.keys(require(${JSON.stringify(packageName)})).sort()));`]);
  return { esm, cjs };
}
