import { defineConfig } from "tsup";
import { packageBuildOf } from "@clearbox/build-kit/tsup-package";

// Four entries: the run store, tracker and analyses (no Node, no TensorFlow.js); `./node` for folders on disk;
// `./tfjs` for the model.fit callback (it only calls methods of the model it is given); `./async` (Node) for ./node's long work.
// `./node`'s background storage starts dist/write-worker.js, `./async` dist/worker.js (serving `./node`); `shims` gives
// the CommonJS build an import.meta.url.
export default defineConfig({
  ...packageBuildOf([
    "src/index.ts",
    "src/node.ts",
    "src/tfjs.ts",
    "src/async.ts",
    "src/worker.ts",
    "src/write-worker.ts",
  ]),
  shims: true,
});
