import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { HUGE_CASES, isBadOutcome, listPackages, probePackage } from "@clearbox/test-kit/bad-input-probe";

// Every function that every package under packages/ exports (read from its build, so a new package is covered the
// day it exists) meets 26 kinds of bad and extreme arguments (±1e300, denormals, hostile option keys and a getter
// that throws) in a child process: each call must end in a coded ClearboxError or a return that is not NaN — never a
// bare TypeError from inside, never a hang (20 s per call), never a crash. Huge legal inputs one past a documented
// limit must be refused with E_TOO_LARGE before the allocation.
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
        .filter(isBadOutcome)
        .map((o) => `${o.kind} ${o.name}(${o.label})${o.message ? `: ${o.message}` : ""}`);
      expect(bad).toEqual([]);
    },
  );

  const hugePackages = [...new Set(HUGE_CASES.map(([name]) => name))];
  it.each(hugePackages)("%s: one past each documented size limit is E_TOO_LARGE, not a crash", async (name) => {
    const entry = packages.find((pkg) => pkg.name === name)?.entry;
    const outcomes = await probePackage(entry as string, 60_000, { huge: true });
    const expected = HUGE_CASES.filter(([pkg]) => pkg === name).map(([, fn, label]) => `${fn}(${label}): E_TOO_LARGE`);
    expect(outcomes.map((o) => `${o.name}(${o.label}): ${o.code ?? o.kind}`)).toEqual(expected);
  });
});
