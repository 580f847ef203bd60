// The ```ts code fences of the project's Markdown (the READMEs and the docs site), for test/docs-examples.test.ts:
// each is type-checked as written and run, and its `// =>` comments are checked against what the code returns.
//
// Conventions a fence follows:
//   * It is a module that runs as is: it imports what it uses and defines its data.
//   * A line `EXPRESSION; // => VALUE` states the expression's value: VALUE is a JavaScript literal; typed arrays
//     compare as arrays, numbers to the decimals VALUE shows, objects by the keys VALUE lists (`…` may stand for
//     the rest, and is dropped). Prose may follow a value after ` — `.
//   * A fence whose first line starts with `// Fragment` is a sketch (it uses names it does not define): it is
//     neither type-checked nor run, and says so to the reader in that first line.
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join, relative } from "node:path";

/** The Markdown files whose fences are tested: the root README, each package README, the docs site's pages. */
export function markdownFiles(root) {
  const files = ["README.md"];
  for (const name of readdirSync(join(root, "packages"))) {
    if (existsSync(join(root, "packages", name, "README.md"))) files.push(join("packages", name, "README.md"));
  }
  const walk = (folder) => {
    for (const entry of readdirSync(join(root, folder), { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!["node_modules", "api", ".vitepress", "public"].includes(entry.name)) walk(path);
      } else if (entry.name.endsWith(".md")) files.push(path);
    }
  };
  walk("docs");
  return files.filter((file) => existsSync(join(root, file)));
}

/** Every ```ts fence of `file` (relative to `root`), with where it starts and whether it is a fragment. */
export function examplesOf(root, file) {
  const lines = readFileSync(join(root, file), "utf8").split("\n");
  const examples = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^```(ts|typescript)\s*$/.test(lines[i])) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && lines[end] !== "```") end++;
    const code = lines.slice(start, end).join("\n");
    examples.push({
      file: relative(root, join(root, file)),
      line: start + 1,
      code,
      fragment: /^\/\/ Fragment\b/.test(lines[start] ?? ""),
    });
    i = end;
  }
  return examples;
}

/**
 * The fence rewritten to check its `// =>` comments: `EXPR; // => VALUE` becomes
 * `__expectDocValue(EXPR, VALUE_SOURCE, "file:line")`. Other lines are kept as they are.
 */
export function withValueChecks(example) {
  return example.code
    .split("\n")
    .map((line, k) => {
      const match = /^(\s*)(.+?);\s*\/\/ => (.+?)(?:\s+—\s.*)?$/.exec(line);
      if (!match) return line;
      const [, indent, expression, value] = match;
      const where = `${example.file}:${example.line + k}`;
      if (!balanced(expression)) {
        throw new Error(`${where}: a stated value (// =>) needs an expression that stands alone on its line.`);
      }
      return `${indent}__expectDocValue(${expression}, ${JSON.stringify(value)}, ${JSON.stringify(where)});`;
    })
    .join("\n");
}

/** Whether brackets open and close within `text` (strings are not expected in a stated line's expression). */
function balanced(text) {
  let depth = 0;
  for (const ch of text) {
    if ("([{".includes(ch)) depth++;
    else if (")]}".includes(ch) && --depth < 0) return false;
  }
  return depth === 0;
}

/** Decimals a number literal shows (3 for 0.033, 0 for 5). */
function decimalsOf(value) {
  const text = String(value);
  const dot = text.indexOf(".");
  return dot < 0 || text.includes("e") ? 0 : text.length - dot - 1;
}

/** Compare `actual` to the stated value; returns a description of the first difference, or undefined. */
export function differenceFromStated(actual, expected, path = "value") {
  if (ArrayBuffer.isView(actual)) actual = Array.from(actual);
  if (typeof expected === "number") {
    if (typeof actual !== "number") return `${path} is ${JSON.stringify(actual)}, stated ${expected}`;
    const tolerance = 0.5 * 10 ** -decimalsOf(expected) + 1e-12;
    return Math.abs(actual - expected) <= tolerance ? undefined : `${path} is ${actual}, stated ${expected}`;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${path} is not an array`;
    if (actual.length !== expected.length) return `${path} has ${actual.length} entries, stated ${expected.length}`;
    for (let i = 0; i < expected.length; i++) {
      const d = differenceFromStated(actual[i], expected[i], `${path}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  if (expected !== null && typeof expected === "object") {
    if (actual === null || typeof actual !== "object") return `${path} is not an object`;
    for (const key of Object.keys(expected)) {
      const d = differenceFromStated(actual[key], expected[key], `${path}.${key}`);
      if (d) return d;
    }
    return undefined;
  }
  return Object.is(actual, expected)
    ? undefined
    : `${path} is ${JSON.stringify(actual)}, stated ${JSON.stringify(expected)}`;
}

/** The stated value's source as a value: `…` (the rest) is dropped, and a trailing comma it leaves. */
export function parseStated(source) {
  const cleaned = source.replace(/,?\s*…\s*/g, " ").replace(/,\s*([}\]])/g, " $1");
  return new Function(`return (${cleaned});`)();
}
