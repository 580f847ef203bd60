import { defineConfig } from "tsup";

/**
 * The build every clearbox package shares: ESM + CJS + declarations from src/index.ts (and the other entries a
 * package names, e.g. `src/internal.ts`), with source maps. TypeScript 6 needs `ignoreDeprecations` for tsup's
 * declaration build (see the toolchain notes). Plain ESM with a .d.mts beside it, not .ts: the packages' tsup
 * configs load it through Node, which does not strip types in Node 20.
 *
 * @param {string[]} entry - the source files of the package's entries
 * @returns {import("tsup").Options}
 */
export function packageBuildOf(entry) {
  return {
    entry,
    format: ["esm", "cjs"],
    dts: { compilerOptions: { ignoreDeprecations: "6.0" } },
    sourcemap: true,
    clean: true,
    target: "es2022",
    treeshake: true,
  };
}

export const packageBuild = defineConfig(packageBuildOf(["src/index.ts"]));
