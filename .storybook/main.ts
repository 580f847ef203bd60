import { fileURLToPath } from "node:url";
import type { StorybookConfig } from "@storybook/html-vite";
import { workspacePackages } from "@clearbox/build-kit/workspace-packages";

const root = fileURLToPath(new URL("..", import.meta.url));

/**
 * Stories import the packages' sources, so edits show without a rebuild: every entry of every package's `exports`
 * (`@clearbox/<name>`, `@clearbox/<name>/internal`, `/ssr`, …) that has a source file, matched exactly (a prefix
 * match would send the second to the first).
 */
export const sourceAliases = workspacePackages(root).flatMap((pkg) =>
  pkg.entries.flatMap((entry) =>
    entry.source
      ? [{ find: new RegExp(`^${entry.specifier.replace(/[/.-]/g, "\\$&")}$`), replacement: entry.source }]
      : [],
  ),
);

const config: StorybookConfig = {
  stories: ["../stories/**/*.stories.ts"],
  framework: { name: "@storybook/html-vite", options: {} },
  addons: ["@storybook/addon-vitest"],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  viteFinal: (viteConfig) => ({
    ...viteConfig,
    resolve: { ...viteConfig.resolve, alias: [...aliasList(viteConfig.resolve?.alias), ...sourceAliases] },
  }),
};

export default config;

/** Vite takes aliases as an object or a list: as a list, so exact-match patterns can join them. */
function aliasList(alias: unknown): Array<{ find: string | RegExp; replacement: string }> {
  if (Array.isArray(alias)) return alias;
  return Object.entries((alias ?? {}) as Record<string, string>).map(([find, replacement]) => ({ find, replacement }));
}
