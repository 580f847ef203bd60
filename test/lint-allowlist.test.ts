import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// Functions over 80 lines or nested deeper than 4 are lint errors in the libraries' sources; the files that already
// had them when the rules became errors are listed in eslint-allowlist.json, where they are warnings. The list only
// shrinks: a file leaves it once split, no file joins it, and `pnpm lint` caps the warnings at today's count.
const root = fileURLToPath(new URL("..", import.meta.url));
const { files: allowlist } = JSON.parse(readFileSync(join(root, "eslint-allowlist.json"), "utf8")) as {
  files: string[];
};
const LISTED_WHEN_THE_RULES_BECAME_ERRORS = 22;
const lengthOrDepth = (message: { ruleId: string | null }) =>
  message.ruleId === "max-lines-per-function" || message.ruleId === "max-depth";

describe("the length and depth allow-list", () => {
  it("never grows, and every listed file still needs its place", async () => {
    expect(allowlist.length).toBeLessThanOrEqual(LISTED_WHEN_THE_RULES_BECAME_ERRORS);
    const results = await new ESLint({ cwd: root }).lintFiles(allowlist);
    for (const result of results) {
      const offences = result.messages.filter(lengthOrDepth);
      expect(
        offences.length,
        `${result.filePath} has no long or deep function: remove it from the list`,
      ).toBeGreaterThan(0);
      expect(offences.every((message) => message.severity === 1)).toBe(true);
    }
    const warnings = results.reduce((sum, result) => sum + result.messages.filter(lengthOrDepth).length, 0);
    const lintScript = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).scripts.lint as string;
    const cap = Number(/--max-warnings (\d+)/.exec(lintScript)?.[1]);
    expect(warnings, "pnpm lint's --max-warnings caps them").toBeLessThanOrEqual(cap);
  }, 120_000);

  it("makes a long function an error in any other library source, a new package's included", async () => {
    const body = Array.from({ length: 85 }, (_, i) => `  total += ${i};`).join("\n");
    const code = `export function long(): number {\n  let total = 0;\n${body}\n  return total;\n}\n`;
    const eslint = new ESLint({ cwd: root });
    for (const file of ["packages/core/src/long.ts", "packages/some-new-package/src/long.ts"]) {
      const [result] = await eslint.lintText(code, { filePath: join(root, file) });
      expect(
        result.messages.filter(lengthOrDepth).map((message) => message.severity),
        file,
      ).toEqual([2]);
    }
  }, 60_000);
});
