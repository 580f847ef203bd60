import { defineConfig } from "tsup";
import { packageBuildOf } from "@clearbox/build-kit/tsup-package";

export default defineConfig(packageBuildOf(["src/index.ts", "src/internal.ts"]));
