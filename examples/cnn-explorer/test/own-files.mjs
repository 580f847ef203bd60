// A model folder (model.json + weights.bin) and an image folder (one sub-folder of PNGs per class) made from the
// cached model and sample, as a user would bring them: for the page's file inputs and the report's --model/--images.
import { Buffer } from "node:buffer";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pngDataUrl } from "@clearbox/charts";

const NAMES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

/** @returns {{ modelDir: string, imagesDir: string }} */
export function writeOwnFiles(count = 60) {
  const dir = mkdtempSync(join(tmpdir(), "cnn-explorer-own-"));
  const stored = JSON.parse(readFileSync(new URL("../data/cnn-model.json", import.meta.url), "utf8"));
  const modelDir = join(dir, "model");
  mkdirSync(modelDir);
  const manifest = [{ paths: ["weights.bin"], weights: stored.weightSpecs }];
  writeFileSync(
    join(modelDir, "model.json"),
    JSON.stringify({ modelTopology: stored.modelTopology, weightsManifest: manifest }),
  );
  writeFileSync(join(modelDir, "weights.bin"), Buffer.from(stored.weightData, "base64"));
  const sample = JSON.parse(readFileSync(new URL("../data/sample.json", import.meta.url), "utf8"));
  const pixels = Buffer.from(sample.pixels, "base64");
  const imagesDir = join(dir, "digits");
  for (let i = 0; i < count; i++) {
    const label = NAMES[sample.labels[i]];
    mkdirSync(join(imagesDir, label), { recursive: true });
    const rgb = new Uint8Array(28 * 28 * 3);
    for (let p = 0; p < 28 * 28; p++) rgb.fill(pixels[i * 784 + p], 3 * p, 3 * p + 3);
    writeFileSync(join(imagesDir, label, `${i}.png`), Buffer.from(pngDataUrl(28, 28, rgb).split(",")[1], "base64"));
  }
  return { modelDir, imagesDir };
}
