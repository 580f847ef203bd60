import { defineConfig } from "tsup";
import { packageBuildOf } from "@clearbox/build-kit/tsup-package";

// Three entries: the run store, tracker and analyses (no Node, no TensorFlow.js); `./node` for folders on disk;
// `./tfjs` for the model.fit callback (it only calls methods of the model it is given).
// `./node`'s background storage starts dist/write-worker.js; `shims` gives the CommonJS build an import.meta.url.
export default defineConfig({
  ...packageBuildOf(["src/index.ts", "src/node.ts", "src/tfjs.ts", "src/write-worker.ts"]),
  shims: true,
});
