import { readFileSync } from "node:fs";
import js from "@eslint/js";
import tseslint from "typescript-eslint";

// Functions of at most 80 lines, nested at most 4 deep: errors in every library source, except the files that
// broke them when they became errors (eslint-allowlist.json, which only shrinks); there they stay warnings, and
// `pnpm lint` fails if the warnings grow (--max-warnings).
const lengthAndDepth = (level) => ({
  "max-lines-per-function": [level, { max: 80, skipBlankLines: true, skipComments: true }],
  "max-depth": [level, 4],
});
const allowlist = JSON.parse(readFileSync(new URL("./eslint-allowlist.json", import.meta.url), "utf8")).files;

export default tseslint.config(
  {
    ignores: [
      "**/dist/**",
      "**/node_modules/**",
      "storybook-static/**",
      "docs/.vitepress/dist/**",
      "docs/.vitepress/cache/**",
      "docs/api/**",
      "**/.turbo/**",
      "test/.doc-examples/**",
      "demo-output/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: "readonly",
        process: "readonly",
        performance: "readonly",
        URL: "readonly",
        AbortController: "readonly",
        AbortSignal: "readonly",
        document: "readonly",
        window: "readonly",
        structuredClone: "readonly",
        atob: "readonly",
        fetch: "readonly",
        btoa: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
      },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      eqeqeq: ["error", "always"],
      "no-console": "off",
    },
  },
  {
    // Shared code is a workspace package imported by name (tools/*); scripts/ holds runnable scripts only.
    // test/workspace-imports.test.ts checks the same by resolving every import, dynamic ones included.
    ignores: ["scripts/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(\\./|(\\.\\./)+)scripts/",
              message:
                "import shared code by name (@clearbox/test-kit, build-kit, demo-kit, fixtures, …), not from scripts/",
            },
          ],
        },
      ],
    },
  },
  { files: ["packages/*/src/**/*.ts"], rules: lengthAndDepth("error") },
  { files: allowlist, rules: lengthAndDepth("warn") },
);
