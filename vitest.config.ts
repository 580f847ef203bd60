import { defineConfig } from "vitest/config";
import { storybookTest } from "@storybook/addon-vitest/vitest-plugin";
import { playwright } from "@vitest/browser-playwright";
import { findChromium } from "@clearbox/test-kit/chromium";

/**
 * The root runs the project-level tests in Node (`test/`: every package's exports probed with bad input and
 * misspelt options) and Storybook's stories as tests (their play functions) in Debian's Chromium: set CHROMIUM_PATH
 * to use another build (else the usual Debian, Ubuntu and macOS locations are tried). Package unit tests run from each package with its own vitest config.
 */
// `pnpm test` runs tools/test-kit/chromium.mjs first, which installs Debian's chromium when none is found.
const chromium = findChromium() ?? "/usr/bin/chromium";

export default defineConfig({
  test: {
    projects: [
      {
        test: { name: "project", include: ["test/**/*.test.ts"], environment: "node", testTimeout: 120_000 },
      },
      {
        // The example apps: their pipelines in Node, their built pages in Chromium (driven by Playwright).
        test: {
          name: "examples",
          include: ["examples/*/test/**/*.test.mjs"],
          environment: "node",
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
      {
        extends: true,
        plugins: [storybookTest({ configDir: ".storybook" })],
        test: {
          name: "storybook",
          // Each story's afterEach runs axe-core over its canvas (seconds on a 2,560-cell heatmap on a loaded machine).
          testTimeout: 60_000,
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({
              launchOptions: {
                executablePath: chromium,
                args: [
                  "--headless",
                  "--no-sandbox",
                  "--disable-gpu",
                  "--disable-background-networking",
                  "--disable-component-update",
                  "--disable-sync",
                  "--no-first-run",
                ],
              },
            }),
            instances: [{ browser: "chromium" }],
          },
        },
      },
    ],
  },
});
