import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { listPackages, probePackage } from "@clearbox/test-kit/bad-input-probe";

// Every function that every package under packages/ exports (read from its build, so a new package is covered the
// day it exists) meets 25 kinds of bad and extreme arguments (±1e300, denormals, hostile option keys) in a worker
// thread: each call must end in a coded ClearboxError or a return that is not NaN — never a bare TypeError from
// inside, never a hang.
const root = fileURLToPath(new URL("..", import.meta.url));

describe("every export meets bad input with a coded error", () => {
  const packages = listPackages(root);

  it("finds the packages and their builds", () => {
    expect(packages.length).toBeGreaterThanOrEqual(5);
    for (const pkg of packages) expect(pkg.entry && existsSync(pkg.entry), `${pkg.name} is built`).toBe(true);
  });

  it.each(packages.map((pkg) => [pkg.name, pkg.entry]))(
    "%s: no bare throw, no NaN return, no hang",
    async (_, entry) => {
      const outcomes = await probePackage(entry as string, 20_000);
      expect(outcomes.length).toBeGreaterThan(0);
      const bad = outcomes
        .filter((o) => o.kind === "bare" || o.kind === "hang" || o.kind === "nan")
        .map((o) => `${o.kind} ${o.name}(${o.label})${o.message ? `: ${o.message}` : ""}`);
      expect(bad).toEqual([]);
    },
  );
});
