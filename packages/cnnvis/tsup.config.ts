import { defineConfig } from "tsup";
import { packageBuildOf } from "@clearbox/build-kit/tsup-package";

// ./async and its worker: `shims` gives the CJS build an import.meta.url, so require("@clearbox/cnnvis/async")
// finds dist/worker.js too.
export default defineConfig({ ...packageBuildOf(["src/index.ts", "src/async.ts", "src/worker.ts"]), shims: true });
