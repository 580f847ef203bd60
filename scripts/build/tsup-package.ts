import { defineConfig } from "tsup";
import type { Options } from "tsup";

/**
 * The build every clearbox package shares: ESM + CJS + declarations from src/index.ts (and the other entries a
 * package names, e.g. `src/internal.ts`), with source maps. TypeScript 6 needs `ignoreDeprecations` for tsup's
 * declaration build (see the toolchain notes).
 */
export function packageBuildOf(entry: string[]): Options {
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
