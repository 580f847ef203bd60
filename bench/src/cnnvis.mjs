// @clearbox/cnnvis at scale, each measurement in its own Node process (cnnvis-run.mjs) so that peak RSS is its own:
//   * 10,000 MNIST digits through the cnn-explorer app's residual CNN with batch norm (16/32/64 channels, trained;
//     targets: ≤ 30 s, peak RSS ≤ 1.5 GB);
//   * 10,000 MNIST digits through the same architecture at twice the width (32/64/128 channels, seeded weights);
//   * MobileNetV2 at 224 × 224 (alpha 1, seeded tf.layers weights) on 500 images, streamed in blocks;
//   * deriveViews on a 256 × 256 layer pair with one cluster per unit (target ≤ 2 s).
// All on TensorFlow.js's wasm backend (one thread). Run: pnpm bench cnnvis
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { writeReport } from "./measure.mjs";

const here = (file) => fileURLToPath(new URL(file, import.meta.url));
const child = (args) =>
  JSON.parse(
    execFileSync(process.execPath, [here("cnnvis-run.mjs"), ...args.map(String)], { encoding: "utf8" })
      .trim()
      .split("\n")
      .at(-1),
  );
const mib = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const s = (ms) => `${(ms / 1000).toFixed(2)} s`;

export async function runCnnvisBench() {
  const appModel = here("../../examples/cnn-explorer/data/cnn-model.json");
  const app = child(["app", appModel, 10_000]);
  const resnet = child(["resnet", 10_000]);
  const mobile = child(["mobilenet", Number(process.env.CNNVIS_BENCH_MOBILENET ?? 500)]);
  const views = child(["views", 256]);
  writeReport("cnnvis", "@clearbox/cnnvis — analyzeModel and deriveViews at scale", [
    {
      heading: "analyzeModel (wasm backend, one thread)",
      note: "Wall time, CPU time and peak RSS of the whole process (TensorFlow.js and the model included). Shared machine: compare with care.",
      rows: [
        {
          model: "cnn-explorer's residual CNN, batch norm, 16/32/64 channels (trained, MNIST)",
          images: app.images,
          units: app.groups,
          wall: s(app.ms),
          CPU: s(app.cpuMs),
          "images / s": Math.round(app.images / (app.ms / 1000)),
          "peak RSS": mib(app.peakRss),
        },
        {
          model: "the same residual CNN at 32/64/128 channels (seeded weights)",
          images: resnet.images,
          units: resnet.groups,
          wall: s(resnet.ms),
          CPU: s(resnet.cpuMs),
          "images / s": Math.round(resnet.images / (resnet.ms / 1000)),
          "peak RSS": mib(resnet.peakRss),
        },
        {
          model: "MobileNetV2 224² (alpha 1)",
          images: mobile.images,
          units: mobile.groups,
          wall: s(mobile.ms),
          CPU: s(mobile.cpuMs),
          "images / s": (mobile.images / (mobile.ms / 1000)).toFixed(1),
          "peak RSS": mib(mobile.peakRss),
        },
      ],
    },
    {
      heading: "deriveViews on one layer pair, one cluster per unit",
      rows: [
        {
          units: `${views.units} × ${views.units}`,
          "cluster pairs": views.pairs,
          biclustered: views.kept,
          curves: views.curves,
          wall: s(views.ms),
          CPU: s(views.cpuMs),
          "peak RSS": mib(views.peakRss),
        },
      ],
    },
  ]);
}
