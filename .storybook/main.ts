import { existsSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { StorybookConfig } from "@storybook/html-vite";

const packagesFolder = fileURLToPath(new URL("../packages/", import.meta.url));

/**
 * Stories import the packages' sources, so edits show without a rebuild: `@clearbox/<name>` and, where a package
 * has one, `@clearbox/<name>/internal`, matched exactly (a prefix match would send the second to the first).
 */
export const sourceAliases = readdirSync(packagesFolder)
  .filter((name) => existsSync(`${packagesFolder}${name}/src/index.ts`))
  .flatMap((name) =>
    ["index", "internal"]
      .filter((entry) => existsSync(`${packagesFolder}${name}/src/${entry}.ts`))
      .map((entry) => ({
        find: new RegExp(`^@clearbox/${name}${entry === "index" ? "" : `/${entry}`}$`),
        replacement: `${packagesFolder}${name}/src/${entry}.ts`,
      })),
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
