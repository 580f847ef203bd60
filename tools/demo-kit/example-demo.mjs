// Run `pnpm demo --only <app>` (the harness, run.mjs beside this file) into a temporary folder for the examples' tests.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const harness = fileURLToPath(new URL("./run.mjs", import.meta.url));

/**
 * @param {string} app - the example's folder name
 * @param {string[]} [args] - more arguments, e.g. ["--fast"]
 * @returns {{ log: string, html: string }} what the harness printed, and the report it wrote
 */
export function runDemo(app, args = []) {
  const out = mkdtempSync(join(tmpdir(), "demo-"));
  try {
    const log = execFileSync(process.execPath, [harness, "--only", app, ...args, "--out", out], { encoding: "utf8" });
    return { log, html: readFileSync(join(out, `${app}.html`), "utf8") };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** The harness with any arguments, for its own errors: what it printed to stderr when it failed. */
export function demoError(args) {
  try {
    execFileSync(process.execPath, [harness, ...args], { encoding: "utf8", stdio: "pipe" });
    return undefined;
  } catch (error) {
    return String(error.stderr);
  }
}
