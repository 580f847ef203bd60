import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import {
  differenceFromStated,
  examplesOf,
  markdownFiles,
  parseStated,
  withValueChecks,
} from "@clearbox/test-kit/doc-examples";

// The code in the READMEs and the docs site is the code tested: every ```ts fence is type-checked under `strict` as
// it is written, then run, and each `// => value` comment is checked against what the line returns. A doc cannot
// drift from its test, because the doc is the test. (Conventions: @clearbox/test-kit/doc-examples.)
const root = fileURLToPath(new URL("..", import.meta.url));
const folder = join(root, "test", ".doc-examples");
const examples = markdownFiles(root).flatMap((file) => examplesOf(root, file));
const runnable = examples.filter((example) => !example.fragment);
const slug = (example: { file: string; line: number }) =>
  `${example.file.replace(/[^A-Za-z0-9]+/g, "_")}_line${example.line}`;

declare global {
  var __expectDocValue: (actual: unknown, stated: string, where: string) => void;
}

describe("the documentation's code examples", () => {
  beforeAll(() => {
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(join(folder, "run"), { recursive: true });
    for (const example of runnable) {
      writeFileSync(join(folder, `${slug(example)}.ts`), `${example.code}\n`);
      writeFileSync(join(folder, "run", `${slug(example)}.ts`), `${withValueChecks(example)}\n`);
    }
    writeFileSync(
      join(folder, "tsconfig.json"),
      JSON.stringify({
        extends: "../../tsconfig.json",
        compilerOptions: { strict: true, noEmit: true, types: ["node"] },
        include: ["*.ts"],
      }),
    );
    globalThis.__expectDocValue = (actual, stated, where) => {
      const difference = differenceFromStated(actual, parseStated(stated));
      if (difference) throw new Error(`${where}: the docs say ${stated}, but ${difference}.`);
    };
  });

  it("finds the examples, and every package's documentation has a runnable one", () => {
    expect(runnable.length).toBeGreaterThanOrEqual(10);
    const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
      devDependencies: Record<string, string>;
    };
    for (const example of runnable.filter((e) => e.file.startsWith("packages/"))) {
      const name = JSON.parse(readFileSync(join(root, example.file, "..", "package.json"), "utf8")).name as string;
      // The examples run from the root, so the root must depend on every package they import.
      expect(manifest.devDependencies[name], `the root package.json lists ${name}`).toBe("workspace:*");
    }
  });

  it("type-check under strict as written", () => {
    const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
    let output = "";
    try {
      execFileSync(process.execPath, [tsc, "-p", folder], { encoding: "utf8", stdio: "pipe" });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    // Report each error at its place in the Markdown.
    const located = output.replace(
      /(\S+?_line(\d+))\.ts\((\d+),(\d+)\)/g,
      (_, name: string, start: string, line: string) => {
        const example = runnable.find((e) => slug(e) === name.split("/").pop());
        return `${example?.file ?? name}:${Number(start) + Number(line) - 1}`;
      },
    );
    expect(located).toBe("");
  });

  it.each(runnable.map((example) => [`${example.file}:${example.line}`, example]))(
    "%s runs and returns what its comments say",
    async (_, example) => {
      await import(pathToFileURL(join(folder, "run", `${slug(example)}.ts`)).href);
    },
  );
});
