import { defineConfig } from "tsup";

/**
 * The build every clearbox package shares: ESM + CJS + declarations from src/index.ts, with source maps.
 * TypeScript 6 needs `ignoreDeprecations` for tsup's declaration build (see the toolchain notes).
 */
export const packageBuild = defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  dts: { compilerOptions: { ignoreDeprecations: "6.0" } },
  sourcemap: true,
  clean: true,
  target: "es2022",
  treeshake: true,
});
