import type { Options } from "tsup";

/** The shared build (ESM + CJS + declarations, source maps) of the given entries. */
export function packageBuildOf(entry: string[]): Options;
/** The shared build of a package with one entry, src/index.ts. */
export declare const packageBuild: Options;
