import { defineConfig } from "tsup";
import { packageBuildOf } from "@clearbox/build-kit/tsup-package";

// ESM only: d3 is ESM-only, and Node ≥ 20.19 (this repository's floor) can `require` an ES module.
export default defineConfig({
  ...packageBuildOf(["src/index.ts", "src/ssr.ts", "src/async.ts", "src/worker.ts"]),
  format: ["esm"],
});
