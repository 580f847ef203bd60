import { fileURLToPath } from "node:url";
import type { StorybookConfig } from "@storybook/html-vite";

/** Stories import the packages' sources, so edits show without a rebuild. */
export const sourceAliases = Object.fromEntries(
  ["core", "cluster", "reorder", "rect-pack", "credit"].map((name) => [
    `@clearbox/${name}`,
    fileURLToPath(new URL(`../packages/${name}/src/index.ts`, import.meta.url)),
  ]),
);

const config: StorybookConfig = {
  stories: ["../stories/**/*.stories.ts"],
  framework: { name: "@storybook/html-vite", options: {} },
  addons: ["@storybook/addon-vitest"],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  viteFinal: (viteConfig) => ({
    ...viteConfig,
    resolve: { ...viteConfig.resolve, alias: { ...(viteConfig.resolve?.alias ?? {}), ...sourceAliases } },
  }),
};

export default config;
