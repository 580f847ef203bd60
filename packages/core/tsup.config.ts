import { defineConfig } from "tsup";
import { packageBuildOf } from "../../scripts/build/tsup-package.js";

export default defineConfig(packageBuildOf(["src/index.ts", "src/internal.ts"]));
