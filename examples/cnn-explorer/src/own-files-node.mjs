// Node side of "open your own model": a tfjs model folder (model.json + its weight files) and a folder of labelled
// PNG images (sub-folder names are the labels), for `pnpm demo --only cnn-explorer --model <dir> --images <dir>`.
import { Buffer } from "node:buffer";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { inflateSync } from "node:zlib";
import * as tf from "@tensorflow/tfjs";
import { resizeToInput } from "./own-images.mjs";

/** A tfjs layers model from a folder: model.json and the weight files its manifest names. */
export async function loadModelFolder(dir) {
  const json = JSON.parse(readFileSync(join(dir, "model.json"), "utf8"));
  if (!json.modelTopology || !Array.isArray(json.weightsManifest)) {
    throw new Error(`${dir}/model.json is not a TensorFlow.js layers model (no modelTopology / weightsManifest).`);
  }
  const buffers = json.weightsManifest.flatMap((group) => group.paths.map((p) => readFileSync(join(dir, p))));
  const all = Buffer.concat(buffers);
  return tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: json.modelTopology,
      weightSpecs: json.weightsManifest.flatMap((group) => group.weights),
      weightData: all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength),
    }),
  );
}

/** Labelled images from `dir/<label>/*.png`, resized to the model's input (height, width, channels), values in [0, 1]. */
export function loadImageFolder(dir, inputShape) {
  const classes = readdirSync(dir)
    .filter((name) => statSync(join(dir, name)).isDirectory())
    .sort();
  if (classes.length === 0)
    throw new Error(`${dir} holds no sub-folders: put each class's images in a folder named for it.`);
  const images = [];
  const labels = [];
  classes.forEach((name, label) => {
    for (const file of readdirSync(join(dir, name)).sort()) {
      if (!file.toLowerCase().endsWith(".png")) continue;
      images.push(resizeToInput(decodePng(readFileSync(join(dir, name, file)), `${name}/${file}`), inputShape));
      labels.push(label);
    }
  });
  if (labels.length === 0) throw new Error(`${dir}: no .png images in its class folders.`);
  const size = inputShape.reduce((a, b) => a * b, 1);
  const flat = new Float32Array(labels.length * size);
  images.forEach((image, i) => flat.set(image, i * size));
  return { images: flat, labels, classes };
}

/** An 8-bit, non-interlaced PNG (grey, grey + alpha, RGB, RGBA) as RGBA bytes. */
export function decodePng(bytes, name) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 8;
  let header;
  const data = [];
  while (offset < bytes.length) {
    const length = view.getUint32(offset);
    const type = bytes.toString("latin1", offset + 4, offset + 8);
    const body = bytes.subarray(offset + 8, offset + 8 + length);
    if (type === "IHDR")
      header = {
        width: body.readUInt32BE(0),
        height: body.readUInt32BE(4),
        depth: body[8],
        color: body[9],
        interlace: body[12],
      };
    if (type === "IDAT") data.push(body);
    offset += 12 + length;
  }
  const channelsOf = { 0: 1, 2: 3, 4: 2, 6: 4 };
  if (!header || header.depth !== 8 || header.interlace !== 0 || !(header.color in channelsOf)) {
    throw new Error(`${name}: only 8-bit non-interlaced grey or RGB(A) PNGs are read.`);
  }
  const channels = channelsOf[header.color];
  const raw = inflateSync(Buffer.concat(data));
  return {
    width: header.width,
    height: header.height,
    rgba: toRgba(unfilter(raw, header.width, header.height, channels), channels),
  };
}

function unfilter(raw, width, height, bpp) {
  const stride = width * bpp;
  const out = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x];
      const a = x >= bpp ? out[y * stride + x - bpp] : 0;
      const b = y > 0 ? out[(y - 1) * stride + x] : 0;
      const c = x >= bpp && y > 0 ? out[(y - 1) * stride + x - bpp] : 0;
      const p = a + b - c;
      const paeth =
        Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c)
          ? a
          : Math.abs(p - b) <= Math.abs(p - c)
            ? b
            : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter];
      out[y * stride + x] = (v + predictor) & 255;
    }
  }
  return out;
}

function toRgba(pixels, channels) {
  const n = pixels.length / channels;
  const rgba = new Uint8Array(n * 4);
  for (let i = 0; i < n; i++) {
    const at = i * channels;
    const [r, g, b] =
      channels >= 3 ? [pixels[at], pixels[at + 1], pixels[at + 2]] : [pixels[at], pixels[at], pixels[at]];
    rgba.set([r, g, b, channels === 2 || channels === 4 ? pixels[at + channels - 1] : 255], i * 4);
  }
  return rgba;
}
